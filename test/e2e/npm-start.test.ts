import { type ChildProcess, execFile, execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeSlack, startFakeSlack } from "../support/fake-slack.js";
import { APPROVER, BOT_TOKEN, SIGNING_SECRET } from "../support/test-bot.js";
import { until, untilFound } from "../support/wait-until.js";

/**
 * `npm start` as an admin types it, with the real npm. npm runs the start script through `sh -c`
 * and passes a SIGTERM on to that shell only, so the app never gets the signal: it has to notice
 * that its shell is gone and stop by itself, or it runs on, orphaned, holding the port. (A SIGINT
 * to npm alone is passed on the same way, but the shell outlives it, waiting for the app, so
 * nothing stops, as the README says; Ctrl-C at a terminal signals the whole group.)
 */

const root = resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
/** STOP_GRACE_SECONDS' default, inside the 10 s Docker gives before it kills. */
const STOP_MS = 8000;

// A copy of the package as `npm ci` leaves it (package.json, so its own start script; the shipped
// presets.yml; a fresh build in dist/), inside the checkout so node_modules resolves: the
// checkout's dist/ may be stale, and another copy of the suite may be building it.
let pkg: string;
let home: string;
let version: string;
let slack: FakeSlack;

beforeAll(async () => {
  pkg = await mkdtemp(join(root, ".tmp-build-"));
  home = await mkdtemp(join(tmpdir(), "aiworkspace-npm-start-"));
  for (const file of ["package.json", "presets.yml"]) {
    await copyFile(join(root, file), join(pkg, file));
  }
  version = JSON.parse(await readFile(join(pkg, "package.json"), "utf8")).version;
  await run(
    join(root, "node_modules/.bin/tsc"),
    ["-p", "tsconfig.build.json", "--outDir", join(pkg, "dist")],
    { cwd: root },
  );
  slack = await startFakeSlack();
}, 120_000);
afterAll(async () => {
  await slack?.close();
  await rm(pkg, { recursive: true, force: true });
  await rm(home, { recursive: true, force: true });
});

let group: number | undefined;
afterEach(() => {
  // Whatever the test left, however it failed: npm, its shell and the app share the group.
  if (group !== undefined && groupAlive(group)) process.kill(-group, "SIGKILL");
  group = undefined;
});

/** npm itself: the one running this suite when there is one, else whichever is on PATH. */
function npmCommand(): [string, ...string[]] {
  const cli = process.env.npm_execpath;
  return cli && /npm-cli\.[cm]?js$/.test(cli) ? [process.execPath, cli] : ["npm"];
}

type Started = { npm: ChildProcess; out: () => string; err: () => string; url: string };

/** `npm start` in its own process group, once its /healthz answers 200. */
async function npmStart(dataDir: string): Promise<Started> {
  const [command, ...args] = npmCommand();
  const npm = spawn(command, [...args, "start"], {
    cwd: pkg,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    // Only what is given: none of this machine's settings, no .env, no user npmrc.
    env: {
      PATH: process.env.PATH ?? "",
      HOME: home,
      NODE_ENV: "production",
      // npm would otherwise ask the registry whether it is out of date.
      npm_config_update_notifier: "false",
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
      HOST: "127.0.0.1",
      PORT: "0",
      DATAFOREST_DRY_RUN: "true",
      APPROVER_USER_IDS: APPROVER,
      DATA_DIR: dataDir,
    },
  });
  group = npm.pid;
  let out = "";
  let err = "";
  npm.stdout?.on("data", (d) => {
    out += d;
  });
  npm.stderr?.on("data", (d) => {
    err += d;
  });
  const failed = (why: string) => new Error(`${why}\nstdout:\n${out}\nstderr:\n${err}`);
  const port = await untilFound(
    "the app to log its port",
    () => {
      if (npm.exitCode !== null || npm.signalCode !== null) throw new Error("npm start ended");
      return /"message":"listening".*"port":(\d+)/.exec(out)?.[1];
    },
    15_000,
  ).catch((error: Error) => {
    throw failed(error.message);
  });
  const url = `http://127.0.0.1:${port}`;
  await until(
    "/healthz to answer 200",
    async () => (await fetch(`${url}/healthz`).catch(() => undefined))?.status === 200,
    15_000,
  );
  return { npm, out: () => out, err: () => err, url };
}

