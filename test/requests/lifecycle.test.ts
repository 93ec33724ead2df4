import { describe, expect, it } from "vitest";
import {
  canMove,
  refusalFor,
  resubmitRefusalFor,
  withdrawalRefusalFor,
} from "../../src/requests/lifecycle.js";
import { storedRequest } from "../support/stored-request.js";

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
    expect(refusalFor(storedRequest(), "ULEAD", true)).toBeUndefined();
  });

  it("refuses a user who is not an approver", () => {
    expect(refusalFor(storedRequest(), "UBOB", false)).toBe("not_approver");
  });

  it("refuses requesters their own request, even when they are approvers", () => {
    expect(refusalFor(storedRequest(), "UALICE", true)).toBe("own_request");
  });

  it("refuses everyone but the listed approvers when the group could not be read, and says so", () => {
    expect(refusalFor(storedRequest(), "ULEAD", "unknown")).toBe("approvers_unknown");
    expect(refusalFor(storedRequest(), "UALICE", "unknown")).toBe("own_request");
    expect(refusalFor(storedRequest({ state: "rejected" }), "ULEAD", "unknown")).toBe(
      "already_decided",
    );
  });

  it("refuses a request that is already decided, and one that does not exist", () => {
    expect(refusalFor(storedRequest({ state: "approved" }), "ULEAD", true)).toBe("already_decided");
    expect(refusalFor(undefined, "ULEAD", true)).toBe("not_found");
  });

  it("lets only the requester withdraw, and only while pending", () => {
    expect(withdrawalRefusalFor(storedRequest(), "UALICE")).toBeUndefined();
    expect(withdrawalRefusalFor(storedRequest(), "ULEAD")).toBe("not_requester");
    expect(withdrawalRefusalFor(storedRequest({ state: "approved" }), "UALICE")).toBe(
      "already_decided",
    );
    expect(withdrawalRefusalFor(undefined, "UALICE")).toBe("not_found");
  });
});

describe("edit and resubmit", () => {
  it("is for the requester only, and only once the request ended without a workspace", () => {
    for (const state of ["failed", "rejected", "expired", "cancelled"] as const) {
      expect(resubmitRefusalFor(storedRequest({ state }), "UALICE")).toBeUndefined();
      expect(resubmitRefusalFor(storedRequest({ state }), "ULEAD")).toBe("not_requester");
    }
    for (const state of ["pending", "approved", "creating", "created"] as const) {
      expect(resubmitRefusalFor(storedRequest({ state }), "UALICE")).toBe("not_ended");
    }
    expect(resubmitRefusalFor(undefined, "UALICE")).toBe("not_found");
  });
});
