import { afterEach, describe, expect, it } from "vitest";
import type { FakeChannel, FakeView, SlackCall } from "../support/fake-slack.js";
import {
  CHANNEL,
  REQUESTER,
  startTestBot,
  type TestBot,
  TYPICAL,
  textOf,
} from "../support/test-bot.js";
import { until } from "../support/wait-until.js";

let t: TestBot;
afterEach(async () => {
  await t?.stop();
});

const ok = (c: SlackCall) => c.status === 200 && (c.answer as { ok?: boolean }).ok === true;
const isCard = (c: SlackCall) =>
  c.method === "chat.postMessage" && c.args.channel === CHANNEL && !c.args.thread_ts;

/** Waits for a condition the app reaches on its own, polling; fails with `what` after `ms`. */
/** The view update that tells the requester the card is in the channel. */
const sentUpdate = (bot: TestBot, viewId: string) =>
  bot.slack.calls.find(
    (c) =>
      c.method === "views.update" &&
      c.args.view_id === viewId &&
      JSON.stringify(c.args.view).includes("Your request is in"),
  );

describe("delivery when Slack does not take a message at once", () => {
  it("posts every card, control and outcome once through rate limits and 500s, and says 'sent' only after the card", async () => {
    t = await startTestBot();
    const view = await t.openForm();
    t.slack.failNext("chat.postMessage", {
      status: 429,
      retryAfter: 1,
      body: { ok: false, error: "ratelimited" },
    });
    t.slack.failNext("chat.postMessage", { status: 500 });
    t.slack.failNext("chat.postMessage", { status: 503 });
    const ack = await t.submit(view, TYPICAL);
    expect(JSON.stringify(ack.json)).toContain("Posting your request in");

    await until("the form to say the request is in", () => !!sentUpdate(t, view.id));
    const posts = t.slack.callsOf("chat.postMessage");
    const cards = posts.filter((c) => isCard(c) && ok(c));
    expect(cards).toHaveLength(1);
    const [card] = cards;
    if (!card) throw new Error("no card");
    const refusedAt = posts[0]?.at ?? 0;
    // Retry-After: 1 is honoured before anything is posted again.
    expect(posts[1]?.at ?? 0).toBeGreaterThanOrEqual(refusedAt + 1000);
    const sent = sentUpdate(t, view.id);
    expect(t.slack.calls.indexOf(sent as SlackCall)).toBeGreaterThan(t.slack.calls.indexOf(card));
    const cardTs = (card.answer as { ts: string }).ts;
    const controls = t.slack.threadReplies(CHANNEL, cardTs);
    expect(controls).toHaveLength(1);

    for (let i = 0; i < 3; i++) t.slack.failNext("chat.postMessage", { status: 500 });
    t.slack.failNext("chat.update", { status: 502 });
    const controlsMessage = controls[0];
    if (!controlsMessage) throw new Error("no controls");
    await t.click("aiworkspace.approve", controlsMessage);
    await until("the outcome in the thread", () =>
      t.slack.threadReplies(CHANNEL, cardTs).some((m) => m.text.includes("is ready")),
    );
    await until("the card to show the workspace", () =>
      textOf(t.slack.message(CHANNEL, cardTs)).includes("Created"),
    );
    const replies = t.slack.threadReplies(CHANNEL, cardTs);
    expect(replies.filter((m) => m.text.includes("is ready"))).toHaveLength(1);
    expect(t.slack.messages().filter((m) => !m.thread_ts || m.thread_ts === m.ts)).toHaveLength(1);
  });

  it("posts 40 cards sent at once, within what 5 posts a second allow, each once", async () => {
    t = await startTestBot({ slack: { postsPerSecond: 5 } });
    const people = Array.from({ length: 40 }, (_, i) => `U0PERSON${String(i).padStart(2, "0")}`);
    const views: FakeView[] = [];
    for (const person of people) views.push(await t.openForm(person));
    const started = Date.now();
    const acks = await Promise.all(
      views.map((view, i) =>
        t.submit(
          view,
          { ...TYPICAL, name: `burst-ws-${String(i).padStart(2, "0")}` },
          people[i] ?? REQUESTER,
        ),
      ),
    );
    expect(acks.every((a) => JSON.stringify(a.json).includes("Posting your request in"))).toBe(
      true,
    );
    // 40 cards and 40 controls at 5 posts a second take 16 s; a little more for the retries.
    await until(
      "40 cards and their controls",
      () => t.slack.callsOf("chat.postMessage").filter(ok).length >= 80,
      30_000,
    );
    const tookMs = Date.now() - started;
    expect(tookMs).toBeLessThan(24_000);
    const posted = t.slack.callsOf("chat.postMessage").filter(ok);
    const cardNames = posted
      .filter(isCard)
      .map((c) => /burst-ws-\d\d/.exec(String(c.args.text))?.[0]);
    expect(new Set(cardNames).size).toBe(40);
    expect(cardNames).toHaveLength(40);
    expect(posted.filter((c) => c.args.thread_ts)).toHaveLength(40);
    // Slack was asked to wait, and was not hammered meanwhile.
    const limited = t.slack.callsOf("chat.postMessage").filter((c) => c.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.length).toBeLessThanOrEqual(posted.length);
    // Each form said "sent" only once its own card was in the channel.
    await until("every form to say sent", () => views.every((v) => !!sentUpdate(t, v.id)));
    for (const view of views) {
      const sent = sentUpdate(t, view.id) as SlackCall;
      const channelLink = JSON.stringify(sent.args.view);
      expect(channelLink).toContain(CHANNEL);
    }
    const cardIndex = new Map(
      posted.filter(isCard).map((c) => [/burst-ws-\d\d/.exec(String(c.args.text))?.[0], c]),
    );
    views.forEach((view, i) => {
      const card = cardIndex.get(`burst-ws-${String(i).padStart(2, "0")}`) as SlackCall;
      const sent = sentUpdate(t, view.id) as SlackCall;
      expect(t.slack.calls.indexOf(sent)).toBeGreaterThan(t.slack.calls.indexOf(card));
    });
  }, 60_000);
});

