import { afterEach, describe, expect, it } from "vitest";
import { FROM_WORKSPACE_ACTION, PRESET_ACTION } from "../../src/slack/blocks/modal.js";
import { countCalls, FAKE_ACCOUNT_ID, failures } from "../support/fake-dataforest.js";
import type { FakeView } from "../support/fake-slack.js";
import { blockActions, stateValuesFromView, viewSubmission } from "../support/slack-requests.js";
import { APPROVER, REQUESTER, startTestBot, type TestBot } from "../support/test-bot.js";

let t: TestBot;
afterEach(async () => {
  await t?.stop();
});

type Block = {
  type: string;
  block_id?: string;
  element?: { action_id?: string; initial_value?: string; initial_option?: { value: string } };
};
const initialOf = (view: FakeView, blockId: string) => {
  const element = (view.blocks as Block[]).find((b) => b.block_id === blockId)?.element;
  return element?.initial_value ?? element?.initial_option?.value;
};

/** The preset's select as Slack reports it in the view's state (a section accessory, not an input). */
const presetState = (id: string) => ({
  preset: {
    [PRESET_ACTION]: {
      type: "static_select",
      selected_option: { text: { type: "plain_text", text: id }, value: id },
    },
  },
});

/** Chooses a preset in the open form and waits for the app to fill the form anew. */
async function choosePreset(view: FakeView, id: string, answers: Record<string, string> = {}) {
  const before = t.slack.callsOf("views.update").length;
  await t.send(
    blockActions({
      actionId: PRESET_ACTION,
      value: id,
      view,
      values: { ...stateValuesFromView(view, answers), ...presetState(id) },
      userId: REQUESTER,
    }),
  );
  await t.slack.waitFor(
    "views.update",
    (c) =>
      t.slack.callsOf("views.update").indexOf(c) >= before &&
      (
        c.args.view as { blocks: { block_id?: string; accessory?: Block["element"] }[] }
      ).blocks.find((b) => b.block_id === "preset")?.accessory?.initial_option?.value === id,
  );
  const updated = t.slack.view(view.id);
  if (!updated) throw new Error("the form is gone");
  return updated;
}

async function approveAndCreate() {
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
  await t.slack.waitFor("chat.postMessage", (c) => String(c.args.text).includes("is ready"), 8000);
  expect(countCalls(t.dataforest, "create")).toBe(1);
  return t.dataforest.received.find((r) => r.operation === "create")?.body as {
    configuration: { docker: Record<string, unknown>; resource: Record<string, unknown> };
  };
}

