/**
 * The mistakes admins make most when they fill in the settings: a value left as it is in
 * .env.example, and a Slack token or id pasted into the wrong variable. Each message names the
 * variable and says what goes there instead; none repeats the value.
 */

type Env = Record<string, string | undefined>;

/** What each setting copied from .env.example should hold instead of its example value. */
const REPLACE_WITH: Record<string, string> = {
  SLACK_BOT_TOKEN: "the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page",
  SLACK_SIGNING_SECRET:
    "the Signing Secret from the app's Basic Information page (HTTP mode), or leave it empty in Socket Mode",
  SLACK_APP_TOKEN:
    "an app-level token (xapp-…) with connections:write from the app's Basic Information page, or leave it empty for HTTP mode",
  NCP_ACCESS_KEY: "the service account's Access Key ID, or leave it empty in a dry run",
  NCP_SECRET_KEY: "the service account's Secret Key, or leave it empty in a dry run",
  DATAFOREST_ACCOUNT_ID: "an id that `npm run accounts` lists, or leave it empty",
  APPROVER_USER_IDS:
    "your team leads' Slack member ids (profile → ⋮ → Copy member ID), separated by commas",
  APPROVER_USERGROUP_ID: "your Slack user group's id (S…), or leave it empty",
  DATABASE_URL: "your PostgreSQL server's URL, or leave it empty to use SQLite",
};

/** The example values start with "your" (after a token prefix) or say "example". */
function isPlaceholder(value: string): boolean {
  return /^(xox[a-z]-|xapp-)?your/i.test(value) || /example/i.test(value);
}

function placeholders(env: Env): string[] {
  return Object.entries(REPLACE_WITH)
    .filter(([name]) => isPlaceholder((env[name] ?? "").trim()))
    .map(
      ([name, what]) =>
        `${name} still has its example value: replace the example value with ${what}`,
    );
}

/** What a Slack token is, from its prefix, and where it belongs. */
const TOKEN_KINDS: { prefix: string; kind: string; belongs: string }[] = [
  { prefix: "xapp-", kind: "an app-level token", belongs: "it belongs in SLACK_APP_TOKEN" },
  { prefix: "xoxb-", kind: "a bot token", belongs: "it belongs in SLACK_BOT_TOKEN" },
  {
    prefix: "xoxp-",
    kind: "a user token",
    belongs: "the app needs its bot token (xoxb-…) instead",
  },
  {
    prefix: "xoxe",
    kind: "a refresh or configuration token",
    belongs: "the app needs its bot token (xoxb-…) instead",
  },
];

/** What each token variable takes, for the message that says a token is in the wrong place. */
const TAKES: Record<string, string> = {
  SLACK_BOT_TOKEN: "the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page",
  SLACK_APP_TOKEN: "an app-level token (xapp-…) from the app's Basic Information page",
  SLACK_SIGNING_SECRET: "the Signing Secret from the app's Basic Information page, not a token",
};

/** `name` should hold a token starting with `expected` (or, without one, no token at all). */
function tokenMisplaced(env: Env, name: string, expected?: string): string | undefined {
  const value = (env[name] ?? "").trim();
  if (!value || (expected && value.startsWith(expected))) return undefined;
  const found = TOKEN_KINDS.find((t) => value.startsWith(t.prefix));
  if (!found) return undefined;
  return `${name} has the wrong kind of token: this is ${found.kind}; ${found.belongs}. ${name} takes ${TAKES[name]}`;
}

/** Slack ids carry their kind in the first letter. */
const ID_KINDS: Record<string, { kind: string; belongs?: string }> = {
  S: { kind: "a user group id", belongs: "it belongs in APPROVER_USERGROUP_ID" },
  U: { kind: "a user id", belongs: "it belongs in APPROVER_USER_IDS" },
  W: { kind: "a user id", belongs: "it belongs in APPROVER_USER_IDS" },
  C: { kind: "a channel id" },
  G: { kind: "a channel id" },
  D: { kind: "a direct message id" },
  T: { kind: "a workspace (team) id" },
  B: { kind: "a bot id" },
};

function idMisplaced(env: Env, name: string, wants: string[]): string | undefined {
  const ids = (env[name] ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter((id) => /^[A-Z][A-Z0-9]{2,}$/.test(id));
  for (const id of ids) {
    const first = id[0] ?? "";
    if (wants.includes(first)) continue;
    const found = ID_KINDS[first];
    if (!found) continue;
    const instead =
      found.belongs ?? `it takes ${wants.includes("S") ? "a user group id (S…)" : "user ids (U…)"}`;
    return `${name} has ${found.kind} (${id}): this is ${found.kind}; ${instead}`;
  }
  return undefined;
}

/**
 * Every mistake of this kind in `env`. Run on the raw environment, beside the schema, so that all
 * problems are reported at once.
 */
export function settingMistakes(env: Env): string[] {
  return [
    ...placeholders(env),
    tokenMisplaced(env, "SLACK_BOT_TOKEN", "xoxb-"),
    tokenMisplaced(env, "SLACK_APP_TOKEN", "xapp-"),
    tokenMisplaced(env, "SLACK_SIGNING_SECRET"),
    idMisplaced(env, "APPROVER_USER_IDS", ["U", "W"]),
    idMisplaced(env, "APPROVER_USERGROUP_ID", ["S"]),
  ].filter((m): m is string => m !== undefined);
}

/** The variables `settingMistakes` has spoken about, so the schema does not repeat them. */
export function namesIn(problems: string[]): Set<string> {
  return new Set(problems.map((p) => p.split(" ")[0] ?? ""));
}
