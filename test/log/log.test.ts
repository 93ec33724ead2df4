import { describe, expect, it } from "vitest";
import { createLogger, REDACTED } from "../../src/log.js";

const capture = (options: Parameters<typeof createLogger>[0] = {}) => {
  const lines: string[] = [];
  const logger = createLogger({ write: (l) => lines.push(l), now: () => new Date(0), ...options });
  return { logger, lines };
};

describe("logger", () => {
  it("writes one JSON line per event with level, time, message and bound fields", () => {
    const { logger, lines } = capture();
    logger
      .child({ requestId: "r1", userId: "U1", teamId: "T1" })
      .info("approved", { state: "approved" });
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      {
        level: "info",
        time: "1970-01-01T00:00:00.000Z",
        message: "approved",
        requestId: "r1",
        userId: "U1",
        teamId: "T1",
        state: "approved",
      },
    ]);
  });

  it("drops lines below its level", () => {
    const { logger, lines } = capture({ level: "warn" });
    logger.info("no");
    logger.debug("no");
    logger.warn("yes");
    expect(lines).toHaveLength(1);
  });

  it("never writes a secret: not by field name, not as a known value, not as a Slack token", () => {
    const { logger, lines } = capture({ secrets: ["ncp-secret-key-value"], level: "debug" });
    logger.debug("calling", {
      headers: { "x-ncp-apigw-signature-v2": "c2lnbmF0dXJl", Authorization: "Bearer xoxb-1-2" },
      token: "anything",
      note: "key is ncp-secret-key-value",
      error: new Error("bad token xoxb-fake-abcdef and xapp-fake-abc"),
    });
    const text = lines.join("\n");
    for (const secret of ["ncp-secret-key-value", "c2lnbmF0dXJl", "xoxb-", "xapp-", "anything"]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain(REDACTED);
  });

  it("redacts a child's own secrets, such as a request's environment values, and only in that child", () => {
    const { logger, lines } = capture({ secrets: ["ncp-secret-key-value"] });
    const child = logger.child({ requestId: "r1" }, ["wandb-key-12345"]);
    child.warn("create refused", { error: new Error("bad value 'wandb-key-12345'") });
    child.child({ step: 2 }).info("again wandb-key-12345 and ncp-secret-key-value");
    logger.info("parent sees wandb-key-12345");
    expect(lines[0]).not.toContain("wandb-key-12345");
    expect(lines[1]).not.toContain("wandb-key-12345");
    expect(lines[1]).not.toContain("ncp-secret-key-value");
    expect(lines[2]).toContain("wandb-key-12345");
  });
});
