import { afterEach, describe, expect, it } from "vitest";
import { LOOKING_MS } from "../../src/requests/queries.js";
import { countCalls } from "../support/fake-dataforest.js";
import type { FakeView } from "../support/fake-slack.js";
import {
  appHomeOpened,
  slashCommand,
  stateValuesFromView,
  viewSubmission,
} from "../support/slack-requests.js";
import {
  APPROVER,
  buttonsOf,
  CHANNEL,
  LEAD2,
  REQUESTER,
  STRANGER,
  startTestBot,
  type TestBot,
  TYPICAL,
  textOf,
} from "../support/test-bot.js";

let t: TestBot;
afterEach(async () => {
  await t?.stop();
});

/** The request id the card's buttons carry. */
const requestIdOf = (controls: { blocks?: unknown }) => {
  const blocks = controls.blocks as { elements?: { value?: string }[] }[];
  const id = blocks.flatMap((b) => b.elements ?? [])[0]?.value;
  if (!id) throw new Error("no request id on the controls");
  return id;
};

/** Each button of a Home view as `action_id=value`. */
const homeButtons = (view: FakeView | undefined) =>
  ((view?.blocks ?? []) as { elements?: { type?: string; action_id?: string; value?: string }[] }[])
    .flatMap((b) => b.elements ?? [])
    .filter((e) => e.type === "button")
    .map((e) => `${e.action_id}=${e.value}`);

/** The next Home published for `userId` whose text passes `test`. */
const nextHome = (bot: TestBot, userId: string, test: (text: string) => boolean) =>
  bot.slack.waitFor(
    "views.publish",
    (c) => c.args.user_id === userId && test(textOf(c.args.view as never)),
    5000,
  );

