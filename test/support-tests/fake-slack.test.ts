import { createHmac } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, LogLevel } from "@slack/bolt";
import { ErrorCode, WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type FakeSlack,
  type FakeSlackOptions,
  type JsonObject,
  startFakeSlack,
  validateMessageBlocks,
  validateView,
} from "../support/fake-slack.js";
import {
  blockActions,
  postToSlackEvents,
  signSlackRequest,
  slashCommand,
  stateValuesFromView,
  viewSubmission,
} from "../support/slack-requests.js";

const BOT_TOKEN = "xoxb-fake-bot-token";
const CHANNEL = "C0REQUESTS";

/** WebClient logs every refusal's messages at error level; the tests assert on them instead. */
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
let client: WebClient;

async function useFake(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  await fake?.close();
  fake = await startFakeSlack(options);
  client = new WebClient(BOT_TOKEN, {
    slackApiUrl: fake.url,
    retryConfig: { retries: 0 },
    logger: silent,
  });
  return fake;
}

function current(): FakeSlack {
  if (!fake) throw new Error("fake Slack not started");
  return fake;
}

beforeEach(async () => {
  await useFake();
});

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** The error data WebClient carries for an `ok: false` answer. */
async function slackError(call: Promise<unknown>): Promise<JsonObject> {
  try {
    await call;
  } catch (error) {
    const data = (error as { data?: JsonObject }).data;
    if (data) return data;
    throw error;
  }
  throw new Error("expected the call to be refused");
}

const plain = (text: string) => ({ type: "plain_text", text });

function modal(overrides: JsonObject = {}): JsonObject {
  return {
    type: "modal",
    callback_id: "aiworkspace.create",
    private_metadata: JSON.stringify({ channel: CHANNEL }),
    title: plain("AI workspace"),
    submit: plain("Send request"),
    close: plain("Cancel"),
    blocks: [
      { type: "header", block_id: "intro", text: plain("New AI workspace") },
      {
        type: "input",
        block_id: "name",
        label: plain("Name"),
        element: { type: "plain_text_input", action_id: "value", max_length: 15 },
      },
      {
        type: "input",
        block_id: "configuration.resource.gpuModel",
        label: plain("GPU"),
        element: {
          type: "static_select",
          action_id: "value",
          initial_option: { text: plain("T4"), value: "T4" },
          options: [
            { text: plain("T4"), value: "T4" },
            { text: plain("V100"), value: "V100" },
          ],
        },
      },
      {
        type: "input",
        block_id: "configuration.resource.gpuCount",
        label: plain("GPUs"),
        element: {
          type: "number_input",
          action_id: "value",
          is_decimal_allowed: false,
          initial_value: "1",
        },
      },
      {
        type: "input",
        block_id: "description",
        optional: true,
        label: plain("Description"),
        element: { type: "plain_text_input", action_id: "value", multiline: true },
      },
    ],
    ...overrides,
  };
}

function blocksOf(view: JsonObject): JsonObject[] {
  return structuredClone(view.blocks) as JsonObject[];
}

const options = (count: number, prefix = "o") =>
  Array.from({ length: count }, (_, i) => ({
    text: plain(`${prefix}${i}`),
    value: `${prefix}${i}`,
  }));

function withInput(element: JsonObject): JsonObject {
  return modal({
    blocks: [
      {
        type: "input",
        block_id: "field",
        label: plain("Field"),
        element: { action_id: "value", ...element },
      },
    ],
  });
}

