import { LogLevel, WebClient } from "@slack/web-api";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import { createUserLocales } from "../../src/slack/i18n/user-locales.js";
import { type FakeSlack, startFakeSlack } from "../support/fake-slack.js";

const silent = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

let fake: FakeSlack | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setUp(options: { maxEntries?: number; ttlMs?: number } = {}) {
  fake = await startFakeSlack({
    users: {
      U0YUKI0001: { locale: "ja-JP" },
      U0KENJI001: { locale: "ja" },
      U0ALICE001: { locale: "en-US" },
      U0MINJI001: { locale: "ko-KR" },
    },
  });
  let clock = 1_000_000;
  const logs: string[] = [];
  const locales = createUserLocales({
    client: new WebClient("xoxb-test-user-locales", {
      slackApiUrl: fake.url,
      retryConfig: { retries: 0 },
      logger: silent,
    }),
    defaultLocale: "ja",
    logger: createLogger({ write: (l) => logs.push(l) }),
    now: () => clock,
    ...options,
  });
  const asked = (user: string) =>
    fake?.callsOf("users.info").filter((c) => c.args.user === user).length ?? 0;
  return {
    fake,
    locales,
    logs,
    asked,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe("each person's language", () => {
  it("reads ja-* as Japanese and anything else as English, asking Slack with include_locale", async () => {
    const { fake, locales } = await setUp();
    expect(await locales.localeOf("U0YUKI0001")).toBe("ja");
    expect(await locales.localeOf("U0KENJI001")).toBe("ja");
    expect(await locales.localeOf("U0ALICE001")).toBe("en");
    expect(await locales.localeOf("U0MINJI001")).toBe("en");
    for (const call of fake.callsOf("users.info")) {
      expect(String(call.args.include_locale)).toBe("true");
    }
    expect((await locales.textsFor("U0YUKI0001"))("controls.approve")).toBe("承認する");
    expect(locales.channel("controls.approve")).toBe("承認する");
  });

  it("asks once, then again only after the cache's time is up", async () => {
    const { locales, asked, advance } = await setUp({ ttlMs: 60_000 });
    await locales.localeOf("U0YUKI0001");
    await locales.localeOf("U0YUKI0001");
    advance(59_999);
    await locales.localeOf("U0YUKI0001");
    expect(asked("U0YUKI0001")).toBe(1);
    advance(1);
    await locales.localeOf("U0YUKI0001");
    expect(asked("U0YUKI0001")).toBe(2);
  });

  it("remembers a bounded number of people, forgetting whoever was asked about longest ago", async () => {
    const { locales, asked } = await setUp({ maxEntries: 2 });
    await locales.localeOf("U0YUKI0001");
    await locales.localeOf("U0ALICE001");
    await locales.localeOf("U0MINJI001");
    await locales.localeOf("U0ALICE001");
    expect(asked("U0ALICE001")).toBe(1);
    await locales.localeOf("U0YUKI0001");
    expect(asked("U0YUKI0001")).toBe(2);
  });

  it("falls back to the default language when Slack refuses, and says so in the log", async () => {
    const { fake, locales, logs } = await setUp();
    fake.failNext("users.info", "ratelimited");
    expect(await locales.localeOf("U0ALICE001")).toBe("ja");
    expect(logs.some((l) => l.includes("could not look up a person's language"))).toBe(true);
    // Not remembered: the next message asks again and gets the real answer.
    expect(await locales.localeOf("U0ALICE001")).toBe("en");
  });

  it("does not keep a person waiting on a slow Slack: the default answers after the time budget", async () => {
    const never = new Promise<never>(() => {});
    const locales = createUserLocales({
      client: { users: { info: () => never } } as unknown as WebClient,
      defaultLocale: "en",
      logger: createLogger({ write: () => {} }),
      timeoutMs: 30,
    });
    const started = Date.now();
    expect(await locales.localeOf("U0YUKI0001")).toBe("en");
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
