import { z } from "zod";
import { namesIn, settingMistakes } from "./config-mistakes.js";
import { GPU_COUNT_MAX } from "./dataforest/create-request.js";
import { logLevels } from "./log.js";
import type { ProxySettings } from "./proxy.js";
import { DEFAULT_LIMITS, type Limits } from "./requests/limits.js";
import { type Preset, readPresets, SHIPPED_PRESETS } from "./requests/presets.js";
import { problemText } from "./slack/form.js";
import { translator } from "./slack/i18n/catalog.js";

/**
 * The environment, as README.md's settings table describes it. Everything is checked at
 * once so an operator fixes all problems in one go; a secret's value is never repeated back.
 */

const slackUserId = /^[UW][A-Z0-9]{2,}$/;

const trimmed = z.string().trim();
// A missing variable reads as empty, so it gets the same "is required: what it is" message.
const required = (what: string) =>
  z.preprocess((v) => v ?? "", trimmed.min(1, { error: `is required: ${what}` }));
const optional = trimmed.optional().transform((v) => (v === "" ? undefined : v));

const url = (what: string) =>
  trimmed.refine((v) => /^https?:\/\/[^\s]+$/.test(v), {
    error: `must be an http(s) URL (${what})`,
  });

/** A whole number from 1 to `max`; `allowed` names the documented API ceiling, when there is one. */
const countSetting = (max: number, apiMax?: number) =>
  trimmed
    .refine((v) => /^\d+$/.test(v), { error: "must be a whole number, written in digits" })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(1, { error: "must be at least 1" })
        .max(max, {
          error: apiMax ? `can be at most ${apiMax}, the API's own limit` : `can be at most ${max}`,
        }),
    );

const booleanFlag = trimmed
  .toLowerCase()
  .optional()
  .refine((v) => v === undefined || v === "" || ["true", "false", "1", "0"].includes(v), {
    error: "must be true or false",
  })
  .transform((v) => v === "true" || v === "1");

/** A positive amount of time in some unit; fractions allowed, so 0.001 hours is 3.6 s. */
const duration = (unit: string, fallback: number) =>
  z.coerce
    .number({ error: `must be a number of ${unit}` })
    .positive({ error: `must be more than 0 ${unit}` })
    .finite({ error: `must be a number of ${unit}` })
    .default(fallback);