describe("messages", () => {
  it("posts, updates and threads a message, recording decoded arguments", async () => {
    const blocks = [
      { type: "section", block_id: "card", text: { type: "mrkdwn", text: "*pending*" } },
    ];
    const posted = await client.chat.postMessage({ channel: CHANNEL, text: "request", blocks });
    expect(posted.ok).toBe(true);
    expect(posted.channel).toBe(CHANNEL);
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(posted.message?.text).toBe("request");
    const ts = String(posted.ts);

    const reply = await client.chat.postMessage({
      channel: CHANNEL,
      thread_ts: ts,
      text: "approve?",
    });
    expect(Number(reply.ts)).toBeGreaterThan(Number(ts));

    await client.chat.update({
      channel: CHANNEL,
      ts,
      text: "created",
      blocks: [{ type: "section", block_id: "card", text: { type: "mrkdwn", text: "*created*" } }],
    });

    const card = current().message(CHANNEL, ts);
    expect(card?.text).toBe("created");
    expect(card?.blocks?.[0]).toMatchObject({ text: { text: "*created*" } });
    expect(card?.edited?.user).toBe("U0FAKEBOT1");
    expect(card?.reply_count).toBe(1);
    expect(
      current()
        .threadReplies(CHANNEL, ts)
        .map((m) => m.text),
    ).toEqual(["approve?"]);

    const call = current().callsOf("chat.postMessage")[0];
    expect(call?.token).toBe(BOT_TOKEN);
    expect(call?.args.blocks).toEqual(blocks);
    expect(current().callsOf("chat.update")).toHaveLength(1);
  });

  it("keeps blocks that chat.update leaves out, like Slack", async () => {
    const blocks = [{ type: "section", block_id: "card", text: { type: "mrkdwn", text: "card" } }];
    const posted = await client.chat.postMessage({ channel: CHANNEL, text: "a", blocks });
    await client.chat.update({ channel: CHANNEL, ts: String(posted.ts), text: "b" });
    expect(current().message(CHANNEL, String(posted.ts))?.blocks).toEqual(blocks);
  });

  it("tells a listener of every call until stopped, with when it arrived", async () => {
    const seen: string[] = [];
    const before = performance.now();
    let arrivedAt = 0;
    const stop = current().onCall((call) => {
      seen.push(call.method);
      arrivedAt = call.arrivedAt;
    });
    await client.chat.postMessage({ channel: CHANNEL, text: "a" });
    stop();
    await client.chat.postMessage({ channel: CHANNEL, text: "b" });
    expect(seen).toEqual(["chat.postMessage"]);
    expect(arrivedAt).toBeGreaterThan(before);
  });

  it("forgets calls, messages and views when told to", async () => {
    const posted = await client.chat.postMessage({ channel: CHANNEL, text: "a" });
    current().forget();
    expect(current().calls).toHaveLength(0);
    expect(current().messages()).toHaveLength(0);
    const data = await slackError(
      client.chat.update({ channel: CHANNEL, ts: String(posted.ts), text: "b" }),
    );
    expect(data.error).toBe("message_not_found");
  });

  it("refuses an update of a message that does not exist", async () => {
    const data = await slackError(
      client.chat.update({ channel: CHANNEL, ts: "1.000100", text: "x" }),
    );
    expect(data.error).toBe("message_not_found");
  });

  it("refuses a message with neither text nor blocks", async () => {
    const data = await slackError(client.chat.postMessage({ channel: CHANNEL } as never));
    expect(data.error).toBe("no_text");
  });

  it("refuses a message with more than 50 blocks", async () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: "divider" }));
    const data = await slackError(client.chat.postMessage({ channel: CHANNEL, text: "x", blocks }));
    expect(data.error).toBe("invalid_blocks");
    expect(data.errors).toEqual(["no more than 50 items allowed [json-pointer:/blocks]"]);
    expect((data.response_metadata as JsonObject).messages).toEqual([
      "[ERROR] no more than 50 items allowed [json-pointer:/blocks]",
    ]);
  });

  it("refuses section text over 3000 characters in a message", async () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "x".repeat(3001) } }];
    const data = await slackError(client.chat.postMessage({ channel: CHANNEL, text: "x", blocks }));
    expect(data.error).toBe("invalid_blocks");
    expect(String(data.errors)).toContain("/blocks/0/text/text");
  });

  it("answers not_in_channel for a channel the bot was not invited to", async () => {
    await useFake({
      channels: {
        C0PUBLIC01: { is_member: false },
        C0PRIVATE1: { is_member: false, is_private: true },
      },
    });
    const data = await slackError(client.chat.postMessage({ channel: "C0PUBLIC01", text: "x" }));
    expect(data.error).toBe("not_in_channel");
    // A private channel the bot is not in is one it cannot see.
    const hidden = await slackError(client.chat.postMessage({ channel: "C0PRIVATE1", text: "x" }));
    expect(hidden.error).toBe("channel_not_found");
  });

  it("records ephemerals and builds permalinks", async () => {
    const posted = await client.chat.postMessage({ channel: CHANNEL, text: "card" });
    const ephemeral = await client.chat.postEphemeral({
      channel: CHANNEL,
      user: "U0OTHER001",
      text: "no",
    });
    expect(ephemeral.message_ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(current().ephemerals()).toMatchObject([
      { user: "U0OTHER001", text: "no", channel: CHANNEL },
    ]);
    const link = await client.chat.getPermalink({
      channel: CHANNEL,
      message_ts: String(posted.ts),
    });
    expect(link.permalink).toBe(
      `https://fake-team.slack.com/archives/${CHANNEL}/p${String(posted.ts).replace(".", "")}`,
    );
  });
});

