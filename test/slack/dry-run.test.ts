import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CreateRequest } from "../../src/dataforest/create-request.js";
import { dryRunBlocks, settingLines } from "../../src/slack/blocks/dry-run.js";
import { validateMessageBlocks } from "../support/slack-block-kit-limits.js";

const base: CreateRequest = {
  accountId: "acc1",
  name: "team-a-ws1",
  configuration: {
    docker: { image: "tensorflow:2.15.0-gpu", command: "jupyter" },
    resource: { cpuCount: 1 },
  },
};
const more = (n: number) => `${n} more`;

describe("the dry-run message", () => {
  it("lists every setting by its API path, lists one entry per line, and hides env values", () => {
    const lines = settingLines({
      ...base,
      configuration: {
        ...base.configuration,
        docker: {
          image: "x:1",
          command: "jupyter",
          env: { TOKEN: "abc-secret-123" },
          exposeTcpPorts: [8888, 6006],
        },
        data: { input: [{ hdfs: "/user/a", path: "/data/in" }] },
      },
    });
    expect(lines).toEqual([
      "`accountId`: `acc1`",
      "`name`: `team-a-ws1`",
      "`configuration.docker.image`: `x:1`",
      "`configuration.docker.command`: `jupyter`",
      "`configuration.docker.env.TOKEN`: `••••••`",
      "`configuration.docker.exposeTcpPorts`: `8888, 6006`",
      "`configuration.resource.cpuCount`: `1`",
      "`configuration.data.input[0].hdfs`: `/user/a`",
      "`configuration.data.input[0].path`: `/data/in`",
    ]);
  });

  it("stays within Slack's limits however big the request, and says what it left out", () => {
    const huge: CreateRequest = {
      ...base,
      description: "<&>".repeat(85),
      configuration: {
        ...base.configuration,
        docker: {
          image: "x:1",
          command: "&".repeat(3000),
          env: Object.fromEntries(
            Array.from({ length: 3000 }, (_, i) => [`${"K".repeat(400)}${i}`, "v"]),
          ),
        },
      },
    };
    const blocks = dryRunBlocks(huge, more);
    expect(validateMessageBlocks(blocks)).toEqual([]);
    expect(blocks.length).toBeLessThanOrEqual(49);
    expect(JSON.stringify(blocks.at(-1))).toMatch(/"\d+ more"/);
  });

  it("never breaks Slack's limits nor leaks an env value, whatever was typed", () => {
    const text = fc.string({ unit: "grapheme", maxLength: 400 });
    fc.assert(
      fc.property(
        text,
        fc.dictionary(
          text,
          fc.string({ maxLength: 50 }).map((v) => `sv-${v}-sv`),
          { maxKeys: 40 },
        ),
        fc.array(fc.record({ hdfs: text, path: text }), { maxLength: 40 }),
        (description, env, input) => {
          const blocks = dryRunBlocks(
            {
              ...base,
              description,
              configuration: {
                ...base.configuration,
                docker: { image: "x:1", command: "jupyter", env },
                data: { input },
              },
            },
            more,
          );
          expect(validateMessageBlocks(blocks)).toEqual([]);
          const shown = JSON.stringify(blocks);
          expect(shown).not.toContain("```");
          for (const value of Object.values(env)) {
            expect(shown).not.toContain(value);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
