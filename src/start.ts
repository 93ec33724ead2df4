import { createSlackApp, EVENTS_PATH } from "./app.js";
import type { Config } from "./config.js";
import { createDataForestClient } from "./dataforest/client.js";
import type { Logger } from "./log.js";
import { createApproverCheck } from "./requests/approvers.js";
import { createChoices } from "./requests/choices.js";
import { createRequestService } from "./requests/service.js";
import { startHttpServer } from "./server.js";
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
};

export type RunningBot = { url: string; port: number; stop(): Promise<void> };

/**
 * Opens the store, builds the DataForest client, the request service and the Slack app, serves
 * HTTP, and settles what a previous run left unfinished. `stop` undoes it in reverse.
 */
export async function startBot(config: Config, options: BotOptions): Promise<RunningBot> {
  const { logger } = options;
  let ready = false;
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
    choices,
    logger,
    ...(options.slackRetries !== undefined ? { slackRetries: options.slackRetries } : {}),
  });

  const server = await startHttpServer({
    host: config.http.host,
    port: config.http.port,
    isReady: () => ready,
    slack: slack.http ? { path: EVENTS_PATH, listener: slack.http.requestListener } : undefined,
    logger,
  });
  if (slack.socket) await slack.app.start();
  ready = true;

  const recover = async () => {
    try {
      for (const r of await service.unannounced()) await slack.announcer.announceNew(r);
      for (const r of await service.recover()) await slack.announcer.announceOutcome(r);
    } catch (error) {
      logger.error("could not settle unfinished requests", { error });
    }
  };
  let recovering = recover();
  const sweep = setInterval(() => {
    recovering = recovering.then(recover);
  }, options.recoverEveryMs ?? 60_000);
  sweep.unref();

  logger.info("ready", {
    mode: slack.socket ? "socket" : "http",
    dryRun: config.dataforest.dryRun,
  });
  return {
    url: server.url,
    port: server.port,
    async stop() {
      ready = false;
      clearInterval(sweep);
      await server.close();
      if (slack.socket) await slack.app.stop();
      await slack.idle(options.stopGraceMs ?? 20_000);
      await recovering;
      await dataforest?.close();
      await store.close();
      logger.info("stopped");
    },
  };
}
