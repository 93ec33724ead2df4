import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CreateRequest } from "../../src/dataforest/create-request.js";
import type { NewRequest, Outgoing } from "../../src/requests/domain.js";
import type { RequestStore } from "../../src/store/request-store.js";

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

/**
 * Claims of the outbox see every test's messages (the database may be shared), so each claim
 * here happens at a later moment with a 1 ms lease: it never keeps another test's message.
 */
let claimClock = T0 + 1e9;
const mine = async (store: RequestStore, requestId: string, limit = 10_000) => {
  claimClock += 10;
  return (await store.outbox.claim("contract", claimClock, 1, limit)).filter(
    (i) => i.requestId === requestId,
  );
};

/** Delivers a request's waiting messages in order, as if Slack answered these ts. */
async function sendAll(store: RequestStore, requestId: string, tss: (string | null)[]) {
  for (const ts of tss) {
    const [item] = await mine(store, requestId);
    if (!item) throw new Error("nothing to send");
    await store.outbox.sent(item.id, T0, ts);
  }
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
        viewId: null,
        remindedAt: null,
        createAttempts: 0,
        firstCreateAt: null,
        lastCreateAt: null,
        settleAt: null,
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

    it("gives several requests back at once, those that exist", async () => {
      const [a, b] = [newRequest(), newRequest()];
      await store.insert(a);
      await store.insert(b);
      const many = await store.getMany([b.id, a.id, a.id, randomUUID()]);
      expect(many.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
      expect(many.find((r) => r.id === a.id)).toEqual(await store.get(a.id));
      expect(await store.getMany([])).toEqual([]);
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
        kind: "invalid_parameter" as const,
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

    it("remembers where the card and the controls were posted, touching nothing else", async () => {
      const fresh = newRequest();
      const before = await store.insert(fresh, [{ type: "card" }, { type: "controls" }]);
      await sendAll(store, fresh.id, ["1718000000.000100", "1718000000.000200"]);
      expect(await store.get(fresh.id)).toEqual({
        ...before,
        cardTs: "1718000000.000100",
        controlsTs: "1718000000.000200",
      });
    });

    it("lists what waits for an approver: pending, card posted, not their own, oldest first", async () => {
      const lead = `U_L${randomUUID().slice(0, 8)}`;
      // Older than anything else in a shared database, so they lead the list.
      const at = (n: number) => T0 - 1_000_000_000 + n;
      const before = (await store.waitingFor(lead, 1)).total;
      const a = newRequest({ createdAt: at(3) });
      const b = newRequest({ createdAt: at(1) });
      const c = newRequest({ createdAt: at(2) });
      const decided = newRequest({ createdAt: at(0) });
      const noCard = newRequest({ createdAt: at(0) });
      const own = newRequest({ createdAt: at(0), requesterId: lead });
      for (const r of [a, b, c, decided, noCard, own]) await store.insert(r, [{ type: "card" }]);
      for (const r of [a, b, c, decided, own])
        await sendAll(store, r.id, [`1718000000.${r.createdAt}`]);
      await store.transition(decided.id, "pending", "approved", { actor: "U_LEAD", at: T0 });

      const waiting = await store.waitingFor(lead, 2);
      expect(waiting.oldest.map((r) => r.id)).toEqual([b.id, c.id]);
      expect(waiting.oldest[0]).toEqual(await store.get(b.id));
      expect(waiting.total).toBe(before + 3);
      expect((await store.waitingFor(lead, 50)).oldest.slice(0, 3).map((r) => r.id)).toEqual([
        b.id,
        c.id,
        a.id,
      ]);
      // The requester of `own` is an approver too: it waits for everyone else.
      const other = await store.waitingFor(`U_O${randomUUID().slice(0, 8)}`, 1);
      expect(other.total).toBe(before + 4);
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

    it("stores no more than the limit of one person's pending requests, however many come at once", async () => {
      const alice = `U_A${randomUUID().slice(0, 8)}`;
      const earlier = await store.insert(newRequest({ requesterId: alice, createdAt: T0 }));
      const tries = Array.from({ length: 20 }, (_, i) =>
        newRequest({ requesterId: alice, viewId: randomUUID(), createdAt: T0 + 1 + i }),
      );
      const answers = await Promise.all(
        tries.map((r) => store.insertWithin(r, [{ type: "card" }], 3)),
      );
      const stored = answers.flatMap((a) => ("stored" in a ? [a.stored] : []));
      expect(stored).toHaveLength(2);
      expect((await store.pendingOf(alice)).map((r) => r.id)).toEqual(
        [earlier, ...stored].sort((a, b) => a.createdAt - b.createdAt).map((r) => r.id),
      );
      for (const answer of answers) {
        if ("waiting" in answer) expect(answer.waiting).toHaveLength(3);
      }
      // Nothing of a refused request was kept, not even its messages.
      const refused = tries.filter((r) => !stored.some((s) => s.id === r.id));
      expect(refused).toHaveLength(18);
      for (const r of refused) {
        expect(await store.get(r.id)).toBeUndefined();
        expect(await store.outbox.of(r.id)).toEqual([]);
      }
    });

    it("answers the request a submission made when it comes again, even at the limit", async () => {
      const bob = `U_B${randomUUID().slice(0, 8)}`;
      const viewId = randomUUID();
      const first = await store.insertWithin(newRequest({ requesterId: bob, viewId }), [], 1);
      const again = await store.insertWithin(newRequest({ requesterId: bob, viewId }), [], 1);
      expect(again).toEqual(first);
      const other = await store.insertWithin(newRequest({ requesterId: bob }), [], 1);
      expect(other).toEqual({ waiting: [(first as { stored: unknown }).stored] });
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

    it("answers the first request when the same form submission comes again", async () => {
      const viewId = `V${randomUUID()}`;
      const first = await store.insert(newRequest({ viewId }), [{ type: "card" }]);
      const again = await Promise.all(
        Array.from({ length: 5 }, () => store.insert(newRequest({ viewId }), [{ type: "card" }])),
      );
      expect(first.viewId).toBe(viewId);
      expect(await store.getByView(viewId)).toEqual(first);
      expect(await store.getByView(`V${randomUUID()}`)).toBeUndefined();
      expect(again.map((r) => r.id)).toEqual(Array(5).fill(first.id));
      expect(await store.outbox.of(first.id)).toHaveLength(1);
      expect(await store.events(first.id)).toHaveLength(1);
    });

    it("queues a change's messages with it, and none when the change does not happen", async () => {
      const fresh = newRequest();
      await store.insert(fresh, [{ type: "card" }, { type: "controls" }]);
      const outcome: Outgoing = { type: "outcome", state: "rejected" };
      await store.transition(fresh.id, "pending", "rejected", { actor: "U_LEAD", at: T0 + 5 }, {}, [
        { type: "redraw" },
        outcome,
      ]);
      expect(
        await store.transition(fresh.id, "pending", "approved", { actor: "U_X", at: T0 + 6 }, {}, [
          { type: "redraw" },
        ]),
      ).toBeUndefined();
      const queued = await store.outbox.of(fresh.id);
      expect(queued.map((i) => i.message)).toEqual([
        { type: "card" },
        { type: "controls" },
        { type: "redraw" },
        outcome,
      ]);
      expect(queued.every((i) => i.status === "waiting" && i.attempts === 0)).toBe(true);
      expect(queued[2]).toMatchObject({ dueAt: T0 + 5, createdAt: T0 + 5, ts: null });
    });

    it("offers a request's messages one at a time, oldest first", async () => {
      const fresh = newRequest();
      await store.insert(fresh, [{ type: "card" }, { type: "controls" }, { type: "sent" }]);
      const first = await mine(store, fresh.id);
      expect(first.map((i) => i.message.type)).toEqual(["card"]);
      await store.outbox.sent(first[0]?.id ?? 0, T0, "1.1");
      expect((await mine(store, fresh.id)).map((i) => i.message.type)).toEqual(["controls"]);
    });

    it("holds a claimed message for its lease, and gives it to one claimer only", async () => {
      const fresh = newRequest({ createdAt: T0 });
      await store.insert(fresh, [{ type: "card" }]);
      const other = await open();
      try {
        const at = T0 + 2e9;
        const claims = await Promise.all([
          ...Array.from({ length: 3 }, (_, i) => store.outbox.claim(`a${i}`, at, 60_000, 10_000)),
          ...Array.from({ length: 3 }, (_, i) => other.outbox.claim(`b${i}`, at, 60_000, 10_000)),
        ]);
        const got = claims.flat().filter((i) => i.requestId === fresh.id);
        expect(got).toHaveLength(1);
        const later = await store.outbox.claim("c", at + 59_999, 60_000, 10_000);
        expect(later.filter((i) => i.requestId === fresh.id)).toEqual([]);
        const expired = await other.outbox.claim("d", at + 60_000, 1, 10_000);
        expect(expired.filter((i) => i.requestId === fresh.id)).toHaveLength(1);
      } finally {
        await other.close();
      }
    });

    it("tries a message again when it is due, counting the attempts", async () => {
      const fresh = newRequest();
      await store.insert(fresh, [{ type: "card" }]);
      const [item] = await mine(store, fresh.id);
      if (!item) throw new Error("no card to send");
      await store.outbox.later(item.id, claimClock + 5_000, "rate_limited");
      expect(await mine(store, fresh.id)).toEqual([]);
      claimClock += 5_000;
      const [again] = await mine(store, fresh.id);
      expect(again).toMatchObject({ id: item.id, attempts: 1, lastError: "rate_limited" });
    });

    it("gives a message up for its fallback, which then goes in its place", async () => {
      const fresh = newRequest();
      await store.insert(fresh, [{ type: "card" }, { type: "controls" }]);
      const [card] = await mine(store, fresh.id);
      if (!card) throw new Error("no card to send");
      const dm: Outgoing = { type: "dm", about: "card_refused", reason: "not_in_channel" };
      await store.outbox.failed(card.id, T0 + 7, "not_in_channel", [dm]);
      expect((await mine(store, fresh.id)).map((i) => i.message.type)).toEqual(["controls"]);
      const all = await store.outbox.of(fresh.id);
      expect(all.map((i) => [i.message, i.status])).toEqual([
        [{ type: "card" }, "failed"],
        [{ type: "controls" }, "waiting"],
        [dm, "waiting"],
      ]);
      expect((await store.get(fresh.id))?.cardTs).toBeNull();
    });

    it("changes fields without a move only where the guard holds", async () => {
      const fresh = newRequest();
      await store.insert(fresh);
      const reminded = await store.amend(
        fresh.id,
        { state: "pending", notReminded: true },
        T0 + 10,
        { remindedAt: T0 + 10 },
        [{ type: "reminder" }],
      );
      expect(reminded).toMatchObject({ state: "pending", remindedAt: T0 + 10, updatedAt: T0 + 10 });
      expect(
        await store.amend(fresh.id, { state: "pending", notReminded: true }, T0 + 11, {
          remindedAt: T0 + 11,
        }),
      ).toBeUndefined();
      expect((await store.outbox.of(fresh.id)).map((i) => i.message.type)).toEqual(["reminder"]);
      expect(await store.events(fresh.id)).toHaveLength(1);
    });

    it("lets one owner at a time hold a request's lease", async () => {
      const fresh = newRequest();
      await store.insert(fresh);
      await store.transition(fresh.id, "pending", "approved", { actor: "U_LEAD", at: T0 });
      const creating = await store.transition(
        fresh.id,
        "approved",
        "creating",
        { actor: "bot", at: T0 + 1 },
        {
          lease: { owner: "one", until: T0 + 100 },
          createAttempts: 1,
          firstCreateAt: T0 + 1,
          lastCreateAt: T0 + 1,
        },
      );
      expect(creating).toMatchObject({ createAttempts: 1, firstCreateAt: T0 + 1 });
      const take = (owner: string, at: number) =>
        store.amend(fresh.id, { state: "creating", leaseFreeAt: at }, at, {
          lease: { owner, until: at + 100 },
        });
      expect(await take("two", T0 + 50)).toBeUndefined();
      expect(await take("two", T0 + 100)).toBeDefined();
      expect(
        await store.amend(fresh.id, { state: "creating", leaseOwner: "one" }, T0 + 101, {
          settleAt: T0 + 500,
        }),
      ).toBeUndefined();
      const rescheduled = await store.amend(
        fresh.id,
        { state: "creating", leaseOwner: "two", createAttempts: 1 },
        T0 + 102,
        { settleAt: T0 + 500, lease: null, createAttempts: 2 },
      );
      expect(rescheduled).toMatchObject({ settleAt: T0 + 500, createAttempts: 2 });
    });

    it("finds what is due, and only that", async () => {
      // Far from every other test's requests, so their timers are not due here.
      const base = T0 - 1e10;
      const old = newRequest({ createdAt: base });
      const remindable = newRequest({ createdAt: base + 100 });
      const reminded = newRequest({ createdAt: base + 100 });
      const fresh = newRequest({ createdAt: base + 1_000 });
      const approved = newRequest({ createdAt: base + 1 });
      const creatingFree = newRequest({ createdAt: base + 2 });
      const creatingLeased = newRequest({ createdAt: base + 3 });
      const creatingLater = newRequest({ createdAt: base + 4 });
      for (const r of [
        old,
        remindable,
        reminded,
        fresh,
        approved,
        creatingFree,
        creatingLeased,
        creatingLater,
      ])
        await store.insert(r);
      await store.amend(reminded.id, { state: "pending" }, base + 200, { remindedAt: base + 200 });
      for (const r of [approved, creatingFree, creatingLeased, creatingLater]) {
        await store.transition(r.id, "pending", "approved", { actor: "U", at: base + 5 });
      }
      const now = base + 500;
      await store.transition(
        creatingFree.id,
        "approved",
        "creating",
        { actor: "b", at: base },
        {
          lease: { owner: "x", until: now },
        },
      );
      await store.transition(
        creatingLeased.id,
        "approved",
        "creating",
        { actor: "b", at: base },
        {
          lease: { owner: "x", until: now + 1 },
        },
      );
      await store.transition(
        creatingLater.id,
        "approved",
        "creating",
        { actor: "b", at: base },
        {
          settleAt: now + 1,
        },
      );
      const due = await store.due(
        { now, expireBefore: base + 50, remindBefore: base + 150 },
        1_000,
      );
      const ids = new Set(due.map((r) => r.id));
      expect([old, remindable, approved, creatingFree].every((r) => ids.has(r.id))).toBe(true);
      expect([reminded, fresh, creatingLeased, creatingLater].some((r) => ids.has(r.id))).toBe(
        false,
      );
      expect(
        await store.due({ now, expireBefore: base + 50, remindBefore: base + 150 }, 1),
      ).toHaveLength(1);
    });

    it("releases every lease when the store is not shared", async () => {
      const fresh = newRequest();
      await store.insert(fresh, [{ type: "card" }]);
      const far = T0 + 3e9;
      expect(
        (await store.outbox.claim("gone", far, 1e9, 10_000)).filter(
          (i) => i.requestId === fresh.id,
        ),
      ).toHaveLength(1);
      await store.releaseLeases();
      const after = (await store.outbox.claim("new", far + 1, 1, 10_000)).filter(
        (i) => i.requestId === fresh.id,
      );
      expect(after).toHaveLength(store.shared ? 0 : 1);
    });

    it("remembers when each person last opened their overview, a later moment winning", async () => {
      const early: string = randomUUID();
      const late: string = randomUUID();
      const never: string = randomUUID();
      await store.overviewOpened(early, T0 + 1_000);
      await store.overviewOpened(late, T0 + 1_000);
      await store.overviewOpened(late, T0 + 5_000);
      // Two instances may note opens out of order: the earlier one must not win.
      await store.overviewOpened(late, T0 + 3_000);
      const since = async (at: number) =>
        (await store.overviewOpenedSince(at))
          .filter((u) => [early, late, never].includes(u))
          .sort();
      expect(await since(T0 + 1_000)).toEqual([early, late].sort());
      expect(await since(T0 + 4_000)).toEqual([late]);
      expect(await since(T0 + 5_001)).toEqual([]);
    });

    it("keeps everything across close and reopen", async () => {
      const fresh = newRequest();
      await store.insert(fresh, [{ type: "card" }, { type: "controls" }]);
      await sendAll(store, fresh.id, ["1.1", "1.2"]);
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
