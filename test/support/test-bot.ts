import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Config, loadConfig, secretsOf } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { type RunningBot, startBot } from "../../src/start.js";
import {
  type FakeDataForest,
  type FakeDataForestOptions,
  startFakeDataForest,
} from "./fake-dataforest.js";
import {
  type FakeMessage,
  type FakeSlack,
  type FakeSlackOptions,
  type FakeView,
  startFakeSlack,
} from "./fake-slack.js";
import {
  type Answer,
  blockActions,
  postToSlackEvents,
  type SlackRequestBody,
  type SlackResponse,
  slashCommand,
  stateValuesFromView,
  viewSubmission,
} from "./slack-requests.js";

export const SIGNING_SECRET = "e2e-signing-secret-0123456789abcdef";
export const BOT_TOKEN = "xoxb-2000000001-2000000002-e2eBotTokenSecretValue";
export const REQUESTER = "U0REQUESTR";
export const APPROVER = "U0APPROVER";
export const LEAD2 = "U0LEAD0002";
export const STRANGER = "U0STRANGER";
export const CHANNEL = "C0REQUESTS";

export type TestBot = {
  slack: FakeSlack;
  dataforest: FakeDataForest;
  config: Config;
  bot: RunningBot;
  /** Every line the app logged, for the secrets check. */
  logs: string[];
  send(body: SlackRequestBody): Promise<SlackResponse>;
  /** Types the command in the channel; answers the app's HTTP answer. */
  command(text?: string, userId?: string): Promise<SlackResponse>;
  /** Opens the request form as a person would and waits until DataForest's choices are in. */
  openForm(userId?: string): Promise<FakeView>;
  submit(view: FakeView, answers: Record<string, Answer>, userId?: string): Promise<SlackResponse>;
  /** Fills in and sends the form, then waits for the card and its controls. */
  request(answers: Record<string, Answer>, userId?: string): Promise<Posted>;
  click(
    actionId: string,
    message: FakeMessage,
    userId?: string,
    value?: string,
  ): Promise<SlackResponse>;
  restart(): Promise<void>;
  stop(): Promise<void>;
};

export type Posted = { card: FakeMessage; controls: FakeMessage };

export async function startTestBot(
  options: {
    env?: Record<string, string>;
    slack?: FakeSlackOptions;
    dataforest?: FakeDataForestOptions;
    nameCheckTimeoutMs?: number;
  } = {},
): Promise<TestBot> {
  const slack = await startFakeSlack({ botToken: BOT_TOKEN, ...options.slack });
  const dataforest = await startFakeDataForest(options.dataforest);
  const dataDir = await mkdtemp(join(tmpdir(), "aiworkspace-e2e-"));
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.url,
    HOST: "127.0.0.1",
    PORT: "0",
    NCP_ACCESS_KEY: dataforest.accessKey,
    NCP_SECRET_KEY: dataforest.secretKey,
    DATAFOREST_API_URL: dataforest.url,
    APPROVER_USER_IDS: `${APPROVER},${LEAD2}`,
    DATA_DIR: dataDir,
    LOG_LEVEL: "debug",
    ...options.env,
  });
  const logs: string[] = [];
  const start = () =>
    startBot(config, {
      logger: createLogger({
        level: "debug",
        secrets: secretsOf(config),
        write: (l) => logs.push(l),
      }),
      slackRetries: 0,
      nameCheckTimeoutMs: options.nameCheckTimeoutMs ?? 1000,
      recoverAfterMs: 0,
      dataforestTimeouts: { connectMs: 1000, headersMs: 1500, bodyMs: 1500 },
    });

  const harness: TestBot = {
    slack,
    dataforest,
    config,
    bot: await start(),
    logs,
    send: (body) => postToSlackEvents(`${harness.bot.url}/slack/events`, SIGNING_SECRET, body),
    command: (text = "", userId = REQUESTER) =>
      harness.send(
        slashCommand({ text, userId, channelId: CHANNEL, triggerId: slack.issueTriggerId() }),
      ),
    async openForm(userId = REQUESTER) {
      const before = slack.callsOf("views.open").length;
      const answer = await harness.command("", userId);
      if (answer.status !== 200) throw new Error(`the command got HTTP ${answer.status}`);
      const opened = await slack.waitFor(
        "views.open",
        () => slack.callsOf("views.open").length > before,
      );
      const id = (opened.answer as { view: { id: string } }).view.id;
      // The form opens at once and fills in DataForest's choices with an update, unless cached.
      await slack.waitFor("views.update", (c) => c.args.view_id === id, 500).catch(() => undefined);
      const view = slack.view(id);
      if (!view) throw new Error("the form is not open");
      return view;
    },
    submit: (view, answers, userId = REQUESTER) =>
      harness.send(viewSubmission({ view, values: stateValuesFromView(view, answers), userId })),
    async request(answers, userId = REQUESTER) {
      const view = await harness.openForm(userId);
      const before = slack.messages().length;
      const ack = await harness.submit(view, answers, userId);
      if (ack.json && (ack.json as { response_action?: string }).response_action === "errors") {
        throw new Error(`the form was refused: ${ack.body}`);
      }
      const controls = await slack.waitFor(
        "chat.postMessage",
        (c) =>
          c.status === 200 &&
          typeof c.args.thread_ts === "string" &&
          slack.messages().length >= before + 2,
      );
      const controlsTs = (controls.answer as { ts: string }).ts;
      const card = slack.message(CHANNEL, String(controls.args.thread_ts));
      const reply = slack.message(CHANNEL, controlsTs);
      if (!card || !reply) throw new Error("the card or its controls are missing");
      return { card, controls: reply };
    },
    click: (actionId, message, userId = APPROVER, value) =>
      harness.send(
        blockActions({
          actionId,
          message: message as unknown as Record<string, unknown>,
          channelId: message.channel,
          messageTs: message.ts,
          userId,
          triggerId: slack.issueTriggerId(),
          ...(value !== undefined ? { value } : {}),
        }),
      ),
    async restart() {
      await harness.bot.stop();
      harness.bot = await start();
    },
    async stop() {
      await harness.bot.stop();
      await Promise.all([slack.close(), dataforest.close()]);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** All the text of a message, blocks included, for assertions on what people read. */
export function textOf(message: { text?: string; blocks?: unknown } | undefined): string {
  if (!message) return "";
  const texts: string[] = [message.text ?? ""];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "text" && typeof value === "string") texts.push(value);
        else walk(value);
      }
    }
  };
  walk(message.blocks);
  return texts.join("\n");
}

/** The action ids of a message's buttons. */
export function buttonsOf(message: { blocks?: unknown } | undefined): string[] {
  const blocks = (message?.blocks ?? []) as {
    elements?: { action_id?: string; type?: string }[];
  }[];
  return blocks.flatMap((b) =>
    (b.elements ?? []).filter((e) => e.type === "button").map((e) => e.action_id ?? ""),
  );
}
