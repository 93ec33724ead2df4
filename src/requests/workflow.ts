import { randomUUID } from "node:crypto";
import type { DataForestClient } from "../dataforest/client.js";
import { type CreateRequest, checkCreateRequest } from "../dataforest/create-request.js";
import { DataForestError } from "../dataforest/errors.js";
import type { Logger } from "../log.js";
import type { Guard, RequestStore } from "../store/request-store.js";
import type { ApproverCheck } from "./approvers.js";
import {
  BOT_ACTOR,
  type Failure,
  type OutboxItem,
  type Outgoing,
  type RequestPatch,
  type RequestState,
  type StoredRequest,
  type UnclearCause,
} from "./domain.js";
import {
  canMove,
  type DecisionRefusal,
  type RepostRefusal,
  type ResubmitRefusal,
  refusalFor,
  resubmitRefusalFor,
  type WithdrawalRefusal,
  withdrawalRefusalFor,
} from "./lifecycle.js";
import { type Checked, checkWithLimits, type Limits } from "./limits.js";
import type { Messenger } from "./port.js";
import { secretValues } from "./secrets.js";

/** `not_allowed` carries DataForest's own words about the name, when it gave any. */
export type NameCheck =
  | { state: "free" }
  | { state: "taken" }
  | { state: "unknown" }
  | { state: "not_allowed"; message?: string };

export type Decided =
  | { ok: true; request: StoredRequest }
  | { ok: false; refusal: DecisionRefusal; request: StoredRequest | undefined };

export type Withdrawn =
  | { ok: true; request: StoredRequest }
  | { ok: false; refusal: WithdrawalRefusal; request: StoredRequest | undefined };

export type Reposted =
  | { ok: true; request: StoredRequest }
  | { ok: false; refusal: RepostRefusal; request: StoredRequest | undefined };

export type Timers = {
  /** A pending request expires after this. */
  ttlMs: number;
  /** The approvers are reminded once after this. */
  reminderMs: number;
  /** How long an unclear create is looked for before concluding. */
  settleWindowMs: number;
};

export const DEFAULT_TIMERS: Timers = {
  ttlMs: 72 * 3_600_000,
  reminderMs: 24 * 3_600_000,
  settleWindowMs: 15 * 60_000,
};

export type WorkflowOptions = {
  store: RequestStore;
  /** Absent only in a dry run without keys: then nothing is asked of DataForest at all. */
  dataforest: DataForestClient | undefined;
  approvers: ApproverCheck;
  messenger: Messenger;
  dryRun: boolean;
  /** The operator's bounds; without them only the API's own rules apply. */
  limits?: Limits;
  logger: Logger;
  timers?: Partial<Timers>;
  /** How long a submission may wait for checkAvailableName: Slack wants its ack within 3 s. */
  nameCheckTimeoutMs?: number;
  /** How long one create may take: its lease keeps other instances from settling it meanwhile. */
  createLeaseMs?: number;
  /** How long an instance may hold an outbox message it is sending. */
  deliveryLeaseMs?: number;
  /** Names this instance in leases. */
  instanceId?: string;
  now?: () => number;
  newId?: () => string;
};

export type Workflow = ReturnType<typeof createWorkflow>;

/** A dry run ends as `created` without a workspace id: a real create always answers one. */
export function isDryRunResult(request: StoredRequest): boolean {
  return request.state === "created" && request.workspaceId === null;
}

/** DataForest's clock and ours may differ a little; a workspace older than this margin is not ours. */
const CLOCK_MARGIN_MS = 60_000;
const SETTLE_MIN_DELAY_MS = 5_000;
const SETTLE_MAX_DELAY_MS = 60_000;
/** How many due requests one tick looks at; the rest wait for the next tick. */
const TICK_BATCH = 50;

