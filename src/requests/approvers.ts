import type { Logger } from "../log.js";

export type ApproverOptions = {
  userIds: readonly string[];
  usergroupId?: string | undefined;
  /** The members of a Slack user group; injected so this module knows nothing of Slack. */
  listGroupMembers: (groupId: string) => Promise<string[]>;
  /** How long a member list answers without asking again; at most a minute. */
  cacheMs?: number;
  /** How old a member list may be and still answer while Slack cannot be asked. */
  staleMs?: number;
  now?: () => number;
  logger: Logger;
};

/** `unknown`: the group could not be read, so nobody can say; the caller refuses and says why. */
export type Approval = boolean | "unknown";

export type ApproverCheck = {
  isApprover(userId: string): Promise<Approval>;
};

export type Approvers = ApproverCheck & {
  /** Everyone known to approve now: the listed users and the group's members, once each. */
  all(): Promise<string[]>;
};

export const MAX_CACHE_MS = 60_000;
const DEFAULT_STALE_MS = 2 * 60_000;

/**
 * Approvers are the listed users plus the members of the user group. Group members are cached
 * briefly so 20 clicks do not make 20 Slack calls, but never long: someone removed from the group
 * must lose the right within a minute. When Slack cannot answer, a list a little older still
 * answers; past that the answer is `unknown` (it fails closed) rather than a list of any age.
 */
export function createApproverCheck(options: ApproverOptions): Approvers {
  const cacheMs = Math.min(options.cacheMs ?? MAX_CACHE_MS, MAX_CACHE_MS);
  const staleMs = Math.max(options.staleMs ?? DEFAULT_STALE_MS, cacheMs);
  const now = options.now ?? Date.now;
  let cached: { members: string[]; at: number } | undefined;
  let inFlight: Promise<string[] | undefined> | undefined;

  const groupMembers = async (groupId: string): Promise<string[] | undefined> => {
    if (cached && now() - cached.at < cacheMs) return cached.members;
    const asked = now();
    inFlight ??= options
      .listGroupMembers(groupId)
      .then((members) => {
        cached = { members, at: asked };
        return members;
      })
      .catch((error: unknown) => {
        options.logger.warn("could not read the approver user group", { groupId, error });
        return cached && now() - cached.at < staleMs ? cached.members : undefined;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };

  return {
    async isApprover(userId) {
      if (options.userIds.includes(userId)) return true;
      if (!options.usergroupId) return false;
      const members = await groupMembers(options.usergroupId);
      return members ? members.includes(userId) : "unknown";
    },
    async all() {
      const members = options.usergroupId ? await groupMembers(options.usergroupId) : [];
      return [...new Set([...options.userIds, ...(members ?? [])])];
    },
  };
}
