import { afterEach, describe, expect, it } from "vitest";
import { countCalls, FAKE_ACCOUNT_ID, failures } from "../support/fake-dataforest.js";
import { blockActions, stateValuesFromView, viewSubmission } from "../support/slack-requests.js";
import {
  APPROVER,
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

type Block = { type: string; block_id?: string; element?: { type?: string; action_id?: string } };
const elementOf = (view: { blocks: unknown[] }, blockId: string) =>
  (view.blocks as Block[]).find((b) => b.block_id === blockId)?.element;

describe("the request form", () => {
  it("offers images and accounts as choices, with an 'other' way to type an image", async () => {
    t = await startTestBot();
    const view = await t.moreSettings(await t.openForm());
    expect(elementOf(view, "configuration.docker.image")?.type).toBe("static_select");
    expect(elementOf(view, "accountId")?.type).toBe("static_select");
    expect(JSON.stringify(view)).toContain("tensorflow:2.15.0-gpu");

    const before = t.slack.callsOf("views.update").length;
    await t.send(
      blockActions({
        actionId: String(elementOf(view, "configuration.docker.image")?.action_id),
        value: "__other__",
        view,
        values: stateValuesFromView(view, {
          name: "typed-ws",
          "configuration.docker.image": "__other__",
        }),
        userId: REQUESTER,
      }),
    );
    await t.slack.waitFor(
      "views.update",
      (c) =>
        t.slack.callsOf("views.update").indexOf(c) >= before &&
        elementOf(c.args.view as { blocks: unknown[] }, "configuration.docker.image")?.type ===
          "plain_text_input",
    );
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
      "A workspace can have at most 8 GPUs; 12 is too many.",
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
    // Once the card is in the channel, the form says so, and that the name will be checked again.
    await t.slack.waitFor("views.update", (c) =>
      JSON.stringify(c.args.view).includes("checked again when the request is approved"),
    );
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
    for (let i = 0; i < 30; i++) {
      t.dataforest.failNext("getDockerImageList", failures.gateway(503, "500", "Endpoint Error"));
      t.dataforest.failNext("listAccounts", failures.gateway(503, "500", "Endpoint Error"));
    }
    const short = await t.openForm();
    expect(elementOf(short, "accountId")?.type).toBe("plain_text_input");
    const view = await t.moreSettings(short);
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

  it("states each limit before anyone hits it, and explains a number that looks like a unit slip", async () => {
    t = await startTestBot({ env: { MAX_CPU_COUNT: "16", GPU_MODELS: "T4,V100,A100" } });
    const view = await t.moreSettings(await t.openForm());
    const text = JSON.stringify(view);
    expect(text).toContain("From 1 to 8.");
    expect(text).toContain("From 1 to 16.");
    expect(text).toContain("In GB, whole numbers up to 256.");
    expect(text).toContain('"A100"');
    const ack = await t.submit(view, {
      ...TYPICAL,
      "configuration.resource.memoryMb": "16384",
      "configuration.resource.cpuCount": "17",
      "configuration.resource.gpuCount": "2",
    });
    const { errors } = ack.json as { errors: Record<string, string> };
    expect(errors).toEqual({
      "configuration.resource.memoryMb":
        "16384 GB would be 16 TB: that looks like megabytes. This field is in GB, so for 16384 MB type 16. The most is 256 GB.",
      "configuration.resource.cpuCount": "A workspace can have at most 16 CPUs; 17 is too many.",
    });
  });

  it("refuses hex, exponents and fractions in counts, in plain words", async () => {
    t = await startTestBot();
    const view = await t.moreSettings(await t.openForm());
    // Slack's number field would stop these; a crafted submission does not go through it.
    const values = stateValuesFromView(view, TYPICAL);
    const typed = (v: string) => ({ value: { type: "number_input", value: v } });
    values["configuration.resource.gpuCount"] = typed("0x2");
    values["configuration.resource.cpuCount"] = typed("1e3");
    values["configuration.resource.memoryMb"] = typed("2.5");
    const ack = await t.send(viewSubmission({ view, values, userId: REQUESTER }));
    expect((ack.json as { errors: Record<string, string> }).errors).toEqual({
      "configuration.resource.gpuCount": "Give the number of GPUs in plain digits, for example 1.",
      "configuration.resource.cpuCount": "Give the number of CPUs in plain digits, for example 4.",
      "configuration.resource.memoryMb":
        "Give the memory in whole GB, without a decimal point, for example 16.",
    });
  });

  it("uses the configured account whatever account a submission carries", async () => {
    t = await startTestBot({ env: { DATAFOREST_ACCOUNT_ID: FAKE_ACCOUNT_ID } });
    const view = await t.openForm();
    expect(elementOf(view, "accountId")).toBeUndefined();
    // A crafted submission: an account field the form never had, with another account in it.
    const forged = {
      ...view,
      blocks: [
        ...view.blocks,
        {
          type: "input",
          block_id: "accountId",
          label: { type: "plain_text", text: "Account" },
          element: { type: "plain_text_input", action_id: "value" },
        },
      ],
    };
    const values = {
      ...stateValuesFromView(view, TYPICAL),
      accountId: { value: { type: "plain_text_input", value: "IntruderAccount0000001" } },
    };
    const ack = await t.send(viewSubmission({ view: forged, values, userId: REQUESTER }));
    expect(ack.json).toMatchObject({ response_action: "update" });
    const controls = await t.slack.waitFor(
      "chat.postMessage",
      (c) => typeof c.args.thread_ts === "string",
    );
    const message = t.slack.message(
      String(controls.args.channel),
      (controls.answer as { ts: string }).ts,
    );
    if (!message) throw new Error("no controls");
    await t.click("aiworkspace.approve", message, APPROVER);
    await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("is ready"),
      8000,
    );
    const sent = t.dataforest.received.filter((r) => r.operation !== undefined && r.body);
    const accounts = sent.flatMap((r) => {
      const body = r.body as { accountId?: string; search?: { accountId?: string } };
      return [body.accountId, body.search?.accountId].filter((a) => a !== undefined);
    });
    expect(accounts.length).toBeGreaterThan(0);
    expect(new Set(accounts)).toEqual(new Set([FAKE_ACCOUNT_ID]));
    expect(t.dataforest.workspaces().map((w) => w.accountId)).toEqual([FAKE_ACCOUNT_ID]);
  });

  it("has the account field before the accounts arrive, so a problem with it shows there", async () => {
    t = await startTestBot();
    t.dataforest.setDelay("listAccounts", 1000);
    await t.command();
    const opened = await t.slack.waitFor("views.open");
    const id = (opened.answer as { view: { id: string } }).view.id;
    const early = t.slack.view(id);
    if (!early) throw new Error("the form is not open");
    expect(elementOf(early, "accountId")?.type).toBe("plain_text_input");
    const ack = await t.send(
      viewSubmission({
        view: early,
        values: stateValuesFromView(early, { name: "early-ws" }),
        userId: REQUESTER,
      }),
    );
    expect((ack.json as { errors: Record<string, string> }).errors).toEqual({
      accountId: "Choose the DataForest account the workspace belongs to.",
    });
    await t.slack.waitFor("views.update", (c) => c.args.view_id === id, 10_000);
    t.dataforest.setDelay("listAccounts", 0);
  });

  it("refuses a new request past the pending limit, naming the ones still waiting", async () => {
    t = await startTestBot({ env: { MAX_PENDING_PER_USER: "2" } });
    await t.request({ ...TYPICAL, name: "first-ws" });
    await t.request({ ...TYPICAL, name: "second-ws" });
    const view = await t.openForm();
    const ack = await t.submit(view, { ...TYPICAL, name: "third-ws" });
    expect(ack.json).toEqual({
      response_action: "errors",
      errors: {
        name: "You already have 2 requests waiting for a team lead: first-ws, second-ws. You can send a new one once one of them is approved or rejected.",
      },
    });
    // Someone else is not held back by it.
    await t.request({ ...TYPICAL, name: "other-ws" }, STRANGER);
  });

  it("keeps to the limit when two forms are sent at the same moment", async () => {
    t = await startTestBot({ env: { MAX_PENDING_PER_USER: "1" } });
    // Both pass the first count while DataForest checks their names; the store counts again.
    t.dataforest.setDelay("checkAvailableName", 200);
    const [one, two] = [await t.openForm(), await t.openForm()];
    const acks = await Promise.all([
      t.submit(one, { ...TYPICAL, name: "first-ws" }),
      t.submit(two, { ...TYPICAL, name: "second-ws" }),
    ]);
    const refused = acks.filter(
      (a) => (a.json as { response_action?: string }).response_action === "errors",
    );
    expect(refused).toHaveLength(1);
    expect(JSON.stringify(refused[0]?.json)).toMatch(
      /You already have a request waiting for a team lead: (first|second)-ws\./,
    );
    // One request was kept, the other nowhere: the requester's Home lists what is stored.
    const listed = textOf(await t.openHome(REQUESTER));
    expect([listed.includes("`first-ws`"), listed.includes("`second-ws`")].sort()).toEqual([
      false,
      true,
    ]);
  });
});
