import { describe, expect, it } from "vitest";
import type { DataForestClient } from "../../src/dataforest/client.js";
import { DataForestError } from "../../src/dataforest/errors.js";
import type { WorkspaceSummary } from "../../src/dataforest/schemas.js";
import { silentLogger } from "../../src/log.js";
import type { StoredRequest } from "../../src/requests/domain.js";
import { createWorkflow, type Workflow } from "../../src/requests/workflow.js";
import type { RequestStore } from "../../src/store/request-store.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";

const request = {
  accountId: "acc1",
  name: "team-a-ws1",
  configuration: { docker: { image: "tensorflow:2.15.0-gpu", command: "jupyter" } },
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.parse("2026-01-05T09:00:00Z");

/** A DataForest that answers from a script; what the workflow asked is recorded. */
function scripted(over: Partial<DataForestClient>) {
  const asked: string[] = [];
  const client = new Proxy(over as DataForestClient, {
    get(target, key: string) {
      return async (...args: unknown[]) => {
        asked.push(key);
        const fn = target[key as keyof DataForestClient] as
          | ((...a: unknown[]) => unknown)
          | undefined;
        if (!fn) throw new Error(`unexpected call: ${key}`);
        return fn(...args);
      };
    },
  });
  return { client, asked };
}

const workspace = (id: string, createdAt: number, name = request.name): WorkspaceSummary =>
  ({ id, name, createdAt: new Date(createdAt).toISOString() }) as WorkspaceSummary;

const lost = () => new DataForestError({ kind: "outcome_unknown", operation: "create" });

type Setup = {
  store: RequestStore;
  workflow: Workflow;
  clock: { now: number };
  wakes: { count: number };
};

function setup(
  dataforest: DataForestClient | undefined,
  opts: { store?: RequestStore; clock?: { now: number }; instanceId?: string } = {},
): Setup {
  const store = opts.store ?? openSqliteStore(":memory:");
  const clock = opts.clock ?? { now: T0 };
  const wakes = { count: 0 };
  const workflow = createWorkflow({
    store,
    dataforest,
    approvers: { isApprover: async (u) => u.startsWith("ULEAD") },
    messenger: { wake: () => void wakes.count++ },
    dryRun: false,
    logger: silentLogger,
    timers: { ttlMs: 72 * HOUR, reminderMs: 24 * HOUR, settleWindowMs: 15 * MINUTE },
    createLeaseMs: 20_000,
    now: () => clock.now,
    ...(opts.instanceId ? { instanceId: opts.instanceId } : {}),
  });
  return { store, workflow, clock, wakes };
}

async function submitted(workflow: Workflow, viewId?: string): Promise<StoredRequest> {
  const answer = await workflow.submit({
    teamId: "T1",
    channelId: "C1",
    requesterId: "UALICE",
    request,
    nameChecked: true,
    ...(viewId ? { viewId } : {}),
  });
  if (!("request" in answer)) throw new Error("the request was not stored");
  return answer.request;
}

const messagesOf = async (store: RequestStore, id: string) =>
  (await store.outbox.of(id)).map((i) =>
    i.message.type === "outcome" ? `outcome:${i.message.state}` : i.message.type,
  );

/** Moves the clock on and runs what fell due, as the bot's ticker does. */
async function later(s: Setup, ms: number) {
  s.clock.now += ms;
  await s.workflow.tick();
}

describe("the workflow", () => {
  it("creates once, records who approved, and queues the card, the redraws and the outcome", async () => {
    const { client, asked } = scripted({
      checkAvailableName: async () => ({ available: true }),
      create: async () => ({ id: "WS1" }),
    });
    const { workflow, store, wakes } = setup(client);
    const r = await submitted(workflow);
    const [first, second] = await Promise.all([
      workflow.approve(r.id, "ULEAD1"),
      workflow.approve(r.id, "ULEAD2"),
    ]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    expect(asked.filter((a) => a === "create")).toHaveLength(1);
    expect(await store.get(r.id)).toMatchObject({ state: "created", workspaceId: "WS1" });
    expect((await store.events(r.id)).map((e) => `${e.from}>${e.to}:${e.actor}`)).toEqual([
      "null>pending:UALICE",
      expect.stringMatching(/^pending>approved:ULEAD[12]$/),
      "approved>creating:bot",
      "creating>created:bot",
    ]);
    expect(await messagesOf(store, r.id)).toEqual([
      "card",
      "controls",
      "sent",
      "redraw",
      "redraw",
      "outcome:created",
    ]);
    expect(wakes.count).toBeGreaterThanOrEqual(3);
  });

  it("makes one request of a form submission delivered twice", async () => {
    const { workflow, store } = setup(undefined);
    const a = await workflow.submit({
      teamId: null,
      channelId: "C1",
      requesterId: "UALICE",
      request,
      nameChecked: true,
      viewId: "V1",
    });
    const b = await workflow.submit({
      teamId: null,
      channelId: "C1",
      requesterId: "UALICE",
      request,
      nameChecked: true,
      viewId: "V1",
    });
    if (!("request" in a)) throw new Error("the request was not stored");
    expect(a.duplicate).toBe(false);
    expect(b).toEqual({ request: a.request, duplicate: true });
    expect(await store.pendingOf("UALICE")).toHaveLength(1);
    expect(await messagesOf(store, a.request.id)).toEqual(["card", "controls", "sent"]);
  });

  it("fails as a refused name, in DataForest's words, when the name is not allowed", async () => {
    const { client, asked } = scripted({
      checkAvailableName: async () => ({
        available: false,
        reason: "not_allowed",
        message: "invalid name",
      }),
    });
    const { workflow } = setup(client);
    const r = await submitted(workflow);
    const done = await workflow.approve(r.id, "ULEAD1");
    expect(done.request).toMatchObject({
      state: "failed",
      failure: {
        kind: "invalid_parameter",
        field: "name",
        value: "team-a-ws1",
        apiMessage: "invalid name",
      },
    });
    expect(asked).not.toContain("create");
  });

  it("fails with name_taken when the name went meanwhile, without sending create", async () => {
    const { client, asked } = scripted({
      checkAvailableName: async () => ({ available: false, reason: "taken" }),
    });
    const { workflow } = setup(client);
    const r = await submitted(workflow);
    const result = await workflow.approve(r.id, "ULEAD1");
    expect(result).toMatchObject({
      ok: true,
      request: { state: "failed", failure: { kind: "name_taken" } },
    });
    expect(asked).not.toContain("create");
  });

  it("keeps the API's field, value and words when create is refused", async () => {
    const { client } = scripted({
      checkAvailableName: async () => ({ available: true }),
      create: async () => {
        throw new DataForestError({
          kind: "invalid_parameter",
          operation: "create",
          status: 400,
          field: "configuration.docker.image",
          value: "bad",
          apiMessage: "invalid request parameter (configuration.docker.image, 'bad')",
        });
      },
    });
    const { workflow } = setup(client);
    const r = await submitted(workflow);
    const result = await workflow.approve(r.id, "ULEAD1");
    expect(result.request?.failure).toEqual({
      kind: "invalid_parameter",
      field: "configuration.docker.image",
      value: "bad",
      apiMessage: "invalid request parameter (configuration.docker.image, 'bad')",
      status: 400,
    });
  });

  it("tells the call quota apart from a passing throttle", async () => {
    const { client } = scripted({
      checkAvailableName: async () => ({ available: true }),
      create: async () => {
        throw new DataForestError({
          kind: "throttled",
          operation: "create",
          status: 429,
          code: "400",
        });
      },
    });
    const { workflow } = setup(client);
    const r = await submitted(workflow);
    expect((await workflow.approve(r.id, "ULEAD1")).request?.failure?.kind).toBe("call_quota");
  });

  it("refuses decisions by non-approvers, requesters and late clickers, changing nothing", async () => {
    const { workflow, store } = setup(undefined);
    const answer = await workflow.submit({
      teamId: null,
      channelId: "C1",
      requesterId: "ULEAD2",
      request,
      nameChecked: false,
    });
    if (!("request" in answer)) throw new Error("the request was not stored");
    const r = answer.request;
    expect(await workflow.approve(r.id, "UBOB")).toMatchObject({
      ok: false,
      refusal: "not_approver",
    });
    expect(await workflow.approve(r.id, "ULEAD2")).toMatchObject({
      ok: false,
      refusal: "own_request",
    });
    expect(await workflow.reject("missing", "ULEAD1", undefined)).toMatchObject({
      ok: false,
      refusal: "not_found",
    });
    expect((await store.get(r.id))?.state).toBe("pending");
    expect(await workflow.reject(r.id, "ULEAD1", "too big")).toMatchObject({
      ok: true,
      request: { state: "rejected", reason: "too big" },
    });
    expect(await workflow.approve(r.id, "ULEAD3")).toMatchObject({
      ok: false,
      refusal: "already_decided",
      request: { decidedBy: "ULEAD1" },
    });
    expect(await messagesOf(store, r.id)).toEqual([
      "card",
      "controls",
      "sent",
      "redraw",
      "outcome:rejected",
    ]);
  });
});

describe("settling a create without a clear answer", () => {
  it("waits for a workspace that shows in the list only 20 s later, and never says it was not made", async () => {
    let lookups = 0;
    const s = setup(undefined);
    const { client, asked } = scripted({
      checkAvailableName: async () => ({ available: true }),
      create: async () => {
        throw lost();
      },
      findWorkspaceByName: async () => {
        lookups += 1;
        if (lookups === 2)
          throw new DataForestError({
            kind: "bad_answer",
            operation: "getList",
            field: "contents",
          });
        return s.clock.now >= T0 + 20_000 ? workspace("WS9", T0 + 1_000) : undefined;
      },
    });
    const { workflow, store } = setup(client, { store: s.store, clock: s.clock });
    const r = await submitted(workflow);
    expect((await workflow.approve(r.id, "ULEAD1")).request?.state).toBe("creating");
    const w = { ...s, workflow };
    for (let i = 0; i < 10 && (await store.get(r.id))?.state === "creating"; i++) {
      await later(w, 5_000);
    }
    expect(await store.get(r.id)).toMatchObject({ state: "created", workspaceId: "WS9" });
    expect(asked.filter((a) => a === "create")).toHaveLength(1);
    const said = await messagesOf(store, r.id);
    expect(said.filter((m) => m === "checking")).toHaveLength(1);
    expect(said).not.toContain("outcome:failed");
    expect(said.slice(-2)).toEqual(["redraw", "outcome:created"]);
    expect(s.clock.now - T0).toBeLessThan(60_000);
  });

  it("does not claim an older workspace with the same name, and does not create again", async () => {
    const { client, asked } = scripted({
      checkAvailableName: async () => ({ available: true }),
      create: async () => {
        throw lost();
      },
      findWorkspaceByName: async () => workspace("OLD", T0 - 24 * HOUR),
    });
    const s = setup(client);
    const r = await submitted(s.workflow);
    await s.workflow.approve(r.id, "ULEAD1");
    for (let i = 0; i < 40 && (await s.store.get(r.id))?.state === "creating"; i++) {
      await later(s, MINUTE);
    }
    const settled = await s.store.get(r.id);
    expect(settled).toMatchObject({ state: "failed", failure: { kind: "name_taken" } });
    expect(settled?.workspaceId).toBeNull();
    expect(s.clock.now - T0).toBeGreaterThanOrEqual(15 * MINUTE);
    expect(asked.filter((a) => a === "create")).toHaveLength(1);
  });

  it("settles a 2xx answer without an id by looking it up", async () => {
    const s = setup(undefined);
    const { client, asked } = scripted({
      checkAvailableName: async () => ({ available: true }),
      create: async () => {
        throw new DataForestError({
          kind: "bad_answer",
          operation: "create",
          status: 200,
          field: "id",
        });
      },
      findWorkspaceByName: async () => workspace("WS7", s.clock.now),
    });
    const { workflow, store } = setup(client, { store: s.store, clock: s.clock });
    const r = await submitted(workflow);
    const result = await workflow.approve(r.id, "ULEAD1");
    expect(result.request).toMatchObject({ state: "created", workspaceId: "WS7" });
    expect(asked.filter((a) => a === "create")).toHaveLength(1);
    expect(await messagesOf(store, r.id)).not.toContain("checking");
  });

  it("sends create once more after the window when the name is still free, never a third time", async () => {
    const { client, asked } = scripted({
      checkAvailableName: async () => ({ available: true }),
      create: async () => {
        throw lost();
      },
      findWorkspaceByName: async () => undefined,
    });
    const s = setup(client);
    const r = await submitted(s.workflow);
    await s.workflow.approve(r.id, "ULEAD1");
    for (let i = 0; i < 80 && (await s.store.get(r.id))?.state === "creating"; i++) {
      await later(s, MINUTE);
    }
    expect(await s.store.get(r.id)).toMatchObject({
      state: "failed",
      failure: { kind: "not_created" },
      createAttempts: 2,
    });
    expect(asked.filter((a) => a === "create")).toHaveLength(2);
    expect(s.clock.now - T0).toBeGreaterThanOrEqual(30 * MINUTE);
    const said = await messagesOf(s.store, r.id);
    expect(said.filter((m) => m === "checking")).toHaveLength(2);
    expect(said.at(-1)).toBe("outcome:failed");
  });

  it("keeps why a create was unclear until it concludes: a 5xx is DataForest's problem, a 504 is no answer", async () => {
    const unclearBy = (status: number) =>
      new DataForestError({ kind: "outcome_unknown", operation: "create", status });
    const settledAfter = async (statuses: number[]) => {
      const left = [...statuses];
      const { client } = scripted({
        checkAvailableName: async () => ({ available: true }),
        create: async () => {
          throw unclearBy(left.shift() ?? 500);
        },
        findWorkspaceByName: async () => undefined,
      });
      const s = setup(client);
      const r = await submitted(s.workflow);
      await s.workflow.approve(r.id, "ULEAD1");
      expect((await s.store.get(r.id))?.failure).toMatchObject({ cause: expect.any(String) });
      for (let i = 0; i < 80 && (await s.store.get(r.id))?.state === "creating"; i++) {
        await later(s, MINUTE);
      }
      return s.store.get(r.id);
    };
    expect(await settledAfter([500, 503])).toMatchObject({
      state: "failed",
      failure: { kind: "not_created", cause: "server_error", status: 503 },
    });
    expect(await settledAfter([500, 504])).toMatchObject({
      state: "failed",
      failure: { kind: "not_created", cause: "no_answer", status: 504 },
    });
    const latestCounts = await settledAfter([504, 502]);
    expect(latestCounts?.failure).toMatchObject({ kind: "not_created", cause: "server_error" });
  });

  it("claims the workspace when the second create is refused because the first one made it", async () => {
    let creates = 0;
    const s = setup(undefined);
    const { client } = scripted({
      checkAvailableName: async () => ({ available: true }),
      create: async () => {
        creates += 1;
        if (creates === 1) throw lost();
        throw new DataForestError({ kind: "rejected", operation: "create", status: 400 });
      },
      findWorkspaceByName: async () =>
        creates >= 2 ? workspace("LATE", T0 + 16 * MINUTE) : undefined,
    });
    const { workflow, store } = setup(client, { store: s.store, clock: s.clock });
    const r = await submitted(workflow);
    await workflow.approve(r.id, "ULEAD1");
    const w = { ...s, workflow };
    for (let i = 0; i < 40 && (await store.get(r.id))?.state === "creating"; i++) {
      await later(w, MINUTE);
    }
    expect(await store.get(r.id)).toMatchObject({ state: "created", workspaceId: "LATE" });
  });

  it("settles a create left by a crash once its lease runs out, and leaves a live lease alone", async () => {
    const { client, asked } = scripted({
      checkAvailableName: async () => ({ available: true }),
      create: async () => ({ id: "WS2" }),
      findWorkspaceByName: async () => workspace("FOUND", T0 + 500),
    });
    const s = setup(client, { instanceId: "survivor" });
    const crashed = await submitted(s.workflow);
    const approvedOnly = await submitted(s.workflow);
    for (const r of [crashed, approvedOnly]) {
      await s.store.transition(r.id, "pending", "approved", { actor: "ULEAD1", at: T0 });
    }
    // Another instance moved it to creating, sent create, and died.
    await s.store.transition(
      crashed.id,
      "approved",
      "creating",
      { actor: "bot", at: T0 },
      {
        lease: { owner: "dead", until: T0 + 20_000 },
        createAttempts: 1,
        firstCreateAt: T0,
        lastCreateAt: T0,
      },
    );
    await later(s, 10_000);
    expect((await s.store.get(crashed.id))?.state).toBe("creating");
    expect(await s.store.get(approvedOnly.id)).toMatchObject({
      state: "created",
      workspaceId: "WS2",
    });
    await later(s, 10_000);
    expect(await s.store.get(crashed.id)).toMatchObject({ state: "created", workspaceId: "FOUND" });
    expect(asked.filter((a) => a === "create")).toHaveLength(1);
  });

  it("takes over a crashed run's create at once when it is alone on its store", async () => {
    const { client } = scripted({ findWorkspaceByName: async () => workspace("FOUND", T0 + 500) });
    const s = setup(client);
    const r = await submitted(s.workflow);
    await s.store.transition(r.id, "pending", "approved", { actor: "ULEAD1", at: T0 });
    await s.store.transition(
      r.id,
      "approved",
      "creating",
      { actor: "bot", at: T0 },
      {
        lease: { owner: "dead", until: T0 + 20_000 },
        createAttempts: 1,
        firstCreateAt: T0,
        lastCreateAt: T0,
      },
    );
    await s.workflow.resume();
    await s.workflow.tick();
    expect(await s.store.get(r.id)).toMatchObject({ state: "created", workspaceId: "FOUND" });
  });
});

describe("timers", () => {
  it("reminds the approvers once, then expires the request", async () => {
    const s = setup(undefined);
    const other = setup(undefined, { store: s.store, clock: s.clock });
    const r = await submitted(s.workflow);
    await later(s, 24 * HOUR - 1);
    expect(await messagesOf(s.store, r.id)).not.toContain("reminder");
    s.clock.now += 1;
    await Promise.all([s.workflow.tick(), other.workflow.tick(), s.workflow.tick()]);
    await later(s, HOUR);
    expect((await messagesOf(s.store, r.id)).filter((m) => m === "reminder")).toHaveLength(1);
    expect((await s.store.get(r.id))?.remindedAt).toBe(T0 + 24 * HOUR);
    await later(s, 47 * HOUR - 1);
    expect((await s.store.get(r.id))?.state).toBe("pending");
    s.clock.now += 1;
    await Promise.all([s.workflow.tick(), other.workflow.tick()]);
    expect(await s.store.get(r.id)).toMatchObject({ state: "expired" });
    expect((await s.store.events(r.id)).at(-1)).toMatchObject({
      from: "pending",
      to: "expired",
      actor: "bot",
    });
    expect((await messagesOf(s.store, r.id)).slice(-2)).toEqual(["redraw", "outcome:expired"]);
  });

  it("never reminds nor expires a request that was decided", async () => {
    const s = setup(undefined);
    const r = await submitted(s.workflow);
    await s.workflow.reject(r.id, "ULEAD1", undefined);
    await later(s, 100 * HOUR);
    expect((await s.store.get(r.id))?.state).toBe("rejected");
    expect(await messagesOf(s.store, r.id)).not.toContain("reminder");
  });
});

describe("withdrawing", () => {
  it("lets the requester withdraw a pending request, and nobody else", async () => {
    const s = setup(undefined);
    const r = await submitted(s.workflow);
    expect(await s.workflow.cancel(r.id, "ULEAD1")).toMatchObject({
      ok: false,
      refusal: "not_requester",
    });
    expect(await s.workflow.cancel("nope", "UALICE")).toMatchObject({
      ok: false,
      refusal: "not_found",
    });
    const withdrawn = await s.workflow.cancel(r.id, "UALICE");
    expect(withdrawn).toMatchObject({
      ok: true,
      request: { state: "cancelled", decidedBy: "UALICE", decidedAt: T0 },
    });
    expect(await s.workflow.cancel(r.id, "UALICE")).toMatchObject({
      ok: false,
      refusal: "already_decided",
    });
    expect(await s.workflow.approve(r.id, "ULEAD1")).toMatchObject({
      ok: false,
      refusal: "already_decided",
    });
    expect((await messagesOf(s.store, r.id)).slice(-2)).toEqual(["redraw", "outcome:cancelled"]);
  });
});

describe("delivery", () => {
  it("puts a direct message to the requester in place of a card or an outcome that cannot be posted", async () => {
    const s = setup(undefined);
    const r = await submitted(s.workflow);
    const [card] = await s.workflow.delivery.claim(10);
    if (!card) throw new Error("no card");
    await s.workflow.delivery.undeliverable(card.item, "not_in_channel");
    const [controls] = await s.workflow.delivery.claim(10);
    expect(controls?.item.message).toEqual({ type: "controls" });
    const all = (await s.store.outbox.of(r.id)).map((i) => i.message);
    expect(all.at(-1)).toEqual({ type: "dm", about: "card_refused", reason: "not_in_channel" });
  });

  it("gives a direct message that cannot be sent up, without another fallback", async () => {
    const s = setup(undefined);
    const r = await submitted(s.workflow);
    for (let i = 0; i < 3; i++) {
      const [next] = await s.workflow.delivery.claim(10);
      if (!next) throw new Error("nothing to deliver");
      await s.workflow.delivery.undeliverable(next.item, "channel_not_found");
    }
    for (;;) {
      const [next] = await s.workflow.delivery.claim(10);
      if (!next) break;
      await s.workflow.delivery.undeliverable(next.item, "cannot_dm_bot");
    }
    const all = await s.store.outbox.of(r.id);
    expect(all.every((i) => i.status === "failed")).toBe(true);
    expect(all.map((i) => i.message.type)).toEqual(["card", "controls", "sent", "dm", "dm"]);
  });

  it("lets the requester have a refused card posted again, once", async () => {
    const s = setup(undefined);
    const r = await submitted(s.workflow);
    expect(await s.workflow.repost(r.id, "ULEAD1")).toMatchObject({
      ok: false,
      refusal: "not_requester",
    });
    expect(await s.workflow.repost(r.id, "UALICE")).toMatchObject({ ok: true });
    expect(await messagesOf(s.store, r.id)).toEqual([
      "card",
      "controls",
      "sent",
      "card",
      "controls",
    ]);
  });
});
