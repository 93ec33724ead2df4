import { randomUUID } from "node:crypto";
import type { DataForestClient } from "../dataforest/client.js";
import {
  type CheckResult,
  type CreateRequest,
  checkCreateRequest,
} from "../dataforest/create-request.js";
import { DataForestError } from "../dataforest/errors.js";
import type { Logger } from "../log.js";
import type { Failure, RequestStore, StoredRequest } from "../store/request-store.js";
import type { ApproverCheck } from "./approvers.js";
import {
  BOT_ACTOR,
  canMove,
  type DecisionRefusal,
  type ResubmitRefusal,
  refusalFor,
  resubmitRefusalFor,
} from "./lifecycle.js";
import { checkWithLimits, type Limits } from "./limits.js";
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

export type RequestServiceOptions = {
  store: RequestStore;
  /** Absent only in a dry run without keys: then nothing is asked of DataForest at all. */
  dataforest: DataForestClient | undefined;
  approvers: ApproverCheck;
  dryRun: boolean;
  /** The operator's bounds; without them only the API's own rules apply. */
  limits?: Limits;
  logger: Logger;
  /** How long a submission may wait for checkAvailableName: Slack wants its ack within 3 s. */
  nameCheckTimeoutMs?: number;
  /**
   * How long a request must have sat unannounced, `approved` or `creating` before recovery touches
   * it, so a sweep never races work that this or another instance is doing right now.
   */
  recoverAfterMs?: number;
  now?: () => number;
  newId?: () => string;
};

export type RequestService = ReturnType<typeof createRequestService>;

/** A dry run ends as `created` without a workspace id: a real create always answers one. */
export function isDryRunResult(request: StoredRequest): boolean {
  return request.state === "created" && request.workspaceId === null;
}

/**
 * Runs requests through their lifecycle. Every state change is one conditional update in the store,
 * so concurrent clicks and several instances agree on who won; create is sent only by whoever moved
 * the request from `approved` to `creating`, and never sent twice.
 */
