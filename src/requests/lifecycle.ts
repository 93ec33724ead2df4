import type { Approval } from "./approvers.js";
import type { RequestState, StoredRequest } from "./domain.js";

/**
 * The request lifecycle as data: which moves exist and who may make them. Pure, so every rule is
 * a unit test away; the workflow applies it through the store's conditional updates.
 */

export const moves: Readonly<Record<RequestState, readonly RequestState[]>> = {
  pending: ["approved", "rejected", "expired", "cancelled"],
  approved: ["creating"],
  creating: ["created", "failed"],
  created: [],
  failed: [],
  rejected: [],
  expired: [],
  cancelled: [],
};

export function canMove(from: RequestState, to: RequestState): boolean {
  return moves[from].includes(to);
}

export type DecisionRefusal =
  | "not_found"
  | "not_approver"
  | "own_request"
  | "already_decided"
  | "approvers_unknown";
export type WithdrawalRefusal = "not_found" | "not_requester" | "already_decided";
/** Post the card again, when it is in the channel already. */
export type RepostRefusal = WithdrawalRefusal | "already_posted";
export type Refusal = DecisionRefusal | RepostRefusal;

/**
 * Whether `userId` may approve or reject `request` now. Requesters never decide their own request,
 * even when they are approvers: a second pair of eyes is the point of the approval. When the
 * approver group could not be read, nobody outside the listed approvers decides, and they are told
 * why rather than that they are not approvers.
 */
export function refusalFor(
  request: StoredRequest | undefined,
  userId: string,
  isApprover: Approval,
): DecisionRefusal | undefined {
  if (!request) return "not_found";
  if (request.state !== "pending") return "already_decided";
  if (request.requesterId === userId && isApprover !== false) return "own_request";
  if (isApprover === "unknown") return "approvers_unknown";
  if (!isApprover) return "not_approver";
  return undefined;
}

export type ResubmitRefusal = "not_found" | "not_requester" | "not_ended";

/** The states in which a request ended without making a workspace: only those can be sent again. */
const endedWithoutWorkspace: readonly RequestState[] = [
  "failed",
  "rejected",
  "expired",
  "cancelled",
];

/**
 * Whether `userId` may open Edit and resubmit on `request`. Only the requester: the form comes back
 * filled with their settings, environment values included, which nobody else may see; an approver
 * who wants a change says so in the thread instead. And only once the request has ended without a
 * workspace: a pending one is still being decided, a created one already did its job.
 */
export function resubmitRefusalFor(
  request: StoredRequest | undefined,
  userId: string,
): ResubmitRefusal | undefined {
  if (!request) return "not_found";
  if (request.requesterId !== userId) return "not_requester";
  if (!endedWithoutWorkspace.includes(request.state)) return "not_ended";
  return undefined;
}

/** Only the requester may withdraw a request (or have its card posted again), and only while pending. */
export function withdrawalRefusalFor(
  request: StoredRequest | undefined,
  userId: string,
): WithdrawalRefusal | undefined {
  if (!request) return "not_found";
  if (request.requesterId !== userId) return "not_requester";
  if (request.state !== "pending") return "already_decided";
  return undefined;
}
