import type { webApi } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/log.js";
import type { RequestQueries, StoredRequest } from "../../src/requests/queries.js";
import { createHome } from "../../src/slack/home.js";
import { translator } from "../../src/slack/i18n/catalog.js";
import type { UserLocales } from "../../src/slack/i18n/user-locales.js";

/** A Slack whose views.publish answers when the test says, recording what each Home showed. */
function slowSlack() {
  const published: { user: string; version: number }[] = [];
  const waiting: (() => void)[] = [];
  let version = 0;
  const client = {
    views: {
      publish: (args: { user_id: string }) =>
        new Promise((resolve) => {
          published.push({ user: args.user_id, version });
          waiting.push(() => resolve({ ok: true }));
        }),
    },
  } as unknown as webApi.WebClient;
  return {
    client,
    published,
    /** What the store holds changes: a Home drawn from now on shows this version. */
    change: () => {
      version += 1;
    },
    /** Answers every publish, including those that the answers lead to. */
    async answerAll() {
      for (let i = 0; i < 10; i++) {
        await new Promise((resolve) => setImmediate(resolve));
        for (const done of waiting.splice(0)) done();
      }
    },
  };
}

const queries = {
  overview: async () => ({ mine: [], waiting: [] }),
  opened: async () => {},
  watching: async (r: StoredRequest) => [r.requesterId, "U0APPROVER"],
} as unknown as RequestQueries;

const english = translator("en");
const locales: UserLocales = {
  channel: english,
  channelLocale: "en",
  localeOf: async () => "en",
  textsFor: async () => english,
};

const request = (requesterId: string) => ({ id: "r1", requesterId }) as StoredRequest;

describe("App Home redraws", () => {
  it("share one more redraw per person for every ask that came while one ran", async () => {
    const slack = slowSlack();
    const home = createHome({ client: slack.client, queries, locales, logger: silentLogger });
    const first = home.refreshFor(request("U0ALICE"));
    await new Promise((resolve) => setImmediate(resolve));
    const asks = Array.from({ length: 20 }, () => {
      slack.change();
      return home.refreshFor(request("U0ALICE"));
    });
    await slack.answerAll();
    await Promise.all([first, ...asks]);
    const alice = slack.published.filter((p) => p.user === "U0ALICE");
    const approver = slack.published.filter((p) => p.user === "U0APPROVER");
    expect(alice).toHaveLength(2);
    expect(approver).toHaveLength(2);
    // The last redraw came after the last change: it shows the latest state.
    expect(alice.at(-1)?.version).toBe(20);
  });

  it("draw at once again once the last redraw is done", async () => {
    const slack = slowSlack();
    const home = createHome({ client: slack.client, queries, locales, logger: silentLogger });
    for (let i = 0; i < 3; i++) {
      const done = home.refreshFor(request("U0ALICE"));
      await slack.answerAll();
      await done;
    }
    expect(slack.published.filter((p) => p.user === "U0ALICE")).toHaveLength(3);
  });
});
