import { afterEach, describe, expect, it } from "vitest";
import { en } from "../../src/slack/i18n/en.js";
import { metaKey, unseal } from "../../src/slack/signed-meta.js";
import type { FakeChannel } from "../support/fake-slack.js";
import {
  blockActions,
  slashCommand,
  stateValuesFromView,
  viewSubmission,
} from "../support/slack-requests.js";
import {
  APPROVER,
  buttonsOf,
  CHANNEL,
  REQUESTER,
  SIGNING_SECRET,
  startTestBot,
  type TestBot,
  TYPICAL,
  textOf,
} from "../support/test-bot.js";

let t: TestBot;
afterEach(async () => {
  await t?.stop();
});

type Prompt = { response_type?: string; text?: string; blocks?: Record<string, unknown>[] };

/** The command typed in a conversation that is not a channel. */
const commandIn = (bot: TestBot, channelId: string, channelName: string) =>
  bot.send(
    slashCommand({
      userId: REQUESTER,
      channelId,
      channelName,
      triggerId: bot.slack.issueTriggerId(),
    }),
  );

describe("a command typed where no approver would see the request", () => {
  for (const [where, channelId, channelName] of [
    ["a direct message", "D0ALICEBOT", "directmessage"],
    ["a group DM", "C0MPDM0001", "mpdm-alice--bob--carol-1"],
  ] as const) {
    it(`in ${where}, asks for a channel before opening the form`, async () => {
      t = await startTestBot();
      const answer = await commandIn(t, channelId, channelName);
      const prompt = answer.json as Prompt;
      expect(prompt.response_type).toBe("ephemeral");
      expect(textOf(prompt)).toContain("Which channel should yours go to?");
      expect(textOf(prompt)).toContain("/invite @AI Workspace");
      expect(JSON.stringify(prompt.blocks)).toContain('"type":"conversations_select"');
      expect(t.slack.callsOf("views.open")).toEqual([]);
    });
  }

  it("opens the form for the chosen channel, and the card goes there", async () => {
    t = await startTestBot();
    const prompt = (await commandIn(t, "D0ALICEBOT", "directmessage")).json as Prompt;
    await t.send(
      blockActions({
        actionId: "aiworkspace.pick_channel",
        value: CHANNEL,
        message: { blocks: prompt.blocks, text: prompt.text },
        channelId: "D0ALICEBOT",
        messageTs: "1700000000.000001",
        userId: REQUESTER,
        triggerId: t.slack.issueTriggerId(),
      }),
    );
    const opened = await t.slack.waitFor("views.open");
    const id = (opened.answer as { view: { id: string } }).view.id;
    expect(
      unseal(
        metaKey(SIGNING_SECRET),
        (opened.args.view as { private_metadata: string }).private_metadata,
      ),
    ).toMatchObject({ channelId: CHANNEL, userId: REQUESTER });
    // The form opens at once and fills in DataForest's choices with an update.
    if (JSON.stringify(opened.args.view).includes(en["modal.loading"])) {
      await t.slack.waitFor("views.update", (c) => c.args.view_id === id, 10_000);
    }
    const form = t.slack.view(id);
    if (!form) throw new Error("the form did not open");
    await t.send(
      viewSubmission({ view: form, values: stateValuesFromView(form, TYPICAL), userId: REQUESTER }),
    );
    const card = await t.slack.waitFor(
      "chat.postMessage",
      (c) => c.status === 200 && c.args.channel === CHANNEL && !c.args.thread_ts,
    );
    expect(textOf(card.args as never)).toContain("team-a-ws1");
  });
});

