import { describe, expect, it } from "vitest";
import { retryDelayMs, withRetries } from "../../src/dataforest/retry.js";

const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };

/** A clock that only moves when the code under test sleeps. */
function fakeTime() {
  let t = 0;
  const slept: number[] = [];
  return {
    now: () => t,
    slept,
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
    },
  };
}

function failing(times: number, error: unknown = new Error("busy")) {
  let calls = 0;
  return {
    run: async (attempt: number) => {
      calls++;
      if (attempt <= times) throw error;
      return `ok after ${attempt}`;
    },
    calls: () => calls,
  };
}

const always = () => ({ retry: true });

describe("retryDelayMs", () => {
  it("draws from 0 up to an exponential ceiling (full jitter)", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, () => 0.5))).toEqual([
      50, 100, 200, 400,
    ]);
    expect(retryDelayMs(3, policy, () => 0)).toBe(0);
    expect(retryDelayMs(10, policy, () => 0.999)).toBe(999);
  });

  it("honours Retry-After up to the cap", () => {
    expect(retryDelayMs(1, policy, () => 0.5, 700)).toBe(700);
    expect(retryDelayMs(1, policy, () => 0.5, 60_000)).toBe(1000);
  });
});

describe("withRetries", () => {
  it("retries until it succeeds, waiting the jittered backoff", async () => {
    const time = fakeTime();
    const op = failing(2);
    const result = await withRetries(op.run, {
      policy,
      deadline: 10_000,
      decide: always,
      random: () => 0.5,
      ...time,
    });
    expect(result).toBe("ok after 3");
    expect(time.slept).toEqual([50, 100]);
  });

  it("stops after the last attempt and throws the last error", async () => {
    const time = fakeTime();
    const op = failing(10);
    await expect(
      withRetries(op.run, { policy, deadline: 10_000, decide: always, random: () => 1, ...time }),
    ).rejects.toThrow("busy");
    expect(op.calls()).toBe(4);
    expect(time.slept).toEqual([100, 200, 400]);
  });

  it("does not retry what the decision refuses", async () => {
    const time = fakeTime();
    const op = failing(1);
    await expect(
      withRetries(op.run, { policy, deadline: 10_000, decide: () => ({ retry: false }), ...time }),
    ).rejects.toThrow("busy");
    expect(op.calls()).toBe(1);
    expect(time.slept).toEqual([]);
  });

  it("waits what Retry-After asks", async () => {
    const time = fakeTime();
    const op = failing(1);
    await withRetries(op.run, {
      policy,
      deadline: 10_000,
      decide: () => ({ retry: true, retryAfterMs: 750 }),
      ...time,
    });
    expect(time.slept).toEqual([750]);
  });

  it("gives up rather than wait past the deadline", async () => {
    const time = fakeTime();
    const op = failing(10);
    await expect(
      withRetries(op.run, {
        policy: { attempts: 10, baseDelayMs: 100, maxDelayMs: 1000 },
        deadline: 250,
        decide: always,
        random: () => 1,
        ...time,
      }),
    ).rejects.toThrow("busy");
    // 100 then 200 would end at 300, past 250: two attempts, one wait.
    expect(op.calls()).toBe(2);
    expect(time.slept).toEqual([100]);
  });
});
