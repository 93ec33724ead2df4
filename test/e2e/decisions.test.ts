import { afterEach, describe, expect, it } from "vitest";
import { countCalls, failures } from "../support/fake-dataforest.js";
import { stateValuesFromView, viewSubmission } from "../support/slack-requests.js";
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

describe("who may decide", () => {
  it("refuses someone who is not an approver, privately, and changes nothing", async () => {
    t = await startTestBot();
    const { card, controls } = await t.request(TYPICAL);
    const updatesBefore = t.slack.callsOf("chat.update").length;
    await t.click("aiworkspace.approve", controls, STRANGER);
    await t.click("aiworkspace.reject", controls, STRANGER);
    const whispers = await waitForEphemerals(t, STRANGER, 2);
    expect(whispers[0]?.text).toContain("Only the team leads");
    expect(whispers[0]?.thread_ts).toBe(card.ts);
    expect(countCalls(t.dataforest, "create")).toBe(0);
    expect(t.slack.callsOf("views.open")).toHaveLength(1);
    expect(t.slack.callsOf("chat.update")).toHaveLength(updatesBefore);
    expect(buttonsOf(t.slack.message(CHANNEL, controls.ts))).toHaveLength(3);
  });

  it("never lets requesters approve their own request, even when they are approvers", async () => {
    t = await startTestBot();
    const { controls } = await t.request(TYPICAL, APPROVER);
    await t.click("aiworkspace.approve", controls, APPROVER);
    const [whisper] = await waitForEphemerals(t, APPROVER, 1);
    expect(whisper?.text).toContain("another team lead");
    expect(countCalls(t.dataforest, "create")).toBe(0);
  });

  it("makes exactly one create out of 20 clicks at once, and tells late clickers who decided", async () => {
    t = await startTestBot();
    const { controls } = await t.request(TYPICAL);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.click("aiworkspace.approve", controls, i % 2 === 0 ? APPROVER : LEAD2),
      ),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("is ready"),
      5000,
    );
    await waitForEphemerals(t, undefined, 19);
    expect(countCalls(t.dataforest, "create")).toBe(1);
    expect(t.dataforest.workspaces().filter((w) => w.name === "team-a-ws1")).toHaveLength(1);
    const ready = t.slack
      .callsOf("chat.postMessage")
      .filter((c) => String(c.args.text).includes("is ready"));
    expect(ready).toHaveLength(1);
    expect(t.slack.ephemerals().every((e) => e.text.includes("already approved by <@U0"))).toBe(
      true,
    );
  });
});

describe("approvers from a user group", () => {
  it("lets a member of the group approve, and mentions the group on the request", async () => {
    t = await startTestBot({
      env: { APPROVER_USER_IDS: "", APPROVER_USERGROUP_ID: "S0TEAMLEADS" },
      slack: { usergroups: { S0TEAMLEADS: ["U0GROUPLED"] } },
    });
    const { controls } = await t.request(TYPICAL);
    expect(textOf(controls)).toContain("<!subteam^S0TEAMLEADS>");
    await t.click("aiworkspace.approve", controls, STRANGER);
    await waitForEphemerals(t, STRANGER, 1);
    await t.click("aiworkspace.approve", controls, "U0GROUPLED");
    await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("is ready"),
      5000,
    );
    expect(t.slack.callsOf("usergroups.users.list")).toHaveLength(1);
  });
});

describe("a member removed from the approver group", () => {
  it("can no longer approve once the cache bound (60 s) has passed", async () => {
    const usergroups = { S0TEAMLEADS: ["U0GROUPLED"] };
    let later = 0;
    t = await startTestBot({
      env: { APPROVER_USER_IDS: "", APPROVER_USERGROUP_ID: "S0TEAMLEADS" },
      slack: { usergroups },
      now: () => Date.now() + later,
    });
    const { controls } = await t.request(TYPICAL);
    await t.click("aiworkspace.approve", controls, STRANGER);
    await waitForEphemerals(t, STRANGER, 1);
    const reads = t.slack.callsOf("usergroups.users.list").length;
    expect(reads).toBeGreaterThan(0);
    usergroups.S0TEAMLEADS = [];
    later = 60_000;
    await t.click("aiworkspace.approve", controls, "U0GROUPLED");
    const [refused] = await waitForEphemerals(t, "U0GROUPLED", 1);
    expect(refused?.text).toContain("Only the team leads");
    expect(t.slack.callsOf("usergroups.users.list").length).toBeGreaterThan(reads);
    expect(countCalls(t.dataforest, "create")).toBe(0);
    expect(buttonsOf(t.slack.message(CHANNEL, controls.ts))).toHaveLength(3);
  });
});

describe("when Slack cannot say who is in the approver group", () => {
  it("refuses a group member with the Slack failure, approves nothing, and works once Slack answers", async () => {
    t = await startTestBot({
      env: { APPROVER_USER_IDS: "", APPROVER_USERGROUP_ID: "S0TEAMLEADS" },
      slack: { usergroups: { S0TEAMLEADS: ["U0GROUPLED"] } },
      // App Home reads the group when the card is posted; nothing cached may hide the failure.
      approverCache: { cacheMs: 0, staleMs: 0 },
    });
    const { controls } = await t.request(TYPICAL);
    t.slack.failNext("usergroups.users.list", "ratelimited");
    await t.click("aiworkspace.approve", controls, "U0GROUPLED");
    const [refused] = await waitForEphemerals(t, "U0GROUPLED", 1);
    expect(refused?.text).toContain(
      "I could not check the approver group with Slack; try again in a minute",
    );
    expect(refused?.text).not.toContain("Only the team leads");
    expect(countCalls(t.dataforest, "create")).toBe(0);
    expect(buttonsOf(t.slack.message(CHANNEL, controls.ts))).toHaveLength(3);
    await t.click("aiworkspace.approve", controls, "U0GROUPLED");
    await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("is ready"),
      5000,
    );
    expect(countCalls(t.dataforest, "create")).toBe(1);
  });
});

