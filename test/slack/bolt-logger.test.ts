import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import { boltLogger } from "../../src/slack/bolt-logger.js";

describe("the Slack clients' log lines", () => {
  it("never carry a payload: bodies, answers, envelopes and acks are cut where they start", () => {
    const lines: string[] = [];
    const log = boltLogger(createLogger({ level: "debug", write: (l) => lines.push(l) }), "debug");
    const secret = "wandb-9f8e7d6c5b4a-secret";
    const view = JSON.stringify({ view: { blocks: [{ element: { initial_value: secret } }] } });
    log.debug(`http request body: ${view}`);
    log.debug(`http request result: ${view}`);
    log.debug(`Received a message on the WebSocket: ${view}`);
    log.debug(`ack() call begins (body: ${view})`);
    log.debug("http request url: http://127.0.0.1/api/views.open");
    expect(lines.join("\n")).not.toContain(secret);
    const messages = lines.map((l) => JSON.parse(l).message);
    expect(messages[0]).toBe(
      `http request body: [payload of ${view.length} characters not logged]`,
    );
    expect(messages[4]).toBe("http request url: http://127.0.0.1/api/views.open");
  });
});
