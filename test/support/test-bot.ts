import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Config, loadConfig, secretsOf } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import type { HttpTimeouts } from "../../src/server.js";
import { inputBlockIds, MORE_SETTINGS_ACTION } from "../../src/slack/blocks/modal.js";
import { catalogFor, locales } from "../../src/slack/i18n/catalog.js";
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
  type FakeSocketMode,
  type FakeSocketModeOptions,
  startFakeSocketMode,
} from "./fake-socket-mode.js";
import {
  type Answer,
  appHomeOpened,
  blockActions,
  postToSlackEvents,
  type SlackRequestBody,
  type SlackResponse,
  slashCommand,
  stateValuesFromView,
  viewSubmission,
} from "./slack-requests.js";

export const SIGNING_SECRET = "e2e-signing-secret-0123456789abcdef";
export const BOT_TOKEN = "xoxb-fake-e2e-bot-token-secret-value";
export const APP_TOKEN = "xapp-fake-e2e-app-token-secret-value";
export const REQUESTER = "U0REQUESTR";
export const APPROVER = "U0APPROVER";
export const LEAD2 = "U0LEAD0002";
export const STRANGER = "U0STRANGER";
export const CHANNEL = "C0REQUESTS";
/** What a typical person fills in: a name; the rest comes from the default preset. */
export const TYPICAL = {
  name: "team-a-ws1",
};

/** Whether a view (or its blocks) says DataForest's choices are still loading, in any language. */
const saysLoading = (view: unknown) => {
  const shown = JSON.stringify(view) ?? "";
  return locales.some((l) => shown.includes(catalogFor(l)["modal.loading"]));
};

export type TestBot = {
  slack: FakeSlack;
  dataforest: FakeDataForest;
  /** With `socketMode`: Slack's end of the socket; `send` and the helpers go through it. */
  socket: FakeSocketMode | undefined;
  config: Config;
  bot: RunningBot;
  /** Every line the app logged, for the secrets check. */
  logs: string[];
  /** In Socket Mode, the ack comes back as a 200 whose body is the ack's payload. */
  send(body: SlackRequestBody): Promise<SlackResponse>;
  /** Types the command in the channel; answers the app's HTTP answer. */
  command(text?: string, userId?: string): Promise<SlackResponse>;
  /** Opens the request form as a person would and waits until DataForest's choices are in. */
  openForm(userId?: string): Promise<FakeView>;
  /**
   * Fills in and sends the form. Answers for fields the short form does not show open "More
   * settings" first, as a person would.
   */
  submit(view: FakeView, answers: Record<string, Answer>, userId?: string): Promise<SlackResponse>;
  /** Clicks "More settings" (when the form has it) and answers the form with every field. */
  moreSettings(
    view: FakeView,
    answers?: Record<string, Answer>,
    userId?: string,
  ): Promise<FakeView>;
  /** Fills in and sends the form, then waits for the card and its controls. */
  request(answers: Record<string, Answer>, userId?: string): Promise<Posted>;
  click(
    actionId: string,
    message: FakeMessage,
    userId?: string,
    value?: string,
  ): Promise<SlackResponse>;
  /** Opens the app's Home tab as `userId` and answers the view Slack then shows them. */
  openHome(userId?: string): Promise<FakeView>;
  /** Clicks a button in `userId`'s Home tab, as it is now. */
  clickHome(actionId: string, value: string, userId?: string): Promise<SlackResponse>;
  restart(): Promise<void>;
  /** A second instance on the same settings, store and fakes (HTTP mode): what several replicas are. */
  another(): Promise<{ bot: RunningBot; send(body: SlackRequestBody): Promise<SlackResponse> }>;
  stop(): Promise<void>;
};

export type Posted = { card: FakeMessage; controls: FakeMessage };

