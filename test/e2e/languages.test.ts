import { afterEach, describe, expect, it } from "vitest";
import { format } from "../../src/slack/i18n/catalog.js";
import { en } from "../../src/slack/i18n/en.js";
import { ja } from "../../src/slack/i18n/ja.js";
import type { FakeEphemeral } from "../support/fake-slack.js";
import { slashCommand, stateValuesFromView, viewSubmission } from "../support/slack-requests.js";
import {
  CHANNEL,
  REQUESTER,
  STRANGER,
  startTestBot,
  type TestBot,
  TYPICAL,
  textOf,
} from "../support/test-bot.js";
import { untilFound } from "../support/wait-until.js";

/**
 * Each person reads the bot in their own Slack language; the shared channel reads the operator's
 * DEFAULT_LOCALE. Two people side by side, one in ja-JP and one in en-US, go through the same steps.
 */

const JA_USER = "U0YUKI0001";
const NO_BOT = "C0NOBOT001";

let t: TestBot;
afterEach(async () => {
  await t?.stop();
});

const start = (env: Record<string, string> = {}) =>
  startTestBot({
    env,
    slack: {
      users: {
        [JA_USER]: { real_name: "Yuki Sato", locale: "ja-JP" },
        [REQUESTER]: { real_name: "Alice Kim", locale: "en-US" },
        [STRANGER]: { real_name: "Sam Lee", locale: "en-US" },
      },
      channels: { [NO_BOT]: { is_member: false } },
    },
  });

const noteTo = (bot: TestBot, userId: string): Promise<FakeEphemeral> =>
  untilFound(`a note to ${userId}`, () => bot.slack.ephemerals().find((e) => e.user === userId));

/** A typical request typed in a channel the bot is not in: answers the DM the requester gets. */
async function dmAfterRequestIn(bot: TestBot, channelId: string, userId: string) {
  const before = bot.slack.callsOf("views.open").length;
  await bot.send(slashCommand({ userId, channelId, triggerId: bot.slack.issueTriggerId() }));
  const opened = await bot.slack.waitFor(
    "views.open",
    (c) => bot.slack.callsOf("views.open").indexOf(c) >= before,
  );
  const id = (opened.answer as { view: { id: string } }).view.id;
  const loading = [en["modal.loading"], ja["modal.loading"]];
  if (loading.some((l) => JSON.stringify(opened.args.view).includes(l))) {
    await bot.slack.waitFor("views.update", (c) => c.args.view_id === id, 10_000);
  }
  const form = bot.slack.view(id);
  if (!form) throw new Error("the form did not open");
  await bot.send(
    viewSubmission({ view: form, values: stateValuesFromView(form, TYPICAL), userId }),
  );
  const dm = await bot.slack.waitFor(
    "chat.postMessage",
    (c) => c.status === 200 && c.args.channel === userId && (c.answer as { ok: boolean }).ok,
    10_000,
  );
  return textOf(dm.args as never);
}