describe("presets in the form", () => {
  it("a choice of preset fills the form with its values, and the create carries them", async () => {
    t = await startTestBot();
    const view = await t.openForm();
    expect(JSON.stringify(view.blocks)).toContain("tensorflow:2.15.0-gpu");
    const torch = await choosePreset(view, "torch-train", { name: "kept-ws" });
    const text = JSON.stringify(torch.blocks);
    expect(text).toContain("pytorch:2.1.0-cuda12");
    expect(text).toContain("torchrun");
    // What was typed stays.
    expect(initialOf(torch, "name")).toBe("kept-ws");

    const ack = await t.submit(torch, {});
    expect(ack.json).toMatchObject({ response_action: "update" });
    const body = await approveAndCreate();
    expect(body.configuration.docker).toMatchObject({
      image: "pytorch:2.1.0-cuda12",
      command: "torchrun",
      env: { OMP_NUM_THREADS: "8", NCCL_DEBUG: "WARN" },
    });
    expect(body.configuration.resource).toEqual({
      gpuModel: "V100",
      gpuCount: 2,
      cpuCount: 16,
      memoryMb: 131_072,
    });
  });

  it("shows each preset in the reader's language when the presets file has it", async () => {
    t = await startTestBot({
      slack: { users: { [REQUESTER]: { real_name: "Hanako", locale: "ja-JP" } } },
    });
    const ja = JSON.stringify((await t.openForm(REQUESTER)).blocks);
    expect(ja).toContain("Jupyter ノートブック");
    expect(ja).toContain("PyTorch 学習ジョブ");
    expect(ja).toContain("T4 GPU 1 枚で動く JupyterLab です。");
    const en = JSON.stringify((await t.openForm(APPROVER)).blocks);
    expect(en).toContain("JupyterLab on one T4 GPU, for exploring data and trying ideas.");
    expect(en).not.toContain("ノートブック");
  });

  it("a preset chosen just before sending counts, even without the form's update", async () => {
    t = await startTestBot();
    const view = await t.openForm();
    const values = {
      ...stateValuesFromView(view, { name: "quick-ws" }),
      ...presetState("tf-train"),
    };
    const ack = await t.send(viewSubmission({ view, values, userId: REQUESTER }));
    expect(ack.json).toMatchObject({ response_action: "update" });
    const body = await approveAndCreate();
    expect(body.configuration.docker).toMatchObject({
      image: "tensorflow:2.15.0-gpu",
      command: "python",
    });
    expect(body.configuration.resource).toMatchObject({ gpuModel: "V100", memoryMb: 65_536 });
  });

  it("More settings shows every field filled from the preset, keeping what was typed", async () => {
    t = await startTestBot();
    const short = await t.openForm();
    const more = await t.moreSettings(short, { name: "my-ws", description: "trying things" });
    expect(initialOf(more, "name")).toBe("my-ws");
    expect(initialOf(more, "description")).toBe("trying things");
    expect(initialOf(more, "configuration.docker.image")).toBe("tensorflow:2.15.0-gpu");
    expect(initialOf(more, "configuration.docker.command")).toBe("jupyter");
    expect(initialOf(more, "configuration.docker.exposeTcpPorts")).toBe("8888");
    expect(initialOf(more, "configuration.resource.memoryMb")).toBe("16");
    // A field the person changed keeps their value when the preset changes; the others follow it.
    const torch = await choosePreset(more, "torch-train", {
      name: "my-ws",
      "configuration.docker.args": "my-own-args",
    });
    expect(initialOf(torch, "configuration.docker.args")).toBe("my-own-args");
    expect(initialOf(torch, "configuration.docker.command")).toBe("torchrun");
    expect(initialOf(torch, "configuration.docker.image")).toBe("pytorch:2.1.0-cuda12");
    // New action ids, so Slack shows the new values instead of keeping the old ones.
    const actionIds = (v: FakeView) =>
      (v.blocks as Block[]).flatMap((b) => (b.type === "input" ? [b.element?.action_id] : []));
    expect(actionIds(torch).some((id) => actionIds(more).includes(id))).toBe(false);
  });

  it("wants a command in More settings: a request without one is refused there", async () => {
    t = await startTestBot();
    const more = await t.moreSettings(await t.openForm());
    const ack = await t.submit(more, { name: "no-cmd", "configuration.docker.command": "" });
    expect(ack.json).toEqual({
      response_action: "errors",
      errors: {
        "configuration.docker.command":
          "Say what to run when the workspace starts, for example jupyter.",
      },
    });
  });
});