describe("views", () => {
  it("opens a modal with a fresh trigger and answers the view like Slack", async () => {
    const triggerId = current().issueTriggerId();
    const opened = await client.views.open({ trigger_id: triggerId, view: modal() as never });
    const view = opened.view as JsonObject;
    expect(view.id).toMatch(/^V[A-Z0-9]+$/);
    expect(view.hash).toMatch(/^\d+\.[0-9a-f]+$/);
    expect(view.callback_id).toBe("aiworkspace.create");
    expect(view.root_view_id).toBe(view.id);
    expect(current().view(String(view.id))?.private_metadata).toBe(
      JSON.stringify({ channel: CHANNEL }),
    );
    expect(current().callsOf("views.open")[0]?.args.view).toEqual(modal());
  });

  it("refuses a trigger used twice", async () => {
    const triggerId = current().issueTriggerId();
    await client.views.open({ trigger_id: triggerId, view: modal() as never });
    const data = await slackError(
      client.views.open({ trigger_id: triggerId, view: modal() as never }),
    );
    expect(data.error).toBe("exchanged_trigger_id");
  });

  it("refuses a trigger older than 3 seconds", async () => {
    const triggerId = current().issueTriggerId({ ageMs: 3100 });
    const data = await slackError(
      client.views.open({ trigger_id: triggerId, view: modal() as never }),
    );
    expect(data.error).toBe("expired_trigger_id");
    expect(current().views()).toEqual([]);
  });

  it("refuses a trigger it never issued", async () => {
    const data = await slackError(
      client.views.open({ trigger_id: "123.456.abc", view: modal() as never }),
    );
    expect(data.error).toBe("invalid_trigger_id");
  });

  it("accepts any trigger when told to", async () => {
    await useFake({ allowAnyTrigger: true });
    await client.views.open({ trigger_id: "123.456.abc", view: modal() as never });
    const again = await client.views.open({ trigger_id: "123.456.abc", view: modal() as never });
    expect(again.ok).toBe(true);
  });

  it("updates a view by id, refusing a stale hash", async () => {
    const opened = await client.views.open({
      trigger_id: current().issueTriggerId(),
      view: modal() as never,
    });
    const id = String(opened.view?.id);
    const hash = String(opened.view?.hash);
    const updated = await client.views.update({
      view_id: id,
      hash,
      view: modal({ title: plain("Loaded") }) as never,
    });
    expect(updated.view?.hash).not.toBe(hash);
    expect(current().view(id)?.title).toEqual(plain("Loaded"));

    const data = await slackError(
      client.views.update({ view_id: id, hash, view: modal() as never }),
    );
    expect(data.error).toBe("hash_conflict");
  });

  it("updates a view by external_id", async () => {
    await client.views.open({
      trigger_id: current().issueTriggerId(),
      view: modal({ external_id: "req-1" }) as never,
    });
    const updated = await client.views.update({
      external_id: "req-1",
      view: modal({ title: plain("Again") }) as never,
    });
    expect(updated.view?.title?.text).toBe("Again");
    const data = await slackError(
      client.views.update({ external_id: "nope", view: modal() as never }),
    );
    expect(data.error).toBe("not_found");
  });

  it("pushes a view onto the modal a trigger came from", async () => {
    const opened = await client.views.open({
      trigger_id: current().issueTriggerId(),
      view: modal() as never,
    });
    const root = String(opened.view?.id);
    const pushed = await client.views.push({
      trigger_id: current().issueTriggerId({ viewId: root }),
      view: modal({ title: plain("Details") }) as never,
    });
    expect(pushed.view?.previous_view_id).toBe(root);
    expect(pushed.view?.root_view_id).toBe(root);
  });
});