describe("npm start, with NODE_ENV=production", () => {
  const stops = (send: (npm: ChildProcess) => void, signal: string) => async () => {
    const app = await npmStart(await mkdtemp(join(home, "data-")));
    const pgid = app.npm.pid as number;
    const outClosed = new Promise((done) => app.npm.stdout?.once("close", done));
    // npm, the shell it runs the script in, and the app: the app is not npm's own process.
    expect(running(pgid).some((p) => p.pid !== pgid && p.command.includes("dist/index.js"))).toBe(
      true,
    );

    const signalledAt = Date.now();
    send(app.npm);
    await until(
      "every process of npm start to end",
      () => running(pgid).length === 0,
      STOP_MS,
    ).catch((error: Error) => {
      const left = running(pgid).map((p) => `${p.pid} ${p.state} ${p.command}`);
      throw new Error(`${error.message}; still running:\n${left.join("\n")}`);
    });
    const tookMs = Date.now() - signalledAt;
    // The app wrote to npm's stdout: once that is closed, the app's last line is in.
    await outClosed;

    expect(tookMs).toBeLessThan(STOP_MS);
    expect(await fetch(`${app.url}/healthz`).catch(() => "refused")).toBe("refused");
    const lines = app.out().split("\n").filter(Boolean);
    // npm's banner is the one thing on stdout that is not a log line.
    const banner = lines.filter((l) => l.startsWith("> "));
    expect(banner).toEqual([`> aiworkspace-bot@${version} start`, "> node dist/index.js"]);
    const logs = lines.filter((l) => !l.startsWith("> ")).map((l) => JSON.parse(l));
    expect(logs.map((l) => l.message)).toEqual(
      expect.arrayContaining(["ready", "stopping", "stopped"]),
    );
    expect(logs.find((l) => l.message === "stopping")?.signal).toBe(signal);
    expect(logs.filter((l) => l.level === "error")).toEqual([]);
    expect(app.out() + app.err()).not.toContain(BOT_TOKEN);
  };

  it(
    "serves /healthz, and stops within 8 s of a SIGTERM to npm alone, leaving no process",
    stops((npm) => npm.kill("SIGTERM"), "npm stopped"),
    60_000,
  );

  it(
    "stops on Ctrl-C at a terminal (SIGINT to the whole process group), leaving no process",
    stops((npm) => process.kill(-(npm.pid as number), "SIGINT"), "SIGINT"),
    60_000,
  );
});

/** Whether any process is left in the group; one we may not signal is there too. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

type Member = { pid: number; state: string; command: string };

/**
 * The group's processes that still run. A zombie has ended: only its new parent has not collected
 * it yet, which a container's first process (npm or node, say) never does.
 */
function running(pgid: number): Member[] {
  return groupAlive(pgid) ? membersOf(pgid).filter((m) => !m.state.startsWith("Z")) : [];
}

/** From /proc on Linux, where `ps` may not be installed (slim images); from `ps` elsewhere. */
function membersOf(pgid: number): Member[] {
  if (!existsSync("/proc/self/stat")) {
    return execFileSync("ps", ["-A", "-o", "pgid=,pid=,stat=,args="], { encoding: "utf8" })
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .filter(([ofGroup]) => Number(ofGroup) === pgid)
      .map(([, pid, state, ...args]) => ({
        pid: Number(pid),
        state: state ?? "",
        command: args.join(" "),
      }));
  }
  const members: Member[] = [];
  for (const entry of readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    let stat: string;
    let cmdline: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
    } catch {
      continue; // ended while we looked
    }
    // "pid (name) state ppid pgrp ...": the name may hold spaces and parentheses.
    const [state = "", , ofGroup] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(ofGroup) !== pgid) continue;
    members.push({ pid: Number(entry), state, command: cmdline.split("\0").join(" ").trim() });
  }
  return members;
}
