import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { get } from "node:http";
import { createServer } from "node:net";
import { join } from "node:path";

/** A server under test, in a process of its own so its memory and CPU are its own. */
export type Service = {
  name: string;
  url: string;
  pid: number;
  /** From spawn to the first 200 from /healthz. */
  readyMs: number;
  rssMiB(): number;
  /** CPU time (user + system) used so far; NaN where /proc is missing. */
  cpuMs(): number;
  stop(): Promise<void>;
};

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const SHOWN_OUTPUT_LINES = 40;
let started = 0;

const running = new Set<ChildProcess>();
// Whatever ends the bench, no server it started outlives it.
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Starts `node <args>` and waits until its /healthz answers 200. */
export async function startService(options: {
  name: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
}): Promise<Service> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Output goes to a file: a pipe the bench is too busy to drain would stall the server's logging.
  const logFile = join(options.cwd, `${options.name.replace(/\W+/g, "-")}-${started++}.log`);
  const out = openSync(logFile, "a");
  const begun = performance.now();
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? "", ...options.env, PORT: String(port) },
    stdio: ["ignore", out, out],
  });
  closeSync(out);
  running.add(child);
  const output = () =>
    readFileSync(logFile, "utf8").split("\n").slice(-SHOWN_OUTPUT_LINES).join("\n");
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  exited.then(() => running.delete(child));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  let readyMs: number | undefined;
  let gone = false;
  exited.then(() => {
    gone = true;
  });
  while (readyMs === undefined) {
    if (gone || performance.now() - begun > READY_TIMEOUT_MS) {
      await stop();
      throw new Error(
        `${options.name} did not become ready${gone ? " (it exited)" : ""}:\n${output()}`,
      );
    }
    if ((await healthStatus(url)) === 200) readyMs = performance.now() - begun;
    else await sleep(5);
  }
  const pid = child.pid ?? 0;
  return {
    name: options.name,
    url,
    pid,
    readyMs,
    rssMiB: () => rssMiB(pid),
    cpuMs: () => cpuMs(pid),
    stop,
  };
}

function healthStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = get(`${url}/healthz`, { agent: false, timeout: 1000 }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(0));
  });
}

/** Resident memory of a process, from /proc on Linux and from ps elsewhere. */
function rssMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // Not Linux: ps answers in KiB too.
  }
  return (
    Number(
      execFileSync("ps", ["-o", "rss=", "-p", String(pid)])
        .toString()
        .trim(),
    ) / 1024
  );
}

let ticksPerSecond: number | undefined;

function cpuMs(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
    return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1000;
  } catch {
    return Number.NaN;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("no free port"));
      });
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