describe("App Home", () => {
  const homeView = (blocks: number) => ({
    type: "home",
    blocks: Array.from({ length: blocks }, (_, i) => ({
      type: "section",
      text: { type: "mrkdwn", text: `line ${i}` },
    })),
  });

  it("publishes one Home per user, replacing the last, with its hash checked", async () => {
    const first = (await client.views.publish({
      user_id: "U0ALICE",
      view: homeView(1) as never,
    })) as { view: { id: string; hash: string } };
    expect(current().home("U0ALICE")?.blocks).toHaveLength(1);
    const second = (await client.views.publish({
      user_id: "U0ALICE",
      view: homeView(2) as never,
      hash: first.view.hash,
    })) as { view: { id: string; hash: string } };
    expect(second.view.id).toBe(first.view.id);
    expect(current().home("U0ALICE")?.blocks).toHaveLength(2);
    expect(current().home("U0BOB")).toBeUndefined();
    expect(current().views()).toEqual([]);
    expect(
      await slackError(
        client.views.publish({ user_id: "U0ALICE", view: homeView(1) as never, hash: "stale" }),
      ),
    ).toMatchObject({ error: "hash_conflict" });
  });

  it("refuses a Home over 100 blocks, a modal, and an unknown user", async () => {
    const tooBig = await slackError(
      client.views.publish({ user_id: "U0ALICE", view: homeView(101) as never }),
    );
    expect(tooBig.error).toBe("invalid_arguments");
    expect(JSON.stringify(tooBig)).toContain("no more than 100 items allowed");
    const modal = await slackError(
      client.views.publish({
        user_id: "U0ALICE",
        view: { ...homeView(1), type: "modal", title: { type: "plain_text", text: "x" } } as never,
      }),
    );
    expect(modal.error).toBe("invalid_arguments");
    expect(
      await slackError(client.views.publish({ user_id: "nobody", view: homeView(1) as never })),
    ).toMatchObject({ error: "user_not_found" });
    expect(current().home("U0ALICE")).toBeUndefined();
  });
});

