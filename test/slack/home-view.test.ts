import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StoredRequest } from "../../src/requests/queries.js";
import { HOME_MAX_BLOCKS, homeView } from "../../src/slack/blocks/home.js";
import { locales, translator } from "../../src/slack/i18n/catalog.js";
import { validateView } from "../support/fake-slack.js";
import { storedRequest } from "../support/stored-request.js";

const T0 = 1_718_000_000_000;

function stored(i: number, overrides: Partial<StoredRequest> = {}): StoredRequest {
  return storedRequest({
    id: `req-${i}`,
    channelId: "C0REQUESTS",
    requesterId: "U0ALICE",
    request: {
      accountId: "Acc1",
      name: `ws-${i}`,
      configuration: {
        docker: { image: "tensorflow:2.15.0-gpu", command: "jupyter" },
        resource: { cpuCount: 1, gpuCount: 1, gpuModel: "T4" },
      },
    },
    cardTs: `1700000000.${String(i).padStart(6, "0")}`,
    createdAt: T0 + i,
    updatedAt: T0 + i,
    ...overrides,
  });
}

const approveValues = (view: { blocks: unknown[] }) =>
  (view.blocks as { elements?: { action_id?: string; value?: string }[] }[])
    .flatMap((b) => b.elements ?? [])
    .filter((e) => e.action_id === "aiworkspace.approve")
    .map((e) => e.value);

describe("the Home view", () => {
  it("stays within Slack's limits however many requests wait, and counts what it leaves out", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 }),
        fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
        fc.integer({ min: 1, max: 60 }),
        fc.boolean(),
        fc.constantFrom(...locales),
        (mineCount, waitingCount, read, notice, locale) => {
          const mine = Array.from({ length: mineCount }, (_, i) => stored(i));
          // The store reads the oldest `read` of them, and counts them all.
          const waiting =
            waitingCount === undefined
              ? undefined
              : {
                  oldest: Array.from({ length: Math.min(read, waitingCount) }, (_, i) =>
                    stored(1000 + i, { requesterId: "U0BOB" }),
                  ),
                  total: waitingCount,
                };
          const view = homeView(
            {
              mine,
              waiting,
              links: new Map(),
              notice: notice ? "This request was already approved." : undefined,
            },
            translator(locale),
          );
          expect(validateView(view)).toEqual([]);
          expect(view.blocks.length).toBeLessThanOrEqual(HOME_MAX_BLOCKS);
          const shown = approveValues(view);
          const text = JSON.stringify(view.blocks);
          const more = /…(?:and |ほかに )(\d+)/.exec(text);
          expect(shown.length + Number(more?.[1] ?? 0)).toBe(waiting?.total ?? 0);
          // Oldest first: whoever has waited longest is at the top.
          expect(shown).toEqual((waiting?.oldest ?? []).slice(0, shown.length).map((r) => r.id));
          // The title counts them all, not only those read.
          if (waiting) {
            expect(view.blocks).toContainEqual(
              expect.objectContaining({
                type: "header",
                text: expect.objectContaining({
                  text: translator(locale)("home.waitingTitle", { count: waiting.total }),
                }),
              }),
            );
          }
          for (const r of mine) expect(text).toContain(r.request.name);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("says where a request not yet in its channel stands, instead of a thread link", () => {
    const view = homeView(
      {
        mine: [stored(1, { cardTs: null }), stored(2)],
        waiting: undefined,
        links: new Map([["req-2", "https://fake-team.slack.com/archives/C0REQUESTS/p1"]]),
      },
      translator("en"),
    );
    const text = JSON.stringify(view.blocks);
    expect(text).toContain("Not in its channel yet");
    expect(text).toContain("<https://fake-team.slack.com/archives/C0REQUESTS/p1|Open the thread>");
    expect(text).not.toContain("Waiting for your approval");
  });
});