/** Opens the form in `channelId`, sends a typical request, and answers the DM the requester gets. */
async function requestIn(bot: TestBot, channelId: string) {
  await bot.send(
    slashCommand({ userId: REQUESTER, channelId, triggerId: bot.slack.issueTriggerId() }),
  );
  const opened = await bot.slack.waitFor("views.open");
  const id = (opened.answer as { view: { id: string } }).view.id;
  if (JSON.stringify(opened.args.view).includes(en["modal.loading"])) {
    await bot.slack.waitFor("views.update", (c) => c.args.view_id === id, 10_000);
  }
  const form = bot.slack.view(id);
  if (!form) throw new Error("the form did not open");
  await bot.send(
    viewSubmission({ view: form, values: stateValuesFromView(form, TYPICAL), userId: REQUESTER }),
  );
  const dm = await bot.slack.waitFor(
    "chat.postMessage",
    (c) => c.status === 200 && c.args.channel === REQUESTER && (c.answer as { ok: boolean }).ok,
    10_000,
  );
  const message = bot.slack.message(
    String((dm.answer as { channel: string }).channel),
    String((dm.answer as { ts: string }).ts),
  );
  if (!message) throw new Error("no direct message");
  return message;
}

describe("a channel the bot is not in", () => {
  for (const [kind, facts] of [
    ["a public channel", { is_member: false }],
    ["a private channel (which the bot cannot even see)", { is_member: false, is_private: true }],
  ] as const) {
    it(`keeps the request from ${kind}, says what to do, and posts the card once invited`, async () => {
      const channels: Record<string, FakeChannel> = { C0NOBOT001: { ...facts } };
      t = await startTestBot({ slack: { channels } });
      await t.openHome(REQUESTER);
      const dm = await requestIn(t, "C0NOBOT001");
      expect(dm.text).toContain("I am not a member of that channel");
      expect(dm.text).toContain("`/invite @AI Workspace` in <#C0NOBOT001>");
      expect(buttonsOf(dm)).toEqual(["aiworkspace.repost", "aiworkspace.cancel"]);
      // Kept, not withdrawn: the requester's open Home, redrawn after the DM, says it waits for its card.
      const home = await t.slack.waitFor(
        "views.publish",
        (c) => c.args.user_id === REQUESTER && textOf(c.args.view as never).includes("Not in its"),
        5000,
      );
      expect(textOf(home.args.view as never)).toContain("Waiting for approval");

      channels.C0NOBOT001 = { ...facts, is_member: true };
      const before = t.slack.calls.length;
      await t.click("aiworkspace.repost", dm, REQUESTER);
      const card = await t.slack.waitFor(
        "chat.postMessage",
        (c) =>
          t.slack.calls.indexOf(c) >= before &&
          c.args.channel === "C0NOBOT001" &&
          !c.args.thread_ts &&
          (c.answer as { ok: boolean }).ok,
        5000,
      );
      expect(textOf(card.args as never)).toContain("team-a-ws1");
      await t.slack.waitFor(
        "chat.postMessage",
        (c) =>
          c.args.channel === "C0NOBOT001" &&
          c.args.thread_ts === (card.answer as { ts: string }).ts &&
          buttonsOf(c.args as never).includes("aiworkspace.approve"),
        5000,
      );
      // Now it waits for the approvers too.
      expect(textOf(await t.openHome(APPROVER))).toContain("Waiting for your approval (1)");

      // A second click says where the card is, and posts nothing more.
      const posts = t.slack.callsOf("chat.postMessage").length;
      await t.click("aiworkspace.repost", dm, REQUESTER);
      const note = await t.slack.waitFor("chat.postEphemeral", (c) => c.args.user === REQUESTER);
      expect(note.args.text).toBe(
        "The card for this request is already in <#C0NOBOT001>, where the team leads can decide. Nothing was changed.",
      );
      expect(t.slack.callsOf("chat.postMessage")).toHaveLength(posts);
    });
  }

  it("offers no Post the card for an archived channel, only Withdraw", async () => {
    t = await startTestBot({ slack: { channels: { C0ARCHIVED: { is_archived: true } } } });
    const dm = await requestIn(t, "C0ARCHIVED");
    expect(dm.text).toContain("the channel is archived");
    expect(buttonsOf(dm)).toEqual(["aiworkspace.cancel"]);
  });
});