describe("view validation through views.open", () => {
  const long = (n: number) => "x".repeat(n);
  const cases: Array<[string, JsonObject, string]> = [
    ["title over 24 characters", modal({ title: plain(long(25)) }), "/view/title/text"],
    ["submit over 24 characters", modal({ submit: plain(long(25)) }), "/view/submit/text"],
    ["close over 24 characters", modal({ close: plain(long(25)) }), "/view/close/text"],
    [
      "more than 100 blocks",
      modal({ blocks: Array.from({ length: 101 }, () => ({ type: "divider" })) }),
      "no more than 100 items allowed [json-pointer:/view/blocks]",
    ],
    [
      "section text over 3000 characters",
      modal({ blocks: [{ type: "section", text: { type: "mrkdwn", text: long(3001) } }] }),
      "/view/blocks/0/text/text",
    ],
    [
      "header text over 150 characters",
      modal({ blocks: [{ type: "header", text: plain(long(151)) }] }),
      "/view/blocks/0/text/text",
    ],
    [
      "context text over 3000 characters",
      modal({ blocks: [{ type: "context", elements: [{ type: "mrkdwn", text: long(3001) }] }] }),
      "/view/blocks/0/elements/0/text",
    ],
    [
      "input without an element",
      modal({ blocks: [{ type: "input", block_id: "name", label: plain("Name") }] }),
      "/view/blocks/0/element",
    ],
    [
      "input with two elements",
      modal({
        blocks: [
          {
            type: "input",
            block_id: "name",
            label: plain("Name"),
            elements: [
              { type: "plain_text_input", action_id: "a" },
              { type: "plain_text_input", action_id: "b" },
            ],
          },
        ],
      }),
      "/view/blocks/0/element",
    ],
    [
      "input without a label",
      modal({
        blocks: [
          {
            type: "input",
            block_id: "name",
            element: { type: "plain_text_input", action_id: "a" },
          },
        ],
      }),
      "/view/blocks/0/label",
    ],
    [
      "duplicate block_id",
      modal({ blocks: [...blocksOf(modal()), { type: "divider", block_id: "name" }] }),
      "duplicate block_id",
    ],
    [
      "static_select with 101 options",
      withInput({ type: "static_select", options: options(101) }),
      "no more than 100 items allowed [json-pointer:/view/blocks/0/element/options]",
    ],
    [
      "static_select with 101 options across option_groups",
      withInput({
        type: "static_select",
        option_groups: [
          { label: plain("a"), options: options(60, "a") },
          { label: plain("b"), options: options(41, "b") },
        ],
      }),
      "/view/blocks/0/element/option_groups",
    ],
    [
      "option value over 150 characters",
      withInput({ type: "static_select", options: [{ text: plain("x"), value: long(151) }] }),
      "/view/blocks/0/element/options/0/value",
    ],
    [
      "option text over 75 characters",
      withInput({ type: "static_select", options: [{ text: plain(long(76)), value: "x" }] }),
      "/view/blocks/0/element/options/0/text/text",
    ],
    [
      "private_metadata over 3000 characters",
      modal({ private_metadata: long(3001) }),
      "/view/private_metadata",
    ],
    ["callback_id over 255 characters", modal({ callback_id: long(256) }), "/view/callback_id"],
    [
      "plain_text_input initial_value longer than its max_length",
      withInput({ type: "plain_text_input", max_length: 15, initial_value: long(16) }),
      "/view/blocks/0/element/initial_value",
    ],
    ["input blocks without a submit button", modal({ submit: undefined }), "/view/submit"],
  ];

  it("accepts the valid modal the cases start from", async () => {
    expect(validateView(modal())).toEqual([]);
    const opened = await client.views.open({
      trigger_id: current().issueTriggerId(),
      view: modal() as never,
    });
    expect(opened.ok).toBe(true);
  });

  it.each(cases)("refuses %s", async (_name, view, expected) => {
    const data = await slackError(
      client.views.open({ trigger_id: current().issueTriggerId(), view: view as never }),
    );
    expect(data.error).toBe("invalid_arguments");
    const messages = (data.response_metadata as JsonObject).messages as string[];
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((m) => m.startsWith("[ERROR] "))).toBe(true);
    expect(messages.join("\n")).toContain(expected);
    expect(current().views()).toEqual([]);
  });

  it("refuses an invalid view in views.update too", async () => {
    const opened = await client.views.open({
      trigger_id: current().issueTriggerId(),
      view: modal() as never,
    });
    const data = await slackError(
      client.views.update({
        view_id: String(opened.view?.id),
        view: modal({ title: plain("x".repeat(25)) }) as never,
      }),
    );
    expect(data.error).toBe("invalid_arguments");
  });
});

describe("validators at their limits", () => {
  it("accepts values exactly at each limit", () => {
    const view = modal({
      title: plain("x".repeat(24)),
      submit: plain("x".repeat(24)),
      close: plain("x".repeat(24)),
      private_metadata: "x".repeat(3000),
      callback_id: "x".repeat(255),
      blocks: [
        { type: "header", text: plain("x".repeat(150)) },
        { type: "section", text: { type: "mrkdwn", text: "x".repeat(3000) } },
        {
          type: "input",
          block_id: "select",
          label: plain("Select"),
          element: {
            type: "static_select",
            action_id: "value",
            options: [...options(99), { text: plain("y".repeat(75)), value: "v".repeat(150) }],
          },
        },
        {
          type: "input",
          block_id: "text",
          label: plain("Text"),
          element: {
            type: "plain_text_input",
            action_id: "value",
            max_length: 15,
            initial_value: "x".repeat(15),
          },
        },
        ...Array.from({ length: 96 }, () => ({ type: "divider" })),
      ],
    });
    expect(validateView(view)).toEqual([]);
    expect(validateMessageBlocks(Array.from({ length: 50 }, () => ({ type: "divider" })))).toEqual(
      [],
    );
  });

  it("reports every problem at once", () => {
    const problems = validateView(
      modal({ title: plain("x".repeat(25)), callback_id: "x".repeat(256) }),
    );
    expect(problems).toHaveLength(2);
  });

  it("refuses an initial_option that is not among the options", () => {
    const problems = validateView(
      withInput({
        type: "static_select",
        options: options(2),
        initial_option: { text: plain("z"), value: "z" },
      }),
    );
    expect(problems.join("\n")).toContain("/view/blocks/0/element/initial_option");
  });
});

