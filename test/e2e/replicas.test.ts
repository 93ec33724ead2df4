import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countCalls } from "../support/fake-dataforest.js";
import { type PostgresServer, startPostgres } from "../support/postgres-server.js";
import { blockActions } from "../support/slack-requests.js";
import { APPROVER, LEAD2, startTestBot, type TestBot } from "../support/test-bot.js";

let pg: PostgresServer;
beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  await pg?.stop();
});

describe("two instances sharing PostgreSQL", () => {
  let t: TestBot | undefined;
  afterAll(async () => {
    await t?.stop();
  });

  it("make one create out of clicks that land on either instance", async () => {
    t = await startTestBot({ env: { DATABASE_URL: pg.url } });
    const second = await t.another();
    try {
      const bot = t;
      // The request is submitted through one instance and decided through both.
      const { controls } = await bot.request({
        name: "shared-ws",
        "configuration.docker.image": "tensorflow:2.15.0-gpu",
      });
      const click = (i: number) => {
        const body = blockActions({
          actionId: "aiworkspace.approve",
          message: controls as unknown as Record<string, unknown>,
          channelId: controls.channel,
          messageTs: controls.ts,
          userId: i % 2 === 0 ? APPROVER : LEAD2,
          triggerId: bot.slack.issueTriggerId(),
        });
        return i % 2 === 0 ? bot.send(body) : second.send(body);
      };
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => click(i)));
      expect(answers.every((a) => a.status === 200)).toBe(true);
      await bot.slack.waitFor(
        "chat.postMessage",
        (c) => String(c.args.text).includes("is ready"),
        5000,
      );
      const deadline = Date.now() + 5000;
      while (bot.slack.ephemerals().length < 19 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(bot.slack.ephemerals()).toHaveLength(19);
      expect(countCalls(bot.dataforest, "create")).toBe(1);
      expect(
        bot.slack
          .callsOf("chat.postMessage")
          .filter((c) => String(c.args.text).includes("is ready")),
      ).toHaveLength(1);
    } finally {
      await second.bot.stop();
    }
  });
});
