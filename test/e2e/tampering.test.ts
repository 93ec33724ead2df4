import { randomUUID } from "node:crypto";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { StoredRequest } from "../../src/requests/domain.js";
import { metaKey, seal } from "../../src/slack/signed-meta.js";
import { openStore } from "../../src/store/open-store.js";
import { countCalls, failures } from "../support/fake-dataforest.js";
import type { FakeMessage, FakeView } from "../support/fake-slack.js";
import { stateValuesFromView, viewSubmission } from "../support/slack-requests.js";
import {
  APPROVER,
  buttonsOf,
  CHANNEL,
  LEAD2,
  REQUESTER,
  SIGNING_SECRET,
  STRANGER,
  startTestBot,
  type TestBot,
  TYPICAL,
  textOf,
} from "../support/test-bot.js";

const SECRET = "wandb-7c6b5a4f3e2d-secret";
const WITH_SECRET = { ...TYPICAL, "configuration.docker.env": `WANDB_API_KEY=${SECRET}` };

let t: TestBot;
afterEach(async () => {
  await t?.stop();
});

/** The request as the store holds it, read through a connection of the test's own. */
async function stored(id: string): Promise<StoredRequest | undefined> {
  const store = await openStore(t.config.store);
  try {
    return await store.get(id);
  } finally {
    await store.close();
  }
}

/** The request once the app has recorded where its messages are (just after posting them). */
async function announced(id: string): Promise<StoredRequest | undefined> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const r = await stored(id);
    if (r?.controlsTs || Date.now() > deadline) return r;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const idOf = (controls: FakeMessage) => {
  const actions = controls.blocks?.[1] as { elements?: { value?: string }[] } | undefined;
  return String(actions?.elements?.[0]?.value);
};