describe("failure injection", () => {
  it("fails the next call with a Slack error, then works again", async () => {
    current().failNext("chat.postMessage", "not_in_channel");
    const data = await slackError(client.chat.postMessage({ channel: CHANNEL, text: "x" }));
    expect(data.error).toBe("not_in_channel");
    const next = await client.chat.postMessage({ channel: CHANNEL, text: "x" });
    expect(next.ok).toBe(true);
    expect(current().messages()).toHaveLength(1);
    expect(
      current()
        .callsOf("chat.postMessage")
        .map((c) => c.status),
    ).toEqual([200, 200]);
  });

  it("fails the next call with an HTTP status", async () => {
    current().failNext("chat.update", { status: 500 });
    const error = await client.chat
      .update({ channel: CHANNEL, ts: "1.1", text: "x" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.HTTPError, statusCode: 500 });
    expect(current().callsOf("chat.update")[0]?.status).toBe(500);
  });

  it("answers 500 to every call of a method during an outage, and nothing else", async () => {
    current().outage(["chat.postMessage"]);
    for (let i = 0; i < 3; i++) {
      const error = await client.chat
        .postMessage({ channel: CHANNEL, text: "x" })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: ErrorCode.HTTPError, statusCode: 500 });
    }
    expect((await client.auth.test()).ok).toBe(true);
    current().outage([]);
    expect((await client.chat.postMessage({ channel: CHANNEL, text: "x" })).ok).toBe(true);
    expect(current().messages()).toHaveLength(1);
  });

  it("sends Retry-After with a 429", async () => {
    const limited = new WebClient(BOT_TOKEN, {
      slackApiUrl: current().url,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logger: silent,
    });
    current().failNext("chat.postMessage", {
      status: 429,
      retryAfter: 7,
      body: { ok: false, error: "ratelimited" },
    });
    const error = await limited.chat
      .postMessage({ channel: CHANNEL, text: "x" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
  });
});

describe("the posting rate limit", () => {
  it("accepts as many posts as the limit in a second, and answers the rest 429 with Retry-After", async () => {
    await useFake({ botToken: BOT_TOKEN, postsPerSecond: 5 });
    const limited = new WebClient(BOT_TOKEN, {
      slackApiUrl: current().url,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logger: silent,
    });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        limited.chat.postMessage({ channel: CHANNEL, text: `m${i}` }).catch((e: unknown) => e),
      ),
    );
    const refused = results.filter(
      (r) => (r as { code?: string }).code === ErrorCode.RateLimitedError,
    );
    expect(refused).toHaveLength(3);
    expect(refused[0]).toMatchObject({ retryAfter: 1 });
    expect(current().messages()).toHaveLength(5);
    // Other methods are not limited, and lifting the limit lets every post through.
    await client.chat.update({
      channel: CHANNEL,
      ts: current().messages()[0]?.ts ?? "",
      text: "edited",
    });
    current().setPostsPerSecond(undefined);
    await Promise.all(
      Array.from({ length: 10 }, () => client.chat.postMessage({ channel: CHANNEL, text: "x" })),
    );
    expect(current().messages()).toHaveLength(15);
  });
});

