import { webApi } from "@slack/bolt";
import dotenv from "dotenv";
import { slackClientOptions } from "./app.js";
import { type Config, ConfigError, loadConfig, secretsOf } from "./config.js";
import { createDataForestClient } from "./dataforest/client.js";
import { keepHeapNearLiveSize } from "./heap.js";
import { createLogger, type Logger } from "./log.js";
import type { ProcessGuard } from "./process-guard.js";
import { CHECK_TIMEOUT_MS, checkSettingsWithServices } from "./settings-check.js";
import { startBot } from "./start.js";

/** Closing the store and the connections after the work under way: what the grace keeps back. */
const CLOSE_MARGIN_MS = 1000;

/**
 * Start-up: one clear message and a non-zero exit for a bad setting; a stop on a signal that
 * finishes within STOP_GRACE_SECONDS, whenever the signal comes.
 */
export async function run(guard: ProcessGuard): Promise<void> {
  // Quiet: stdout carries only log lines.
  dotenv.config({ quiet: true });
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    guard.exit(2);
    return;
  }
  const graceMs = config.stopGraceSeconds * 1000;
  guard.setGraceMs(graceMs);
  const logger = createLogger({
    level: config.logLevel,
    secrets: secretsOf(config),
    pretty: process.stdout.isTTY === true,
  });
  guard.useLogger(logger);
  if (guard.stopping()) {
    logger.info("stopped before start-up began");
    guard.exit(0);
    return;
  }

  const started = checkSettings(config, logger).then(() =>
    startBot(config, { logger, stopGraceMs: Math.max(0, graceMs - CLOSE_MARGIN_MS) }),
  );
  let signal: string | undefined;
  try {
    signal = await Promise.race([started.then(() => undefined), guard.stopRequested]);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    guard.exit(2);
    return;
  }
  if (signal) {
    // Nothing has been taken on yet: give the start a moment to settle so it can be undone
    // tidily, and otherwise just end (a start may hang on a network that swallows packets).
    logger.info("stopping: start-up was still under way", { signal });
    const bot = await within(
      started.catch(() => undefined),
      Math.max(0, graceMs - CLOSE_MARGIN_MS),
    );
    await bot?.stop();
    logger.info("stopped before start-up finished");
    guard.exit(0);
    return;
  }
  const bot = await started;
  keepHeapNearLiveSize();
  logger.info("stopping", { signal: await guard.stopRequested });
  try {
    await bot.stop();
    guard.exit(0);
  } catch (error) {
    logger.error("stop failed", { error });
    guard.exit(1);
  }
}

/** Asks Slack and DataForest about the settings; throws the definite problems as a ConfigError. */
async function checkSettings(config: Config, logger: Logger): Promise<void> {
  const slack = new webApi.WebClient(config.slack.botToken, {
    ...slackClientOptions(config, logger, 0),
    timeout: CHECK_TIMEOUT_MS,
  });
  const { accessKey, secretKey } = config.dataforest;
  const dataforest =
    accessKey && secretKey
      ? createDataForestClient({
          baseUrl: config.dataforest.apiUrl,
          accessKey,
          secretKey,
          logger,
          proxy: config.proxy,
        })
      : undefined;
  try {
    const verdict = await checkSettingsWithServices({ config, slack, dataforest });
    for (const warning of verdict.warnings) logger.warn(warning);
    if (verdict.problems.length > 0) throw new ConfigError(verdict.problems);
  } finally {
    await dataforest?.close();
  }
}

/** What `promise` resolves to, or undefined after `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
