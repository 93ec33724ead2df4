import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/log.js";
import { createApproverCheck } from "../../src/requests/approvers.js";

/** A user group whose members and availability a test changes as it goes. */
function group(initial: string[]) {
  const state = { members: initial, failing: false, calls: 0 };
  return {
    state,
    listGroupMembers: async (id: string) => {
      state.calls += 1;
      expect(id).toBe("SLEADS");
      if (state.failing) throw new Error("ratelimited");
      return [...state.members];
    },
  };
}

describe("approvers", () => {
  it("are the listed users and the members of the group, read once per cache period", async () => {
    const g = group(["UGROUP1"]);
    let clock = 0;
    const check = createApproverCheck({
      userIds: ["ULEAD1"],
      usergroupId: "SLEADS",
      listGroupMembers: g.listGroupMembers,
      cacheMs: 1000,
      now: () => clock,
      logger: silentLogger,
    });
    expect(await check.isApprover("ULEAD1")).toBe(true);
    const clicks = await Promise.all(Array.from({ length: 20 }, () => check.isApprover("UGROUP1")));
    expect(clicks.every((c) => c === true)).toBe(true);
    expect(await check.isApprover("UBOB")).toBe(false);
    expect(await check.all()).toEqual(["ULEAD1", "UGROUP1"]);
    expect(g.state.calls).toBe(1);
    clock = 1001;
    await check.isApprover("UGROUP1");
    expect(g.state.calls).toBe(2);
  });

  it.each([
    ["whatever cache is asked for", { cacheMs: 60 * 60_000 }],
    ["by default", {}],
  ])("takes a removal from the group into account after 60 s, %s", async (_, cache) => {
    const g = group(["UGROUP1"]);
    let clock = 0;
    const check = createApproverCheck({
      userIds: [],
      usergroupId: "SLEADS",
      listGroupMembers: g.listGroupMembers,
      ...cache,
      now: () => clock,
      logger: silentLogger,
    });
    expect(await check.isApprover("UGROUP1")).toBe(true);
    g.state.members = [];
    clock = 59_999;
    expect(await check.isApprover("UGROUP1")).toBe(true);
    clock = 60_000;
    expect(await check.isApprover("UGROUP1")).toBe(false);
  });

  it("by default, answers from a stale list for 2 minutes while Slack fails, and not a moment more", async () => {
    const g = group(["UGROUP1"]);
    let clock = 0;
    const check = createApproverCheck({
      userIds: [],
      usergroupId: "SLEADS",
      listGroupMembers: g.listGroupMembers,
      now: () => clock,
      logger: silentLogger,
    });
    expect(await check.isApprover("UGROUP1")).toBe(true);
    g.state.failing = true;
    clock = 60_000;
    expect(await check.isApprover("UGROUP1")).toBe(true);
    clock = 119_999;
    expect(await check.isApprover("UGROUP1")).toBe(true);
    clock = 120_000;
    expect(await check.isApprover("UGROUP1")).toBe("unknown");
    expect(g.state.calls).toBe(4);
  });

  it("answers from a list a little older while Slack fails, and never past the stale bound", async () => {
    const g = group(["UGROUP1"]);
    let clock = 0;
    const check = createApproverCheck({
      userIds: [],
      usergroupId: "SLEADS",
      listGroupMembers: g.listGroupMembers,
      cacheMs: 10,
      staleMs: 100,
      now: () => clock,
      logger: silentLogger,
    });
    expect(await check.isApprover("UGROUP1")).toBe(true);
    g.state.failing = true;
    clock = 99;
    expect(await check.isApprover("UGROUP1")).toBe(true);
    clock = 100;
    expect(await check.isApprover("UGROUP1")).toBe("unknown");
    clock = 60 * 60_000;
    expect(await check.isApprover("UGROUP1")).toBe("unknown");
    expect(await check.isApprover("UBOB")).toBe("unknown");
    g.state.failing = false;
    expect(await check.isApprover("UGROUP1")).toBe(true);
  });

  it("cannot say when the very first lookup fails, except for the listed users", async () => {
    const g = group(["UGROUP1"]);
    g.state.failing = true;
    const check = createApproverCheck({
      userIds: ["ULEAD1"],
      usergroupId: "SLEADS",
      listGroupMembers: g.listGroupMembers,
      logger: silentLogger,
    });
    expect(await check.isApprover("UGROUP1")).toBe("unknown");
    expect(await check.isApprover("ULEAD1")).toBe(true);
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
    expect(await check.all()).toEqual(["ULEAD1"]);
  });

  it("lists a user who is both listed and in the group once, and only the listed while the group is unknown", async () => {
    const g = group(["ULEAD1", "UGROUP1"]);
    let clock = 0;
    const check = createApproverCheck({
      userIds: ["ULEAD1"],
      usergroupId: "SLEADS",
      listGroupMembers: g.listGroupMembers,
      now: () => clock,
      logger: silentLogger,
    });
    expect(await check.all()).toEqual(["ULEAD1", "UGROUP1"]);
    g.state.failing = true;
    clock = 60 * 60_000;
    expect(await check.all()).toEqual(["ULEAD1"]);
  });
});