/** The moment a workspace was created, as DataForest gives it (ISO text, or epoch s or ms). */
function createdAtMs(value: string | number | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "number") return value < 1e12 ? value * 1000 : value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** An answer to create that does not say what happened: the workspace may or may not exist. */
function unclear(error: unknown): error is DataForestError {
  if (!(error instanceof DataForestError)) return false;
  if (error.kind === "outcome_unknown") return true;
  // A 2xx without a usable id: create ran, but what it made is not known.
  const status = error.status ?? 0;
  return error.kind === "bad_answer" && status >= 200 && status <= 299;
}

/**
 * An unclear create as it is kept while settling, and as the failure if nothing turns out made:
 * a 5xx told the bot DataForest had a problem, which the requester hears rather than silence.
 */
function unclearFailure(error: DataForestError): Failure {
  const status = error.status;
  const cause: UnclearCause =
    status === undefined || status === 504
      ? "no_answer"
      : status >= 500
        ? "server_error"
        : status >= 200 && status <= 299
          ? "unreadable_answer"
          : "no_answer";
  return { kind: "not_created", cause, ...(status !== undefined ? { status } : {}) };
}

function failureOf(error: unknown): Failure {
  if (!(error instanceof DataForestError)) return { kind: "internal" };
  const details = {
    ...(error.field !== undefined ? { field: error.field } : {}),
    ...(error.value !== undefined ? { value: error.value } : {}),
    ...(error.apiMessage !== undefined ? { apiMessage: error.apiMessage } : {}),
    ...(error.status !== undefined ? { status: error.status } : {}),
  };
  switch (error.kind) {
    // The gateway's code 400 is the account's call quota: unlike a throttle, it does not pass
    // in a few minutes.
    case "throttled":
      return { kind: error.code === "400" ? "call_quota" : "throttled", ...details };
    case "not_found":
    case "outcome_unknown":
      return { kind: "rejected", ...details };
    default:
      return { kind: error.kind, ...details };
  }
}

/** What the requester is owed when a message cannot reach the channel, in its place. */
function fallbackFor(message: Outgoing, reason: string): Outgoing[] {
  switch (message.type) {
    case "card":
    case "controls":
      return [{ type: "dm", about: "card_refused", reason }];
    case "outcome":
      return [{ type: "dm", about: "outcome" }];
    default:
      return [];
  }
}

/**
 * Every move of a request and what follows from it: submit, approve, reject, cancel, create,
 * settle, expire and remind. Each move is one conditional update in the store, so concurrent clicks
 * and several instances agree on who won, and it queues the messages it owes in the same
 * transaction. Create is sent only by whoever moved the request to `creating`; an unclear create
 * is settled by looking for the workspace, patiently, and sent a second time only when the name is
 * still free after the settle window.
 */
