import { randomUUID } from "node:crypto";
import postgres from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.js";
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

/** A new, empty database on the test server: instances that start on it create the tables. */
async function emptyDatabase(serverUrl: string): Promise<string> {
  const name = `replicas_${randomUUID().replaceAll("-", "")}`;
  const client = new postgres.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

describe("two instances starting together on an empty PostgreSQL database", () => {
  it("post one card and one controls message per request, run after run", async () => {
    for (let run = 0; run < 5; run++) {
      const t = await startTestBot({ env: { DATABASE_URL: await emptyDatabase(pg.url) } });
      try {
        // Requests stored, their cards still owed, and then two instances start at once.
        await t.bot.stop();
        const store = await openStore(t.config.store);
        const ids = Array.from({ length: 6 }, () => randomUUID());
        try {
          for (const [i, id] of ids.entries()) {
            await store.insert(
              {
                id,
                teamId: null,
                channelId: "C0REQUESTS",
                requesterId: `U0PERSON0${i}`,
                request: {
                  accountId: "AcTeamA000000000000001",
                  name: `replica-${run}-${i}`,
                  configuration: { docker: { image: "tensorflow:2.15.0-gpu", command: "jupyter" } },
                },
                nameChecked: true,
                createdAt: Date.now(),
              },
              [{ type: "card" }, { type: "controls" }],
            );
          }
        } finally {
          await store.close();
        }
        const [, second] = await Promise.all([t.restart(), t.another()]);
        try {
          const posted = () => t.slack.callsOf("chat.postMessage").filter((c) => c.status === 200);
          const deadline = Date.now() + 10_000;
          while (posted().length < 12 && Date.now() < deadline) {
            await new Promise((r) => setTimeout(r, 25));
          }
          await new Promise((r) => setTimeout(r, 300));
          const cards = posted().filter((c) => !c.args.thread_ts);
          const names = cards.map((c) => /replica-\d-\d/.exec(String(c.args.text))?.[0]);
          expect(names.sort()).toEqual(ids.map((_, i) => `replica-${run}-${i}`).sort());
          expect(posted().filter((c) => c.args.thread_ts)).toHaveLength(6);
        } finally {
          await second.bot.stop();
        }
      } finally {
        await t.stop();
      }
    }
  }, 120_000);
});
