import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

const good = {
  SLACK_BOT_TOKEN: "xoxb-test-bot-token-123",
  SLACK_SIGNING_SECRET: "signing-secret-abcdef",
  NCP_ACCESS_KEY: "access-key-abcdef",
  NCP_SECRET_KEY: "secret-key-abcdef",
  APPROVER_USER_IDS: "U012ABCDEF, U034GHIJKL",
};

const problemsOf = (env: Record<string, string | undefined>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
};

describe("configuration", () => {
  it("applies the contract's defaults", () => {
    const config = loadConfig(good);
    expect(config.http).toEqual({ host: "0.0.0.0", port: 3000 });
    expect(config.slack.apiUrl).toBe("https://slack.com/api/");
    expect(config.slack.appToken).toBeUndefined();
    expect(config.dataforest.apiUrl).toBe("https://df.apigw.ntruss.com");
    expect(config.dataforest.dryRun).toBe(false);
    expect(config.approvers.userIds).toEqual(["U012ABCDEF", "U034GHIJKL"]);
    expect(config.store).toEqual({ databaseUrl: undefined, dataDir: "./data" });
    expect(config.logLevel).toBe("info");
    expect(config.defaultLocale).toBe("en");
  });

  it("takes en or ja as the channel's language, in any case, and refuses anything else", () => {
    expect(loadConfig({ ...good, DEFAULT_LOCALE: "ja" }).defaultLocale).toBe("ja");
    expect(loadConfig({ ...good, DEFAULT_LOCALE: " JA " }).defaultLocale).toBe("ja");
    expect(problemsOf({ ...good, DEFAULT_LOCALE: "ja-JP" })).toEqual([
      "DEFAULT_LOCALE must be en or ja",
    ]);
  });

  it("reads the timers, fractions included, and refuses what is not a positive number", () => {
    expect(loadConfig(good).timers).toEqual({
      ttlMs: 72 * 3_600_000,
      reminderMs: 24 * 3_600_000,
      settleWindowMs: 15 * 60_000,
    });
    expect(
      loadConfig({ ...good, REQUEST_TTL_HOURS: "0.001", REMINDER_HOURS: "0.0005" }).timers,
    ).toMatchObject({ ttlMs: 3_600, reminderMs: 1_800 });
    expect(
      problemsOf({
        ...good,
        REQUEST_TTL_HOURS: "0",
        REMINDER_HOURS: "soon",
        SETTLE_WINDOW_MINUTES: "-5",
      }),
    ).toEqual([
      "REQUEST_TTL_HOURS must be more than 0 hours",
      "REMINDER_HOURS must be a number of hours",
      "SETTLE_WINDOW_MINUTES must be more than 0 minutes",
    ]);
  });

  it("lists every problem at once, by name, without repeating any value", () => {
    const error = (() => {
      try {
        loadConfig({
          SLACK_BOT_TOKEN: "xoxp-a-user-token-999",
          PORT: "http",
          DATAFOREST_DRY_RUN: "maybe",
          APPROVER_USER_IDS: "alice",
          DATABASE_URL: "mysql://secret-password@db",
          LOG_LEVEL: "loud",
          NCP_SECRET_KEY: "very-secret-value",
        });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error("expected a ConfigError");
    })();
    const named = error.problems.map((p) => p.split(" ")[0]);
    expect(named).toEqual(
      expect.arrayContaining([
        "SLACK_BOT_TOKEN",
        "PORT",
        "DATAFOREST_DRY_RUN",
        "APPROVER_USER_IDS",
        "DATABASE_URL",
        "LOG_LEVEL",
        "SLACK_SIGNING_SECRET",
        "NCP_ACCESS_KEY",
      ]),
    );
    for (const secret of ["xoxp-a-user-token-999", "secret-password", "very-secret-value"]) {
      expect(error.message).not.toContain(secret);
    }
  });

  it("says what a missing setting is for", () => {
    expect(problemsOf({})).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SLACK_BOT_TOKEN is required: the bot token/),
        expect.stringMatching(/^SLACK_SIGNING_SECRET is required in HTTP mode/),
        expect.stringMatching(/^NCP_ACCESS_KEY is required/),
        expect.stringMatching(/^NCP_SECRET_KEY is required/),
        expect.stringMatching(/^APPROVER_USER_IDS is required/),
      ]),
    );
  });

  it("needs no signing secret in Socket Mode and no keys in a dry run", () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_APP_TOKEN: "xapp-1-A1-1-abc",
      DATAFOREST_DRY_RUN: "true",
      APPROVER_USERGROUP_ID: "S0LEADS",
    });
    expect(config.slack.appToken).toBe("xapp-1-A1-1-abc");
    expect(config.dataforest.dryRun).toBe(true);
    expect(config.approvers).toEqual({ userIds: [], usergroupId: "S0LEADS" });
  });

  it("rejects an app token that is not one", () => {
    expect(problemsOf({ ...good, SLACK_APP_TOKEN: "notatoken-123" })).toEqual([
      "SLACK_APP_TOKEN must be an app-level token, starting with xapp-",
    ]);
  });
});