describe("delivery when Slack refuses for good", () => {
  it("keeps the request, tells the requester by DM what to do, and never loops", async () => {
    const channels: Record<string, FakeChannel> = { [CHANNEL]: { is_member: false } };
    t = await startTestBot({ slack: { channels } });
    const view = await t.openForm();
    await t.submit(view, TYPICAL);
    const dm = await t.slack.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === REQUESTER && ok(c),
      5000,
    );
    expect(textOf(dm.args as never)).toContain("I am not a member of that channel");
    expect(textOf(dm.args as never)).toContain("/invite @AI Workspace");
    await until("the form to say the card could not be posted", () =>
      t.slack.calls.some(
        (c) =>
          c.method === "views.update" &&
          c.args.view_id === view.id &&
          JSON.stringify(c.args.view).includes("I could not post your request"),
      ),
    );
    // Given time for many retries, the channel was asked once.
    const tries = () =>
      t.slack.callsOf("chat.postMessage").filter((c) => c.args.channel === CHANNEL).length;
    await new Promise((r) => setTimeout(r, 500));
    expect(tries()).toBe(1);

    // Once the bot is in the channel, the requester posts it again from the DM.
    channels[CHANNEL] = {};
    const dmMessage = t.slack.message(`D${REQUESTER.slice(1)}`, (dm.answer as { ts: string }).ts);
    if (!dmMessage) throw new Error("no DM");
    await t.click("aiworkspace.repost", dmMessage, REQUESTER);
    await until("the card and its controls", () =>
      t.slack.callsOf("chat.postMessage").some((c) => ok(c) && c.args.thread_ts),
    );
    expect(t.slack.callsOf("chat.postMessage").filter((c) => isCard(c) && ok(c))).toHaveLength(1);
  });

  it("says it is the bot's problem when Slack refuses the card's blocks, and offers to withdraw", async () => {
    t = await startTestBot();
    t.slack.failNext("chat.postMessage", "invalid_blocks");
    const view = await t.openForm();
    await t.submit(view, TYPICAL);
    const dm = await t.slack.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === REQUESTER && ok(c),
      5000,
    );
    expect(textOf(dm.args as never)).toContain("This is a problem on the bot's side");
    const dmMessage = t.slack.message(`D${REQUESTER.slice(1)}`, (dm.answer as { ts: string }).ts);
    if (!dmMessage) throw new Error("no DM");
    expect(JSON.stringify(dmMessage.blocks)).toContain("aiworkspace.cancel");
    // Withdrawn from the DM: there is no thread, so the outcome comes by DM too.
    await t.click("aiworkspace.cancel", dmMessage, REQUESTER);
    await until("the withdrawal to be confirmed", () =>
      t.slack
        .callsOf("chat.postMessage")
        .some((c) => c.args.channel === REQUESTER && String(c.args.text).includes("withdrew")),
    );
    expect(
      t.slack.callsOf("chat.postMessage").filter((c) => c.args.channel === CHANNEL),
    ).toHaveLength(1);
  });
});
