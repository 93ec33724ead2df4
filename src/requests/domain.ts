import { z } from "zod";
import type { CreateRequest } from "../dataforest/create-request.js";

/**
 * The request as the app knows it: its states, why a create failed, what happened to it, and the
 * messages it owes people. The store persists these and the Slack side renders them; both take
 * their types from here.
 */

export const requestState = z.enum([
  "pending",
  "approved",
  "creating",
  "created",
  "failed",
  "rejected",
  "expired",
  "cancelled",
]);
export type RequestState = z.infer<typeof requestState>;
export const requestStates = requestState.options;

/**
 * Why a create did not succeed, each with one meaning for the requester:
 * - `invalid_parameter`: DataForest refused a value (the field says which); fix and resubmit.
 * - `name_taken`: the name belongs to another workspace; choose another.
 * - `quota_exceeded`: the account's resources are used up; the team lead frees some.
 * - `auth_failed`, `permission_denied`, `call_quota`: the admin's to fix.
 * - `throttled`, `unavailable`, `server_error`: DataForest was busy, out of reach, or had a
 *   problem of its own; try again later.
 * - `not_created`: the outcome was unclear, and looking for it settled that nothing was made.
 * - `rejected`: any other refusal, in DataForest's own words.
 * - `bad_answer`: DataForest answered in a way the app does not understand.
 * - `internal`: something failed on the app's side.
 */
export const failureKind = z.enum([
  "invalid_parameter",
  "name_taken",
  "quota_exceeded",
  "auth_failed",
  "permission_denied",
  "throttled",
  "call_quota",
  "unavailable",
  "server_error",
  "not_created",
  "rejected",
  "bad_answer",
  "internal",
]);
export type FailureKind = z.infer<typeof failureKind>;

/**
 * Why a create's outcome was unclear, which decides what the requester is told if nothing was made:
 * - `server_error`: DataForest answered with a 5xx (other than a gateway timeout): its own problem.
 * - `no_answer`: no answer came in time, the connection broke, or the gateway timed out.
 * - `unreadable_answer`: a 2xx that did not say what it made.
 */
export const unclearCause = z.enum(["server_error", "no_answer", "unreadable_answer"]);
export type UnclearCause = z.infer<typeof unclearCause>;

/** Why a create did not succeed, kept so the thread and the card can explain it later. */
export const failure = z.object({
  kind: failureKind,
  /** The API field the failure is about, when the API named one. */
  field: z.string().optional(),
  /** The refused value, as the API quoted it. */
  value: z.string().optional(),
  /** The API's own words, shown in small type for whoever needs them. */
  apiMessage: z.string().optional(),
  /** The HTTP status of DataForest's answer, when one came: a 5xx is DataForest's own problem. */
  status: z.number().int().optional(),
  /** For `not_created`, and on a request still settling: why the latest create was unclear. */
  cause: unclearCause.optional(),
});
export type Failure = z.infer<typeof failure>;

export type StoredRequest = {
  id: string;
  state: RequestState;
  teamId: string | null;
  channelId: string;
  requesterId: string;
  request: CreateRequest;
  /** Whether checkAvailableName answered "free" at submission; if not, it is asked again before create. */
  nameChecked: boolean;
  /** The form submission that made it: Slack may deliver one submission twice. */
  viewId: string | null;
  /** The channel message that shows the request (the card) and the thread reply with the buttons. */
  cardTs: string | null;
  controlsTs: string | null;
  /** Who approved, rejected or withdrew it, and when. */
  decidedBy: string | null;
  decidedAt: number | null;
  reason: string | null;
  workspaceId: string | null;
  failure: Failure | null;
  /** When the approvers were reminded of it; a request is reminded once. */
  remindedAt: number | null;
  /** How many times create was sent: at most twice, the second only after an unclear first. */
  createAttempts: number;
  /** When the first create was sent: only a workspace made after that can be this request's. */
  firstCreateAt: number | null;
  /** When the latest create was sent: the settle window runs from there. */
  lastCreateAt: number | null;
  /** While an unclear create is settled: when to look for the workspace next. */
  settleAt: number | null;
  createdAt: number;
  updatedAt: number;
};

export type NewRequest = Pick<
  StoredRequest,
  "id" | "teamId" | "channelId" | "requesterId" | "request" | "nameChecked" | "createdAt"
> & { viewId?: string | null };

/** Fields a change may set together with (or without) the state. */
export type RequestPatch = Partial<
  Pick<
    StoredRequest,
    | "decidedBy"
    | "decidedAt"
    | "reason"
    | "workspaceId"
    | "failure"
    | "remindedAt"
    | "createAttempts"
    | "firstCreateAt"
    | "lastCreateAt"
    | "settleAt"
  >
> & {
  /** Who works on the request now (a create or a lookup under way), until when. */
  lease?: { owner: string; until: number } | null;
};

/** The event log: every move, who made it and when. */
export type RequestEvent = {
  requestId: string;
  seq: number;
  from: RequestState | null;
  to: RequestState;
  actor: string;
  at: number;
  note: string | null;
};

/** The bot itself, as the actor of moves no person made. */
export const BOT_ACTOR = "bot";

/**
 * A message a request owes people. It names what to say, not how: it is rendered from the request
 * as stored when it is delivered, so a redraw always shows the latest state.
 */
export const outgoing = z.discriminatedUnion("type", [
  /** The request card in the channel. */
  z.object({ type: z.literal("card") }),
  /** The thread reply that asks the approvers, with the buttons. */
  z.object({ type: z.literal("controls") }),
  /** The form, once the card is in the channel (or could not be posted), says so. */
  z.object({ type: z.literal("sent") }),
  /** The card and the controls, drawn again to show the current state. */
  z.object({ type: z.literal("redraw") }),
  /** What became of the request, in its thread, mentioning the requester. */
  z.object({
    type: z.literal("outcome"),
    state: z.enum(["created", "failed", "rejected", "expired", "cancelled"]),
  }),
  /** The create had no clear answer: the thread says the bot is still looking. */
  z.object({ type: z.literal("checking") }),
  /** The approvers, mentioned again in the thread. */
  z.object({ type: z.literal("reminder") }),
  /** A direct message to the requester when the channel would not take a message. */
  z.object({
    type: z.literal("dm"),
    about: z.enum(["card_refused", "outcome"]),
    /** Slack's reason, for the card; what to do depends on it. */
    reason: z.string().optional(),
  }),
]);
export type Outgoing = z.infer<typeof outgoing>;

/** One outbox entry: a message owed, and how its delivery went so far. */
export type OutboxItem = {
  id: number;
  requestId: string;
  message: Outgoing;
  /** `waiting` until sent, or given up after its fallback was queued. */
  status: "waiting" | "sent" | "failed";
  attempts: number;
  /** Not before this moment (a Retry-After, a backoff). */
  dueAt: number;
  /** The Slack message it posted, once sent. */
  ts: string | null;
  lastError: string | null;
  createdAt: number;
};