const envSchema = z.object({
  SLACK_BOT_TOKEN: required("the bot token from the Slack app's OAuth page (xoxb-…)").refine(
    (v) => v.startsWith("xoxb-"),
    { error: "must be a bot token, starting with xoxb-" },
  ),
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional.refine((v) => v === undefined || v.startsWith("xapp-"), {
    error: "must be an app-level token, starting with xapp-",
  }),
  SLACK_API_URL: url("the Slack Web API base").default("https://slack.com/api/"),
  HOST: trimmed.min(1).default("0.0.0.0"),
  PORT: z.coerce
    .number({ error: "must be a port number" })
    .int({ error: "must be a whole number" })
    .min(0, { error: "must be from 0 to 65535" })
    .max(65535, { error: "must be from 0 to 65535" })
    .default(3000),
  NCP_ACCESS_KEY: optional,
  NCP_SECRET_KEY: optional,
  DATAFOREST_API_URL: url("the DataForest API base").default("https://df.apigw.ntruss.com"),
  DATAFOREST_ACCOUNT_ID: optional.refine((v) => v === undefined || /^[A-Za-z0-9]{1,22}$/.test(v), {
    error: "must be a DataForest account id: up to 22 letters and digits",
  }),
  DATAFOREST_DRY_RUN: booleanFlag,
  APPROVER_USER_IDS: optional
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((id) => id.trim())
        .filter((id) => id.length > 0),
    )
    .refine((ids) => ids.every((id) => slackUserId.test(id)), {
      error: "must be Slack user ids separated by commas, like U012ABCDEF,U034GHIJKL",
    }),
  APPROVER_USERGROUP_ID: optional.refine((v) => v === undefined || /^S[A-Z0-9]{2,}$/.test(v), {
    error: "must be a Slack user group id, starting with S",
  }),
  DATABASE_URL: optional.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    error: "must be a postgres:// URL",
  }),
  DATA_DIR: trimmed.min(1).default("./data"),
  LOG_LEVEL: trimmed.toLowerCase().pipe(z.enum(logLevels)).default("info"),
  DEFAULT_LOCALE: trimmed
    .toLowerCase()
    .pipe(z.enum(["en", "ja"], { error: "must be en or ja" }))
    .default("en"),
  MAX_GPU_COUNT: countSetting(GPU_COUNT_MAX, GPU_COUNT_MAX).default(DEFAULT_LIMITS.maxGpuCount),
  MAX_CPU_COUNT: countSetting(1024).default(DEFAULT_LIMITS.maxCpuCount),
  MAX_MEMORY_GB: countSetting(65_536).default(DEFAULT_LIMITS.maxMemoryGb),
  GPU_MODELS: optional.transform((v, ctx) => {
    const models = [
      ...new Set(
        (v ?? DEFAULT_LIMITS.gpuModels.join(","))
          .split(",")
          .map((m) => m.trim())
          .filter((m) => m.length > 0),
      ),
    ];
    if (models.length === 0 || models.length > 100 || models.some((m) => m.length > 75)) {
      ctx.addIssue({
        code: "custom",
        message: "must be GPU model names separated by commas, like T4,V100 (at most 100)",
      });
    }
    return models;
  }),
  MAX_PENDING_PER_USER: countSetting(1000).default(DEFAULT_LIMITS.maxPendingPerUser),
  PRESETS_FILE: optional,
  REQUEST_TTL_HOURS: duration("hours", 72),
  REMINDER_HOURS: duration("hours", 24),
  SETTLE_WINDOW_MINUTES: duration("minutes", 15),
  // Docker kills 10 s after its stop signal, systemd after 90 s by default.
  HTTPS_PROXY: optional.refine((v) => v === undefined || /^https?:\/\/[^\s/]+/.test(v), {
    error: "must be the proxy's URL, like http://proxy.internal:3128",
  }),
  HTTP_PROXY: optional.refine((v) => v === undefined || /^https?:\/\/[^\s/]+/.test(v), {
    error: "must be the proxy's URL, like http://proxy.internal:3128",
  }),
  NO_PROXY: optional,
  STOP_GRACE_SECONDS: z.coerce
    .number({ error: "must be a number of seconds, like 8" })
    .min(1, { error: "must be from 1 to 600 seconds" })
    .max(600, { error: "must be from 1 to 600 seconds" })
    .default(8),
});

/**
 * Rules across variables. They read the raw environment so they are reported together with the
 * problems of single variables, not only once those are fixed.
 */
function crossProblems(env: Record<string, string | undefined>): string[] {
  const set = (name: string) => (env[name] ?? "").trim() !== "";
  const problems: string[] = [];
  if (!set("SLACK_APP_TOKEN") && !set("SLACK_SIGNING_SECRET")) {
    problems.push(
      "SLACK_SIGNING_SECRET is required in HTTP mode (without SLACK_APP_TOKEN): the signing secret from the Slack app's Basic Information page",
    );
  }
  // A dry run exists so an admin can try the flow before they have keys.
  if (!["true", "1"].includes((env.DATAFOREST_DRY_RUN ?? "").trim().toLowerCase())) {
    if (!set("NCP_ACCESS_KEY"))
      problems.push("NCP_ACCESS_KEY is required: the service account's access key");
    if (!set("NCP_SECRET_KEY"))
      problems.push("NCP_SECRET_KEY is required: the service account's secret key");
  }
  if (!set("APPROVER_USER_IDS") && !set("APPROVER_USERGROUP_ID")) {
    problems.push(
      "APPROVER_USER_IDS is required (or APPROVER_USERGROUP_ID): who may approve requests, as Slack user ids",
    );
  }
  return problems;
}