describe("reject", () => {
  it("asks for a reason, posts it in the thread and closes the card", async () => {
    t = await startTestBot();
    const { card, controls } = await t.request(TYPICAL);
    await t.click("aiworkspace.reject", controls, LEAD2);
    const opened = await t.slack.waitFor(
      "views.open",
      (c) => (c.args.view as { callback_id?: string }).callback_id === "aiworkspace.reject",
    );
    const view = t.slack.view((opened.answer as { view: { id: string } }).view.id);
    if (!view) throw new Error("no reject form");
    const ack = await t.send(
      viewSubmission({
        view,
        values: stateValuesFromView(view, { reason: "please use 1 GPU <!here>" }),
        userId: LEAD2,
      }),
    );
    expect(ack.status).toBe(200);
    const reply = await t.slack.waitFor("chat.postMessage", (c) =>
      String(c.args.text).includes("rejected"),
    );
    expect(reply.args.thread_ts).toBe(card.ts);
    expect(String(reply.args.text)).toContain(`<@${REQUESTER}>`);
    expect(String(reply.args.text)).toContain("please use 1 GPU &lt;!here&gt;");
    await t.slack.waitFor(
      "chat.update",
      (c) => c.args.ts === card.ts && textOf(c.args as never).includes("Rejected"),
    );
    await t.slack.waitFor(
      "chat.update",
      (c) => c.args.ts === controls.ts && textOf(c.args as never).includes("Rejected"),
    );
    expect(buttonsOf(t.slack.message(CHANNEL, controls.ts))).toEqual([]);
    // Approving after the rejection changes nothing.
    await t.click("aiworkspace.approve", controls, APPROVER);
    const [late] = await waitForEphemerals(t, APPROVER, 1);
    expect(late?.text).toContain("already rejected");
    expect(countCalls(t.dataforest, "create")).toBe(0);
  });
});

describe("when DataForest refuses", () => {
  it("explains a refused image in plain words and offers a filled form to resubmit", async () => {
    t = await startTestBot();
    const { card, controls } = await t.request(TYPICAL);
    t.dataforest.failNext(
      "create",
      failures.invalidParameter("configuration.docker.image", "tensorflow:2.15.0-gpu"),
    );
    await t.click("aiworkspace.approve", controls);
    const reply = await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("did not accept"),
      5000,
    );
    const text = textOf(reply.args as never);
    expect(text).toContain(
      `<@${REQUESTER}>, DataForest did not accept the software (image) \`tensorflow:2.15.0-gpu\``,
    );
    expect(text).toContain(
      "DataForest said: `invalid request parameter (configuration.docker.image",
    );
    expect(text).not.toMatch(/[{}]\s*"/);
    expect(buttonsOf(reply.args as never)).toEqual(["aiworkspace.resubmit"]);
    await t.slack.waitFor(
      "chat.update",
      (c) => c.args.ts === card.ts && textOf(c.args as never).includes("Not created"),
    );

    const replyMessage = t.slack.message(CHANNEL, (reply.answer as { ts: string }).ts);
    if (!replyMessage) throw new Error("no reply");
    await t.click("aiworkspace.resubmit", replyMessage, REQUESTER);
    const reopened = await t.slack.waitFor(
      "views.open",
      (c) => t.slack.callsOf("views.open").indexOf(c) === 1,
    );
    const form = reopened.args.view as {
      blocks: { block_id?: string; element?: Record<string, unknown> }[];
    };
    const name = form.blocks.find((b) => b.block_id === "name");
    expect(name?.element?.initial_value).toBe("team-a-ws1");
    expect(JSON.stringify(form)).toContain("tensorflow:2.15.0-gpu");
  });

  it("tells whose move it is when the quota is reached", async () => {
    t = await startTestBot();
    const { controls } = await t.request(TYPICAL);
    t.dataforest.failNext("create", failures.quotaExceeded());
    await t.click("aiworkspace.approve", controls);
    const reply = await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("quota"),
      5000,
    );
    expect(String(reply.args.text)).toContain(`<@${APPROVER}>`);
    expect(String(reply.args.text)).toContain("free up resources");
  });

  it("tells the admin when the bot's API call quota is used up, rather than asking to wait", async () => {
    t = await startTestBot();
    const { controls } = await t.request(TYPICAL);
    t.dataforest.failNext("create", failures.gateway(429, "400", "Quota Exceeded"));
    await t.click("aiworkspace.approve", controls);
    const reply = await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("call quota"),
      5000,
    );
    expect(String(reply.args.text)).toContain("bot's admin");
  });

  it("tells the admin when the keys are refused", async () => {
    t = await startTestBot();
    const { controls } = await t.request(TYPICAL);
    t.dataforest.failNext(
      "checkAvailableName",
      failures.gateway(401, "200", "Authentication Failed"),
    );
    t.dataforest.failNext("create", failures.gateway(401, "200", "Authentication Failed"));
    await t.click("aiworkspace.approve", controls);
    const reply = await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("keys"),
      5000,
    );
    expect(String(reply.args.text)).toContain("bot's admin");
    expect(countCalls(t.dataforest, "create")).toBe(1);
  });
});

async function waitForEphemerals(bot: TestBot, userId: string | undefined, count: number) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = bot.slack.ephemerals().filter((e) => userId === undefined || e.user === userId);
    if (found.length >= count) return found;
    if (Date.now() > deadline)
      throw new Error(`saw ${found.length} of ${count} ephemeral messages`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
