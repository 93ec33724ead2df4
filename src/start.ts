import { webApi } from "@slack/bolt";
import { createSlackApp, EVENTS_PATH, slackClientOptions } from "./app.js";
import type { Config } from "./config.js";
import { createDataForestClient, DEFAULT_TIMEOUTS } from "./dataforest/client.js";
import type { Logger } from "./log.js";
import { createApproverCheck } from "./requests/approvers.js";
import { createChoices } from "./requests/choices.js";
import { createRequestQueries } from "./requests/queries.js";
import { createWorkflow } from "./requests/workflow.js";
import { type Health, type HttpServer, type HttpTimeouts, startHttpServer } from "./server.js";
import { botIdentity } from "./slack/bot-identity.js";
import { type Delivery, startDelivery } from "./slack/delivery.js";
import { approversMention } from "./slack/mrkdwn.js";
import { connectSocket, type SocketLink } from "./slack/socket-link.js";
import { listenError, storeError } from "./startup-errors.js";
import { openStore } from "./store/open-store.js";

export type BotOptions = {
  logger: Logger;
  /** Tests shorten these; production keeps the defaults. */
  slackRetries?: number;
  nameCheckTimeoutMs?: number;
  /** How long the approver group's members are trusted, fresh and while Slack cannot be asked. */
  approverCache?: { cacheMs: number; staleMs: number };
  /** How often timers (expiry, reminders, unfinished creates and lookups) are looked at. */
  tickMs?: number;
  /** How often the outbox is looked at when nothing new was queued by this instance. */
  deliveryPollMs?: number;
  /** First wait before a message Slack did not take is tried again; it doubles. */
  deliveryBaseDelayMs?: number;
  dataforestTimeouts?: { connectMs: number; headersMs: number; bodyMs: number };
  /** How long a stop waits for work under way; by default STOP_GRACE_SECONDS. */
  stopGraceMs?: number;
  /** First wait before a new Socket Mode connection after one failed or dropped; it doubles. */
  socketReconnectMs?: number;
  /** The HTTP server's header, request and keep-alive timeouts; by default as in production. */
  httpTimeouts?: HttpTimeouts;
  now?: () => number;
};

export type RunningBot = { url: string; port: number; stop(): Promise<void> };

/** Waits for `work`, but no longer than `ms`. */
async function within(work: Promise<unknown> | undefined, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([work?.catch(() => {}), late]);
  clearTimeout(timer);
}

/**
 * Opens the store, builds the DataForest client, the workflow, the Slack app and the outbox's
 * delivery, serves HTTP, and settles what a previous run left unfinished. `stop` undoes it in
 * reverse within the stop grace; what is still unfinished then is settled by the next start.
 */
export async function startBot(config: Config, options: BotOptions): Promise<RunningBot> {
  const { logger } = options;
  const clientOptions = slackClientOptions(config, logger, options.slackRetries);
  const identity = await botIdentity(new webApi.WebClient(config.slack.botToken, clientOptions));
  const store = await openStore(config.store).catch((error: unknown) => {
    throw storeError(error, config.store);
  });
  const keys = config.dataforest.accessKey && config.dataforest.secretKey;
  const timeouts = options.dataforestTimeouts ?? DEFAULT_TIMEOUTS;
  const dataforest = keys
    ? createDataForestClient({
        baseUrl: config.dataforest.apiUrl,
        accessKey: config.dataforest.accessKey,
        secretKey: config.dataforest.secretKey,
        logger,
        timeouts,
        proxy: config.proxy,
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
    ...options.approverCache,
    ...(options.now ? { now: options.now } : {}),
  });
  let delivery: Delivery | undefined;
  const workflow = createWorkflow({
    store,
    dataforest,
    approvers,
    messenger: { wake: () => delivery?.wake() },
    dryRun: config.dataforest.dryRun,
    limits: config.limits,
    logger,
    timers: config.timers,
    // A create answers within the connect and header timeouts, or it is unclear.
    createLeaseMs: timeouts.connectMs + timeouts.headersMs,
    ...(options.nameCheckTimeoutMs !== undefined
      ? { nameCheckTimeoutMs: options.nameCheckTimeoutMs }
      : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const choices = createChoices({ dataforest, logger });
  const slack = createSlackApp({
    config,
    workflow,
    queries: createRequestQueries({
      store,
      approvers,
      ...(options.now ? { now: options.now } : {}),
    }),
    choices,
    logger,
    clientOptions,
    identity,
  });

  let stopping = false;
  let started = false;
  let server: HttpServer | undefined;
  let link: SocketLink | undefined;
  let ticker: NodeJS.Timeout | undefined;
  let ticking: Promise<void> = Promise.resolve();
  const health = (): Health => {
    if (stopping) return { ready: false, reason: "stopping" };
    if (!started) return { ready: false, reason: "starting" };
    if (link && !link.connected()) return { ready: false, reason: "connecting to Slack" };
    return { ready: true };
  };
  // Reverse order of start: first no new work from Slack (the socket closes, the server stops
  // listening), then the work under way finishes or the grace runs out, then what it needs closes.
  const shutdown = async () => {
    stopping = true;
    clearInterval(ticker);
    const deadline = Date.now() + (options.stopGraceMs ?? config.stopGraceSeconds * 1000);
    const left = () => Math.max(0, deadline - Date.now());
    await within(link?.stop(), left());
    await within(server?.close(), left());
    await slack.idle(left());
    await within(ticking, left());
    await delivery?.stop(left());
    await within(dataforest?.close(), left());
    await store.close();
  };

  try {
    server = await startHttpServer({
      host: config.http.host,
      port: config.http.port,
      health,
      slack: slack.http ? { path: EVENTS_PATH, listener: slack.http.requestListener } : undefined,
      logger,
      timeouts: options.httpTimeouts,
    }).catch((error: unknown) => {
      throw listenError(error, config.http);
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
    await workflow.resume();
  } catch (error) {
    await shutdown();
    throw error;
  }
  started = true;

  // Its own client: the delivery decides when to retry, and waits out rate limits itself.
  const deliveryClient = new webApi.WebClient(config.slack.botToken, {
    ...clientOptions,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // Within the workflow's delivery lease, so no other instance takes a message still being sent.
    timeout: 10_000,
  });
  delivery = startDelivery({
    client: deliveryClient,
    workflow,
    approvers: approversMention(config.approvers),
    locales: slack.locales,
    logger,
    // App Home lists requests with their state: whoever a request concerns sees it redrawn.
    onShown: (request) => slack.home.refreshFor(request),
    ...(options.deliveryPollMs !== undefined ? { pollMs: options.deliveryPollMs } : {}),
    ...(options.deliveryBaseDelayMs !== undefined
      ? { baseDelayMs: options.deliveryBaseDelayMs }
      : {}),
  });

  const tick = () => {
    ticking = workflow.tick().catch((error: unknown) => {
      logger.error("could not move requests on", { error });
    });
  };
  tick();
  ticker = setInterval(tick, options.tickMs ?? 5_000);
  ticker.unref();

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