describe("App Home", () => {
  it("shows requesters their requests: state, when, and a link to the thread", async () => {
    t = await startTestBot();
    const { card } = await t.request(TYPICAL);
    const home = await t.openHome(REQUESTER);
    const text = textOf(home);
    expect(home.type).toBe("home");
    expect(text).toContain("Your recent requests");
    expect(text).toContain("`team-a-ws1`");
    expect(text).toContain("Waiting for approval");
    expect(text).toMatch(/asked <!date\^\d+\^/);
    expect(text).toContain(
      `<https://fake-team.slack.com/archives/${CHANNEL}/p${card.ts.replace(".", "")}|Open the thread>`,
    );
    // Requesters who may not approve see no waiting list and no buttons.
    expect(text).not.toContain("Waiting for your approval");
    expect(homeButtons(home)).toEqual([]);
  });

  it("tells someone without requests how to start, and ignores the Messages tab", async () => {
    t = await startTestBot();
    expect(textOf(await t.openHome(STRANGER))).toContain("You have not asked for a workspace yet");
    const before = t.slack.callsOf("views.publish").length;
    const answer = await t.send(appHomeOpened({ userId: STRANGER, tab: "messages" }));
    expect(answer.status).toBe(200);
    expect(t.slack.callsOf("views.publish")).toHaveLength(before);
  });

  it("shows approvers what waits for them, with the thread's own buttons", async () => {
    t = await startTestBot();
    const first = await t.request(TYPICAL);
    const second = await t.request({ ...TYPICAL, name: "team-b-ws2" }, APPROVER);
    const firstId = requestIdOf(first.controls);
    const secondId = requestIdOf(second.controls);

    const approverHome = await t.openHome(APPROVER);
    expect(textOf(approverHome)).toContain("Waiting for your approval (1)");
    // Their own request is theirs to follow, not theirs to decide.
    expect(homeButtons(approverHome)).toEqual([
      `aiworkspace.approve=${firstId}`,
      `aiworkspace.reject=${firstId}`,
    ]);
    expect(textOf(approverHome)).toContain("`team-b-ws2`");

    const leadHome = await t.openHome(LEAD2);
    expect(textOf(leadHome)).toContain("Waiting for your approval (2)");
    expect(homeButtons(leadHome)).toEqual([
      `aiworkspace.approve=${firstId}`,
      `aiworkspace.reject=${firstId}`,
      `aiworkspace.approve=${secondId}`,
      `aiworkspace.reject=${secondId}`,
    ]);
    expect(textOf(leadHome)).toContain(`asked by <@${REQUESTER}>`);
    expect(textOf(leadHome)).toContain("tensorflow:2.15.0-gpu");
  });

  it("turns approvals from App Home into exactly one create, and redraws every Home", async () => {
    t = await startTestBot();
    const { card, controls } = await t.request(TYPICAL);
    const id = requestIdOf(controls);
    await t.openHome(APPROVER);
    await t.openHome(LEAD2);
    await t.openHome(REQUESTER);

    const clicks = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t.clickHome("aiworkspace.approve", id, i % 2 === 0 ? APPROVER : LEAD2),
      ),
    );
    expect(clicks.every((c) => c.status === 200)).toBe(true);
    await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("is ready"),
      5000,
    );
    expect(countCalls(t.dataforest, "create")).toBe(1);
    // Exactly as from the thread: the card shows the outcome, the thread's buttons are gone.
    await t.slack.waitFor(
      "chat.update",
      (c) => c.args.ts === card.ts && textOf(c.args as never).includes("Created"),
    );
    expect(buttonsOf(t.slack.message(CHANNEL, controls.ts))).toEqual([]);

    const created = t.dataforest.workspaces().find((w) => w.name === "team-a-ws1");
    if (!created) throw new Error("DataForest has no team-a-ws1");
    const requesterHome = await nextHome(t, REQUESTER, (text) => text.includes("*Created*"));
    // The requester's list names the workspace DataForest made, as the card does.
    expect(textOf(requesterHome.args.view as never)).toContain(`id \`${created.id}\``);
    await nextHome(t, LEAD2, (text) => text.includes("Waiting for your approval (0)"));
    await nextHome(t, APPROVER, (text) => text.includes("Waiting for your approval (0)"));
    expect(homeButtons(t.slack.home(APPROVER))).toEqual([]);
    expect(homeButtons(t.slack.home(LEAD2))).toEqual([]);
    // Late clickers learn it in their Home, since a Home click has no thread to whisper in.
    expect(t.slack.callsOf("chat.postEphemeral")).toEqual([]);
    const late = t.slack
      .callsOf("views.publish")
      .filter((c) => textOf(c.args.view as never).includes("This request was already approved"));
    expect(late).toHaveLength(5);
  });

  it("refuses a click from someone who may not approve, in their Home, and changes nothing", async () => {
    t = await startTestBot();
    const { controls } = await t.request(TYPICAL);
    const id = requestIdOf(controls);
    await t.openHome(STRANGER);
    // A forged click: the stranger's Home has no such button.
    await t.clickHome("aiworkspace.approve", id, STRANGER);
    await nextHome(t, STRANGER, (text) => text.includes("Only the team leads"));
    expect(countCalls(t.dataforest, "create")).toBe(0);
    expect(buttonsOf(t.slack.message(CHANNEL, controls.ts))).toHaveLength(3);
  });

  it("rejects from App Home through the same form, and the thread hears it", async () => {
    t = await startTestBot();
    const { card, controls } = await t.request(TYPICAL);
    const id = requestIdOf(controls);
    await t.openHome(REQUESTER);
    await t.openHome(LEAD2);
    await t.clickHome("aiworkspace.reject", id, LEAD2);
    const opened = await t.slack.waitFor(
      "views.open",
      (c) => (c.args.view as { callback_id?: string }).callback_id === "aiworkspace.reject",
    );
    const form = t.slack.view((opened.answer as { view: { id: string } }).view.id);
    if (!form) throw new Error("no reject form");

    // Someone else decides while another approver's form is open: the refusal comes back to the
    // Home of the one who sent it late.
    await t.openHome(APPROVER);
    await t.clickHome("aiworkspace.reject", id, APPROVER);
    const openedLate = await t.slack.waitFor(
      "views.open",
      (c) =>
        (c.args.view as { callback_id?: string }).callback_id === "aiworkspace.reject" &&
        c !== opened,
    );
    const lateForm = t.slack.view((openedLate.answer as { view: { id: string } }).view.id);
    if (!lateForm) throw new Error("no second reject form");
    await t.send(
      viewSubmission({
        view: form,
        values: stateValuesFromView(form, { reason: "one GPU is enough" }),
        userId: LEAD2,
      }),
    );
    const reply = await t.slack.waitFor("chat.postMessage", (c) =>
      String(c.args.text).includes("rejected"),
    );
    expect(reply.args.thread_ts).toBe(card.ts);
    expect(String(reply.args.text)).toContain("one GPU is enough");
    await nextHome(t, REQUESTER, (text) => text.includes("*Rejected*"));

    await t.send(viewSubmission({ view: lateForm, userId: APPROVER }));
    await nextHome(t, APPROVER, (text) => text.includes("This request was already rejected"));
    expect(t.slack.callsOf("chat.postEphemeral")).toEqual([]);
  });
});

