import { afterEach, describe, expect, it } from "vitest";
import { countCalls, FAKE_ACCOUNT_ID, failures } from "../support/fake-dataforest.js";
import { blockActions, stateValuesFromView } from "../support/slack-requests.js";
import { REQUESTER, startTestBot, type TestBot } from "../support/test-bot.js";

let t: TestBot;
afterEach(async () => {
  await t?.stop();
});

type Block = { type: string; block_id?: string; element?: { type?: string; action_id?: string } };
const elementOf = (view: { blocks: unknown[] }, blockId: string) =>
  (view.blocks as Block[]).find((b) => b.block_id === blockId)?.element;

describe("the request form", () => {
  it("offers images and accounts as choices, with an 'other' way to type an image", async () => {
    t = await startTestBot();
    const view = await t.openForm();
    expect(elementOf(view, "configuration.docker.image")?.type).toBe("static_select");
    expect(elementOf(view, "accountId")?.type).toBe("static_select");
    expect(JSON.stringify(view)).toContain("tensorflow:2.15.0-gpu");

    await t.send(
      blockActions({
        actionId: "aiworkspace.image_choice",
        value: "__other__",
        view,
        values: stateValuesFromView(view, {
          name: "typed-ws",
          "configuration.docker.image": "__other__",
        }),
        userId: REQUESTER,
      }),
    );
    await t.slack.waitFor("views.update", (c) => JSON.stringify(c.args.view).includes('"typed"'));
    const typed = t.slack.view(view.id);
    if (!typed) throw new Error("the form is gone");
    expect(elementOf(typed, "configuration.docker.image")?.type).toBe("plain_text_input");
    // What was typed before the switch is kept.
    expect(JSON.stringify(elementOf(typed, "name"))).toContain("typed-ws");
  });

  it("shows every problem at once, each under its field, in plain words", async () => {
    t = await startTestBot({ dataforest: { dockerImages: { tensorflow: {}, pytorch: {} } } });
    const view = await t.openForm();
    const ack = await t.submit(view, {
      name: "My--WS-",
      "configuration.docker.image": "tensorflow/r2.3.1-py3",
      "configuration.resource.gpuCount": "12",
      "configuration.docker.exposeTcpPorts": "8888, 70000",
    });
    expect(ack.status).toBe(200);
    const { response_action, errors } = ack.json as {
      response_action: string;
      errors: Record<string, string>;
    };
    expect(response_action).toBe("errors");
    expect(errors.name).toContain("Start the name with a lowercase letter");
    expect(errors.name).toContain("single hyphens");
    expect(errors["configuration.docker.image"]).toContain("Images look like name:version");
    expect(errors["configuration.resource.gpuCount"]).toBe(
      "A workspace has 1 to 8 GPUs; 12 is too many.",
    );
    expect(errors["configuration.docker.exposeTcpPorts"]).toContain("70000 is too large");
    expect(Object.keys(errors)).toHaveLength(4);
    expect(countCalls(t.dataforest, "checkAvailableName")).toBe(0);
    expect(t.slack.callsOf("chat.postMessage")).toHaveLength(0);
  });

  it("says when the name is already taken", async () => {
    t = await startTestBot({ dataforest: { workspaces: [{ name: "taken-ws" }] } });
    const view = await t.openForm();
    const ack = await t.submit(view, {
      name: "taken-ws",
      "configuration.docker.image": "tensorflow:2.15.0-gpu",
    });
    expect(ack.json).toEqual({
      response_action: "errors",
      errors: { name: expect.stringContaining("taken-ws is already used in this account") },
    });
    expect(t.slack.callsOf("chat.postMessage")).toHaveLength(0);
  });

  it("says when DataForest does not allow the name, in its own words", async () => {
    t = await startTestBot();
    const view = await t.openForm();
    t.dataforest.failNext(
      "checkAvailableName",
      failures.answer(200, { availableName: false, message: "reserved word", success: true }),
    );
    const ack = await t.submit(view, {
      name: "admin",
      "configuration.docker.image": "tensorflow:2.15.0-gpu",
    });
    expect(ack.json).toEqual({
      response_action: "errors",
      errors: { name: expect.stringContaining("DataForest does not allow the name admin") },
    });
    expect(JSON.stringify(ack.json)).toContain("reserved word");
    expect(t.slack.callsOf("chat.postMessage")).toHaveLength(0);
  });

  it("acks in time when DataForest is slow, and checks the name again on approval", async () => {
    t = await startTestBot();
    const view = await t.openForm();
    t.dataforest.setDelay("checkAvailableName", 4000);
    const started = Date.now();
    const ack = await t.submit(view, {
      name: "slow-ws",
      "configuration.docker.image": "tensorflow:2.15.0-gpu",
    });
    const took = Date.now() - started;
    expect(took).toBeLessThan(2500);
    expect(ack.json).toMatchObject({ response_action: "update" });
    expect(JSON.stringify(ack.json)).toContain("checked again when the request is approved");
    const controls = await t.slack.waitFor(
      "chat.postMessage",
      (c) => typeof c.args.thread_ts === "string",
    );
    t.dataforest.setDelay("checkAvailableName", 0);
    const message = t.slack.message(
      String(controls.args.channel),
      (controls.answer as { ts: string }).ts,
    );
    if (!message) throw new Error("no controls");
    await t.click("aiworkspace.approve", message);
    await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("is ready"),
      8000,
    );
    expect(countCalls(t.dataforest, "create")).toBe(1);
  });

  it("still works with typed fields when DataForest's lists cannot be loaded", async () => {
    t = await startTestBot();
    // Every try of every list call fails, retries included.
    for (let i = 0; i < 10; i++) {
      t.dataforest.failNext("getDockerImageList", failures.gateway(503, "500", "Endpoint Error"));
      t.dataforest.failNext("listAccounts", failures.gateway(503, "500", "Endpoint Error"));
    }
    const view = await t.openForm();
    const text = JSON.stringify(view);
    expect(elementOf(view, "configuration.docker.image")?.type).toBe("plain_text_input");
    expect(text).toContain("could not be loaded right now");
    expect(elementOf(view, "accountId")?.type).toBe("plain_text_input");
    const ack = await t.submit(view, {
      name: "typed-ws",
      accountId: FAKE_ACCOUNT_ID,
      "configuration.docker.image": "pytorch:2.1.0-cuda12",
    });
    expect(ack.json).toMatchObject({ response_action: "update" });
  });
});