export function createWorkflow(options: WorkflowOptions) {
  const { store, dataforest, approvers, messenger, logger } = options;
  const now = options.now ?? Date.now;
  const newId = options.newId ?? randomUUID;
  const timers = { ...DEFAULT_TIMERS, ...options.timers };
  const nameCheckTimeoutMs = options.nameCheckTimeoutMs ?? 2000;
  const createLeaseMs = options.createLeaseMs ?? 15_000;
  const deliveryLeaseMs = options.deliveryLeaseMs ?? 15_000;
  const instanceId = options.instanceId ?? randomUUID();
  const lease = () => ({ owner: instanceId, until: now() + createLeaseMs });

  /** Every move goes through the lifecycle's table, then one conditional store update. */
  const move = async (
    id: string,
    from: RequestState,
    to: RequestState,
    event: { actor: string; note?: string },
    patch: RequestPatch,
    messages: Outgoing[],
  ) => {
    if (!canMove(from, to)) throw new Error(`A request cannot move from ${from} to ${to}.`);
    const moved = await store.transition(id, from, to, { ...event, at: now() }, patch, messages);
    if (moved && messages.length > 0) messenger.wake();
    return moved;
  };

  const amend = async (
    id: string,
    guard: Guard,
    patch: RequestPatch,
    messages: Outgoing[] = [],
  ) => {
    const changed = await store.amend(id, guard, now(), patch, messages);
    if (changed && messages.length > 0) messenger.wake();
    return changed;
  };

  const checkName = async (accountId: string, name: string): Promise<NameCheck> => {
    if (!dataforest) return { state: "unknown" };
    try {
      const answer = await dataforest.checkAvailableName(accountId, name, {
        timeoutMs: nameCheckTimeoutMs,
      });
      if (answer.available) return { state: "free" };
      return answer.reason === "taken"
        ? { state: "taken" }
        : { state: "not_allowed", ...(answer.message ? { message: answer.message } : {}) };
    } catch (error) {
      logger.warn("could not check the workspace name", { error });
      return { state: "unknown" };
    }
  };

  const ended = { lease: null, settleAt: null } as const;

  const succeed = async (r: StoredRequest, workspaceId: string | null, note?: string) =>
    (await move(
      r.id,
      "creating",
      "created",
      { actor: BOT_ACTOR, ...(note ? { note } : {}) },
      { ...ended, workspaceId, failure: null },
      [{ type: "redraw" }, { type: "outcome", state: "created" }],
    )) ?? r;

  const fail = async (r: StoredRequest, failure: Failure, note?: string) =>
    (await move(
      r.id,
      "creating",
      "failed",
      { actor: BOT_ACTOR, ...(note ? { note } : {}) },
      { ...ended, failure },
      [{ type: "redraw" }, { type: "outcome", state: "failed" }],
    )) ?? r;

  type Lookup =
    | { found: "ours"; id: string }
    | { found: "none"; nameUsed: boolean }
    | { found: "unknown" };

  /**
   * Looks for the workspace this request may have made: one with its name, created after its first
   * create was sent. An older workspace of that name belongs to someone else.
   */
  const lookup = async (r: StoredRequest): Promise<Lookup> => {
    if (!dataforest) return { found: "unknown" };
    try {
      // Names are unique in an account, so the one workspace with this name is ours or not at all.
      const named = await dataforest.findWorkspaceByName(r.request.accountId, r.request.name);
      if (!named) return { found: "none", nameUsed: false };
      const since = (r.firstCreateAt ?? r.updatedAt) - CLOCK_MARGIN_MS;
      return (createdAtMs(named.createdAt) ?? -1) >= since
        ? { found: "ours", id: named.id }
        : { found: "none", nameUsed: true };
    } catch (error) {
      logger.warn("could not look for a workspace whose create had no clear answer", {
        requestId: r.id,
        error,
      });
      return { found: "unknown" };
    }
  };

  /** Looks again later; the first time for a create, the thread hears that the bot is checking. */
  const lookAgainLater = async (r: StoredRequest): Promise<StoredRequest> => {
    const since = now() - (r.lastCreateAt ?? r.updatedAt);
    const delay = Math.min(SETTLE_MAX_DELAY_MS, Math.max(SETTLE_MIN_DELAY_MS, since / 2));
    const first = r.settleAt === null;
    return (
      (await amend(
        r.id,
        { state: "creating", leaseOwner: instanceId },
        // The cause goes with it, so whoever concludes (perhaps after a restart) can tell it.
        { settleAt: now() + delay, lease: null, failure: r.failure },
        first ? [{ type: "checking" }] : [],
      )) ?? r
    );
  };

  /**
   * One step of settling a create whose outcome is unclear; the caller holds the request's lease.
   * Found: created. Not found: look again with backoff until the window after the latest create
   * ends; then, if the name is still free, create once more (never a third time), or conclude.
   */
  const settle = async (r: StoredRequest): Promise<StoredRequest> => {
    const found = await lookup(r);
    if (found.found === "ours")
      return succeed(r, found.id, "found by name after an unclear create");
    const windowEnds = (r.lastCreateAt ?? r.updatedAt) + timers.settleWindowMs;
    if (found.found === "unknown" || now() < windowEnds) return lookAgainLater(r);
    if (found.nameUsed) {
      return fail(r, { kind: "name_taken" }, "the name belongs to an older workspace");
    }
    if (r.createAttempts >= 2) {
      const unclearOne: Failure =
        r.failure?.kind === "not_created" ? r.failure : { kind: "not_created" };
      return fail(r, unclearOne, "not found after the settle window");
    }
    const again = await amend(
      r.id,
      { state: "creating", leaseOwner: instanceId, createAttempts: r.createAttempts },
      {
        createAttempts: r.createAttempts + 1,
        lastCreateAt: now(),
        settleAt: null,
        lease: lease(),
        failure: null,
      },
    );
    return again ? sendCreate(again) : r;
  };

  /** Sends create for a request this instance has just moved to `creating` (or retries, once). */
  const sendCreate = async (r: StoredRequest): Promise<StoredRequest> => {
    // DataForest's errors may quote a refused value, and that may be an environment value.
    const log = logger.child(
      { requestId: r.id, attempt: r.createAttempts },
      secretValues(r.request),
    );
    if (options.dryRun) {
      log.info("dry run: create not sent");
      return succeed(r, null, "dry run");
    }
    if (!dataforest) return fail(r, { kind: "internal" }, "DataForest client missing");
    // The name may have been taken since the request was checked; asking first gives a clear answer.
    if (r.createAttempts === 1) {
      const name = await checkName(r.request.accountId, r.request.name);
      if (name.state === "taken") return fail(r, { kind: "name_taken" });
      if (name.state === "not_allowed") {
        return fail(r, {
          kind: "invalid_parameter",
          field: "name",
          value: r.request.name,
          ...(name.message ? { apiMessage: name.message } : {}),
        });
      }
    }
    try {
      const answer = await dataforest.create(r.request);
      log.info("workspace created", { workspaceId: answer.id });
      return await succeed(r, answer.id);
    } catch (error) {
      if (unclear(error)) {
        log.warn("create had no clear answer; looking for the workspace", { error });
        return settle({ ...r, failure: unclearFailure(error) });
      }
      log.warn("create refused", { error });
      // A second create refused may be refused because the first one did make the workspace.
      if (r.createAttempts > 1) {
        const found = await lookup(r);
        if (found.found === "ours") return succeed(r, found.id, "found after a refused retry");
      }
      return fail(r, failureOf(error));
    }
  };

  /** Runs create for an approved request, exactly once whoever calls it and however often. */
  const create = async (r: StoredRequest): Promise<StoredRequest | undefined> => {
    const at = now();
    const creating = await move(
      r.id,
      "approved",
      "creating",
      { actor: BOT_ACTOR },
      { lease: lease(), createAttempts: 1, firstCreateAt: at, lastCreateAt: at, settleAt: null },
      [],
    );
    return creating ? sendCreate(creating) : undefined;
  };

  /** Whether `userId` may approve or reject the request now, and if not, why. */
  const mayDecide = async (id: string, userId: string): Promise<Decided> => {
    const request = await store.get(id);
    const refusal = refusalFor(request, userId, await approvers.isApprover(userId));
    if (refusal || !request) return { ok: false, refusal: refusal ?? "not_found", request };
    return { ok: true, request };
  };

  const decide = async (
    id: string,
    userId: string,
    to: "approved" | "rejected",
    reason?: string,
  ): Promise<Decided> => {
    const allowed = await mayDecide(id, userId);
    if (!allowed.ok) return allowed;
    const at = now();
    const decided = await move(
      id,
      "pending",
      to,
      { actor: userId, ...(reason ? { note: reason } : {}) },
      {
        decidedBy: userId,
        decidedAt: at,
        ...(to === "rejected" ? { reason: reason ?? null } : {}),
      },
      to === "rejected"
        ? [{ type: "redraw" }, { type: "outcome", state: "rejected" }]
        : [{ type: "redraw" }],
    );
    // Someone else's click won the conditional update between our read and our write.
    if (!decided) return { ok: false, refusal: "already_decided", request: await store.get(id) };
    return { ok: true, request: decided };
  };

  const expire = (r: StoredRequest) =>
    move(r.id, "pending", "expired", { actor: BOT_ACTOR, note: "nobody decided in time" }, {}, [
      { type: "redraw" },
      { type: "outcome", state: "expired" },
    ]);

  const remind = (r: StoredRequest) =>
    amend(r.id, { state: "pending", notReminded: true }, { remindedAt: now() }, [
      { type: "reminder" },
    ]);

  /** Settles a request left `creating` that nobody works on now, if this instance gets its lease. */
  const settleAbandoned = async (r: StoredRequest) => {
    const claimed = await amend(
      r.id,
      { state: "creating", leaseFreeAt: now() },
      { lease: lease() },
    );
    if (claimed) await settle(claimed);
  };

  let ticking: Promise<void> | undefined;
  /** Everything that falls due with time: expiry, reminders, creates and lookups left unfinished. */
  const tickOnce = async () => {
    const at = now();
    const due = await store.due(
      { now: at, expireBefore: at - timers.ttlMs, remindBefore: at - timers.reminderMs },
      TICK_BATCH,
    );
    for (const r of due) {
      try {
        if (r.state === "pending") {
          if (r.createdAt <= at - timers.ttlMs) await expire(r);
          else await remind(r);
        } else if (r.state === "approved") await create(r);
        else if (r.state === "creating") await settleAbandoned(r);
      } catch (error) {
        logger.error("could not move a request on", { requestId: r.id, error });
      }
    }
  };

  return {
    instanceId,

    /** The API's rules and the operator's bounds, every problem at once. */
    check(input: unknown): Checked {
      return options.limits ? checkWithLimits(input, options.limits) : checkCreateRequest(input);
    },

    /**
     * The requests a person still has waiting, when they already have as many as one person may:
     * a new one is then refused. Undefined when there is room.
     */
    async pendingOverLimit(requesterId: string): Promise<StoredRequest[] | undefined> {
      if (!options.limits) return undefined;
      const waiting = await store.pendingOf(requesterId);
      return waiting.length >= options.limits.maxPendingPerUser ? waiting : undefined;
    },

    checkName,

    /**
     * Stores a request and queues its card, its controls and the form's "sent". The same form
     * submission delivered twice is one request: the second answers the first, `duplicate`. When
     * the requester already has as many pending as one person may, nothing is stored and those
     * are answered (`waiting`), however many submissions arrive at once.
     */
    async submit(input: {
      teamId: string | null;
      channelId: string;
      requesterId: string;
      request: CreateRequest;
      nameChecked: boolean;
      viewId?: string | null;
    }): Promise<{ request: StoredRequest; duplicate: boolean } | { waiting: StoredRequest[] }> {
      const id = newId();
      const messages: Outgoing[] = [{ type: "card" }, { type: "controls" }, { type: "sent" }];
      const inserted = await store.insertWithin(
        { id, createdAt: now(), ...input },
        messages,
        options.limits?.maxPendingPerUser ?? Number.POSITIVE_INFINITY,
      );
      if ("waiting" in inserted) return inserted;
      const duplicate = inserted.stored.id !== id;
      if (!duplicate) messenger.wake();
      return { request: inserted.stored, duplicate };
    },

    get: (id: string) => store.get(id),

    /** The request a form submission already made: Slack may deliver a submission again. */
    submitted: (viewId: string) => store.getByView(viewId),

    mayDecide,

    /** Whether `userId` may open Edit and resubmit on the request, and if not, why. */
    async mayResubmit(
      id: string,
      userId: string,
    ): Promise<
      | { ok: true; request: StoredRequest }
      | { ok: false; refusal: ResubmitRefusal; request: StoredRequest | undefined }
    > {
      const request = await store.get(id);
      const refusal = resubmitRefusalFor(request, userId);
      if (refusal || !request) return { ok: false, refusal: refusal ?? "not_found", request };
      return { ok: true, request };
    },

    /** Records the approval, then runs create; answers once the outcome is recorded. */
    async approve(id: string, userId: string): Promise<Decided> {
      const decided = await decide(id, userId, "approved");
      if (!decided.ok) return decided;
      return { ok: true, request: (await create(decided.request)) ?? decided.request };
    },

    reject: (id: string, userId: string, reason: string | undefined) =>
      decide(id, userId, "rejected", reason),

    /** The requester withdraws a pending request. */
    async cancel(id: string, userId: string): Promise<Withdrawn> {
      const request = await store.get(id);
      const refusal = withdrawalRefusalFor(request, userId);
      if (refusal) return { ok: false, refusal, request };
      const at = now();
      const withdrawn = await move(
        id,
        "pending",
        "cancelled",
        { actor: userId, note: "withdrawn by the requester" },
        { decidedBy: userId, decidedAt: at },
        [{ type: "redraw" }, { type: "outcome", state: "cancelled" }],
      );
      if (!withdrawn)
        return { ok: false, refusal: "already_decided", request: await store.get(id) };
      return { ok: true, request: withdrawn };
    },

    /** The requester asks for a card Slack refused to be posted again (say, once the bot is invited). */
    async repost(id: string, userId: string): Promise<Reposted> {
      const request = await store.get(id);
      const refusal = withdrawalRefusalFor(request, userId);
      if (refusal) return { ok: false, refusal, request };
      const again = await amend(id, { state: "pending", noCard: true }, {}, [
        { type: "card" },
        { type: "controls" },
      ]);
      if (again) return { ok: true, request: again };
      const latest = await store.get(id);
      // A second click, or the card went up meanwhile: it is where the team leads can see it.
      const posted = latest?.state === "pending" && latest.cardTs !== null;
      return { ok: false, refusal: posted ? "already_posted" : "already_decided", request: latest };
    },

    create,

    /** Runs what is due now; one tick at a time per instance, and conditional updates across them. */
    tick(): Promise<void> {
      ticking ??= tickOnce().finally(() => {
        ticking = undefined;
      });
      return ticking;
    },

    /** At start: alone on its store, this instance takes over work a crashed run left leased. */
    async resume(): Promise<void> {
      if (!store.shared) await store.releaseLeases();
    },

    /** What the messenger works through: the outbox, with the request each message is about. */
    delivery: {
      async claim(limit: number): Promise<{ item: OutboxItem; request: StoredRequest }[]> {
        const items = await store.outbox.claim(instanceId, now(), deliveryLeaseMs, limit);
        if (items.length === 0) return [];
        // One read for the batch: on PostgreSQL each read is a round trip.
        const requests = new Map(
          (await store.getMany([...new Set(items.map((i) => i.requestId))])).map((r) => [r.id, r]),
        );
        return items.flatMap((item) => {
          const request = requests.get(item.requestId);
          return request ? [{ item, request }] : [];
        });
      },
      sent: (item: OutboxItem, ts: string | null) => store.outbox.sent(item.id, now(), ts),
      later: (item: OutboxItem, delayMs: number, error: string) =>
        store.outbox.later(item.id, now() + delayMs, error),
      /** It will never reach the channel: the requester is told in its place, when it matters. */
      async undeliverable(item: OutboxItem, error: string): Promise<void> {
        const fallback = fallbackFor(item.message, error);
        logger.warn("a message could not be delivered", {
          requestId: item.requestId,
          message: item.message.type,
          error,
          fallback: fallback.map((m) => m.type),
        });
        await store.outbox.failed(item.id, now(), error, fallback);
        if (fallback.length > 0) messenger.wake();
      },
      of: (requestId: string) => store.outbox.of(requestId),
    },
  };
}