describe("starting from an existing workspace", () => {
  const OLD = {
    name: "old-train",
    configuration: {
      docker: {
        image: "pytorch:1.13.1-cuda11",
        command: "python",
        args: "train.py --epochs 5",
        env: { EPOCHS: "5", constructor: "1", WANDB_API_KEY: "old-owner-secret-key-123" },
        exposeTcpPorts: [6006],
      },
      resource: { gpuModel: "V100", gpuCount: 2, cpuCount: 8, memoryMb: 3000 },
      queueName: "batch",
      data: { input: [{ hdfs: "/user/bob/data", path: "/data/in" }] },
    },
  };

  it("fills every field from the workspace's settings, with a new name to type", async () => {
    t = await startTestBot({ dataforest: { workspaces: [OLD] } });
    const view = await t.openForm();
    const source = t.dataforest.workspaces().find((w) => w.name === "old-train");
    if (!source) throw new Error("no seeded workspace");
    expect(JSON.stringify(view.blocks)).toContain("Or start from one of your workspaces");
    expect(JSON.stringify(view.blocks)).toContain("old-train");

    const before = t.slack.callsOf("views.update").length;
    await t.send(
      blockActions({
        actionId: FROM_WORKSPACE_ACTION,
        value: source.id,
        view,
        values: stateValuesFromView(view, { description: "again, longer" }),
        userId: REQUESTER,
      }),
    );
    await t.slack.waitFor(
      "views.update",
      (c) =>
        t.slack.callsOf("views.update").indexOf(c) >= before &&
        JSON.stringify(c.args.view).includes("configuration.docker.env"),
      5000,
    );
    const filled = t.slack.view(view.id);
    if (!filled) throw new Error("the form is gone");
    expect(initialOf(filled, "name")).toBeUndefined();
    expect(initialOf(filled, "description")).toBe("again, longer");
    expect(initialOf(filled, "configuration.docker.image")).toBe("pytorch:1.13.1-cuda11");
    expect(initialOf(filled, "configuration.docker.command")).toBe("python");
    // Names only: the values may be the keys of whoever made that workspace.
    expect(initialOf(filled, "configuration.docker.env")).toBe(
      "EPOCHS=\nconstructor=\nWANDB_API_KEY=",
    );
    expect(JSON.stringify(filled.blocks)).toContain("names were copied, but not their values");
    expect(JSON.stringify(t.slack.calls.map((c) => c.args))).not.toContain("old-owner-secret");
    expect(initialOf(filled, "configuration.data.input")).toBe("/user/bob/data -> /data/in");
    // 3000 MB is shown in whole GB, rounded up.
    expect(initialOf(filled, "configuration.resource.memoryMb")).toBe("3");
    expect(countCalls(t.dataforest, "getConfigurationList")).toBe(1);

    const ack = await t.submit(filled, {
      name: "new-train",
      "configuration.docker.env": "EPOCHS=5\nconstructor=1",
    });
    expect(ack.json).toMatchObject({ response_action: "update" });
    const body = await approveAndCreate();
    expect(body.configuration.docker).toMatchObject({
      image: "pytorch:1.13.1-cuda11",
      command: "python",
      args: "train.py --epochs 5",
      env: { EPOCHS: "5", constructor: "1" },
    });
    expect(body.configuration.resource).toMatchObject({
      gpuModel: "V100",
      gpuCount: 2,
      cpuCount: 8,
    });
  });

  it("says so in the form when the workspace's settings cannot be loaded", async () => {
    t = await startTestBot({ dataforest: { workspaces: [OLD] } });
    const view = await t.openForm();
    const source = t.dataforest.workspaces()[0];
    for (let i = 0; i < 10; i++) {
      t.dataforest.failNext("getConfigurationList", failures.gateway(503, "500", "Endpoint Error"));
    }
    await t.send(
      blockActions({
        actionId: FROM_WORKSPACE_ACTION,
        value: String(source?.id),
        view,
        userId: REQUESTER,
      }),
    );
    await t.slack.waitFor(
      "views.update",
      (c) => JSON.stringify(c.args.view).includes("could not be loaded from DataForest"),
      10_000,
    );
  });

  it("with several accounts, offers the workspaces of the account chosen", async () => {
    t = await startTestBot({
      dataforest: {
        accounts: [
          { id: FAKE_ACCOUNT_ID, name: "team-a", status: "RUNNING", disabled: false },
          { id: "AcTeamB000000000000002", name: "team-b", status: "RUNNING", disabled: false },
        ],
        workspaces: [OLD],
      },
    });
    const view = await t.openForm();
    expect(JSON.stringify(view.blocks)).not.toContain("old-train");
    const account = (view.blocks as Block[]).find((b) => b.block_id === "accountId")?.element;
    const before = t.slack.callsOf("views.update").length;
    await t.send(
      blockActions({
        actionId: String(account?.action_id),
        value: FAKE_ACCOUNT_ID,
        view,
        values: stateValuesFromView(view, { accountId: FAKE_ACCOUNT_ID }),
        userId: REQUESTER,
      }),
    );
    await t.slack.waitFor(
      "views.update",
      (c) =>
        t.slack.callsOf("views.update").indexOf(c) >= before &&
        JSON.stringify(c.args.view).includes("old-train"),
      5000,
    );
  });
});
