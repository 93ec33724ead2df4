import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../log.js";

const levels: Record<string, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

/**
 * At debug level the Slack clients write whole payloads into their message: every request body and
 * answer, every Socket Mode envelope, every ack. Those hold what people typed, environment values
 * included, which no redaction by name can find; so a message is cut where its payload starts.
 */
const PAYLOAD_START = /[{[]/;

function withoutPayload(message: string): string {
  const at = message.search(PAYLOAD_START);
  if (at < 0) return message;
  return `${message.slice(0, at).trimEnd()} [payload of ${message.length - at} characters not logged]`;
}

/**
 * Bolt and the Slack clients log through ours, so their lines are JSON and redacted like ours.
 * Bolt passes loose arguments; the first string is the message, the rest go along as details.
 */
export function boltLogger(logger: Logger, level: string): BoltLogger {
  let current = levels[level] ?? LogLevel.INFO;
  let name = "bolt";
  const line =
    (write: (message: string, fields?: Record<string, unknown>) => void) =>
    (...args: unknown[]) => {
      const [first, ...rest] = args;
      const message = typeof first === "string" ? withoutPayload(first) : "slack";
      const details = typeof first === "string" ? rest : args;
      write(message, { source: name, ...(details.length > 0 ? { details } : {}) });
    };
  return {
    debug: line(logger.debug),
    info: line(logger.info),
    warn: line(logger.warn),
    error: line(logger.error),
    setLevel: (l) => {
      current = l;
    },
    getLevel: () => current,
    setName: (n) => {
      name = n;
    },
  };
}