describe("App Home kept up to date", () => {
  it("is redrawn for whoever opened it in the last half hour, and for nobody else", async () => {
    let now = Date.parse("2026-11-30T09:00:00Z");
    t = await startTestBot({ now: () => now });
    await t.openHome(LEAD2);
    now += LOOKING_MS + 60_000;
    await t.openHome(REQUESTER);
    const homesOf = (userId: string) =>
      t.slack.callsOf("views.publish").filter((c) => c.args.user_id === userId).length;

    // The requester looks: their Home follows the request. LEAD2 looked too long ago, APPROVER
    // never did: each sees it when they next open the tab.
    const { controls } = await t.request(TYPICAL);
    await t.click("aiworkspace.approve", controls, APPROVER);
    const ready = await t.slack.waitFor("chat.postMessage", (c) =>
      String(c.args.text).includes("is ready"),
    );
    // The outcome is the last message that redraws Homes.
    await t.slack.waitFor(
      "views.publish",
      (c) =>
        t.slack.calls.indexOf(c) > t.slack.calls.indexOf(ready) &&
        c.args.user_id === REQUESTER &&
        textOf(c.args.view as never).includes("*Created*"),
    );
    expect(homesOf(LEAD2)).toBe(1);
    expect(homesOf(APPROVER)).toBe(0);

    // Twenty minutes on, APPROVER opens Home; fifteen more, and the requester, who opened theirs
    // over half an hour ago, is taken for gone: their next request leaves their Home alone.
    now += 20 * 60_000;
    expect(textOf(await t.openHome(APPROVER))).toContain("Waiting for your approval (0)");
    now += 15 * 60_000;
    const requesterHomes = homesOf(REQUESTER);
    const before = t.slack.calls.length;
    const second = await t.request({ ...TYPICAL, name: "team-a-ws2" });
    await t.click("aiworkspace.approve", second.controls, APPROVER);
    await t.slack.waitFor(
      "chat.postMessage",
      (c) => c.args.thread_ts === second.card.ts && String(c.args.text).includes("is ready"),
      5000,
    );
    // APPROVER's Home is redrawn after the outcome, the requester's is not.
    await t.slack.waitFor(
      "views.publish",
      (c) =>
        t.slack.calls.indexOf(c) >= before &&
        c.args.user_id === APPROVER &&
        textOf(c.args.view as never).includes("Waiting for your approval (0)"),
      5000,
    );
    expect(homesOf(REQUESTER)).toBe(requesterHomes);
    expect(homesOf(LEAD2)).toBe(1);
  });
});

