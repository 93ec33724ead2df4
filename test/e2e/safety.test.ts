import { afterEach, describe, expect, it } from "vitest";
import { countCalls } from "../support/fake-dataforest.js";
import { postToSlackEvents, slashCommand } from "../support/slack-requests.js";
import {
  BOT_TOKEN,
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

describe("requests that are not from Slack", () => {
  it("refuses a forged signature and a stale timestamp, and does nothing", async () => {
    t = await startTestBot();
    const url = `${t.bot.url}/slack/events`;
    const command = slashCommand({ channelId: CHANNEL, triggerId: t.slack.issueTriggerId() });
    const forged = await postToSlackEvents(url, "not-the-signing-secret", command);
    expect(forged.status).toBe(401);
    const stale = await postToSlackEvents(url, SIGNING_SECRET, command, {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(stale.status).toBe(401);
    const tampered = await postToSlackEvents(url, SIGNING_SECRET, command, {
      signature: "v0=0000000000000000000000000000000000000000000000000000000000000000",
    });
    expect(tampered.status).toBe(401);
    expect(t.slack.calls.filter((c) => c.method !== "auth.test")).toHaveLength(0);
  });
});

describe("what people typed", () => {
  it("never reaches a message unescaped, so <!channel> pings nobody", async () => {
    t = await startTestBot();
    const { controls } = await t.request({
      ...TYPICAL,
      description: "urgent <!channel> & <@U0APPROVER> <https://evil.example|click>",
      "configuration.data.input": "/user/<!here> -> /data/input",
    });
    await t.click("aiworkspace.approve", controls);
    await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("is ready"),
      5000,
    );
    const written = t.slack.calls
      .filter((c) => c.method.startsWith("chat."))
      .map((c) => textOf(c.args as never))
      .join("\n");
    expect(written).toContain("urgent &lt;!channel&gt; &amp; &lt;@U0APPROVER&gt;");
    expect(written).not.toContain("<!channel>");
    expect(written).not.toContain("<!here>");
    expect(written).not.toContain("<https://evil.example");
  });

  it("formats nothing on the card: bold, italics, strike, code and quotes show as typed", async () => {
    t = await startTestBot();
    const { card } = await t.request({
      ...TYPICAL,
      description: "> *bold* _x_ ~x~ `tick` ```block```",
    });
    const shown = textOf(card);
    expect(shown).toContain("· for › ∗bold∗ ˍxˍ ∼x∼ ˋtickˋ ˋˋˋblockˋˋˋ");
    for (const live of ["*bold*", "_x_", "~x~", "`tick`", "```"]) {
      expect(shown).not.toContain(live);
    }
  });
});

describe("nothing is lost", () => {
  it("keeps a pending request across a restart, and it can then be approved", async () => {
    t = await startTestBot();
    const { card, controls } = await t.request(TYPICAL);
    await t.restart();
    const click = await t.click("aiworkspace.approve", controls);
    expect(click.status).toBe(200);
    await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("is ready"),
      5000,
    );
    expect(countCalls(t.dataforest, "create")).toBe(1);
    await t.slack.waitFor(
      "chat.update",
      (c) => c.args.ts === card.ts && textOf(c.args as never).includes("Created"),
    );
    const cards = t.slack.messages().filter((m) => !m.thread_ts || m.thread_ts === m.ts);
    expect(cards).toHaveLength(1);
    expect(t.logs.filter((l) => l.includes('"level":"error"'))).toEqual([]);
  });

  it("posts after a restart the card of a request that was stored but never shown", async () => {
    t = await startTestBot();
    t.slack.failNext("chat.postMessage", { status: 500 });
    const view = await t.openForm();
    const ack = await t.submit(view, TYPICAL);
    expect(ack.json).toMatchObject({ response_action: "update" });
    await t.slack.waitFor("chat.postMessage", (c) => c.status === 500);
    expect(t.slack.messages()).toHaveLength(0);
    await t.restart();
    const controls = await t.slack.waitFor(
      "chat.postMessage",
      (c) => c.status === 200 && typeof c.args.thread_ts === "string",
    );
    const card = t.slack.message(CHANNEL, String(controls.args.thread_ts));
    expect(textOf(card)).toContain("team-a-ws1");
  });

  it("settles a create cut off by a lost connection by looking the name up, never creating twice", async () => {
    t = await startTestBot();
    const { controls } = await t.request(TYPICAL);
    // The workspace is created, but the answer never arrives.
    t.dataforest.failNext("create", { kind: "drop", afterHandling: true });
    await t.click("aiworkspace.approve", controls);
    const ready = await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("is ready"),
      5000,
    );
    const created = t.dataforest.workspaces().find((w) => w.name === "team-a-ws1");
    expect(String(ready.args.text)).toContain(created?.id);
    expect(countCalls(t.dataforest, "create")).toBe(1);
    expect(countCalls(t.dataforest, "getList")).toBeGreaterThanOrEqual(1);
  });
});

describe("secrets", () => {
  it("never appear in the logs of a whole run, nor in anything posted to Slack", async () => {
    t = await startTestBot();
    const { controls } = await t.request({ ...TYPICAL, description: "secret test" });
    await t.click("aiworkspace.approve", controls);
    await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("is ready"),
      5000,
    );
    await t.command("help");
    const secrets = [SIGNING_SECRET, BOT_TOKEN, t.dataforest.secretKey, t.dataforest.accessKey];
    const signatures = t.dataforest.received
      .map((r) => r.headers["x-ncp-apigw-signature-v2"])
      .filter((s): s is string => typeof s === "string");
    expect(t.logs.length).toBeGreaterThan(10);
    const logs = t.logs.join("\n");
    const posted = JSON.stringify(t.slack.calls.map((c) => c.args));
    for (const secret of [...secrets, ...signatures]) {
      expect(logs).not.toContain(secret);
      expect(posted).not.toContain(secret);
    }
    const requestLines = t.logs
      .map((l) => JSON.parse(l))
      .filter((l) => l.message === "slack request");
    expect(requestLines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          level: "info",
          kind: "view_submission",
          userId: REQUESTER,
          teamId: "T0FAKETEAM",
        }),
        expect.objectContaining({
          kind: "block_actions",
          actionId: "aiworkspace.approve",
          requestId: expect.any(String),
        }),
      ]),
    );
  });

  it("environment values never reach the channel or the logs, even when DataForest quotes one", async () => {
    const secret = "wandb-9f8e7d6c5b4a-secret";
    t = await startTestBot();
    const { card, controls } = await t.request({
      ...TYPICAL,
      "configuration.docker.env": `WANDB_API_KEY=${secret}`,
    });
    expect(textOf(card)).toContain("`WANDB_API_KEY`=••••••");
    t.dataforest.failNext("create", {
      kind: "answer",
      status: 400,
      body: {
        success: false,
        message: `invalid request parameter (configuration.docker.env.WANDB_API_KEY, '${secret}')`,
      },
    });
    await t.click("aiworkspace.approve", controls);
    const reply = await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("did not accept"),
      5000,
    );
    expect(textOf(reply.args as never)).toContain(
      "DataForest said: `invalid request parameter (configuration.docker.env.WANDB_API_KEY, '••••••')`",
    );
    expect(JSON.stringify(t.slack.calls.map((c) => c.args))).not.toContain(secret);
    expect(t.logs.join("\n")).not.toContain(secret);
  });
});