describe("each person in their own language", () => {
  it("shows a ja-JP person the form, inline errors, notes and DMs in Japanese, and en-US in English", async () => {
    t = await start();

    // The form.
    const jaForm = await t.openForm(JA_USER);
    const enForm = await t.openForm(REQUESTER);
    expect(jaForm.title?.text).toBe(ja["modal.title"]);
    expect(jaForm.submit?.text).toBe(ja["modal.submit"]);
    expect(textOf(jaForm as never)).toContain(ja["field.name.label"]);
    expect(textOf(jaForm as never)).not.toContain(en["field.name.label"]);
    // The shipped presets have Japanese names and lines too.
    expect(textOf(jaForm as never)).toContain("Jupyter ノートブック");
    expect(textOf(enForm as never)).toContain("Jupyter notebook");
    expect(enForm.title?.text).toBe(en["modal.title"]);
    expect(textOf(enForm as never)).toContain(en["field.name.label"]);

    // An inline error, from the create-request schema's rules.
    const bad = { ...TYPICAL, name: "Team--" };
    const jaErrors = (await t.submit(jaForm, bad, JA_USER)).json as {
      errors: Record<string, string>;
    };
    const enErrors = (await t.submit(enForm, bad, REQUESTER)).json as {
      errors: Record<string, string>;
    };
    expect(jaErrors.errors.name).toContain("名前は英小文字（a〜z）で始めてください。");
    expect(jaErrors.errors.name).toContain("ハイフンは 2 つ続けて使えません");
    expect(enErrors.errors.name).toContain("Start the name with a lowercase letter (a to z).");

    // An ephemeral note: neither of them may approve Alice's request.
    const { controls } = await t.request(TYPICAL, REQUESTER);
    await t.click("aiworkspace.approve", controls, JA_USER);
    await t.click("aiworkspace.approve", controls, STRANGER);
    expect((await noteTo(t, JA_USER)).text).toBe(ja["refusal.not_approver"]);
    expect((await noteTo(t, STRANGER)).text).toBe(en["refusal.not_approver"]);

    // A direct message: the card could not go to a channel the bot is not in.
    const jaDm = await dmAfterRequestIn(t, NO_BOT, JA_USER);
    const enDm = await dmAfterRequestIn(t, NO_BOT, REQUESTER);
    expect(jaDm).toContain("ボットが <#C0NOBOT001> のメンバーではないため");
    expect(jaDm).toContain(ja["direct.repost"]);
    expect(enDm).toContain("I am not a member of that channel");
    expect(enDm).toContain(en["direct.repost"]);

    // Slack was asked for each person's language once, with include_locale, and then remembered.
    const asked = t.slack
      .callsOf("users.info")
      .filter((c) => c.args.user === JA_USER && String(c.args.include_locale) === "true");
    expect(asked).toHaveLength(1);
  });

  it("writes the channel's card and thread in DEFAULT_LOCALE, whoever asked", async () => {
    t = await start({ DEFAULT_LOCALE: "ja" });
    const { card, controls } = await t.request(TYPICAL, REQUESTER);
    expect(textOf(card)).toContain("*AIワークスペースの申請: `team-a-ws1`*");
    expect(textOf(controls)).toContain(ja["controls.approve"]);
    expect(textOf(controls)).toContain("さんからこのワークスペースの申請が届いています。");
    // The English-speaking requester's own form still says, in English, where the request went.
    const sent = await untilFound("the sent view", () =>
      t.slack.views().find((v) => textOf(v as never).includes("Your request is in")),
    );
    expect(textOf(sent as never)).toContain(`<#${CHANNEL}>`);
  });

  it("answers /aiworkspace help in the person's language, whatever DEFAULT_LOCALE says", async () => {
    const helpFor = async (userId: string) => {
      const answer = await t.send(slashCommand({ text: "help", userId, channelId: CHANNEL }));
      return (answer.json as { text: string }).text;
    };
    const jaHelp = format(ja.help, { command: "/aiworkspace" });
    const enHelp = format(en.help, { command: "/aiworkspace" });

    t = await start();
    expect(await helpFor(JA_USER)).toBe(jaHelp);
    expect(jaHelp).toContain("プリセット");
    expect(await helpFor(REQUESTER)).toBe(enHelp);
    await t.stop();

    t = await start({ DEFAULT_LOCALE: "ja" });
    expect(await helpFor(REQUESTER)).toBe(enHelp);
    expect(await helpFor(JA_USER)).toBe(jaHelp);
  });

  it("keeps the channel in English by default", async () => {
    t = await start();
    const { card } = await t.request(TYPICAL, JA_USER);
    expect(textOf(card)).toContain("*AI workspace request: `team-a-ws1`*");
  });
});

describe("asking Slack for a person's language", () => {
  it("acks the command before Slack answers, then opens the form in that language", async () => {
    t = await start();
    const release = t.slack.holdNext("users.info");
    const answer = await t.send(
      slashCommand({ userId: JA_USER, channelId: CHANNEL, triggerId: t.slack.issueTriggerId() }),
    );
    // The ack came back while Slack was still working out who the person is.
    expect(answer.status).toBe(200);
    await t.slack.waitFor("users.info", (c) => c.args.user === JA_USER);
    expect(t.slack.callsOf("views.open")).toHaveLength(0);
    release();
    const opened = await t.slack.waitFor("views.open");
    expect(JSON.stringify(opened.args.view)).toContain(ja["modal.title"]);
  });
});
