/**
 * One JSON line per event, or a short readable line on a terminal. Every line passes through
 * redaction: values of secret-named fields and anything that looks like a Slack token or one of the
 * configured secrets are replaced before anything is written.
 */

export const logLevels = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof logLevels)[number];
export type LogFields = Record<string, unknown>;

export type Logger = {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /**
   * A logger that adds these fields to every line (request id, Slack user and team), and also
   * redacts these values (the secrets a request carries).
   */
  child(fields: LogFields, secrets?: readonly string[]): Logger;
};

export type LoggerOptions = {
  level?: LogLevel;
  /** Exact values that must never be written (tokens, keys, the signing secret). */
  secrets?: readonly (string | undefined)[];
  write?: (line: string) => void;
  pretty?: boolean;
  now?: () => Date;
};

const SECRET_KEY = /secret|token|password|passwd|authorization|signature|access.?key|api.?key/i;
const SLACK_TOKEN = /\bxox[a-z]-[A-Za-z0-9-]+|\bxapp-[A-Za-z0-9-]+/g;
export const REDACTED = "[redacted]";

export function redactText(text: string, secrets: readonly string[]): string {
  let out = text.replace(SLACK_TOKEN, REDACTED);
  for (const s of secrets) out = out.split(s).join(REDACTED);
  return out;
}

function redactValue(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (value instanceof Error) {
    return {
      name: value.name,
      message: redactText(value.message, secrets),
      ...(value.stack ? { stack: redactText(value.stack, secrets) } : {}),
    };
  }
  if (value === null || typeof value !== "object") return value;
  if (depth > 6) return "[deep]";
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] =
      SECRET_KEY.test(k) && v !== undefined && v !== null && v !== ""
        ? REDACTED
        : redactValue(v, secrets, depth + 1);
  }
  return out;
}

export function createLogger(options: LoggerOptions = {}, bound: LogFields = {}): Logger {
  const min = logLevels.indexOf(options.level ?? "info");
  // Short values could match ordinary words; a real secret is never this short.
  const secrets = (options.secrets ?? []).filter((s): s is string => !!s && s.length >= 6);
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => new Date());

  const emit = (level: LogLevel, message: string, fields?: LogFields) => {
    if (logLevels.indexOf(level) < min) return;
    const entry = redactValue(
      { level, time: now().toISOString(), message, ...bound, ...fields },
      secrets,
      0,
    ) as LogFields;
    write(options.pretty ? prettyLine(entry) : JSON.stringify(entry));
  };

  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
    child: (fields, more = []) =>
      createLogger(
        { ...options, secrets: [...(options.secrets ?? []), ...more] },
        { ...bound, ...fields },
      ),
  };
}

function prettyLine(entry: LogFields): string {
  const { level, time, message, ...rest } = entry;
  const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : "";
  return `${String(time).slice(11, 23)} ${String(level).toUpperCase().padEnd(5)} ${String(message)}${extra}`;
}

/** A logger that writes nothing, for code paths whose caller passed none. */
export const silentLogger: Logger = createLogger({ write: () => {} });
