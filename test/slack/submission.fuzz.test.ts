import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkCreateRequest } from "../../src/dataforest/create-request.js";
import {
  checkWithLimits,
  DEFAULT_LIMITS,
  type Limits,
  limitProblems,
} from "../../src/requests/limits.js";
import { readPresets, SHIPPED_PRESETS } from "../../src/requests/presets.js";
import { type CreateModal, createModal, inputBlockIds } from "../../src/slack/blocks/modal.js";
import { presetValues } from "../../src/slack/preset-values.js";
import { metaKey } from "../../src/slack/signed-meta.js";
import { readSubmission } from "../../src/slack/submission.js";
import { fuzzCase } from "../support/form-arbitraries.js";

/**
 * Random submissions through the form's real reading: parsing, the create schema, the operator's
 * bounds and the mapping of problems to inline errors. Whatever arrives must end in a checked
 * request or in errors under fields the view has, never in an exception.
 */

const RUNS = 10_000;
const limits: Limits = { ...DEFAULT_LIMITS, maxGpuCount: 4, maxCpuCount: 16, maxMemoryGb: 128 };
const FIXED = "AcFixed000000000000001";
const KEY = metaKey("fuzz-signing-secret-0123456789");

const loaded = readPresets(SHIPPED_PRESETS, limits, (p) => p.code);
if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
const presets = loaded.presets;
const images = [{ label: "TensorFlow", images: ["tensorflow:2.15.0-gpu"] }];
const accounts = [{ id: "AcTeamA000000000000001", name: "team-a" }];
const shapes: { label: string; modal: CreateModal; fixed: string | undefined }[] = [
  {
    label: "short form, choices loaded",
    modal: {
      metaKey: KEY,
      meta: { channelId: "C1", userId: "U1", preset: "tf-train", locale: "en" },
      values: {},
      presets,
      images: { state: "ready", value: images },
      accounts: { state: "ready", value: accounts },
      workspaces: { state: "ready", value: [{ id: "ws1", name: "old-ws" }] },
      limits,
    },
    fixed: undefined,
  },
  {
    label: "every field, choices still loading",
    modal: {
      metaKey: KEY,
      meta: { channelId: "C1", userId: "U1", more: true, rev: 2, locale: "en" },
      values: presetValues(presets[0]),
      presets,
      images: { state: "loading" },
      accounts: { state: "loading" },
      workspaces: { state: "none" },
      limits,
    },
    fixed: undefined,
  },
  {
    label: "every field, fixed account, lists unavailable",
    modal: {
      metaKey: KEY,
      meta: { channelId: "C1", userId: "U1", more: true, locale: "ja" },
      values: {},
      presets,
      images: { state: "unavailable" },
      accounts: { state: "fixed" },
      workspaces: { state: "loading" },
      limits,
    },
    fixed: FIXED,
  },
];

describe("fuzzing the form's submission", () => {
  it(`answers ${RUNS} random submissions with a checked request or errors under present fields`, () => {
    const tally = { accepted: 0, refused: 0, unusable: 0 };
    const cases = fc.oneof(
      ...shapes.map((shape) => {
        const view = createModal(shape.modal);
        return fuzzCase(inputBlockIds(view)).map((c) => ({ shape, view, c }));
      }),
    );
    // Plain checks inside the loop: expect() on every key of 10,000 answers costs seconds.
    const fail = (what: string, detail: unknown) => {
      throw new Error(`${what}: ${JSON.stringify(detail).slice(0, 2000)}`);
    };
    fc.assert(
      fc.property(cases, ({ shape, view, c }) => {
        const blocks = view.blocks.filter(
          (b) => !("block_id" in b && b.block_id && c.drop.includes(b.block_id)),
        );
        const submitted = {
          ...view,
          blocks,
          private_metadata: c.metadata === undefined ? view.private_metadata : c.metadata,
          state: { values: c.values },
        };
        const present = inputBlockIds(submitted);
        const read = readSubmission(submitted, {
          userId: "U1",
          metaKey: KEY,
          check: (input) => checkWithLimits(input, limits),
          fixedAccountId: shape.fixed,
          presets,
        });
        if (read.ok) {
          tally.accepted++;
          if (!checkCreateRequest(read.request).ok) fail("accepted, but the schema refuses", read);
          const over = limitProblems(read.request, limits);
          if (over.length > 0) fail("accepted past a bound", over);
          if (shape.fixed && read.request.accountId !== shape.fixed)
            fail("account not fixed", read);
          return;
        }
        if ("unusable" in read) {
          tally.unusable++;
          // Metadata the app did not seal makes a form unusable whatever its fields.
          if (present.length > 0 && c.metadata === undefined) {
            fail("called unusable with fields present", present);
          }
          return;
        }
        tally.refused++;
        const keys = Object.keys(read.errors);
        if (keys.length === 0) fail("refused without an error", c);
        for (const key of keys) {
          if (!present.includes(key))
            fail("an error under a block not in the view", { key, present });
          const text = read.errors[key];
          if (typeof text !== "string" || text.length === 0 || text.length > 1000) {
            fail("an error text that is empty or too long", text);
          }
        }
      }),
      { numRuns: RUNS },
    );
    console.info(`form fuzzer, in process: ${JSON.stringify(tally)}`);
    // Both outcomes must be common, or half of the property is never checked.
    expect(tally.accepted).toBeGreaterThan(RUNS / 10);
    expect(tally.refused).toBeGreaterThan(RUNS / 10);
  }, 120_000);
});