describe("App Home in each person's language", () => {
  it("draws a ja-JP approver's Home in Japanese and an en-US requester's in English", async () => {
    t = await startTestBot({
      slack: { users: { [LEAD2]: { locale: "ja-JP" }, [REQUESTER]: { locale: "en-US" } } },
    });
    const { controls } = await t.request(TYPICAL);
    const lead = textOf(await t.openHome(LEAD2));
    expect(lead).toContain("あなたの承認待ち（1 件）");
    expect(lead).toContain("最近の申請");
    expect(lead).not.toContain("Waiting for your approval");
    expect(textOf(await t.openHome(REQUESTER))).toContain("Your recent requests");
    // A refusal from Home is said in the clicker's language too.
    await t.click("aiworkspace.approve", controls, APPROVER);
    await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("is ready"),
      5000,
    );
    await t.clickHome("aiworkspace.approve", requestIdOf(controls), LEAD2);
    const late = await nextHome(t, LEAD2, (text) => text.includes("この申請はすでに"));
    expect(textOf(late.args.view as never)).toContain(`<@${APPROVER}>`);
    expect(textOf(late.args.view as never)).not.toContain("already approved");
  });
});

describe("App Home in Socket Mode", () => {
  it("is drawn when the tab is opened, the event coming over the socket", async () => {
    t = await startTestBot({ socketMode: true });
    await t.request(TYPICAL);
    const home = await t.openHome(LEAD2);
    expect(textOf(home)).toContain("Waiting for your approval (1)");
    expect(homeButtons(home)).toHaveLength(2);
  });
});

describe("/aiworkspace list", () => {
  it("answers the caller's requests, newest first, with their states, privately", async () => {
    t = await startTestBot();
    const { controls } = await t.request(TYPICAL);
    await t.click("aiworkspace.approve", controls);
    await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("is ready"),
      5000,
    );
    await t.request({ ...TYPICAL, name: "team-a-ws2" });

    const answer = await t.command("list");
    const { response_type, text } = answer.json as { response_type: string; text: string };
    expect(response_type).toBe("ephemeral");
    expect(text).toContain("Your last 2 requests");
    expect(text.indexOf("team-a-ws2")).toBeLessThan(text.indexOf("team-a-ws1"));
    expect(text).toContain("Waiting for approval");
    expect(text).toContain("*Created*");
    expect(text).toContain(`in <#${CHANNEL}>`);

    const none = await t.command("list", STRANGER);
    expect((none.json as { text: string }).text).toContain("You have no requests yet");
  });
});

describe("/aiworkspace list, for someone with many requests", () => {
  it("shows the last 10 only", async () => {
    t = await startTestBot({ env: { MAX_PENDING_PER_USER: "20" } });
    for (let i = 1; i <= 11; i += 1) await t.request({ ...TYPICAL, name: `ws-${i}` });
    const { text } = (await t.command("list")).json as { text: string };
    expect(text).toContain("Your last 10 requests");
    expect(text.match(/`ws-\d+`/g)).toEqual(
      Array.from({ length: 10 }, (_, i) => `\`ws-${11 - i}\``),
    );
  });
});

describe("/aiworkspace help", () => {
  it("explains the presets and App Home in a few lines, in a channel or a DM", async () => {
    t = await startTestBot();
    for (const channelId of [CHANNEL, "D0ALICEBOT"]) {
      const answer = await t.send(
        slashCommand({ text: "help", userId: REQUESTER, channelId, channelName: "directmessage" }),
      );
      const { response_type, text } = answer.json as { response_type: string; text: string };
      expect(response_type).toBe("ephemeral");
      expect(text).toContain("preset");
      expect(text).toContain("*Home* tab");
      expect(text).toContain("`/aiworkspace list`");
      expect(text.split("\n").length).toBeLessThanOrEqual(8);
    }
    expect(t.slack.callsOf("views.open")).toEqual([]);
  });
});
