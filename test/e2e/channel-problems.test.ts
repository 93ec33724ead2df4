import { afterEach, describe, expect, it } from "vitest";
import { modal } from "../../src/slack/messages.js";
import { metaKey, unseal } from "../../src/slack/signed-meta.js";
import {
  blockActions,
  slashCommand,
  stateValuesFromView,
  viewSubmission,
} from "../support/slack-requests.js";
import {
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
    if (JSON.stringify(opened.args.view).includes(modal.loading)) {
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