export type Config = {
  slack: {
    botToken: string;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string;
  };
  http: { host: string; port: number };
  dataforest: {
    apiUrl: string;
    accessKey: string;
    secretKey: string;
    accountId: string | undefined;
    dryRun: boolean;
  };
  approvers: { userIds: string[]; usergroupId: string | undefined };
  store: { databaseUrl: string | undefined; dataDir: string };
  logLevel: (typeof logLevels)[number];
  limits: Limits;
  /** How long a stop waits for work under way before the process ends anyway. */
  stopGraceSeconds: number;
  /** The outbound proxy for Slack and DataForest. */
  proxy: ProxySettings;
  /** How long requests and creates may take, in ms. */
  timers: { ttlMs: number; reminderMs: number; settleWindowMs: number };
  /** The form's presets, checked; the first is the default. */
  presets: Preset[];
  /** The language of what the shared channel reads: the request card and its thread. */
  defaultLocale: "en" | "ja";
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The app cannot start: ${problems.length === 1 ? "a setting needs" : "some settings need"} fixing.\n${problems
        .map((p) => `  - ${p}`)
        .join("\n")}\nSee .env.example and README.md for what each setting means.`,
    );
    this.name = "ConfigError";
  }
}

function limitsOf(e: z.output<typeof envSchema>): Limits {
  return {
    maxGpuCount: e.MAX_GPU_COUNT,
    maxCpuCount: e.MAX_CPU_COUNT,
    maxMemoryGb: e.MAX_MEMORY_GB,
    gpuModels: e.GPU_MODELS,
    maxPendingPerUser: e.MAX_PENDING_PER_USER,
  };
}

/** Reads the configuration from an environment; throws one ConfigError that lists every problem. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // `PORT=` in a .env file means "not set": the default applies, as the contract says.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => (v ?? "").trim() !== ""));
  // The proxy variables are as often written in lower case (curl reads both; lower case wins).
  for (const name of ["HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY"]) {
    const lower = given[name.toLowerCase()];
    if (lower !== undefined) given[name] = lower;
  }
  const parsed = envSchema.safeParse(given);
  // Only the variable's name and the rule are reported, never the value given. A named mistake
  // (an example value, a token in the wrong place) says more than the schema's rule about it.
  const mistakes = settingMistakes(env);
  const explained = namesIn(mistakes);
  const problems = [
    ...mistakes,
    ...(parsed.success
      ? []
      : parsed.error.issues
          .map((i) => `${i.path.map(String).join(".") || "environment"} ${i.message}`)
          .filter((p) => !explained.has(p.split(" ")[0] ?? ""))),
    ...crossProblems(env),
  ];
  // Checked against the bounds as configured, or the defaults when those are broken too, so the
  // presets' problems are reported in the same go.
  const presetsFile = (given.PRESETS_FILE ?? "").trim();
  const presets = readPresets(
    presetsFile || SHIPPED_PRESETS,
    parsed.success ? limitsOf(parsed.data) : DEFAULT_LIMITS,
    // Operators read start-up problems in English, in the words the form would use.
    (problem) => problemText(problem, translator("en")),
  );
  if (!presets.ok) {
    const where = presetsFile ? `PRESETS_FILE (${presetsFile})` : "presets.yml (shipped)";
    problems.push(...presets.problems.map((p) => `${where}: ${p}`));
  }
  if (!parsed.success || !presets.ok || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL.endsWith("/") ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`,
    },
    http: { host: e.HOST, port: e.PORT },
    dataforest: {
      apiUrl: e.DATAFOREST_API_URL.replace(/\/+$/, ""),
      accessKey: e.NCP_ACCESS_KEY ?? "",
      secretKey: e.NCP_SECRET_KEY ?? "",
      accountId: e.DATAFOREST_ACCOUNT_ID,
      dryRun: e.DATAFOREST_DRY_RUN,
    },
    approvers: { userIds: e.APPROVER_USER_IDS, usergroupId: e.APPROVER_USERGROUP_ID },
    store: { databaseUrl: e.DATABASE_URL, dataDir: e.DATA_DIR },
    logLevel: e.LOG_LEVEL,
    limits: limitsOf(e),
    presets: presets.presets,
    stopGraceSeconds: e.STOP_GRACE_SECONDS,
    proxy: { httpsProxy: e.HTTPS_PROXY, httpProxy: e.HTTP_PROXY, noProxy: e.NO_PROXY },
    timers: {
      ttlMs: Math.round(e.REQUEST_TTL_HOURS * 3_600_000),
      reminderMs: Math.round(e.REMINDER_HOURS * 3_600_000),
      settleWindowMs: Math.round(e.SETTLE_WINDOW_MINUTES * 60_000),
    },
    defaultLocale: e.DEFAULT_LOCALE,
  };
}

/** Every secret of a configuration, for the logger's redaction. */
export function secretsOf(config: Config): string[] {
  return [
    config.slack.botToken,
    config.slack.signingSecret,
    config.slack.appToken,
    config.dataforest.secretKey,
    config.dataforest.accessKey,
    // A proxy URL may carry a user and password.
    proxyPassword(config.proxy.httpsProxy),
    proxyPassword(config.proxy.httpProxy),
  ].filter((s): s is string => !!s);
}

function proxyPassword(url: string | undefined): string | undefined {
  try {
    return url ? decodeURIComponent(new URL(url).password) || undefined : undefined;
  } catch {
    return undefined;
  }
}