/** Direct messages the app sent someone. */
async function dmsTo(userId: string, count: number) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = t.slack.callsOf("chat.postMessage").filter((c) => c.args.channel === userId);
    if (found.length >= count) return found.map((c) => String(c.args.text));
    if (Date.now() > deadline) throw new Error(`saw ${found.length} of ${count} direct messages`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function whispersTo(userId: string, count: number) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = t.slack.ephemerals().filter((e) => e.user === userId);
    if (found.length >= count) return found;
    if (Date.now() > deadline) throw new Error(`saw ${found.length} of ${count} private notes`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** No secret value in anything the app sent to Slack, nor in its logs. */
function expectNoSecretAnywhere() {
  expect(JSON.stringify(t.slack.calls.map((c) => c.args))).not.toContain(SECRET);
  expect(t.logs.join("\n")).not.toContain(SECRET);
}

describe("a button that names something else", () => {
  it("naming another request, is refused and changes neither request", async () => {
    t = await startTestBot();
    const a = await t.request(WITH_SECRET);
    const b = await t.request({ ...WITH_SECRET, name: "team-a-ws2" });
    const [before, beforeB] = [
      await announced(idOf(a.controls)),
      await announced(idOf(b.controls)),
    ];
    await t.click("aiworkspace.approve", a.controls, APPROVER, idOf(b.controls));
    await t.click("aiworkspace.reject", a.controls, APPROVER, idOf(b.controls));
    await t.click("aiworkspace.resubmit", a.controls, REQUESTER, idOf(b.controls));
    const notes = [...(await whispersTo(APPROVER, 2)), ...(await whispersTo(REQUESTER, 1))];
    for (const note of notes) expect(note.text).toContain("can't find this request");
    expect(await stored(idOf(a.controls))).toEqual(before);
    expect(await stored(idOf(b.controls))).toEqual(beforeB);
    expect(countCalls(t.dataforest, "create")).toBe(0);
    expect(t.slack.callsOf("views.open")).toHaveLength(2);
    expectNoSecretAnywhere();
    // Each request is still there to be decided, from its own message.
    await t.click("aiworkspace.approve", b.controls, APPROVER);
    await t.slack.waitFor("chat.postMessage", (c) => String(c.args.text).includes("is ready"));
    expect((await stored(idOf(a.controls)))?.state).toBe("pending");
  });

  it("naming no request, or 10 KB of anything, is refused, and the log line stays short", async () => {
    t = await startTestBot();
    const { controls } = await t.request(WITH_SECRET);
    const before = await announced(idOf(controls));
    const huge = "x".repeat(10 * 1024);
    for (const value of [randomUUID(), huge, "", "../../etc"]) {
      const answer = await t.click("aiworkspace.approve", controls, APPROVER, value);
      expect(answer.status).toBe(200);
    }
    const notes = await whispersTo(APPROVER, 4);
    for (const note of notes) expect(note.text).toContain("can't find this request");
    expect(await stored(idOf(controls))).toEqual(before);
    expect(countCalls(t.dataforest, "create")).toBe(0);
    expect(t.logs.every((l) => l.length < 2000)).toBe(true);
    expect(t.logs.join("\n")).not.toContain("x".repeat(100));
    expectNoSecretAnywhere();
  });
});

describe("a form whose private_metadata was changed", () => {
  const key = () => metaKey(SIGNING_SECRET);
  const withMeta = (view: FakeView, privateMetadata: string): FakeView => ({
    ...view,
    private_metadata: privateMetadata,
  });

  it("naming another channel or requester, or sent by someone else, stores and posts nothing", async () => {
    t = await startTestBot();
    // Every field shown, so the forged copies are sent as they are.
    const view = await t.moreSettings(await t.openForm(REQUESTER), {}, REQUESTER);
    const forged = [
      withMeta(view, JSON.stringify({ channelId: "C0ELSEWHERE", userId: REQUESTER })),
      withMeta(
        view,
        seal(metaKey("a-guessed-key-0123456789"), { channelId: "C0ELSEWHERE", userId: REQUESTER }),
      ),
      withMeta(view, `${view.private_metadata.split(".")[0]}.${"A".repeat(43)}`),
    ];
    const answers = [];
    for (const v of forged) answers.push(await t.submit(v, WITH_SECRET, REQUESTER));
    // A form opened for the requester, sent as someone else.
    answers.push(await t.submit(view, WITH_SECRET, STRANGER));
    // Sealed with the right key, but for someone else than the sender.
    answers.push(
      await t.submit(
        withMeta(view, seal(key(), { channelId: CHANNEL, userId: STRANGER })),
        WITH_SECRET,
        REQUESTER,
      ),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ response_action: "update" });
      expect(JSON.stringify(answer.json)).toContain("could not be read, so nothing was sent");
    }
    expect(t.slack.callsOf("chat.postMessage")).toHaveLength(0);
    expectNoSecretAnywhere();
    // The form itself, as sent, still works.
    const ok = await t.submit(view, WITH_SECRET, REQUESTER);
    expect(JSON.stringify(ok.json)).toContain("Posting your request in");
  });

  it("of the reject form, naming another request, rejects nothing", async () => {
    t = await startTestBot();
    const a = await t.request(WITH_SECRET);
    const b = await t.request({ ...WITH_SECRET, name: "team-a-ws2" });
    const beforeB = await announced(idOf(b.controls));
    await t.click("aiworkspace.reject", a.controls, LEAD2);
    const opened = await t.slack.waitFor("views.open", (c) =>
      JSON.stringify(c.args.view).includes("aiworkspace.reject"),
    );
    const view = t.slack.view((opened.answer as { view: { id: string } }).view.id);
    if (!view) throw new Error("no reject form");
    const values = stateValuesFromView(view, { reason: "no" });
    for (const meta of [
      JSON.stringify({ requestId: idOf(b.controls) }),
      seal(metaKey("a-guessed-key-0123456789"), { requestId: idOf(b.controls), userId: LEAD2 }),
    ]) {
      await t.send(viewSubmission({ view: withMeta(view, meta), values, userId: LEAD2 }));
    }
    // The genuine form, sent by another approver than the one it was opened for.
    await t.send(viewSubmission({ view, values, userId: APPROVER }));
    // A form that names no request of its own has no thread to answer in: a direct message does.
    const notes = [...(await dmsTo(LEAD2, 2)), ...(await dmsTo(APPROVER, 1))];
    for (const note of notes) expect(note).toContain("can't find this request");
    expect(await stored(idOf(b.controls))).toEqual(beforeB);
    expect((await stored(idOf(a.controls)))?.state).toBe("pending");
    expectNoSecretAnywhere();
  });
});

