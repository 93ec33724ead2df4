import type { Logger } from "../log.js";

export type ApproverOptions = {
  userIds: readonly string[];
  usergroupId?: string | undefined;
  /** The members of a Slack user group; injected so this module knows nothing of Slack. */
  listGroupMembers: (groupId: string) => Promise<string[]>;
  cacheMs?: number;
  now?: () => number;
  logger: Logger;
};

export type ApproverCheck = {
  isApprover(userId: string): Promise<boolean>;
};

/**
 * Approvers are the listed users plus the members of the user group. Group members are cached for a
 * few minutes so 20 clicks do not make 20 Slack calls; when Slack cannot answer, the last known
 * members are kept rather than locking every group member out.
 */
export function createApproverCheck(options: ApproverOptions): ApproverCheck {
  const cacheMs = options.cacheMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let cached: { members: string[]; at: number } | undefined;
  let inFlight: Promise<string[]> | undefined;

  const groupMembers = async (): Promise<string[]> => {
    const groupId = options.usergroupId;
    if (!groupId) return [];
    if (cached && now() - cached.at < cacheMs) return cached.members;
    inFlight ??= options
      .listGroupMembers(groupId)
      .then((members) => {
        cached = { members, at: now() };
        return members;
      })
      .catch((error: unknown) => {
        options.logger.warn("could not read the approver user group", { groupId, error });
        return cached?.members ?? [];
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };

  return {
    async isApprover(userId) {
      return options.userIds.includes(userId) || (await groupMembers()).includes(userId);
    },
  };
}
