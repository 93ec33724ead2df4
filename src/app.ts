import { App, HTTPReceiver, type Receiver, SocketModeReceiver, type webApi } from "@slack/bolt";
import type { Config } from "./config.js";
import type { Logger } from "./log.js";
import { proxyDispatcher } from "./proxy.js";
import type { Choices } from "./requests/choices.js";
import type { RequestQueries } from "./requests/queries.js";
import type { Workflow } from "./requests/workflow.js";
import { boltLogger } from "./slack/bolt-logger.js";
import type { BotIdentity } from "./slack/bot-identity.js";
import type { SlackDeps } from "./slack/deps.js";
import { createHome, type Home } from "./slack/home.js";
import { createUserLocales, type UserLocales } from "./slack/i18n/user-locales.js";
import { registerCommand } from "./slack/listeners/command.js";
import { registerCreateForm } from "./slack/listeners/create-form.js";
import { registerDecisions } from "./slack/listeners/decisions.js";
import { registerHome } from "./slack/listeners/home.js";
import { notePrivately } from "./slack/notes.js";
import { createOpenView } from "./slack/open-view.js";
import { metaKey } from "./slack/signed-meta.js";
import { webApiFetch } from "./slack/web-api-fetch.js";

export const EVENTS_PATH = "/slack/events";

export type SlackApp = {
  app: App;
  /** In HTTP mode, the handler that /slack/events is given to; absent in Socket Mode. */
  http: HTTPReceiver | undefined;
  socket: SocketModeReceiver | undefined;
  /** Every App Home view a request appears in, redrawn when the request is shown anew. */
  home: Home;
  /** Which language each person reads, and the shared channel's. */
  locales: UserLocales;
  /** Resolves once every listener still at work has finished, or after `timeoutMs`. */
  idle(timeoutMs: number): Promise<void>;
};

/**
 * How the app talks to Slack's Web API. Socket Mode writes its own retry policy into shared client
 * options unless one is set; tests set 0 retries so a failing fake does not hang for minutes.
 */
export function slackClientOptions(
  config: Config,
  logger: Logger,
  retries = 3,
): webApi.WebClientOptions {
  const proxied = proxyDispatcher(config.proxy);
  return {
    slackApiUrl: config.slack.apiUrl,
    retryConfig: { retries },
    logger: boltLogger(logger, config.logLevel),
    fetch: webApiFetch(proxied),
  };
}

/** Builds the Bolt app for the configured mode and registers every listener. */
export function createSlackApp(options: {
  config: Config;
  workflow: Workflow;
  queries: RequestQueries;
  choices: Choices;
  logger: Logger;
  clientOptions: webApi.WebClientOptions;
  /** Who the bot is, when Slack already said; Bolt then does not ask again. */
  identity: BotIdentity | undefined;
}): SlackApp {
  const { config, logger, clientOptions } = options;
  // One proxy pool for what this app opens itself: the socket and the forms.
  const proxied = proxyDispatcher(config.proxy);
  const log = boltLogger(logger, config.logLevel);
  const socket = config.slack.appToken
    ? new SocketModeReceiver({
        appToken: config.slack.appToken,
        logger: log,
        // connectSocket reconnects instead: Bolt's own loop waits 5 s, and a failed reconnect
        // there is an unhandled rejection that ends the process.
        autoReconnectEnabled: false,
        // The only way slackApiUrl reaches apps.connections.open.
        installerOptions: { clientOptions: { ...clientOptions } },
        // The WebSocket itself, through HTTPS_PROXY like every other call.
        ...(proxied ? { dispatcher: proxied } : {}),
      })
    : undefined;
  const http = socket
    ? undefined
    : new HTTPReceiver({
        signingSecret: config.slack.signingSecret ?? "",
        endpoints: EVENTS_PATH,
        logger: log,
      });
  const app = new App({
    token: config.slack.botToken,
    receiver: (socket ?? http) as Receiver,
    logger: log,
    clientOptions,
    ...(options.identity ?? {}),
    // Gives the error handler the request, so it can tell the person who acted.
    extendedErrorHandler: true,
    // Start-up has checked the token already (bot-identity.ts); Bolt's own check would crash the
    // process on a refused token instead of saying what to fix.
    tokenVerificationEnabled: false,
    // Bolt's conversation store is unused here, and costs a thrown Error on every request.
    convoStore: false,
  });
  const locales = createUserLocales({
    client: app.client,
    defaultLocale: config.defaultLocale,
    logger,
  });
  const home = createHome({ client: app.client, queries: options.queries, locales, logger });
  const deps: SlackDeps = {
    workflow: options.workflow,
    queries: options.queries,
    home,
    choices: options.choices,
    locales,
    defaultAccountId: config.dataforest.accountId,
    limits: config.limits,
    // Socket Mode has no signing secret; the bot token is as secret and as shared by replicas.
    metaKey: metaKey(config.slack.signingSecret || config.slack.botToken),
    presets: config.presets,
    openView: createOpenView({
      apiUrl: config.slack.apiUrl,
      token: config.slack.botToken,
      dispatcher: proxied,
    }),
    logger,
  };
  // Listeners go on after their ack (running create); a stop waits for them, within its grace.
  const busy = new Set<Promise<unknown>>();
  app.use(async ({ body, next }) => {
    logger.info("slack request", describe(body));
    const work = next();
    busy.add(work);
    try {
      await work;
    } finally {
      busy.delete(work);
    }
  });
  const idle = async (timeoutMs: number) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...busy]), late]);
    clearTimeout(timer);
  };
  registerCommand(app, deps);
  registerCreateForm(app, deps);
  registerDecisions(app, deps);
  registerHome(app, deps);
  app.error(async ({ error, body }: { error: Error; body: unknown }) => {
    // Bolt wraps what a listener threw; the original has the useful stack.
    const original = (error as { original?: unknown }).original;
    logger.error("a Slack listener failed", { error: original ?? error });
    // The person who clicked or sent the form hears that it failed, rather than nothing at all.
    const who = describe(body);
    if (typeof who.userId === "string") {
      await notePrivately(
        app.client,
        logger,
        { channelId: channelOf(body) },
        who.userId,
        (await locales.textsFor(who.userId))("somethingFailed"),
      );
    }
  });
  return { app, http, socket, home, locales, idle };
}

type Body = {
  type?: string;
  command?: string;
  user_id?: string;
  team_id?: string;
  user?: { id?: string; team_id?: string };
  team?: { id?: string } | null;
  actions?: { type?: string; action_id?: string; value?: string }[];
  view?: { callback_id?: string };
};

/** The channel a Slack request came from, when it came from one. */
function channelOf(raw: unknown): string {
  const body = raw as { channel_id?: unknown; channel?: { id?: unknown } };
  const id = body.channel_id ?? body.channel?.id;
  return typeof id === "string" ? id : "";
}

/** What a Slack request was and who sent it, for the log: ids only, never what people typed. */
function describe(raw: unknown): Record<string, unknown> {
  const body = raw as Body;
  const action = body.actions?.[0];
  return {
    kind: body.command ?? body.type,
    userId: body.user_id ?? body.user?.id,
    teamId: body.team_id ?? body.team?.id ?? body.user?.team_id,
    ...(action?.action_id ? { actionId: action.action_id } : {}),
    // The app's buttons carry nothing but a request id; anything else is not worth a long line.
    // A forged payload may carry any JSON there, so only a string is taken.
    ...(action?.type === "button" && typeof action.value === "string" && action.value
      ? { requestId: action.value.slice(0, 64) }
      : {}),
    ...(body.view?.callback_id ? { callbackId: body.view.callback_id } : {}),
  };
}