export function createRequestService(options: RequestServiceOptions) {
  const { store, dataforest, approvers, logger } = options;
  const now = options.now ?? Date.now;
  const newId = options.newId ?? randomUUID;
  const nameCheckTimeoutMs = options.nameCheckTimeoutMs ?? 2000;
  const recoverAfterMs = options.recoverAfterMs ?? 120_000;

  /** Every state change goes through the lifecycle's table, then one conditional store update. */
  const move: RequestStore["transition"] = (id, from, to, event, patch) => {
    if (!canMove(from, to)) throw new Error(`A request cannot move from ${from} to ${to}.`);
    return store.transition(id, from, to, event, patch);
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

  const fail = (request: StoredRequest, failure: Failure) =>
    move(request.id, "creating", "failed", { actor: BOT_ACTOR, at: now() }, { failure });

  const created = (request: StoredRequest, workspaceId: string | null, note?: string) =>
    move(request.id, "creating", "created", { actor: BOT_ACTOR, at: now(), note }, { workspaceId });

  const failureOf = (error: unknown): Failure => {
    if (error instanceof DataForestError) {
      return {
        // The gateway's code 400 is the account's call quota: unlike a throttle, it does not pass
        // in a few minutes.
        kind: error.kind === "throttled" && error.code === "400" ? "call_quota" : error.kind,
        field: error.field,
        value: error.value,
        apiMessage: error.apiMessage,
        status: error.status,
      };
    }
    return { kind: "internal" };
  };

  /**
   * Settles a request whose create may or may not have happened: the name decides. Answers
   * undefined when DataForest cannot be asked now; the request then stays `creating` for a later try.
   */
  const settleByName = async (
    request: StoredRequest,
    status?: number,
  ): Promise<StoredRequest | undefined> => {
    if (!dataforest) return fail(request, { kind: "outcome_unknown" });
    try {
      const found = await dataforest.findWorkspaceByName(
        request.request.accountId,
        request.request.name,
      );
      if (found) return created(request, found.id, "found by name after an unknown outcome");
      return fail(request, { kind: "not_created", ...(status === undefined ? {} : { status }) });
    } catch (error) {
      logger.warn("could not look up a workspace whose create had no clear answer", {
        requestId: request.id,
        error,
      });
      return undefined;
    }
  };

  /** Sends create for a request this caller has just moved to `creating`. */
  const sendCreate = async (request: StoredRequest): Promise<StoredRequest> => {
    // DataForest's errors may quote a refused value, and that may be an environment value.
    const log = logger.child({ requestId: request.id }, secretValues(request.request));
    if (options.dryRun) {
      log.info("dry run: create not sent");
      return (await created(request, null, "dry run")) ?? request;
    }
    if (!dataforest) throw new Error("DataForest client missing outside a dry run");
    // The name may have been taken since the request was checked; asking first gives a clear answer.
    const name = await checkName(request.request.accountId, request.request.name);
    if (name.state === "taken") return (await fail(request, { kind: "name_taken" })) ?? request;
    if (name.state === "not_allowed") {
      const refused: Failure = {
        kind: "invalid_parameter",
        field: "name",
        value: request.request.name,
        ...(name.message ? { apiMessage: name.message } : {}),
      };
      return (await fail(request, refused)) ?? request;
    }
    try {
      const answer = await dataforest.create(request.request);
      log.info("workspace created", { workspaceId: answer.id });
      return (await created(request, answer.id)) ?? request;
    } catch (error) {
      if (error instanceof DataForestError && error.kind === "outcome_unknown") {
        log.warn("create had no clear answer; looking the name up", { error });
        return (await settleByName(request, error.status)) ?? request;
      }
      log.warn("create refused", { error });
      return (await fail(request, failureOf(error))) ?? request;
    }
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
      { actor: userId, at, note: reason },
      {
        decidedBy: userId,
        decidedAt: at,
        ...(to === "rejected" ? { reason: reason ?? null } : {}),
      },
    );
    // Someone else's click won the conditional update between our read and our write.
    if (!decided) return { ok: false, refusal: "already_decided", request: await store.get(id) };
    return { ok: true, request: decided };
  };

  return {
    check(input: unknown): CheckResult {
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

    async submit(input: {
      teamId: string | null;
      channelId: string;
      requesterId: string;
      request: CreateRequest;
      nameChecked: boolean;
    }): Promise<StoredRequest> {
      return store.insert({ id: newId(), createdAt: now(), ...input });
    },

    get: (id: string) => store.get(id),

    setMessages: (id: string, messages: { cardTs: string; controlsTs: string }) =>
      store.setMessages(id, messages),

    /** Withdraws a request nobody could see, say because its channel refused the card. */
    cancel: (id: string, note: string) =>
      move(id, "pending", "cancelled", { actor: BOT_ACTOR, at: now(), note }),

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

    /** Records the approval; the caller then runs `create`, after telling people it is under way. */
    approve: (id: string, userId: string) => decide(id, userId, "approved"),

    reject: (id: string, userId: string, reason: string | undefined) =>
      decide(id, userId, "rejected", reason),

    /** Runs create for an approved request, exactly once whoever calls it and however often. */
    async create(request: StoredRequest): Promise<StoredRequest | undefined> {
      const creating = await move(request.id, "approved", "creating", {
        actor: BOT_ACTOR,
        at: now(),
      });
      return creating ? sendCreate(creating) : undefined;
    },

    /**
     * After a crash or an unknown outcome: requests still `approved` never reached DataForest, so
     * create is sent for them; requests `creating` may have, so the name decides. Answers the
     * requests it settled, for the caller to announce.
     */
    async recover(): Promise<StoredRequest[]> {
      const settled: StoredRequest[] = [];
      const stuck = await store.listByState(["approved", "creating"]);
      for (const request of stuck.filter((r) => now() - r.updatedAt >= recoverAfterMs)) {
        const result =
          request.state === "approved" ? await this.create(request) : await settleByName(request);
        if (result && result.state !== "creating") settled.push(result);
      }
      return settled;
    },

    /** Pending requests whose card was never posted (the app stopped right after storing them). */
    async unannounced(): Promise<StoredRequest[]> {
      return (await store.listByState(["pending"])).filter(
        (r) => r.cardTs === null && now() - r.createdAt >= recoverAfterMs,
      );
    },
  };
}
