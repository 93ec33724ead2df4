import type { RequestStore } from "../store/request-store.js";
import type { Approvers } from "./approvers.js";
import type { StoredRequest } from "./domain.js";

export type { RequestState, StoredRequest } from "./domain.js";

/** What one person is shown of the requests: their own, and, for approvers, what waits for them. */
export type Overview = {
  /** The person's own requests, newest first. */
  mine: StoredRequest[];
  /**
   * Absent for someone who may not approve. The oldest first (whoever waited longest comes first),
   * as many as asked for, and how many wait in all.
   */
  waiting: { oldest: StoredRequest[]; total: number } | undefined;
};

export type RequestQueries = ReturnType<typeof createRequestQueries>;

/**
 * Someone who opened their overview this recently may still be looking at it, so a change is
 * redrawn for them. Nobody else's is: it is drawn afresh whenever they open it, and drawing it for
 * people who never look would cost a Slack call per approver for every message the app delivers.
 */
export const LOOKING_MS = 30 * 60_000;

/**
 * Read-only views of the requests, for App Home and `/aiworkspace list`. Nothing here changes a
 * request, so nothing here needs the lifecycle's checks.
 */
export function createRequestQueries(deps: {
  store: RequestStore;
  approvers: Approvers;
  now?: () => number;
}) {
  const { store, approvers } = deps;
  const now = deps.now ?? Date.now;

  const recentOf = (requesterId: string, limit: number) =>
    store.listByRequester(requesterId, limit);

  return {
    recentOf,

    async overview(userId: string, limits: { mine: number; waiting: number }): Promise<Overview> {
      const [mine, isApprover] = await Promise.all([
        recentOf(userId, limits.mine),
        approvers.isApprover(userId),
      ]);
      // When the approver group cannot be read, nobody is shown buttons they may not be allowed.
      if (isApprover !== true) return { mine, waiting: undefined };
      // Nobody decides their own request, so it never waits for them; a request whose card is not
      // in its channel yet has no thread for the outcome, so it waits for its card first.
      return { mine, waiting: await store.waitingFor(userId, limits.waiting) };
    },

    /** `userId` opened their overview just now. */
    async opened(userId: string): Promise<void> {
      await store.overviewOpened(userId, now());
    },

    /**
     * Whose overview shows this request (its requester and every approver) and may be looked at
     * now (see LOOKING_MS). Nobody looking, nobody is asked for: not even the approver group.
     */
    async watching(request: StoredRequest): Promise<string[]> {
      const looking = new Set(await store.overviewOpenedSince(now() - LOOKING_MS));
      if (looking.size === 0) return [];
      const concerned = new Set([request.requesterId, ...(await approvers.all())]);
      return [...looking].filter((userId) => concerned.has(userId));
    },
  };
}
