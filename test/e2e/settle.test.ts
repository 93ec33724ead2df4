import { afterEach, describe, expect, it } from "vitest";
import { countCalls, failures } from "../support/fake-dataforest.js";
import {
  APPROVER,
  CHANNEL,
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

const thread = (bot: TestBot, cardTs: string) =>
  bot.slack.threadReplies(CHANNEL, cardTs).map((m) => m.text);

describe("a create without a clear answer, end to end", () => {
  it("finds the workspace DataForest made although the answer was lost, and creates nothing more", async () => {
    t = await startTestBot();
    const { card, controls } = await t.request(TYPICAL);
    t.dataforest.failNext("create", failures.drop(true));
    await t.click("aiworkspace.approve", controls, APPROVER);
    await until("the id in the thread", () =>
      thread(t, card.ts).some((text) => text.includes("is ready")),
    );
    const made = t.dataforest.workspaces().filter((w) => w.name === TYPICAL.name);
    expect(made).toHaveLength(1);
    expect(thread(t, card.ts).join("\n")).toContain(made[0]?.id);
    expect(countCalls(t.dataforest, "create")).toBe(1);
    await until("the card to show it", () =>
      textOf(t.slack.message(CHANNEL, card.ts)).includes("Created"),
    );
  });

  it("settles a success without an id by looking, and sends create once more only after the window", async () => {
    // 0.05 minutes is 3 s.
    t = await startTestBot({ env: { SETTLE_WINDOW_MINUTES: "0.05" } });
    const { card, controls } = await t.request(TYPICAL);
    // A 2xx whose body has no id: create ran, but what it made (if anything) is not known.
    t.dataforest.failNext("create", failures.answer(200, { success: true, message: "success" }));
    const approved = Date.now();
    await t.click("aiworkspace.approve", controls, APPROVER);
    await until("the thread to say the bot is checking", () =>
      thread(t, card.ts).some((text) => text.includes("still checking")),
    );
    await until(
      "the id in the thread",
      () => thread(t, card.ts).some((text) => text.includes("is ready")),
      20_000,
    );
    expect(Date.now() - approved).toBeGreaterThanOrEqual(3000);
    expect(countCalls(t.dataforest, "create")).toBe(2);
    expect(t.dataforest.workspaces().filter((w) => w.name === TYPICAL.name)).toHaveLength(1);
    const said = thread(t, card.ts);
    expect(said.filter((text) => text.includes("still checking"))).toHaveLength(1);
    expect(said.some((text) => text.includes("nothing was created"))).toBe(false);
  }, 30_000);

  it("does not claim a workspace that already had the name, and says so after the window", async () => {
    t = await startTestBot({
      env: { SETTLE_WINDOW_MINUTES: "0.05" },
      dataforest: { workspaces: [{ name: TYPICAL.name, createdAt: "2020-01-01T00:00:00+09:00" }] },
    });
    // The name looks free when asked (twice: on sending the form and before create), and
    // create's answer is lost: the only workspace with the name is years old, so not this one.
    const free = failures.answer(200, { availableName: true, message: "available", success: true });
    t.dataforest.failNext("checkAvailableName", free);
    t.dataforest.failNext("checkAvailableName", free);
    t.dataforest.failNext("create", failures.drop(false));
    const { card, controls } = await t.request(TYPICAL);
    await t.click("aiworkspace.approve", controls, APPROVER);
    await until("the thread to say the bot is checking", () =>
      thread(t, card.ts).some((text) => text.includes("still checking")),
    );
    await until(
      "the outcome",
      () => thread(t, card.ts).some((text) => text.includes("was taken")),
      20_000,
    );
    expect(thread(t, card.ts).some((text) => text.includes("is ready"))).toBe(false);
    expect(countCalls(t.dataforest, "create")).toBe(1);
  }, 30_000);

  it("tells the requester DataForest had a problem when a create answered 500 made nothing", async () => {
    // The bot's clock moves only when the test moves it, past each settle window in turn.
    const clock = { now: Date.now() };
    t = await startTestBot({ now: () => clock.now });
    const { card, controls } = await t.request(TYPICAL);
    // A 500 to a create may come after the work is done, so the bot looks before concluding.
    t.dataforest.failNext("create", failures.dataForest(500, "unexpected error"));
    t.dataforest.failNext("create", failures.dataForest(500, "unexpected error"));
    await t.click("aiworkspace.approve", controls, APPROVER);
    await until("the thread to say the bot is checking", () =>
      thread(t, card.ts).some((text) => text.includes("still checking")),
    );
    clock.now += 16 * 60_000;
    await until("create sent once more", () => countCalls(t.dataforest, "create") === 2);
    await until(
      "the thread to say the bot is checking again",
      () => thread(t, card.ts).filter((text) => text.includes("still checking")).length === 2,
    );
    clock.now += 16 * 60_000;
    const concluded = (text: string) => text.includes("I kept looking for the workspace");
    await until("the outcome", () => thread(t, card.ts).some(concluded));
    const outcome = thread(t, card.ts).find(concluded);
    expect(outcome).toContain("DataForest had a problem on its side while creating");
    expect(outcome).not.toContain("never answered clearly");
    await until("the card to show it", () =>
      textOf(t.slack.message(CHANNEL, card.ts)).includes("DataForest had a problem"),
    );
    expect(textOf(t.slack.message(CHANNEL, card.ts))).not.toContain("no clear answer");
    expect(countCalls(t.dataforest, "create")).toBe(2);
    expect(t.dataforest.workspaces().filter((w) => w.name === TYPICAL.name)).toHaveLength(0);
  });
});
