import { afterEach, describe, expect, it } from "vitest";
import { countCalls } from "../support/fake-dataforest.js";
import { slashCommand } from "../support/slack-requests.js";
import {
  APPROVER,
  buttonsOf,
  CHANNEL,
  REQUESTER,
  startTestBot,
  type TestBot,
  textOf,
} from "../support/test-bot.js";

let t: TestBot;
afterEach(async () => {
  await t?.stop();
});

describe("a request from command to workspace", () => {
  it("takes only a name and a few words: the default preset gives the rest, command included", async () => {
    t = await startTestBot();
    const answer = await t.command();
    expect(answer.status).toBe(200);
    const view = await t.openForm();
    expect(view.callback_id).toBe("aiworkspace.create");
    const inputs = view.blocks.filter((b) => b.type === "input").map((b) => b.block_id);
    // The short form: the preset's choice (not an input) and what only the person can say.
    expect(inputs).toEqual(["name", "description", "accountId"]);
    expect(JSON.stringify(view.blocks)).toContain("Jupyter notebook");

    const ack = await t.submit(view, { name: "team-a-ws1", description: "model training" });
    expect(ack.status).toBe(200);
    expect(ack.json).toMatchObject({ response_action: "update" });
    expect(JSON.stringify(ack.json)).toContain("Posting your request in <#C0REQUESTS>");
    // "Sent" only once the card is really in the channel.
    const sent = await t.slack.waitFor(
      "views.update",
      (c) =>
        c.args.view_id === view.id && JSON.stringify(c.args.view).includes("Your request is in"),
    );
    const posted = t.slack.calls.findIndex(
      (c) => c.method === "chat.postMessage" && c.status === 200 && !c.args.thread_ts,
    );
    expect(posted).toBeGreaterThanOrEqual(0);
    expect(t.slack.calls.indexOf(sent)).toBeGreaterThan(posted);

    const controlsCall = await t.slack.waitFor(
      "chat.postMessage",
      (c) => typeof c.args.thread_ts === "string",
    );
    const card = t.slack.message(CHANNEL, String(controlsCall.args.thread_ts));
    const controls = t.slack.message(CHANNEL, (controlsCall.answer as { ts: string }).ts);
    expect(textOf(card)).toContain("team-a-ws1");
    expect(textOf(card)).toContain(`<@${REQUESTER}>`);
    expect(textOf(card)).toContain("model training");
    expect(textOf(card)).toContain("1 × T4 GPU, 4 CPUs");
    expect(textOf(controls)).toContain(`<@${APPROVER}>`);
    expect(buttonsOf(controls)).toEqual([
      "aiworkspace.approve",
      "aiworkspace.reject",
      "aiworkspace.cancel",
    ]);
    if (!card || !controls) throw new Error("unreachable");

    const click = await t.click("aiworkspace.approve", controls);
    expect(click.status).toBe(200);
    const done = await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("is ready"),
      5000,
    );
    const created = t.dataforest.workspaces().find((w) => w.name === "team-a-ws1");
    expect(created).toBeDefined();
    expect(String(done.args.text)).toContain(`<@${REQUESTER}>`);
    expect(String(done.args.text)).toContain(created?.id);
    expect(countCalls(t.dataforest, "create")).toBe(1);
    const createBody = t.dataforest.received.find((r) => r.operation === "create")?.body;
    expect(createBody).toEqual({
      accountId: created?.accountId,
      name: "team-a-ws1",
      description: "model training",
      configuration: {
        docker: {
          image: "tensorflow:2.15.0-gpu",
          command: "jupyter",
          args: "lab --ip=0.0.0.0 --port=8888 --no-browser --notebook-dir=/workspace",
          workdir: "/workspace",
          exposeTcpPorts: [8888],
        },
        resource: { gpuModel: "T4", gpuCount: 1, cpuCount: 4, memoryMb: 16_384 },
        queueName: "gpu",
      },
    });

    await t.slack.waitFor(
      "chat.update",
      (c) => c.args.ts === card.ts && textOf(c.args as never).includes("Created"),
    );
    const finalCard = t.slack.message(CHANNEL, card.ts);
    expect(textOf(finalCard)).toContain(created?.id);
    await t.slack.waitFor(
      "chat.update",
      (c) => c.args.ts === controls.ts && buttonsOf(c.args as never).length === 0,
    );
    expect(buttonsOf(t.slack.message(CHANNEL, controls.ts))).toEqual([]);
  });

  it("answers help privately", async () => {
    t = await startTestBot();
    const answer = await t.command("help");
    expect(answer.json).toMatchObject({ response_type: "ephemeral" });
    expect(String((answer.json as { text: string }).text)).toContain("/aiworkspace");
    expect(t.slack.callsOf("views.open")).toHaveLength(0);
  });
});

describe("when the form cannot open", () => {
  it("tells the person to try again instead of staying silent", async () => {
    t = await startTestBot();
    const responseUrl = t.slack.issueResponseUrl({ channel: CHANNEL, userId: REQUESTER });
    const answer = await t.send(
      slashCommand({
        channelId: CHANNEL,
        userId: REQUESTER,
        triggerId: t.slack.issueTriggerId({ ageMs: 4000 }),
        responseUrl,
      }),
    );
    expect(answer.status).toBe(200);
    const said = await t.slack.waitFor("response_url");
    expect(String(said.args.text)).toContain("run `/aiworkspace` again");
  });
});
