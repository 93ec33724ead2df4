import type { RequestState, StoredRequest } from "../store/request-store.js";

/**
 * The request lifecycle as data: which moves exist and who may make them. Pure, so every rule is
 * a unit test away; the service applies it through the store's conditional updates.
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

/** The bot itself, as the actor of moves no person made. */
export const BOT_ACTOR = "bot";

export type DecisionRefusal = "not_found" | "not_approver" | "own_request" | "already_decided";

/**
 * Whether `userId` may approve or reject `request` now. Requesters never decide their own request,
 * even when they are approvers: a second pair of eyes is the point of the approval.
 */
export function refusalFor(
  request: StoredRequest | undefined,
  userId: string,
  isApprover: boolean,
): DecisionRefusal | undefined {
  if (!request) return "not_found";
  if (request.state !== "pending") return "already_decided";
  if (!isApprover) return "not_approver";
  if (request.requesterId === userId) return "own_request";
  return undefined;
}
