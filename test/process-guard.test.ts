import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../src/log.js";
import { guardProcess, PARENT_CHECK_MS } from "../src/process-guard.js";

/** A stand-in for `process`: it records exits and stderr instead of ending the test run. */
function fakeProcess() {
  const proc = new EventEmitter() as EventEmitter & {
    env: Record<string, string>;
    ppid: number;
    exits: number[];
    errText: string;
    stderr: { write(text: string): boolean };
    exit(code: number): void;
  };
  proc.env = {};
  proc.ppid = 4242;
  proc.exits = [];
  proc.errText = "";
  proc.stderr = {
    write: (text: string) => {
      proc.errText += text;
      return true;
    },
  };
  proc.exit = (code: number) => {
    proc.exits.push(code);
  };
  return proc;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the process guard", () => {
  it("logs an unhandled rejection and an uncaught exception instead of ending the process", () => {
    const proc = fakeProcess();
    const guard = guardProcess(proc as unknown as NodeJS.Process);
    proc.emit("uncaughtException", new Error("before the logger exists"));
    expect(proc.errText).toContain("the app runs on: before the logger exists");
    const lines: string[] = [];
    guard.useLogger(createLogger({ write: (l) => lines.push(l) }));
    proc.emit("unhandledRejection", new Error("a listener forgot to catch"));
    proc.emit("uncaughtException", new Error("a library threw in a callback"));
    expect(proc.exits).toEqual([]);
    expect(lines.map((l) => JSON.parse(l))).toMatchObject([
      { level: "error", error: { message: "a listener forgot to catch" } },
      { level: "error", error: { message: "a library threw in a callback" } },
    ]);
  });

  it("reports the first signal, and ends the process when the stop outlasts the grace", async () => {
    vi.useFakeTimers();
    const proc = fakeProcess();
    const guard = guardProcess(proc as unknown as NodeJS.Process);
    guard.setGraceMs(3000);
    expect(guard.stopping()).toBe(false);
    proc.emit("SIGTERM");
    await expect(guard.stopRequested).resolves.toBe("SIGTERM");
    expect(guard.stopping()).toBe(true);
    vi.advanceTimersByTime(2999);
    expect(proc.exits).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(proc.exits).toEqual([1]);
    expect(proc.errText).toContain("STOP_GRACE_SECONDS (3 s)");
  });

  it("counts the grace from the signal even when the settings are read after it", () => {
    vi.useFakeTimers();
    const proc = fakeProcess();
    const guard = guardProcess(proc as unknown as NodeJS.Process);
    proc.emit("SIGINT");
    vi.advanceTimersByTime(1000);
    guard.setGraceMs(2000);
    vi.advanceTimersByTime(999);
    expect(proc.exits).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(proc.exits).toEqual([1]);
  });

  it("ends at once on a second signal", () => {
    const proc = fakeProcess();
    guardProcess(proc as unknown as NodeJS.Process);
    proc.emit("SIGINT");
    expect(proc.exits).toEqual([]);
    proc.emit("SIGINT");
    expect(proc.exits).toEqual([1]);
  });

  it("under npm start, stops when the shell npm ran it in is gone, as npm does not pass SIGTERM on", async () => {
    vi.useFakeTimers();
    const proc = fakeProcess();
    proc.env = { npm_lifecycle_event: "start" };
    const guard = guardProcess(proc as unknown as NodeJS.Process);
    vi.advanceTimersByTime(PARENT_CHECK_MS * 4);
    expect(guard.stopping()).toBe(false);
    proc.ppid = 1;
    vi.advanceTimersByTime(PARENT_CHECK_MS);
    await expect(guard.stopRequested).resolves.toBe("npm stopped");
  });

  it("started any other way, outlives its parent (nohup, a closed terminal)", () => {
    vi.useFakeTimers();
    const proc = fakeProcess();
    const guard = guardProcess(proc as unknown as NodeJS.Process);
    proc.ppid = 1;
    vi.advanceTimersByTime(PARENT_CHECK_MS * 4);
    expect(guard.stopping()).toBe(false);
  });
});
