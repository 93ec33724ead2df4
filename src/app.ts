import { App, HTTPReceiver, type Receiver, SocketModeReceiver, type webApi } from "@slack/bolt";
import type { Config } from "./config.js";
import type { Logger } from "./log.js";
import type { Choices } from "./requests/choices.js";
import type { RequestService } from "./requests/service.js";
import { type Announcer, createAnnouncer } from "./slack/announce.js";
import { boltLogger } from "./slack/bolt-logger.js";
import type { SlackDeps } from "./slack/deps.js";
import { registerCommand } from "./slack/listeners/command.js";
import { registerCreateForm } from "./slack/listeners/create-form.js";
import { registerDecisions } from "./slack/listeners/decisions.js";

export const EVENTS_PATH = "/slack/events";

export type SlackApp = {
  app: App;
  /** In HTTP mode, the handler that /slack/events is given to; absent in Socket Mode. */
  http: HTTPReceiver | undefined;
  socket: SocketModeReceiver | undefined;
  announcer: Announcer;
  /** Resolves once every listener still at work has finished, or after `timeoutMs`. */
  idle(timeoutMs: number): Promise<void>;
};

/** Builds the Bolt app for the configured mode and registers every listener. */
export function createSlackApp(options: {
  config: Config;
  service: RequestService;
  choices: Choices;
  logger: Logger;
  /** Retries of Slack Web API calls; tests set 0 so a failing fake does not hang for minutes. */
  slackRetries?: number;
}): SlackApp {
  const { config, logger } = options;
  const log = boltLogger(logger, config.logLevel);
  // Socket Mode writes its own retry policy into shared client options unless one is set.
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: config.slack.apiUrl,
    retryConfig: { retries: options.slackRetries ?? 3 },
    logger: log,
  };
  const socket = config.slack.appToken
    ? new SocketModeReceiver({
        appToken: config.slack.appToken,
        logger: log,
        installerOptions: { clientOptions: { ...clientOptions } },
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
  });
  const announcer = createAnnouncer({
    client: app.client,
    service: options.service,
    approvers: config.approvers,
    logger,
  });
  const deps: SlackDeps = {
    service: options.service,
    choices: options.choices,
    announcer,
    defaultAccountId: config.dataforest.accountId,
    logger,
  };
  // Listeners go on after their ack (posting cards, running create); a stop waits for them, so the
  // store is not closed under a request that is half announced.
  const busy = new Set<Promise<unknown>>();
  app.use(async ({ next }) => {
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
  app.error(async (error) => {
    // Bolt wraps what a listener threw; the original has the useful stack.
    const original = (error as { original?: unknown }).original;
    logger.error("a Slack listener failed", { error: original ?? error });
  });
  return { app, http, socket, announcer, idle };
}
