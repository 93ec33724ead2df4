import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inputBlockIds } from "../../src/slack/blocks/modal.js";
import type { FakeView } from "../support/fake-slack.js";
import { fuzzCase } from "../support/form-arbitraries.js";
import { viewSubmission } from "../support/slack-requests.js";
import { startTestBot, type TestBot } from "../support/test-bot.js";

/**
 * A few hundred random submissions through the real app over signed HTTP: Bolt's parsing, the
 * listener, the store and the announcements. The bulk runs in process (test/slack).
 */

const RUNS = 300;
const FUZZER = "U0FUZZER01";

let t: TestBot;
let view: FakeView;
beforeAll(async () => {
  t = await startTestBot({ env: { MAX_PENDING_PER_USER: "1000" } });
  view = await t.openForm(FUZZER);
});
afterAll(async () => {
  await t?.stop();
});

describe("fuzzing the form over HTTP", () => {
  it(`answers ${RUNS} random submissions with 200 and errors only under present fields`, async () => {
    const tally = { accepted: 0, refused: 0, unusable: 0 };
    await fc.assert(
      fc.asyncProperty(fuzzCase(inputBlockIds(view)), async (c) => {
        const submitted = {
          ...view,
          blocks: view.blocks.filter(
            (b) => !c.drop.includes(String((b as { block_id?: string }).block_id)),
          ),
          ...(c.metadata === undefined ? {} : { private_metadata: c.metadata as string }),
        };
        const present = inputBlockIds(submitted);
        const answer = await t.send(
          viewSubmission({ view: submitted, values: c.values as never, userId: FUZZER }),
        );
        if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${answer.body}`);
        const ack = answer.json as { response_action?: string; errors?: Record<string, string> };
        if (ack.response_action === "errors") {
          tally.refused++;
          const keys = Object.keys(ack.errors ?? {});
          if (keys.length === 0 || keys.some((k) => !present.includes(k))) {
            throw new Error(`errors ${keys.join(", ")} with fields ${present.join(", ")}`);
          }
        } else if (ack.response_action === "update") {
          // No field, or metadata the app did not seal: "form out of date".
          if (present.length === 0 || c.metadata !== undefined) tally.unusable++;
          else tally.accepted++;
        } else {
          throw new Error(`unexpected answer ${answer.body}`);
        }
      }),
      { numRuns: RUNS },
    );
    console.info(`form fuzzer, over HTTP: ${JSON.stringify(tally)}`);
    expect(tally.accepted).toBeGreaterThan(RUNS / 10);
    expect(tally.refused).toBeGreaterThan(RUNS / 10);
    expect((await fetch(`${t.bot.url}/healthz`)).status).toBe(200);
    expect(t.logs.filter((l) => l.includes('"level":"error"'))).toEqual([]);
  }, 120_000);
});