export async function startTestBot(
  options: {
    env?: Record<string, string>;
    slack?: FakeSlackOptions;
    dataforest?: FakeDataForestOptions;
    nameCheckTimeoutMs?: number;
    /** How long the approver group's members are trusted; by default as in production. */
    approverCache?: { cacheMs: number; staleMs: number };
    /** How often the bot looks at its timers (expiry, reminders, unfinished creates). */
    tickMs?: number;
    /** The bot's clock, for tests that move time on instead of waiting for it. */
    now?: () => number;
    /** The HTTP server's timeouts; by default as in production. */
    httpTimeouts?: HttpTimeouts;
    /** Run in Socket Mode (SLACK_APP_TOKEN set, no signing secret) against a fake socket. */
    socketMode?: FakeSocketModeOptions | true;
  } = {},
): Promise<TestBot> {
  const socket = options.socketMode
    ? await startFakeSocketMode(options.socketMode === true ? {} : options.socketMode)
    : undefined;
  const slack = await startFakeSlack({
    botToken: BOT_TOKEN,
    ...(socket ? { appToken: APP_TOKEN, socketModeUrl: () => socket.connectionUrl() } : {}),
    ...options.slack,
  });
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
    ...(socket ? { SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: "" } : {}),
    ...options.env,
  });
  const logs: string[] = [];
  const startOnce = () =>
    startBot(config, {
      logger: createLogger({
        level: "debug",
        secrets: secretsOf(config),
        write: (l) => logs.push(l),
      }),
      slackRetries: 0,
      nameCheckTimeoutMs: options.nameCheckTimeoutMs ?? 1000,
      tickMs: options.tickMs ?? 100,
      ...(options.approverCache ? { approverCache: options.approverCache } : {}),
      deliveryPollMs: 100,
      deliveryBaseDelayMs: 50,
      dataforestTimeouts: { connectMs: 1000, headersMs: 1500, bodyMs: 1500 },
      socketReconnectMs: 50,
      ...(options.now ? { now: options.now } : {}),
      ...(options.httpTimeouts ? { httpTimeouts: options.httpTimeouts } : {}),
    });
  // In Socket Mode the app is started once Slack has greeted it, unless the test greets by hand.
  const start = async () => {
    const connections = socket?.connectionCount() ?? 0;
    const bot = await startOnce();
    if (socket && options.socketMode !== true && options.socketMode?.autoHello === false) {
      return bot;
    }
    try {
      await socket?.waitForConnections(connections + 1);
    } catch (error) {
      await bot.stop();
      throw error;
    }
    return bot;
  };

  let bot: RunningBot;
  try {
    bot = await start();
  } catch (error) {
    await Promise.all([slack.close(), dataforest.close(), socket?.close()]);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  const harness: TestBot = {
    slack,
    dataforest,
    socket,
    config,
    bot,
    logs,
    send: (body) =>
      socket
        ? sendOverSocket(socket, body)
        : postToSlackEvents(`${harness.bot.url}/slack/events`, SIGNING_SECRET, body),
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
      // The form opens at once and, when it says it is loading, fills in DataForest's choices with
      // an update (retries included, that can take a few seconds on a busy machine).
      if (saysLoading(opened.args.view)) {
        await slack.waitFor("views.update", (c) => c.args.view_id === id, 10_000);
      }
      const view = slack.view(id);
      if (!view) throw new Error("the form is not open");
      return view;
    },
    async moreSettings(view, answers = {}, userId = REQUESTER) {
      const inputs = inputBlockIds(view);
      if (!JSON.stringify(view.blocks).includes(MORE_SETTINGS_ACTION)) return view;
      const before = slack.callsOf("views.update").length;
      const shown = Object.fromEntries(Object.entries(answers).filter(([k]) => inputs.includes(k)));
      await harness.send(
        blockActions({
          actionId: MORE_SETTINGS_ACTION,
          view,
          values: stateValuesFromView(view, shown),
          userId,
        }),
      );
      const updated = (call: { args: Record<string, unknown> }, i: number) =>
        i >= before && call.args.view_id === view.id;
      await slack.waitFor("views.update", (c) =>
        updated(c, slack.callsOf("views.update").indexOf(c)),
      );
      // The software list may still be on its way; it comes with a second update.
      if (saysLoading(slack.view(view.id)?.blocks)) {
        await slack.waitFor(
          "views.update",
          (c) => updated(c, slack.callsOf("views.update").indexOf(c)) && !saysLoading(c.args.view),
          10_000,
        );
      }
      const more = slack.view(view.id);
      if (!more) throw new Error("the form is gone");
      return more;
    },
    async submit(view, answers, userId = REQUESTER) {
      const inputs = inputBlockIds(view);
      const full = Object.keys(answers).every((k) => inputs.includes(k))
        ? view
        : await harness.moreSettings(view, answers, userId);
      return harness.send(
        viewSubmission({ view: full, values: stateValuesFromView(full, answers), userId }),
      );
    },
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
    async openHome(userId = APPROVER) {
      const before = slack.calls.length;
      const shown = slack.home(userId);
      const answer = await harness.send(
        appHomeOpened({
          userId,
          ...(shown ? { view: shown as unknown as Record<string, unknown> } : {}),
        }),
      );
      if (answer.status !== 200) throw new Error(`app_home_opened got HTTP ${answer.status}`);
      const published = await slack.waitFor(
        "views.publish",
        (c) => c.args.user_id === userId && slack.calls.indexOf(c) >= before,
      );
      if (published.status !== 200 || !(published.answer as { ok?: boolean }).ok) {
        throw new Error(`views.publish was refused: ${JSON.stringify(published.answer)}`);
      }
      const view = slack.home(userId);
      if (!view) throw new Error("no Home view was published");
      return view;
    },
    clickHome(actionId, value, userId = APPROVER) {
      const view = slack.home(userId);
      if (!view) throw new Error(`${userId} has no Home view to click in`);
      return harness.send(
        blockActions({ actionId, value, view, userId, triggerId: slack.issueTriggerId() }),
      );
    },
    async restart() {
      await harness.bot.stop();
      harness.bot = await start();
    },
    async another() {
      const other = await startOnce();
      return {
        bot: other,
        send: (body) => postToSlackEvents(`${other.url}/slack/events`, SIGNING_SECRET, body),
      };
    },
    async stop() {
      await harness.bot.stop();
      await Promise.all([slack.close(), dataforest.close(), socket?.close()]);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Delivers what Slack would have posted over HTTP as a Socket Mode envelope instead. */
async function sendOverSocket(
  socket: FakeSocketMode,
  body: SlackRequestBody,
): Promise<SlackResponse> {
  const type =
    typeof body.payload.command === "string"
      ? "slash_commands"
      : body.payload.type === "event_callback"
        ? "events_api"
        : "interactive";
  const ack = await socket.deliver(type, body.payload);
  const empty = !ack.payload || Object.keys(ack.payload).length === 0;
  return {
    status: 200,
    body: empty ? "" : JSON.stringify(ack.payload),
    json: empty ? undefined : ack.payload,
    headers: {},
  };
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