describe("the rest of the surface", () => {
  it("answers auth.test, users, usergroups, channels and socket URLs", async () => {
    await useFake({
      usergroups: { S0LEADS001: ["U0LEAD0001", "U0LEAD0002"] },
      users: { U0ALICE001: { real_name: "Alice Kim", locale: "ja-JP" } },
      socketModeUrl: "ws://127.0.0.1:1/socket",
    });
    const auth = await client.auth.test();
    expect(auth).toMatchObject({
      user_id: "U0FAKEBOT1",
      bot_id: "B0FAKEBOT1",
      team_id: "T0FAKETEAM",
    });
    const group = await client.usergroups.users.list({ usergroup: "S0LEADS001" });
    expect(group.users).toEqual(["U0LEAD0001", "U0LEAD0002"]);
    expect((await slackError(client.usergroups.users.list({ usergroup: "S0NOPE" }))).error).toBe(
      "no_such_subteam",
    );
    const user = await client.users.info({ user: "U0ALICE001" });
    expect(user.user?.real_name).toBe("Alice Kim");
    expect(user.user, "the locale only when asked for").not.toHaveProperty("locale");
    const withLocale = await client.users.info({ user: "U0ALICE001", include_locale: true });
    expect(withLocale.user?.locale).toBe("ja-JP");
    const someone = await client.users.info({ user: "U0SOMEONE1", include_locale: true });
    expect(someone.user?.locale).toBe("en-US");
    expect((await slackError(client.users.info({ user: "not-a-user" }))).error).toBe(
      "user_not_found",
    );
    const channel = await client.conversations.info({ channel: CHANNEL });
    expect(channel.channel?.id).toBe(CHANNEL);
    const appClient = new WebClient("xapp-1-fake", {
      slackApiUrl: current().url,
      retryConfig: { retries: 0 },
    });
    const socket = await appClient.apps.connections.open();
    expect(socket.url).toBe("ws://127.0.0.1:1/socket");
    expect((await slackError(client.apps.connections.open())).error).toBe("not_allowed_token_type");
  });

  it("answers unknown_method and refuses a missing or wrong token", async () => {
    expect((await slackError(client.apiCall("reactions.add", { name: "x" }))).error).toBe(
      "unknown_method",
    );
    await useFake({ botToken: "xoxb-right" });
    expect((await slackError(client.auth.test())).error).toBe("invalid_auth");
    const anonymous = new WebClient(undefined, {
      slackApiUrl: current().url,
      retryConfig: { retries: 0 },
    });
    expect((await slackError(anonymous.auth.test())).error).toBe("not_authed");
  });

  it("accepts JSON bodies with the token in the Authorization header", async () => {
    const response = await fetch(`${current().url}chat.postMessage`, {
      method: "POST",
      headers: {
        "content-type": "application/json; charset=utf-8",
        authorization: `Bearer ${BOT_TOKEN}`,
      },
      body: JSON.stringify({ channel: CHANNEL, text: "json", blocks: [{ type: "divider" }] }),
    });
    expect(await response.json()).toMatchObject({ ok: true, channel: CHANNEL });
    expect(current().callsOf("chat.postMessage")[0]?.args.blocks).toEqual([{ type: "divider" }]);
  });

  it("waitFor resolves on a later call and rejects with the calls seen so far", async () => {
    const waiting = current().waitFor(
      "chat.postMessage",
      (call) => call.args.text === "second",
      2000,
    );
    await client.chat.postMessage({ channel: CHANNEL, text: "first" });
    await client.chat.postMessage({ channel: CHANNEL, text: "second" });
    expect((await waiting).args.text).toBe("second");

    const error = await current()
      .waitFor("views.open", undefined, 50)
      .catch((e: unknown) => e);
    expect(String(error)).toContain("no matching views.open call within 50 ms");
    expect(String(error)).toContain("chat.postMessage -> ok");
  });

  it("serves response URLs that act on the clicked message", async () => {
    const posted = await client.chat.postMessage({ channel: CHANNEL, text: "card" });
    const url = current().issueResponseUrl({ channel: CHANNEL, messageTs: String(posted.ts) });
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ replace_original: true, text: "done" }),
    });
    expect(response.status).toBe(200);
    expect(current().message(CHANNEL, String(posted.ts))?.text).toBe("done");
    expect(current().callsOf("response_url")[0]?.args.text).toBe("done");
  });
});

