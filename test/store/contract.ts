import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CreateRequest } from "../../src/dataforest/create-request.js";
import type { NewRequest, RequestStore } from "../../src/store/request-store.js";

/**
 * The behaviour every RequestStore must have, run against each implementation. Stores may share a
 * database across tests, so every test works on fresh ids and only looks at its own requests.
 */

const T0 = 1_718_000_000_000;

const sampleRequest: CreateRequest = {
  accountId: "Acc0123456789",
  name: "team-a-ws1",
  description: "for model training: “quotes”, <tags> & emoji 🚀",
  configuration: {
    docker: {
      image: "tensorflow:2.15.0-gpu",
      command: "python",
      args: "train.py --epochs 3",
      workdir: "/work",
      env: { A: "1", EMPTY: "" },
      exposeTcpPorts: [8888, 6006],
    },
    resource: { cpuCount: 4, gpuCount: 1, gpuModel: "T4", memoryMb: 16_384 },
    queueName: "default",
    data: {
      input: [{ hdfs: "/user/alice/input", path: "/data/input" }],
      output: [{ hdfs: "/user/alice/output", path: "/data/output", overwrite: true }],
    },
  },
};

function newRequest(overrides: Partial<NewRequest> = {}): NewRequest {
  return {
    id: randomUUID(),
    teamId: "T1",
    channelId: "C1",
    requesterId: "U_ALICE",
    request: sampleRequest,
    nameChecked: true,
    createdAt: T0,
    ...overrides,
  };
}

