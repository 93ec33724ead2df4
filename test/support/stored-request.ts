import type { StoredRequest } from "../../src/requests/domain.js";

/** A request as the store gives it back, nobody having acted on it yet; a test sets what it needs. */
export function storedRequest(overrides: Partial<StoredRequest> = {}): StoredRequest {
  return {
    id: "r1",
    state: "pending",
    teamId: "T1",
    channelId: "C1",
    requesterId: "UALICE",
    request: {
      accountId: "a",
      name: "ws",
      configuration: { docker: { image: "x:1", command: "ls" } },
    },
    nameChecked: true,
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
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}