describe("signed requests", () => {
  it("signs like Slack's v0 scheme", () => {
    const body = "token=abc&team_id=T1&command=%2Faiworkspace&text=";
    const expected = `v0=${createHmac("sha256", "s3cret").update(`v0:1700000000:${body}`).digest("hex")}`;
    expect(signSlackRequest("s3cret", body, 1700000000)).toEqual({
      "x-slack-signature": expected,
      "x-slack-request-timestamp": "1700000000",
    });
  });

  it("matches the example in Slack's request-verification guide", () => {
    const body =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    expect(
      signSlackRequest("8f742231b10e8888abcd99yyyzzz85a5", body, 1531420618)["x-slack-signature"],
    ).toBe("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
  });

  it("fills in a modal like a person, keeping initial values", () => {
    const view = { id: "V1", blocks: blocksOf(modal()) };
    const values = stateValuesFromView(view, {
      name: "team-a-ws1",
      "configuration.resource.gpuCount": 2,
    });
    expect(values).toEqual({
      name: { value: { type: "plain_text_input", value: "team-a-ws1" } },
      "configuration.resource.gpuModel": {
        value: { type: "static_select", selected_option: { text: plain("T4"), value: "T4" } },
      },
      "configuration.resource.gpuCount": { value: { type: "number_input", value: "2" } },
      description: { value: { type: "plain_text_input", value: null } },
    });
    expect(() => stateValuesFromView(view, { "configuration.resource.gpuModel": "A100" })).toThrow(
      /A100/,
    );
    expect(() => stateValuesFromView(view, { nmae: "x" })).toThrow(/nmae/);
  });
});

describe("the request helpers against a real Bolt app", () => {
  const SIGNING_SECRET = "fake-signing-secret";
  let app: App | undefined;

  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it("delivers a command, a submission and a click that Bolt verifies and parses", async () => {
    const submitted: JsonObject[] = [];
    const clicks: JsonObject[] = [];
    app = new App({
      token: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: current().url, retryConfig: { retries: 0 } },
    });
    app.command("/aiworkspace", async ({ ack, body, client: web }) => {
      await ack();
      await web.views.open({ trigger_id: body.trigger_id, view: modal() as never });
    });
    app.view("aiworkspace.create", async ({ ack, view }) => {
      submitted.push(view as unknown as JsonObject);
      await ack({ response_action: "errors", errors: { name: "Use lowercase letters." } });
    });
    app.action("aiworkspace.approve", async ({ ack, body }) => {
      clicks.push(body as unknown as JsonObject);
      await ack();
    });
    const server = (await app.start({ port: 0, host: "127.0.0.1" })) as Server;
    const events = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;

    const command = await postToSlackEvents(
      events,
      SIGNING_SECRET,
      slashCommand({ triggerId: current().issueTriggerId(), channelId: CHANNEL }),
    );
    expect(command.status).toBe(200);
    const opened = await current().waitFor("views.open");
    expect(opened.answer).toMatchObject({ ok: true });
    const view = current().views()[0];
    if (!view) throw new Error("no view opened");

    const values = stateValuesFromView(view, { name: "Team A" });
    const submission = await postToSlackEvents(
      events,
      SIGNING_SECRET,
      viewSubmission({ view, values }),
    );
    expect(submission.json).toEqual({
      response_action: "errors",
      errors: { name: "Use lowercase letters." },
    });
    expect(submitted[0]).toMatchObject({
      id: view.id,
      hash: view.hash,
      private_metadata: JSON.stringify({ channel: CHANNEL }),
      state: { values },
    });

    const card = await client.chat.postMessage({ channel: CHANNEL, text: "card" });
    const click = await postToSlackEvents(
      events,
      SIGNING_SECRET,
      blockActions({
        actionId: "aiworkspace.approve",
        value: "req-1",
        channelId: CHANNEL,
        messageTs: String(card.ts),
        threadTs: String(card.ts),
        userId: "U0LEAD0001",
      }),
    );
    expect(click.status).toBe(200);
    expect(clicks[0]).toMatchObject({
      user: { id: "U0LEAD0001" },
      container: { type: "message", channel_id: CHANNEL, message_ts: card.ts, thread_ts: card.ts },
      actions: [{ action_id: "aiworkspace.approve", value: "req-1" }],
    });
    expect(String(clicks[0]?.response_url)).toMatch(/^https:\/\/hooks\.slack\.com\/actions\//);

    const forged = await postToSlackEvents(events, SIGNING_SECRET, slashCommand({}), {
      signature: "v0=bad",
    });
    expect(forged.status).toBe(401);
    const stale = await postToSlackEvents(events, SIGNING_SECRET, slashCommand({}), {
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    expect(stale.status).toBe(401);
  });
});