export function describeStoreContract(
  name: string,
  open: () => Promise<RequestStore>,
  cleanup?: () => Promise<void>,
): void {
  describe(`RequestStore contract: ${name}`, () => {
    let store: RequestStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });
    if (cleanup) afterAll(cleanup);

    it("stores a new request as pending and gives it back unchanged", async () => {
      const fresh = newRequest();
      const inserted = await store.insert(fresh);
      const expected = {
        ...fresh,
        state: "pending",
        cardTs: null,
        controlsTs: null,
        decidedBy: null,
        decidedAt: null,
        reason: null,
        workspaceId: null,
        failure: null,
        updatedAt: T0,
      };
      expect(inserted).toEqual(expected);
      const got = await store.get(fresh.id);
      expect(got).toEqual(expected);
      expect(got?.request).toEqual(sampleRequest);
      expect(typeof got?.createdAt).toBe("number");
      expect(typeof got?.updatedAt).toBe("number");
      expect(typeof got?.request.configuration.resource?.memoryMb).toBe("number");
      expect(got?.request.configuration.docker.exposeTcpPorts).toEqual([8888, 6006]);
      expect(await store.events(fresh.id)).toEqual([
        {
          requestId: fresh.id,
          seq: 1,
          from: null,
          to: "pending",
          actor: "U_ALICE",
          at: T0,
          note: null,
        },
      ]);
    });

    it("keeps a false nameChecked and a missing team apart from their opposites", async () => {
      const fresh = newRequest({ nameChecked: false, teamId: null });
      await store.insert(fresh);
      const got = await store.get(fresh.id);
      expect(got?.nameChecked).toBe(false);
      expect(got?.teamId).toBeNull();
    });

    it("refuses a second request with the same id", async () => {
      const fresh = newRequest();
      await store.insert(fresh);
      await expect(store.insert(fresh)).rejects.toThrow();
      expect(await store.events(fresh.id)).toHaveLength(1);
    });

    it("answers undefined for an unknown id", async () => {
      expect(await store.get(randomUUID())).toBeUndefined();
      expect(await store.events(randomUUID())).toEqual([]);
    });

    it("moves a request, sets the patched fields and records who and when", async () => {
      const fresh = newRequest();
      await store.insert(fresh);
      const approved = await store.transition(
        fresh.id,
        "pending",
        "approved",
        { actor: "U_LEAD", at: T0 + 1_000, note: "looks fine" },
        { decidedBy: "U_LEAD", decidedAt: T0 + 1_000, reason: "ok" },
      );
      expect(approved).toMatchObject({
        state: "approved",
        decidedBy: "U_LEAD",
        decidedAt: T0 + 1_000,
        reason: "ok",
        updatedAt: T0 + 1_000,
        createdAt: T0,
      });
      expect(typeof approved?.decidedAt).toBe("number");
      expect(await store.get(fresh.id)).toEqual(approved);

      // An undefined patch field keeps its value; only the named ones change.
      await store.transition(
        fresh.id,
        "approved",
        "creating",
        { actor: "system", at: T0 + 2_000 },
        {
          reason: undefined,
        },
      );
      const failure = {
        kind: "invalid_field",
        field: "configuration.docker.image",
        value: "tensorflow/r2.3.1-py3",
        apiMessage: "bad image",
      };
      const failed = await store.transition(
        fresh.id,
        "creating",
        "failed",
        { actor: "system", at: T0 + 3_000 },
        { failure, workspaceId: "WS1" },
      );
      expect(failed).toMatchObject({
        state: "failed",
        decidedBy: "U_LEAD",
        reason: "ok",
        workspaceId: "WS1",
        failure,
        updatedAt: T0 + 3_000,
      });
      expect(await store.get(fresh.id)).toEqual(failed);

      const events = await store.events(fresh.id);
      expect(events[1]).toEqual({
        requestId: fresh.id,
        seq: 2,
        from: "pending",
        to: "approved",
        actor: "U_LEAD",
        at: T0 + 1_000,
        note: "looks fine",
      });
      expect(events[2]).toMatchObject({ seq: 3, actor: "system", at: T0 + 2_000, note: null });
    });

    it("clears a field patched to null", async () => {
      const fresh = newRequest();
      await store.insert(fresh);
      await store.transition(
        fresh.id,
        "pending",
        "approved",
        { actor: "U_LEAD", at: T0 + 1 },
        {
          reason: "first",
        },
      );
      const after = await store.transition(
        fresh.id,
        "approved",
        "creating",
        { actor: "s", at: T0 + 2 },
        {
          reason: null,
          failure: null,
        },
      );
      expect(after?.reason).toBeNull();
      expect(after?.failure).toBeNull();
    });

    it("changes nothing when the request is not in the expected state", async () => {
      const fresh = newRequest();
      const before = await store.insert(fresh);
      const moved = await store.transition(
        fresh.id,
        "approved",
        "creating",
        { actor: "U_LEAD", at: T0 + 1_000 },
        { decidedBy: "U_LEAD", reason: "should not stick" },
      );
      expect(moved).toBeUndefined();
      expect(await store.get(fresh.id)).toEqual(before);
      expect(await store.events(fresh.id)).toHaveLength(1);
      expect(
        await store.transition(randomUUID(), "pending", "approved", { actor: "U_LEAD", at: T0 }),
      ).toBeUndefined();
    });

    it("lets exactly one of 20 concurrent approvals win", async () => {
      const fresh = newRequest();
      await store.insert(fresh);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.transition(
            fresh.id,
            "pending",
            "approved",
            { actor: `U_LEAD${i}`, at: T0 + 1_000 + i },
            { decidedBy: `U_LEAD${i}` },
          ),
        ),
      );
      const winners = results.filter((r) => r !== undefined);
      expect(winners).toHaveLength(1);
      const winner = winners[0];
      const got = await store.get(fresh.id);
      expect(got?.state).toBe("approved");
      expect(got?.decidedBy).toBe(winner?.decidedBy);
      const events = await store.events(fresh.id);
      expect(events.map((e) => [e.seq, e.to, e.actor])).toEqual([
        [1, "pending", "U_ALICE"],
        [2, "approved", winner?.decidedBy],
      ]);
    });

    it("remembers the Slack messages without touching anything else", async () => {
      const fresh = newRequest();
      const before = await store.insert(fresh);
      await store.setMessages(fresh.id, {
        cardTs: "1718000000.000100",
        controlsTs: "1718000000.000200",
      });
      expect(await store.get(fresh.id)).toEqual({
        ...before,
        cardTs: "1718000000.000100",
        controlsTs: "1718000000.000200",
      });
      await expect(
        store.setMessages(randomUUID(), { cardTs: "1.1", controlsTs: "1.2" }),
      ).rejects.toThrow(/No request/);
    });

    it("lists requests by state, oldest first", async () => {
      const a = newRequest({ createdAt: T0 + 3 });
      const b = newRequest({ createdAt: T0 + 1 });
      const c = newRequest({ createdAt: T0 + 2 });
      const d = newRequest({ createdAt: T0 + 4 });
      for (const r of [a, b, c, d]) await store.insert(r);
      await store.transition(c.id, "pending", "approved", { actor: "U_LEAD", at: T0 + 10 });
      await store.transition(d.id, "pending", "rejected", { actor: "U_LEAD", at: T0 + 11 });

      const mine = new Set([a.id, b.id, c.id, d.id]);
      const ids = async (states: Parameters<RequestStore["listByState"]>[0]) =>
        (await store.listByState(states)).filter((r) => mine.has(r.id)).map((r) => r.id);
      expect(await ids(["pending"])).toEqual([b.id, a.id]);
      expect(await ids(["approved", "rejected"])).toEqual([c.id, d.id]);
      expect(await ids(["created"])).toEqual([]);
      expect(await store.listByState([])).toEqual([]);
      const listed = (await store.listByState(["approved"])).find((r) => r.id === c.id);
      expect(listed).toEqual(await store.get(c.id));
    });

    it("lists one person's pending requests, oldest first, and nobody else's", async () => {
      const alice = `U_A${randomUUID().slice(0, 8)}`;
      const bob = `U_B${randomUUID().slice(0, 8)}`;
      const a1 = newRequest({ requesterId: alice, createdAt: T0 + 2 });
      const a2 = newRequest({ requesterId: alice, createdAt: T0 + 1 });
      const a3 = newRequest({ requesterId: alice, createdAt: T0 + 3 });
      const b1 = newRequest({ requesterId: bob, createdAt: T0 });
      for (const r of [a1, a2, a3, b1]) await store.insert(r);
      await store.transition(a3.id, "pending", "cancelled", { actor: alice, at: T0 + 5 });

      expect((await store.pendingOf(alice)).map((r) => r.id)).toEqual([a2.id, a1.id]);
      expect((await store.pendingOf(bob)).map((r) => r.id)).toEqual([b1.id]);
      expect(await store.pendingOf(`U_N${randomUUID().slice(0, 8)}`)).toEqual([]);
      expect((await store.pendingOf(alice))[1]).toEqual(await store.get(a1.id));
    });

    it("keeps variable names that are also names of object internals", async () => {
      const env = JSON.parse('{"__proto__":"x","constructor":"1","toString":"2"}');
      const fresh = newRequest({
        request: {
          ...sampleRequest,
          configuration: { docker: { image: "a:b", command: "ls", env } },
        },
      });
      await store.insert(fresh);
      const got = await store.get(fresh.id);
      const kept = got?.request.configuration.docker.env ?? {};
      // PostgreSQL's jsonb keeps keys in its own order.
      expect(Object.entries(kept).sort()).toEqual([
        ["__proto__", "x"],
        ["constructor", "1"],
        ["toString", "2"],
      ]);
      expect(Object.getPrototypeOf(kept)).toBe(Object.prototype);
    });

    it("lists one person's requests, newest first, at most the limit", async () => {
      const requester = `U_${randomUUID().slice(0, 8).toUpperCase()}`;
      const mine = [3, 1, 4, 2].map((i) =>
        newRequest({ requesterId: requester, createdAt: T0 + i }),
      );
      const theirs = newRequest({ requesterId: `${requester}X`, createdAt: T0 + 9 });
      for (const r of [...mine, theirs]) await store.insert(r);
      await store.transition(mine[0]?.id ?? "", "pending", "rejected", {
        actor: "U_LEAD",
        at: T0 + 10,
      });

      const listed = await store.listByRequester(requester, 10);
      expect(listed.map((r) => r.createdAt)).toEqual([T0 + 4, T0 + 3, T0 + 2, T0 + 1]);
      expect(listed.find((r) => r.id === mine[0]?.id)).toEqual(await store.get(mine[0]?.id ?? ""));
      expect((await store.listByRequester(requester, 2)).map((r) => r.createdAt)).toEqual([
        T0 + 4,
        T0 + 3,
      ]);
      expect(await store.listByRequester(`${requester}Y`, 10)).toEqual([]);
    });

    it("gives the events of a request in order", async () => {
      const fresh = newRequest();
      await store.insert(fresh);
      const path = [
        ["pending", "approved"],
        ["approved", "creating"],
        ["creating", "created"],
      ] as const;
      for (const [i, [from, to]] of path.entries()) {
        await store.transition(fresh.id, from, to, {
          actor: `A${i}`,
          at: T0 + 100 - i,
          note: `n${i}`,
        });
      }
      const events = await store.events(fresh.id);
      expect(events.map((e) => [e.seq, e.from, e.to, e.actor, e.at, e.note])).toEqual([
        [1, null, "pending", "U_ALICE", T0, null],
        [2, "pending", "approved", "A0", T0 + 100, "n0"],
        [3, "approved", "creating", "A1", T0 + 99, "n1"],
        [4, "creating", "created", "A2", T0 + 98, "n2"],
      ]);
    });

    it("keeps everything across close and reopen", async () => {
      const fresh = newRequest();
      await store.insert(fresh);
      await store.setMessages(fresh.id, { cardTs: "1.1", controlsTs: "1.2" });
      const approved = await store.transition(fresh.id, "pending", "approved", {
        actor: "U_LEAD",
        at: T0 + 1_000,
      });
      const events = await store.events(fresh.id);
      await store.close();

      store = await open();
      expect(await store.get(fresh.id)).toEqual(approved);
      expect(await store.events(fresh.id)).toEqual(events);
      expect(
        await store.transition(fresh.id, "approved", "creating", {
          actor: "system",
          at: T0 + 2_000,
        }),
      ).toMatchObject({ state: "creating" });
    });
  });
}
