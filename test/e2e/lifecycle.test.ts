import { afterEach, describe, expect, it } from "vitest";
import { countCalls, failures } from "../support/fake-dataforest.js";
import {
  APPROVER,
  buttonsOf,
  CHANNEL,
  REQUESTER,
  STRANGER,
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

describe("timers, from outside", () => {
  it("reminds the approvers once and then expires the request, with fractional hours", async () => {
    // 0.0004 h is 1.44 s; 0.001 h is 3.6 s.
    t = await startTestBot({ env: { REMINDER_HOURS: "0.0004", REQUEST_TTL_HOURS: "0.001" } });
    const started = Date.now();
    const { card, controls } = await t.request(TYPICAL);
    const replies = () => t.slack.threadReplies(CHANNEL, card.ts);
    await until("the reminder", () => replies().some((m) => m.text.includes("a reminder")));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    const reminder = replies().find((m) => m.text.includes("a reminder"));
    expect(reminder?.text).toContain(`<@${APPROVER}>`);
    expect(reminder?.text).toContain(`<@${REQUESTER}>`);
    await until("the expiry", () => replies().some((m) => m.text.includes("expired")));
    expect(Date.now() - started).toBeGreaterThanOrEqual(3500);
    await until("the card to say it expired", () =>
      textOf(t.slack.message(CHANNEL, card.ts)).includes("Expired"),
    );
    await until(
      "the buttons to go",
      () => buttonsOf(t.slack.message(CHANNEL, controls.ts)).length === 0,
    );
    expect(replies().filter((m) => m.text.includes("a reminder"))).toHaveLength(1);
    expect(replies().filter((m) => m.text.includes("expired"))).toHaveLength(1);
    // Expired is final: a late approval changes nothing.
    await t.click("aiworkspace.approve", controls, APPROVER);
    await until("the late approver to be told", () =>
      t.slack.ephemerals().some((e) => e.user === APPROVER && e.text.includes("already expired")),
    );
    expect(countCalls(t.dataforest, "create")).toBe(0);
  });
});

describe("withdrawing", () => {
  it("lets only the requester withdraw, and the card and thread say who did", async () => {
    t = await startTestBot();
    const { card, controls } = await t.request(TYPICAL);
    await t.click("aiworkspace.cancel", controls, STRANGER);
    await until("the stranger to be told", () =>
      t.slack
        .ephemerals()
        .some((e) => e.user === STRANGER && e.text.includes("Only the person who asked")),
    );
    await t.click("aiworkspace.cancel", controls, APPROVER);
    await until("the approver to be told", () =>
      t.slack.ephemerals().some((e) => e.user === APPROVER),
    );
    expect(textOf(t.slack.message(CHANNEL, card.ts))).toContain("Waiting for approval");

    await t.click("aiworkspace.cancel", controls, REQUESTER);
    await until("the card to say who withdrew it", () =>
      textOf(t.slack.message(CHANNEL, card.ts)).includes(`Withdrawn* by <@${REQUESTER}>`),
    );
    await until("the thread to say so", () =>
      t.slack
        .threadReplies(CHANNEL, card.ts)
        .some((m) => m.text.includes(`<@${REQUESTER}> withdrew this request`)),
    );
    expect(buttonsOf(t.slack.message(CHANNEL, controls.ts))).toEqual([]);
    await t.click("aiworkspace.approve", controls, APPROVER);
    await until("the late approver to be told", () =>
      t.slack.ephemerals().some((e) => e.user === APPROVER && e.text.includes("withdrawn")),
    );
    expect(countCalls(t.dataforest, "create")).toBe(0);
  });
});

describe("the same form delivered twice", () => {
  it("makes one request and one card, even for someone at their limit of pending requests", async () => {
    t = await startTestBot({ env: { MAX_PENDING_PER_USER: "1" } });
    const view = await t.openForm();
    const [a, b] = await Promise.all([t.submit(view, TYPICAL), t.submit(view, TYPICAL)]);
    await t.slack.waitFor("chat.postMessage", (c) => typeof c.args.thread_ts === "string", 5000);
    expect(a.json).toEqual(b.json);
    const again = await t.submit(view, TYPICAL);
    expect(JSON.stringify(again.json)).toContain("Your request is in");
    await new Promise((r) => setTimeout(r, 300));
    const cards = t.slack
      .callsOf("chat.postMessage")
      .filter((c) => c.args.channel === CHANNEL && !c.args.thread_ts);
    expect(cards).toHaveLength(1);
  });
});

describe("a private note Slack will not take", () => {
  it("reaches the person who clicked as a direct message", async () => {
    t = await startTestBot();
    const { controls } = await t.request(TYPICAL);
    t.slack.failNext("chat.postEphemeral", "channel_not_found");
    await t.click("aiworkspace.approve", controls, STRANGER);
    const dm = await t.slack.waitFor("chat.postMessage", (c) => c.args.channel === STRANGER, 5000);
    expect(String(dm.args.text)).toContain("Only the team leads");
  });
});

describe("stopping", () => {
  it("ends within STOP_GRACE_SECONDS while a create is under way, and the next start settles it", async () => {
    t = await startTestBot({ env: { STOP_GRACE_SECONDS: "1" } });
    const { card, controls } = await t.request(TYPICAL);
    t.dataforest.failNext("create", failures.delay(3000));
    await t.click("aiworkspace.approve", controls, APPROVER);
    await until("create to be sent", () => countCalls(t.dataforest, "create") === 1);
    const stopping = Date.now();
    await t.bot.stop();
    expect(Date.now() - stopping).toBeLessThan(1500);

    await t.restart();
    await until(
      "the workspace id in the thread",
      () => t.slack.threadReplies(CHANNEL, card.ts).some((m) => m.text.includes("is ready")),
      20_000,
    );
    expect(countCalls(t.dataforest, "create")).toBe(1);
    expect(t.dataforest.workspaces().filter((w) => w.name === TYPICAL.name)).toHaveLength(1);
  }, 30_000);
});
