import { describe, expect, it } from "vitest";
import type { DataForestClient } from "../../src/dataforest/client.js";
import { DataForestError } from "../../src/dataforest/errors.js";
import { silentLogger } from "../../src/log.js";
import { createRequestService } from "../../src/requests/service.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";

const request = {
  accountId: "acc1",
  name: "team-a-ws1",
  configuration: { docker: { image: "tensorflow:2.15.0-gpu", command: "jupyter" } },
};

/** A DataForest that answers from a script; what the service asked is recorded. */
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

function setup(dataforest: DataForestClient | undefined, clock = { now: 1_000_000 }) {
  const store = openSqliteStore(":memory:");
  const service = createRequestService({
    store,
    dataforest,
    approvers: { isApprover: async (u) => u.startsWith("ULEAD") },
    dryRun: false,
    logger: silentLogger,
    recoverAfterMs: 60_000,
    now: () => clock.now,
  });
  return { store, service, clock };
}

async function approved(service: ReturnType<typeof setup>["service"]) {
  const r = await service.submit({
    teamId: "T1",
    channelId: "C1",
    requesterId: "UALICE",
    request,
    nameChecked: true,
  });
  const decided = await service.approve(r.id, "ULEAD1");
  if (!decided.ok) throw new Error(decided.refusal);
  return decided.request;
}

describe("the request service", () => {
  it("creates once and records who approved and the workspace id", async () => {
    const { client, asked } = scripted({
      checkAvailableName: async () => ({ available: true }),
      create: async () => ({ id: "WS1" }),
    });
    const { service, store } = setup(client);
    const r = await approved(service);
    const [first, second] = await Promise.all([service.create(r), service.create(r)]);
    expect([first?.state, second?.state].sort()).toEqual(["created", undefined].sort());
    expect(asked.filter((a) => a === "create")).toHaveLength(1);
    const stored = await store.get(r.id);
    expect(stored).toMatchObject({ state: "created", workspaceId: "WS1", decidedBy: "ULEAD1" });
    expect((await store.events(r.id)).map((e) => `${e.from}>${e.to}:${e.actor}`)).toEqual([
      "null>pending:UALICE",
      "pending>approved:ULEAD1",
      "approved>creating:bot",
      "creating>created:bot",
    ]);
  });

  it("fails as a refused name, in DataForest's words, when the name is not allowed", async () => {
    const { client, asked } = scripted({
      checkAvailableName: async () => ({
        available: false,
        reason: "not_allowed",
        message: "invalid name",
      }),
    });
    const { service } = setup(client);
    const done = await service.create(await approved(service));
    expect(done).toMatchObject({
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
    const { service } = setup(client);
    const result = await service.create(await approved(service));
    expect(result).toMatchObject({ state: "failed", failure: { kind: "name_taken" } });
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
    const { service } = setup(client);
    const result = await service.create(await approved(service));
    expect(result?.failure).toEqual({
      kind: "invalid_parameter",
      field: "configuration.docker.image",
      value: "bad",
      apiMessage: "invalid request parameter (configuration.docker.image, 'bad')",
      status: 400,
    });
  });

  it("after an unknown outcome, looks the name up instead of creating again", async () => {
    let lookups = 0;
    const { client, asked } = scripted({
      checkAvailableName: async () => ({ available: true }),
      create: async () => {
        throw new DataForestError({ kind: "outcome_unknown", operation: "create" });
      },
      findWorkspaceByName: async () => {
        lookups += 1;
        if (lookups === 1) throw new DataForestError({ kind: "unavailable", operation: "getList" });
        return lookups === 2 ? ({ id: "WS9", name: "team-a-ws1" } as never) : undefined;
      },
    });
    const { service, clock } = setup(client);
    const r = await approved(service);
    // DataForest cannot be asked now: the request stays creating, for the sweep.
    expect((await service.create(r))?.state).toBe("creating");
    expect(await service.recover()).toEqual([]);
    clock.now += 60_000;
    const settled = await service.recover();
    expect(settled).toMatchObject([{ id: r.id, state: "created", workspaceId: "WS9" }]);
    expect(asked.filter((a) => a === "create")).toHaveLength(1);
  });

  it("recovers a request left approved by a crash by creating it, one left creating by the name", async () => {
    const { client, asked } = scripted({
      checkAvailableName: async () => ({ available: true }),
      create: async () => ({ id: "WS2" }),
      findWorkspaceByName: async () => undefined,
    });
    const { service, store, clock } = setup(client);
    const a = await approved(service);
    const b = await approved(service);
    await store.transition(b.id, "approved", "creating", { actor: "bot", at: clock.now });
    clock.now += 60_000;
    const settled = await service.recover();
    // Both were stored in the same millisecond, so their order is not defined.
    const outcomes = settled.map((r) => [r.id, r.state, r.failure?.kind ?? r.workspaceId]);
    expect(outcomes).toHaveLength(2);
    expect(outcomes).toEqual(
      expect.arrayContaining([
        [a.id, "created", "WS2"],
        [b.id, "failed", "not_created"],
      ]),
    );
    expect(asked.filter((x) => x === "create")).toHaveLength(1);
  });

  it("refuses decisions by non-approvers, requesters and late clickers, changing nothing", async () => {
    const { service, store } = setup(undefined);
    const r = await service.submit({
      teamId: null,
      channelId: "C1",
      requesterId: "ULEAD2",
      request,
      nameChecked: false,
    });
    expect(await service.approve(r.id, "UBOB")).toMatchObject({
      ok: false,
      refusal: "not_approver",
    });
    expect(await service.approve(r.id, "ULEAD2")).toMatchObject({
      ok: false,
      refusal: "own_request",
    });
    expect(await service.reject("missing", "ULEAD1", undefined)).toMatchObject({
      ok: false,
      refusal: "not_found",
    });
    expect((await store.get(r.id))?.state).toBe("pending");
    expect(await service.reject(r.id, "ULEAD1", "too big")).toMatchObject({
      ok: true,
      request: { state: "rejected", reason: "too big" },
    });
    expect(await service.approve(r.id, "ULEAD3")).toMatchObject({
      ok: false,
      refusal: "already_decided",
      request: { decidedBy: "ULEAD1" },
    });
  });
});