describe("the usual mistakes", () => {
  // The values .env.example ships with.
  const example = {
    SLACK_BOT_TOKEN: "xoxb-your-bot-token",
    SLACK_SIGNING_SECRET: "your-signing-secret",
    SLACK_APP_TOKEN: "xapp-your-app-level-token",
    NCP_ACCESS_KEY: "your-ncp-access-key",
    NCP_SECRET_KEY: "your-ncp-secret-key",
    DATAFOREST_ACCOUNT_ID: "YourDataForestAcctId",
    APPROVER_USER_IDS: "U0EXAMPLE1,U0EXAMPLE2",
    APPROVER_USERGROUP_ID: "S0EXAMPLE1",
    DATABASE_URL: "postgres://aiworkspace:your-db-password@db.example.internal:5432/aiworkspace",
  };

  for (const [name, value] of Object.entries(example)) {
    it(`refuses the example value of ${name} and says what goes there`, () => {
      const problems = problemsOf({ ...good, [name]: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(
        new RegExp(`^${name} still has its example value: replace the example value with `),
      );
      expect(problems[0]).not.toContain(value);
    });
  }

  it("refuses every example value at once", () => {
    const named = problemsOf(example).map((p) => p.split(" ")[0]);
    expect(new Set(named)).toEqual(new Set(Object.keys(example)));
  });

  it("names an app-level token given as the bot token, and where it belongs", () => {
    expect(problemsOf({ ...good, SLACK_BOT_TOKEN: "xapp-1-fake-test-app-token" })).toEqual([
      "SLACK_BOT_TOKEN has the wrong kind of token: this is an app-level token; it belongs in SLACK_APP_TOKEN. SLACK_BOT_TOKEN takes the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page",
    ]);
  });

  it("names a bot token given as the app-level token", () => {
    expect(problemsOf({ ...good, SLACK_APP_TOKEN: "xoxb-1-2-abcdef" })).toEqual([
      "SLACK_APP_TOKEN has the wrong kind of token: this is a bot token; it belongs in SLACK_BOT_TOKEN. SLACK_APP_TOKEN takes an app-level token (xapp-…) from the app's Basic Information page",
    ]);
  });

  it("names a user token given as the bot token", () => {
    const [problem] = problemsOf({ ...good, SLACK_BOT_TOKEN: "xoxp-1-2-abcdef" });
    expect(problem).toContain("SLACK_BOT_TOKEN has the wrong kind of token: this is a user token");
    expect(problem).toContain("(xoxb-…)");
  });

  it("names a token given as the signing secret", () => {
    const [problem] = problemsOf({ ...good, SLACK_SIGNING_SECRET: "xoxb-1-2-abcdef" });
    expect(problem).toBe(
      "SLACK_SIGNING_SECRET has the wrong kind of token: this is a bot token; it belongs in SLACK_BOT_TOKEN. SLACK_SIGNING_SECRET takes the Signing Secret from the app's Basic Information page, not a token",
    );
  });

  it("names a user group id among the approvers' user ids, and a user id as the group", () => {
    expect(problemsOf({ ...good, APPROVER_USER_IDS: "U012ABCDEF,S0LEADS" })).toEqual([
      "APPROVER_USER_IDS has a user group id (S0LEADS): this is a user group id; it belongs in APPROVER_USERGROUP_ID",
    ]);
    expect(problemsOf({ ...good, APPROVER_USERGROUP_ID: "U012ABCDEF" })).toEqual([
      "APPROVER_USERGROUP_ID has a user id (U012ABCDEF): this is a user id; it belongs in APPROVER_USER_IDS",
    ]);
    expect(problemsOf({ ...good, APPROVER_USER_IDS: "C0CHANNEL1" })).toEqual([
      "APPROVER_USER_IDS has a channel id (C0CHANNEL1): this is a channel id; it takes user ids (U…)",
    ]);
  });
});

describe("empty settings", () => {
  it("count as not set, so the defaults apply", () => {
    const config = loadConfig({ ...good, PORT: "", HOST: " ", LOG_LEVEL: "", DATA_DIR: "" });
    expect(config.http).toEqual({ host: "0.0.0.0", port: 3000 });
    expect(config.logLevel).toBe("info");
    expect(config.store.dataDir).toBe("./data");
  });

  it("has the form's bounds, with defaults, and refuses what is not a plain count", () => {
    expect(loadConfig(good).limits).toEqual({
      maxGpuCount: 8,
      maxCpuCount: 32,
      maxMemoryGb: 256,
      gpuModels: ["T4", "V100"],
      maxPendingPerUser: 5,
    });
    expect(
      loadConfig({
        ...good,
        MAX_GPU_COUNT: "2",
        MAX_CPU_COUNT: "16",
        MAX_MEMORY_GB: "128",
        GPU_MODELS: " A100, T4 ,,A100,V100",
        MAX_PENDING_PER_USER: "1",
      }).limits,
    ).toEqual({
      maxGpuCount: 2,
      maxCpuCount: 16,
      maxMemoryGb: 128,
      gpuModels: ["A100", "T4", "V100"],
      maxPendingPerUser: 1,
    });
    expect(
      problemsOf({
        ...good,
        MAX_GPU_COUNT: "9",
        MAX_CPU_COUNT: "0x10",
        MAX_MEMORY_GB: "1e3",
        GPU_MODELS: ",",
        MAX_PENDING_PER_USER: "0",
      }),
    ).toEqual([
      "MAX_GPU_COUNT can be at most 8, the API's own limit",
      "MAX_CPU_COUNT must be a whole number, written in digits",
      "MAX_MEMORY_GB must be a whole number, written in digits",
      "GPU_MODELS must be GPU model names separated by commas, like T4,V100 (at most 100)",
      "MAX_PENDING_PER_USER must be at least 1",
    ]);
  });
});
