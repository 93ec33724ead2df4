import "dotenv/config";
import { ConfigError, loadConfig, secretsOf } from "./config.js";
import { createLogger } from "./log.js";
import { startBot } from "./start.js";

/** Start-up: one clear message and a non-zero exit for a bad setting; a clean stop on a signal. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  const logger = createLogger({
    level: config.logLevel,
    secrets: secretsOf(config),
    pretty: process.stdout.isTTY === true,
  });
  const bot = await startBot(config, { logger });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("stopping", { signal });
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error("stop failed", { error });
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The app could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
