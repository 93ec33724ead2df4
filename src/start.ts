import { webApi } from "@slack/bolt";
import { createSlackApp, EVENTS_PATH, slackClientOptions } from "./app.js";
import type { Config } from "./config.js";
import { createDataForestClient } from "./dataforest/client.js";
import type { Logger } from "./log.js";
import { createApproverCheck } from "./requests/approvers.js";
import { createChoices } from "./requests/choices.js";
import { createRequestQueries } from "./requests/queries.js";
import { createRequestService } from "./requests/service.js";
import { type Health, type HttpServer, startHttpServer } from "./server.js";
import { botIdentity } from "./slack/bot-identity.js";
import { connectSocket, type SocketLink } from "./slack/socket-link.js";
import { openStore } from "./store/open-store.js";

export type BotOptions = {
  logger: Logger;
  /** Tests shorten these; production keeps the defaults. */
  slackRetries?: number;
  nameCheckTimeoutMs?: number;
  recoverAfterMs?: number;
  recoverEveryMs?: number;
  dataforestTimeouts?: { connectMs: number; headersMs: number; bodyMs: number };
  /** How long a stop waits for listeners still at work (a create under way, say). */
  stopGraceMs?: number;
  /** First wait before a new Socket Mode connection after one failed or dropped; it doubles. */
  socketReconnectMs?: number;
};

export type RunningBot = { url: string; port: number; stop(): Promise<void> };

/**
 * Opens the store, builds the DataForest client, the request service and the Slack app, serves
 * HTTP, and settles what a previous run left unfinished. `stop` undoes it in reverse.
 */
export async function startBot(config: Config, options: BotOptions): Promise<RunningBot> {
  const { logger } = options;
  const clientOptions = slackClientOptions(config, logger, options.slackRetries);
  const identity = await botIdentity(new webApi.WebClient(config.slack.botToken, clientOptions));
  const store = await openStore(config.store);
  const keys = config.dataforest.accessKey && config.dataforest.secretKey;
  const dataforest = keys
    ? createDataForestClient({
        baseUrl: config.dataforest.apiUrl,
        accessKey: config.dataforest.accessKey,
        secretKey: config.dataforest.secretKey,
        logger,
        ...(options.dataforestTimeouts ? { timeouts: options.dataforestTimeouts } : {}),
      })
    : undefined;
  if (config.dataforest.dryRun) {
    logger.warn("dry run: approved requests are shown, not created", { keys: Boolean(keys) });
  }

  const approvers = createApproverCheck({
    userIds: config.approvers.userIds,
    usergroupId: config.approvers.usergroupId,
    listGroupMembers: async (usergroup) =>
      (await slack.app.client.usergroups.users.list({ usergroup })).users ?? [],
    logger,
  });
  const service = createRequestService({
    store,
    dataforest,
    approvers,
    dryRun: config.dataforest.dryRun,
    limits: config.limits,
    logger,
    ...(options.nameCheckTimeoutMs !== undefined
      ? { nameCheckTimeoutMs: options.nameCheckTimeoutMs }
      : {}),
    ...(options.recoverAfterMs !== undefined ? { recoverAfterMs: options.recoverAfterMs } : {}),
  });
  const choices = createChoices({ dataforest, logger });
  const slack = createSlackApp({
    config,
    service,
    queries: createRequestQueries({ store, approvers }),
    choices,
    logger,
    clientOptions,
    identity,
  });

  let stopping = false;
  let started = false;
  let server: HttpServer | undefined;
  let link: SocketLink | undefined;
  let sweep: NodeJS.Timeout | undefined;
  let recovering: Promise<void> = Promise.resolve();
  const health = (): Health => {
    if (stopping) return { ready: false, reason: "stopping" };
    if (!started) return { ready: false, reason: "starting" };
    if (link && !link.connected()) return { ready: false, reason: "connecting to Slack" };
    return { ready: true };
  };
  // Reverse order of start: first no new work from Slack (the socket closes, the server stops
  // listening), then the work under way finishes, then what it needs closes.
  const shutdown = async () => {
    stopping = true;
    clearInterval(sweep);
    await link?.stop();
    await server?.close();
    await slack.idle(options.stopGraceMs ?? 20_000);
    await recovering;
    await dataforest?.close();
    await store.close();
  };

  try {
    server = await startHttpServer({
      host: config.http.host,
      port: config.http.port,
      health,
      slack: slack.http ? { path: EVENTS_PATH, listener: slack.http.requestListener } : undefined,
      logger,
    });
    // Not waiting for hello: until it comes, the health check says so.
    link = slack.socket
      ? connectSocket(slack.socket, {
          logger,
          ...(options.socketReconnectMs !== undefined
            ? { reconnectMs: options.socketReconnectMs }
            : {}),
        })
      : undefined;
    await link?.checked;
  } catch (error) {
    await shutdown();
    throw error;
  }
  started = true;

  const recover = async () => {
    try {
      for (const r of await service.unannounced()) await slack.announcer.announceNew(r);
      for (const r of await service.recover()) await slack.announcer.announceOutcome(r);
    } catch (error) {
      logger.error("could not settle unfinished requests", { error });
    }
  };
  recovering = recover();
  sweep = setInterval(() => {
    recovering = recovering.then(recover);
  }, options.recoverEveryMs ?? 60_000);
  sweep.unref();

  // In Socket Mode the app is ready only once Slack says hello; the socket link logs that.
  logger.info(slack.socket ? "started; connecting to Slack" : "ready", {
    mode: slack.socket ? "socket" : "http",
    dryRun: config.dataforest.dryRun,
  });
  let stopped: Promise<void> | undefined;
  return {
    url: server.url,
    port: server.port,
    // A second stop (a signal during a stop, a test's cleanup) waits for the first.
    stop() {
      stopped ??= shutdown().then(() => logger.info("stopped"));
      return stopped;
    },
  };
}
