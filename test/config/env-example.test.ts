import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import dotenv from "dotenv";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

const example = dotenv.parse(readFileSync(resolve(import.meta.dirname, "../../.env.example")));

describe(".env.example", () => {
  it("starts in a dry run, in one mode only: Socket Mode without a signing secret", () => {
    expect(example.DATAFOREST_DRY_RUN).toBe("true");
    expect(example.SLACK_APP_TOKEN).toBeDefined();
    expect(example.SLACK_SIGNING_SECRET).toBeUndefined();
    expect(example.NCP_ACCESS_KEY).toBeUndefined();
    expect(example.NCP_SECRET_KEY).toBeUndefined();
  });

  it("as copied, is refused with one 'replace the example value' per placeholder and nothing else", () => {
    let problems: string[] = [];
    try {
      loadConfig(example);
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }
    expect(problems.map((p) => p.split(" ")[0]).sort()).toEqual(
      ["APPROVER_USER_IDS", "SLACK_APP_TOKEN", "SLACK_BOT_TOKEN"].sort(),
    );
    for (const p of problems) expect(p).toContain("replace the example value");
  });

  it("once the placeholders are filled in, starts a dry run in Socket Mode", () => {
    const config = loadConfig({
      ...example,
      SLACK_BOT_TOKEN: "xoxb-1-2-filledInToken",
      SLACK_APP_TOKEN: "xapp-1-A1-2-filledInToken",
      APPROVER_USER_IDS: "U012ABCDEF",
    });
    expect(config.dataforest.dryRun).toBe(true);
    expect(config.slack.appToken).toBeDefined();
  });
});