describe("edit and resubmit", () => {
  async function failedRequest() {
    const { card, controls } = await t.request(WITH_SECRET);
    t.dataforest.failNext("create", failures.quotaExceeded());
    await t.click("aiworkspace.approve", controls);
    const reply = await t.slack.waitFor("chat.postMessage", (c) =>
      buttonsOf(c.args as never).includes("aiworkspace.resubmit"),
    );
    const message = t.slack.message(CHANNEL, (reply.answer as { ts: string }).ts);
    if (!message) throw new Error("no failure reply");
    return { card, controls, reply: message };
  }

  it("by a stranger or an approver, is refused privately and shows them nothing of the request", async () => {
    t = await startTestBot();
    const { controls, reply } = await failedRequest();
    const before = await stored(idOf(controls));
    await t.click("aiworkspace.resubmit", reply, STRANGER);
    await t.click("aiworkspace.resubmit", reply, APPROVER);
    const [stranger] = await whispersTo(STRANGER, 1);
    const [approver] = await whispersTo(APPROVER, 1);
    for (const note of [stranger, approver]) {
      expect(note?.text).toContain("Only the person who asked for this workspace");
    }
    expect(t.slack.callsOf("views.open")).toHaveLength(1);
    expect(await stored(idOf(controls))).toEqual(before);
    expectNoSecretAnywhere();
  });

  it("of a request still pending, is refused even for the requester", async () => {
    t = await startTestBot();
    const { controls } = await t.request(WITH_SECRET);
    await t.click("aiworkspace.resubmit", controls, REQUESTER, idOf(controls));
    const [note] = await whispersTo(REQUESTER, 1);
    expect(note?.text).toContain("has not ended without a workspace");
    expect(t.slack.callsOf("views.open")).toHaveLength(1);
    expectNoSecretAnywhere();
  });

  it("by the requester, opens their own settings, secret values included, for them alone", async () => {
    t = await startTestBot();
    const { reply } = await failedRequest();
    await t.click("aiworkspace.resubmit", reply, REQUESTER);
    const opened = await t.slack.waitFor(
      "views.open",
      () => t.slack.callsOf("views.open").length > 1,
    );
    expect(JSON.stringify(opened.args.view)).toContain(`WANDB_API_KEY=${SECRET}`);
    const others = t.slack.calls.filter((c) => c !== opened && c.method !== "views.update");
    expect(JSON.stringify(others.map((c) => c.args))).not.toContain(SECRET);
    expect(t.logs.join("\n")).not.toContain(SECRET);
  });
});

describe("every refusal or failure reaches the person who acted", () => {
  it("when the reject form cannot open", async () => {
    t = await startTestBot();
    const { controls } = await t.request(TYPICAL);
    t.slack.failNext("views.open", "expired_trigger_id");
    await t.click("aiworkspace.reject", controls, LEAD2);
    const [note] = await whispersTo(LEAD2, 1);
    expect(note?.text).toContain("did not let me open the form to reject this request");
    expect(textOf(t.slack.message(CHANNEL, controls.ts))).not.toContain("Rejected");
  });

  it("when something fails after the click was taken in", async () => {
    t = await startTestBot();
    const { controls } = await t.request(TYPICAL);
    // The store breaks under the app: its next read fails.
    const db = new Database(join(t.config.store.dataDir, "aiworkspace.sqlite"));
    db.exec("ALTER TABLE requests RENAME TO requests_hidden");
    db.close();
    await t.click("aiworkspace.approve", controls, APPROVER);
    const [note] = await whispersTo(APPROVER, 1);
    expect(note?.text).toContain("Something went wrong on the bot's side while handling that");
    expect(t.logs.some((l) => l.includes("a Slack listener failed"))).toBe(true);
  });

  it("when a private note cannot be sent, by direct message", async () => {
    t = await startTestBot();
    const { controls } = await t.request(TYPICAL);
    t.slack.failNext("chat.postEphemeral", "channel_not_found");
    await t.click("aiworkspace.approve", controls, STRANGER);
    const dm = await t.slack.waitFor("chat.postMessage", (c) => c.args.channel === STRANGER);
    expect(String(dm.args.text)).toContain("Only the team leads");
  });

  it("when the resubmit form would break Slack's limits", async () => {
    t = await startTestBot();
    // Typed without spaces, each line grows when the form shows it again: past 3000 characters.
    const input = Array.from({ length: 420 }, () => "/a->/d").join("\n");
    const { controls } = await t.request({ ...TYPICAL, "configuration.data.input": input });
    t.dataforest.failNext("create", failures.quotaExceeded());
    await t.click("aiworkspace.approve", controls);
    const reply = await t.slack.waitFor("chat.postMessage", (c) =>
      buttonsOf(c.args as never).includes("aiworkspace.resubmit"),
    );
    const message = t.slack.message(CHANNEL, (reply.answer as { ts: string }).ts);
    if (!message) throw new Error("no failure reply");
    await t.click("aiworkspace.resubmit", message, REQUESTER);
    const [note] = await whispersTo(REQUESTER, 1);
    expect(note?.text).toContain("no longer fit in Slack's form");
    const refused = t.slack.callsOf("views.open").at(-1);
    expect(refused?.answer).toMatchObject({ ok: false, error: "invalid_arguments" });
  });
});
