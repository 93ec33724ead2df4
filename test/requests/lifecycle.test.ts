import { describe, expect, it } from "vitest";
import type { StoredRequest } from "../../src/requests/domain.js";
import {
  canMove,
  refusalFor,
  resubmitRefusalFor,
  withdrawalRefusalFor,
} from "../../src/requests/lifecycle.js";

const request = (over: Partial<StoredRequest> = {}): StoredRequest => ({
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
  ...over,
});

describe("lifecycle", () => {
  it("allows only the documented moves", () => {
    expect(canMove("pending", "approved")).toBe(true);
    expect(canMove("approved", "creating")).toBe(true);
    expect(canMove("creating", "created")).toBe(true);
    expect(canMove("creating", "failed")).toBe(true);
    expect(canMove("pending", "rejected")).toBe(true);
    expect(canMove("pending", "expired")).toBe(true);
    expect(canMove("pending", "cancelled")).toBe(true);
    expect(canMove("pending", "creating")).toBe(false);
    expect(canMove("approved", "created")).toBe(false);
    expect(canMove("rejected", "approved")).toBe(false);
    expect(canMove("failed", "creating")).toBe(false);
  });

  it("lets an approver decide someone else's pending request", () => {
    expect(refusalFor(request(), "ULEAD", true)).toBeUndefined();
  });

  it("refuses a user who is not an approver", () => {
    expect(refusalFor(request(), "UBOB", false)).toBe("not_approver");
  });

  it("refuses requesters their own request, even when they are approvers", () => {
    expect(refusalFor(request(), "UALICE", true)).toBe("own_request");
  });

  it("refuses everyone but the listed approvers when the group could not be read, and says so", () => {
    expect(refusalFor(request(), "ULEAD", "unknown")).toBe("approvers_unknown");
    expect(refusalFor(request(), "UALICE", "unknown")).toBe("own_request");
    expect(refusalFor(request({ state: "rejected" }), "ULEAD", "unknown")).toBe("already_decided");
  });

  it("refuses a request that is already decided, and one that does not exist", () => {
    expect(refusalFor(request({ state: "approved" }), "ULEAD", true)).toBe("already_decided");
    expect(refusalFor(undefined, "ULEAD", true)).toBe("not_found");
  });

  it("lets only the requester withdraw, and only while pending", () => {
    expect(withdrawalRefusalFor(request(), "UALICE")).toBeUndefined();
    expect(withdrawalRefusalFor(request(), "ULEAD")).toBe("not_requester");
    expect(withdrawalRefusalFor(request({ state: "approved" }), "UALICE")).toBe("already_decided");
    expect(withdrawalRefusalFor(undefined, "UALICE")).toBe("not_found");
  });
});

describe("edit and resubmit", () => {
  it("is for the requester only, and only once the request ended without a workspace", () => {
    for (const state of ["failed", "rejected", "expired", "cancelled"] as const) {
      expect(resubmitRefusalFor(request({ state }), "UALICE")).toBeUndefined();
      expect(resubmitRefusalFor(request({ state }), "ULEAD")).toBe("not_requester");
    }
    for (const state of ["pending", "approved", "creating", "created"] as const) {
      expect(resubmitRefusalFor(request({ state }), "UALICE")).toBe("not_ended");
    }
    expect(resubmitRefusalFor(undefined, "UALICE")).toBe("not_found");
  });
});
