import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RequestState } from "../../src/requests/domain.js";
import { openStore } from "../../src/store/open-store.js";
import { countCalls, failures } from "../support/fake-dataforest.js";
import type { FakeMessage } from "../support/fake-slack.js";
import { type PostgresServer, startPostgres } from "../support/postgres-server.js";
import { blockActions, postToSlackEvents } from "../support/slack-requests.js";
import {
  APPROVER,
  BOT_TOKEN,
  CHANNEL,
  LEAD2,
  SIGNING_SECRET,
  startTestBot,
  type TestBot,
  TYPICAL,
  textOf,
} from "../support/test-bot.js";
import { until } from "../support/wait-until.js";

/**
 * A process killed at the worst moments: the app runs compiled, as its own process, so SIGKILL
 * really ends it mid-work; the next start (in this process, on the same store and fakes) must
 * finish what it left.
 */

const root = resolve(import.meta.dirname, "../..");
let build: string;
let cwd: string;
let pg: PostgresServer | undefined;

beforeAll(async () => {
  build = await mkdtemp(join(root, ".tmp-build-"));
  cwd = await mkdtemp(join(tmpdir(), "aiworkspace-crash-"));
  await promisify(execFile)(
    join(root, "node_modules/.bin/tsc"),
    ["-p", "tsconfig.build.json", "--outDir", build],
    { cwd: root },
  );
}, 120_000);
afterAll(async () => {
  await pg?.stop();
  await rm(build, { recursive: true, force: true });
  await rm(cwd, { recursive: true, force: true });
});

let t: TestBot | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  child?.kill("SIGKILL");
  child = undefined;
  await t?.stop();
  t = undefined;
});

/** The app as its own process, on the harness's store and fakes; answers its URL once ready. */
async function spawnApp(bot: TestBot, databaseUrl?: string): Promise<string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: bot.slack.url,
    HOST: "127.0.0.1",
    PORT: "0",
    NCP_ACCESS_KEY: bot.dataforest.accessKey,
    NCP_SECRET_KEY: bot.dataforest.secretKey,
    DATAFOREST_API_URL: bot.dataforest.url,
    APPROVER_USER_IDS: `${APPROVER},${LEAD2}`,
    DATA_DIR: bot.config.store.dataDir,
    LOG_LEVEL: "info",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  const app = spawn(process.execPath, [join(build, "index.js")], { cwd, env });
  child = app;
  let out = "";
  let port: number | undefined;
  app.stdout?.on("data", (d) => {
    out += d;
  });
  app.stderr?.on("data", (d) => {
    out += d;
  });
  await until(
    "the app to be ready",
    () => {
      for (const line of out.split("\n")) {
        if (line.includes('"listening"')) port = (JSON.parse(line) as { port: number }).port;
      }
      return port !== undefined && out.includes('"ready"');
    },
    15_000,
  );
  return `http://127.0.0.1:${port}`;
}

async function kill(app: ChildProcess | undefined): Promise<void> {
  if (!app || app.exitCode !== null) return;
  const exited = new Promise((r) => app.once("exit", r));
  app.kill("SIGKILL");
  await exited;
}

const requestIdOf = (controls: FakeMessage) =>
  String(
    (controls.blocks ?? [])
      .flatMap((b) => (b as { elements?: { action_id?: string; value?: string }[] }).elements ?? [])
      .find((e) => e.action_id === "aiworkspace.approve")?.value,
  );

function approveOn(url: string, bot: TestBot, controls: FakeMessage) {
  return postToSlackEvents(
    `${url}/slack/events`,
    SIGNING_SECRET,
    blockActions({
      actionId: "aiworkspace.approve",
      message: controls as unknown as Record<string, unknown>,
      channelId: controls.channel,
      messageTs: controls.ts,
      userId: APPROVER,
      triggerId: bot.slack.issueTriggerId(),
    }),
  );
}

/** Reads a request's state from the store the app left behind. */
async function stateOf(bot: TestBot, id: string): Promise<RequestState | undefined> {
  const store = await openStore(bot.config.store);
  try {
    return (await store.get(id))?.state;
  } finally {
    await store.close();
  }
}

const readyReplies = (bot: TestBot, cardTs: string) =>
  bot.slack
    .callsOf("chat.postMessage")
    .filter(
      (c) =>
        c.status === 200 && c.args.thread_ts === cardTs && String(c.args.text).includes("is ready"),
    );

describe("killed after DataForest answered create, before Slack heard of it", () => {
  it("posts the workspace id once after the restart, and the card shows it", async () => {
    t = await startTestBot();
    const bot = t;
    const { card, controls } = await bot.request(TYPICAL);
    const id = requestIdOf(controls);
    await bot.bot.stop();
    const url = await spawnApp(bot);
    // Slack takes nothing from now on: the outcome stays in the outbox.
    bot.slack.outage(["chat.postMessage", "chat.update"]);
    await approveOn(url, bot, controls);
    await until("the create to be recorded", async () => (await stateOf(bot, id)) === "created");
    await kill(child);

    bot.slack.outage([]);
    await bot.restart();
    const workspace = bot.dataforest.workspaces().find((w) => w.name === TYPICAL.name);
    if (!workspace) throw new Error("DataForest made no workspace");
    await until("the id in the thread", () => readyReplies(bot, card.ts).length > 0);
    await until("the card to show the id", () =>
      textOf(bot.slack.message(CHANNEL, card.ts)).includes(workspace.id),
    );
    expect(String(readyReplies(bot, card.ts)[0]?.args.text)).toContain(workspace.id);
    await new Promise((r) => setTimeout(r, 300));
    expect(readyReplies(bot, card.ts)).toHaveLength(1);
    expect(countCalls(bot.dataforest, "create")).toBe(1);
  }, 60_000);
});

describe("killed while create was under way", () => {
  const settles = (store: "sqlite" | "postgres", withinMs: number) => async () => {
    let databaseUrl: string | undefined;
    if (store === "postgres") {
      pg ??= await startPostgres();
      databaseUrl = pg.url;
    }
    t = await startTestBot(databaseUrl ? { env: { DATABASE_URL: databaseUrl } } : {});
    const bot = t;
    const { card, controls } = await bot.request({ ...TYPICAL, name: `crash-${store}` });
    const id = requestIdOf(controls);
    await bot.bot.stop();
    const url = await spawnApp(bot, databaseUrl);
    // DataForest makes the workspace a second after the request; the app dies before the answer.
    bot.dataforest.failNext("create", failures.delay(1000));
    await approveOn(url, bot, controls);
    await until("create to be sent", () => countCalls(bot.dataforest, "create") === 1);
    await kill(child);
    expect(await stateOf(bot, id)).toBe("creating");
    await until("DataForest to finish", () =>
      bot.dataforest.workspaces().some((w) => w.name === `crash-${store}`),
    );

    const restarted = Date.now();
    await bot.restart();
    await until("the id in the thread", () => readyReplies(bot, card.ts).length > 0, 25_000);
    expect(Date.now() - restarted).toBeLessThan(withinMs);
    expect(countCalls(bot.dataforest, "create")).toBe(1);
    expect(bot.dataforest.workspaces().filter((w) => w.name === `crash-${store}`)).toHaveLength(1);
    const thread = bot.slack.threadReplies(CHANNEL, card.ts).map((m) => m.text);
    expect(thread.some((text) => text.includes("nothing was created"))).toBe(false);
  };

  it("is settled at once by the next start when alone on SQLite", settles("sqlite", 5_000), 60_000);
  it("is settled within 20 s by the next start on PostgreSQL", settles("postgres", 20_000), 90_000);
});
