import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/log.js";
import { createApproverCheck } from "../../src/requests/approvers.js";

describe("approvers", () => {
  it("are the listed users and the members of the group, read once per cache period", async () => {
    let calls = 0;
    let clock = 0;
    const check = createApproverCheck({
      userIds: ["ULEAD1"],
      usergroupId: "SLEADS",
      listGroupMembers: async (id) => {
        calls += 1;
        expect(id).toBe("SLEADS");
        return ["UGROUP1"];
      },
      cacheMs: 1000,
      now: () => clock,
      logger: silentLogger,
    });
    expect(await check.isApprover("ULEAD1")).toBe(true);
    const clicks = await Promise.all(Array.from({ length: 20 }, () => check.isApprover("UGROUP1")));
    expect(clicks.every(Boolean)).toBe(true);
    expect(await check.isApprover("UBOB")).toBe(false);
    expect(calls).toBe(1);
    clock = 1001;
    await check.isApprover("UGROUP1");
    expect(calls).toBe(2);
  });

  it("keeps the last known members when Slack cannot answer", async () => {
    let fail = false;
    let clock = 0;
    const check = createApproverCheck({
      userIds: [],
      usergroupId: "SLEADS",
      listGroupMembers: async () => {
        if (fail) throw new Error("ratelimited");
        return ["UGROUP1"];
      },
      cacheMs: 10,
      now: () => clock,
      logger: silentLogger,
    });
    expect(await check.isApprover("UGROUP1")).toBe(true);
    fail = true;
    clock = 100;
    expect(await check.isApprover("UGROUP1")).toBe(true);
  });

  it("without a group, only the listed users approve", async () => {
    const check = createApproverCheck({
      userIds: ["ULEAD1"],
      listGroupMembers: async () => {
        throw new Error("must not be called");
      },
      logger: silentLogger,
    });
    expect(await check.isApprover("ULEAD1")).toBe(true);
    expect(await check.isApprover("UOTHER")).toBe(false);
  });
});
