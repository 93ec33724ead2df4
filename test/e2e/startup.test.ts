import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, connect as netConnect, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createServer as createTlsServer } from "node:tls";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConnectProxy } from "../support/connect-proxy.js";
import {
  FAKE_ACCOUNT_ID,
  type FakeDataForest,
  startFakeDataForest,
} from "../support/fake-dataforest.js";
import { type FakeSlack, startFakeSlack } from "../support/fake-slack.js";
import { startFakeSocketMode } from "../support/fake-socket-mode.js";

const root = resolve(import.meta.dirname, "../..");
let build: string;
let cwd: string;

// The app is started as operators start it: compiled, as its own process.
beforeAll(async () => {
  build = await mkdtemp(join(root, ".tmp-build-"));
  cwd = await mkdtemp(join(tmpdir(), "aiworkspace-start-"));
  await promisify(execFile)(
    join(root, "node_modules/.bin/tsc"),
    ["-p", "tsconfig.build.json", "--outDir", build],
    {
      cwd: root,
    },
  );
});
afterAll(async () => {
  await rm(build, { recursive: true, force: true });
  await rm(cwd, { recursive: true, force: true });
});

type Exit = { code: number | null; stdout: string; stderr: string; pid: number };

function run(
  env: Record<string, string>,
  until?: (out: string, child: ChildProcess) => void,
  spawned?: (child: ChildProcess) => void,
): Promise<Exit> {
  return new Promise((done, fail) => {
    // Only what is given: no .env in cwd and none of this machine's variables leak in.
    const child = spawn(process.execPath, [join(build, "index.js")], {
      cwd,
      env: { PATH: process.env.PATH ?? "", ...env },
    });
    spawned?.(child);
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`the app did not exit in time:\n${stdout}\n${stderr}`));
    }, 15_000);
    child.stdout.on("data", (d) => {
      stdout += d;
      until?.(stdout, child);
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, pid: child.pid ?? 0 });
    });
  });
}

describe("start-up", () => {
  it("with bad or missing settings, prints one message listing every problem and exits non-zero", async () => {
    const exit = await run({
      SLACK_BOT_TOKEN: "xoxp-not-a-bot-token-123456",
      PORT: "eighty",
      LOG_LEVEL: "chatty",
      NCP_SECRET_KEY: "a-secret-that-must-not-show",
    });
    expect(exit.code).not.toBe(0);
    expect(exit.stdout).toBe("");
    for (const name of [
      "SLACK_BOT_TOKEN",
      "SLACK_SIGNING_SECRET",
      "PORT",
      "LOG_LEVEL",
      "NCP_ACCESS_KEY",
      "APPROVER_USER_IDS",
    ]) {
      expect(exit.stderr).toContain(name);
    }
    expect(exit.stderr).not.toContain("xoxp-not-a-bot-token");
    expect(exit.stderr).not.toContain("a-secret-that-must-not-show");
    expect(exit.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it("with a broken preset, names the preset and the field and exits non-zero", async () => {
    const file = join(cwd, "broken-presets.yml");
    await writeFile(
      file,
      "presets:\n  - { id: big, name: Big, about: Too big., image: tensorflow:2.15.0-gpu, command: python, resources: { gpus: 12 } }\n",
    );
    const exit = await run({
      SLACK_BOT_TOKEN: "xoxb-fake-startup-token-000",
      SLACK_SIGNING_SECRET: "startup-signing-secret",
      DATAFOREST_DRY_RUN: "true",
      APPROVER_USER_IDS: "U0APPROVER",
      PRESETS_FILE: file,
    });
    expect(exit.code).not.toBe(0);
    expect(exit.stderr).toContain(
      `PRESETS_FILE (${file}): preset 1 (big): resources.gpus: A workspace can have at most 8 GPUs; 12 is too many.`,
    );
  });

  it("with a bot token Slack refuses, says which setting to fix and exits non-zero", async () => {
    const slack = await startFakeSlack({ botToken: "xoxb-1-2-theRightToken" });
    try {
      const exit = await run({
        SLACK_BOT_TOKEN: "xoxb-1-2-aWrongTokenValue",
        SLACK_SIGNING_SECRET: "startup-signing-secret",
        SLACK_API_URL: slack.url,
        HOST: "127.0.0.1",
        PORT: "0",
        DATAFOREST_DRY_RUN: "true",
        APPROVER_USER_IDS: "U0APPROVER",
        DATA_DIR: join(cwd, "data-refused"),
      });
      expect(exit.code).not.toBe(0);
      expect(exit.stderr).toContain(
        "Slack refused the bot token in SLACK_BOT_TOKEN (invalid_auth)",
      );
      expect(exit.stderr + exit.stdout).not.toContain("aWrongTokenValue");
    } finally {
      await slack.close();
    }
  });

  it("asks Slack about the approvers, and refuses one it does not know, naming the setting and the fix", async () => {
    const slack = await startFakeSlack({ unknownUsers: ["U0NOSUCH01"] });
    try {
      const exit = await run({
        SLACK_BOT_TOKEN: "xoxb-1-2-startupTestToken",
        SLACK_SIGNING_SECRET: "startup-signing-secret",
        SLACK_API_URL: slack.url,
        HOST: "127.0.0.1",
        PORT: "0",
        DATAFOREST_DRY_RUN: "true",
        APPROVER_USER_IDS: "U0APPROVER,U0NOSUCH01",
        DATA_DIR: join(cwd, "data-unknown-approver"),
      });
      expect(exit.code).toBe(2);
      expect(exit.stderr).toContain(
        "APPROVER_USER_IDS has U0NOSUCH01, which Slack does not know in this workspace: copy the member id",
      );
      expect(messages(exit.stdout)).not.toContain("ready");
    } finally {
      await slack.close();
    }
  });

  it("starts with a warning when DataForest cannot be reached to check the account", async () => {
    const slack = await startFakeSlack();
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, "127.0.0.1", ok));
    const port = (closed.address() as { port: number }).port;
    await new Promise((ok) => closed.close(ok));
    try {
      const exit = await run(
        {
          SLACK_BOT_TOKEN: "xoxb-1-2-startupTestToken",
          SLACK_SIGNING_SECRET: "startup-signing-secret",
          SLACK_API_URL: slack.url,
          HOST: "127.0.0.1",
          PORT: "0",
          NCP_ACCESS_KEY: "startupAccessKey0001",
          NCP_SECRET_KEY: "startup-secret-key-never-logged",
          DATAFOREST_API_URL: `http://127.0.0.1:${port}`,
          DATAFOREST_ACCOUNT_ID: "AcTeamA000000000000001",
          APPROVER_USER_IDS: "U0APPROVER",
          DATA_DIR: join(cwd, "data-offline"),
        },
        (out, child) => {
          if (out.includes('"message":"ready"') && !child.killed) child.kill("SIGTERM");
        },
      );
      expect(exit.code).toBe(0);
      expect(messages(exit.stdout)).toEqual(
        expect.arrayContaining([
          "could not check DATAFOREST_ACCOUNT_ID and the NCP keys with DataForest (unavailable); starting anyway",
          "ready",
        ]),
      );
      expect(exit.stdout).not.toContain("startup-secret-key-never-logged");
    } finally {
      await slack.close();
    }
  });

  describe("behind an outbound proxy (HTTPS_PROXY)", () => {
    // The services answer over TLS under names only the proxy can resolve (*.test -> 127.0.0.1),
    // so a call that bypassed the proxy would fail to find its host.
    const tlsDir = resolve(root, "test/fixtures/tls");
    let slack: FakeSlack;
    let dataforest: FakeDataForest;
    const servers: { close(): Promise<void> }[] = [];
    let tunnels: string[] = [];
    let proxyUrl = "";
    let slackUrl = "";
    let dataforestUrl = "";

    beforeAll(async () => {
      slack = await startFakeSlack({ botToken: "xoxb-1-2-proxiedToken" });
      dataforest = await startFakeDataForest();
      const tls = {
        key: await readFile(join(tlsDir, "key.pem")),
        cert: await readFile(join(tlsDir, "cert.pem")),
      };
      const front = async (target: string) => {
        const { port } = new URL(target);
        const server = createTlsServer(tls, (socket) => pipeTo(socket, Number(port)));
        servers.push(await listening(server));
        return (server.address() as { port: number }).port;
      };
      slackUrl = `https://slack.test:${await front(slack.url)}/api/`;
      dataforestUrl = `https://dataforest.test:${await front(dataforest.url)}`;
      const proxy = await startConnectProxy();
      servers.push(proxy);
      tunnels = proxy.tunnels;
      proxyUrl = proxy.url;
    });
    afterAll(async () => {
      for (const s of servers) await s.close();
      await slack?.close();
      await dataforest?.close();
    });

    it("sends every Slack and DataForest call through the proxy", async () => {
      const exit = await run(
        {
          SLACK_BOT_TOKEN: "xoxb-1-2-proxiedToken",
          SLACK_SIGNING_SECRET: "startup-signing-secret",
          SLACK_API_URL: slackUrl,
          HOST: "127.0.0.1",
          PORT: "0",
          NCP_ACCESS_KEY: dataforest.accessKey,
          NCP_SECRET_KEY: dataforest.secretKey,
          DATAFOREST_API_URL: dataforestUrl,
          DATAFOREST_ACCOUNT_ID: FAKE_ACCOUNT_ID,
          APPROVER_USER_IDS: "U0APPROVER",
          DATA_DIR: join(cwd, "data-proxy"),
          HTTPS_PROXY: proxyUrl,
          NODE_EXTRA_CA_CERTS: join(tlsDir, "cert.pem"),
        },
        (out, child) => {
          if (out.includes('"message":"ready"') && !child.killed) child.kill("SIGTERM");
        },
      );
      expect(exit.stderr).toBe("");
      expect(exit.code).toBe(0);
      expect(messages(exit.stdout)).toContain("ready");
      expect(messages(exit.stdout).filter((m) => m.startsWith("could not check"))).toEqual([]);
      expect(new Set(tunnels)).toEqual(
        new Set([new URL(slackUrl).host, new URL(dataforestUrl).host]),
      );
      expect(slack.callsOf("auth.test").length).toBeGreaterThan(0);
      expect(slack.callsOf("users.info").length).toBeGreaterThan(0);
      expect(dataforest.received.some((r) => r.operation === "listAccounts")).toBe(true);
    });

    it("opens the Socket Mode connection through the proxy too", async () => {
      const socket = await startFakeSocketMode();
      const tls = {
        key: await readFile(join(tlsDir, "key.pem")),
        cert: await readFile(join(tlsDir, "cert.pem")),
      };
      const front = createTlsServer(tls, (s) =>
        pipeTo(s, Number(new URL(socket.connectionUrl()).port)),
      );
      const frontServer = await listening(front);
      const wssHost = `wss.slack.test:${(front.address() as { port: number }).port}`;
      const socketSlack = await startFakeSlack({
        botToken: "xoxb-1-2-proxiedToken",
        appToken: "xapp-1-fake-proxied-app-token",
        socketModeUrl: () => socket.connectionUrl().replace(/^ws:\/\/[^/]+/, `wss://${wssHost}`),
      });
      const slackFront = createTlsServer(tls, (s) =>
        pipeTo(s, Number(new URL(socketSlack.url).port)),
      );
      const slackFrontServer = await listening(slackFront);
      const apiHost = `slack.test:${(slackFront.address() as { port: number }).port}`;
      tunnels.length = 0;
      try {
        const exit = await run(
          {
            SLACK_BOT_TOKEN: "xoxb-1-2-proxiedToken",
            SLACK_APP_TOKEN: "xapp-1-fake-proxied-app-token",
            SLACK_API_URL: `https://${apiHost}/api/`,
            HOST: "127.0.0.1",
            PORT: "0",
            DATAFOREST_DRY_RUN: "true",
            APPROVER_USER_IDS: "U0APPROVER",
            DATA_DIR: join(cwd, "data-proxy-socket"),
            HTTPS_PROXY: proxyUrl,
            NODE_EXTRA_CA_CERTS: join(tlsDir, "cert.pem"),
          },
          (out, child) => {
            if (out.includes("ready: connected to Slack (Socket Mode)") && !child.killed) {
              child.kill("SIGTERM");
            }
          },
        );
        expect({ code: exit.code, stderr: exit.stderr }).toEqual({ code: 0, stderr: "" });
        expect(messages(exit.stdout)).toContain("ready: connected to Slack (Socket Mode)");
        expect(socket.connectionCount()).toBe(1);
        expect(new Set(tunnels)).toEqual(new Set([apiHost, wssHost]));
      } finally {
        await socketSlack.close();
        await slackFrontServer.close();
        await frontServer.close();
        await socket.close();
      }
    });
  });

  describe("with good settings", () => {
    let slack: FakeSlack;
    beforeAll(async () => {
      slack = await startFakeSlack();
    });
    afterAll(async () => {
      await slack.close();
    });

    const settings = (name: string) => ({
      SLACK_BOT_TOKEN: "xoxb-1-2-startupTestToken",
      SLACK_SIGNING_SECRET: "startup-signing-secret",
      SLACK_API_URL: slack.url,
      HOST: "127.0.0.1",
      PORT: "0",
      DATAFOREST_DRY_RUN: "true",
      APPROVER_USER_IDS: "U0APPROVER",
      DATA_DIR: join(cwd, name),
    });

    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      it(`stops on ${signal} within STOP_GRACE_SECONDS and leaves no process behind`, async () => {
        let signalledAt = 0;
        const exit = await run(settings(`data-${signal}`), (out, child) => {
          if (out.includes('"message":"ready"') && !signalledAt) {
            signalledAt = Date.now();
            child.kill(signal);
          }
        });
        const tookMs = Date.now() - signalledAt;
        expect(exit.code).toBe(0);
        expect(tookMs).toBeLessThan(8000);
        expect(messages(exit.stdout)).toEqual(expect.arrayContaining(["stopping", "stopped"]));
        expect(alive(exit.pid)).toBe(false);
      });
    }

    it("honours a stop asked for while start-up hangs on an unanswering network", async () => {
      // Accepts connections and never answers, like a firewall that drops packets. The signal goes
      // once the app asks Slack who its bot is, in the middle of start-up.
      const connections: Socket[] = [];
      let app: ChildProcess | undefined;
      let signalledAt = 0;
      const blackHole: Server = createServer((socket) => {
        connections.push(socket);
        if (!signalledAt) {
          signalledAt = Date.now();
          app?.kill("SIGTERM");
        }
      });
      await new Promise<void>((ok) => blackHole.listen(0, "127.0.0.1", ok));
      const port = (blackHole.address() as { port: number }).port;
      try {
        const exit = await run(
          {
            ...settings("data-hang"),
            SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
            STOP_GRACE_SECONDS: "2",
          },
          undefined,
          (child) => {
            app = child;
          },
        );
        expect(signalledAt).toBeGreaterThan(0);
        expect(Date.now() - signalledAt).toBeLessThan(3000);
        expect(exit.code).toBe(0);
        expect(messages(exit.stdout)).toContain("stopping: start-up was still under way");
        expect(messages(exit.stdout)).not.toContain("ready");
        expect(alive(exit.pid)).toBe(false);
      } finally {
        for (const c of connections) c.destroy();
        await new Promise((ok) => blackHole.close(ok));
      }
    });

    describe("names the setting behind a runtime failure", () => {
      it("PORT, when the port is taken", async () => {
        const taken = createServer();
        await new Promise<void>((ok) => taken.listen(0, "127.0.0.1", ok));
        const port = (taken.address() as { port: number }).port;
        try {
          const exit = await run({ ...settings("data-port"), PORT: String(port) });
          expect(exit.code).not.toBe(0);
          expect(exit.stderr).toContain(
            `PORT: port ${port} on 127.0.0.1 is already in use by another program. Stop that program, or set PORT (or HOST) to a free port.`,
          );
          expect(exit.stderr).not.toContain("EADDRINUSE");
        } finally {
          await new Promise((ok) => taken.close(ok));
        }
      });

      it("DATA_DIR, when the database file cannot be opened there", async () => {
        // A folder where the file should be: SQLite says "unable to open database file".
        const dataDir = join(cwd, "data-unopenable");
        await mkdir(join(dataDir, "aiworkspace.sqlite"), { recursive: true });
        const exit = await run({ ...settings("unused"), DATA_DIR: dataDir });
        expect(exit.code).not.toBe(0);
        expect(exit.stderr).toContain(
          `DATA_DIR (${dataDir}): the database file there cannot be opened`,
        );
        expect(exit.stderr).toContain("Make the folder writable for the user the app runs as");
      });

      it("DATABASE_URL, when nothing listens at its address", async () => {
        const closed = createServer();
        await new Promise<void>((ok) => closed.listen(0, "127.0.0.1", ok));
        const port = (closed.address() as { port: number }).port;
        await new Promise((ok) => closed.close(ok));
        const exit = await run({
          ...settings("unused"),
          DATABASE_URL: `postgres://bot:db-password-never-shown@127.0.0.1:${port}/bot`,
        });
        expect(exit.code).not.toBe(0);
        expect(exit.stderr).toContain(
          `DATABASE_URL: nothing accepts connections at 127.0.0.1:${port}. Check that PostgreSQL runs there`,
        );
        expect(exit.stderr + exit.stdout).not.toContain("db-password-never-shown");
      });
    });

    it("serves its health check, logs JSON lines without secrets, and stops cleanly on SIGTERM", async () => {
      let health: Promise<number> | undefined;
      const exit = await run(
        {
          SLACK_BOT_TOKEN: "xoxb-1-2-startupTestToken",
          SLACK_SIGNING_SECRET: "startup-signing-secret",
          SLACK_API_URL: slack.url,
          HOST: "127.0.0.1",
          PORT: "0",
          DATAFOREST_DRY_RUN: "true",
          APPROVER_USER_IDS: "U0APPROVER",
          DATA_DIR: join(cwd, "data"),
        },
        (out, child) => {
          const port = /"message":"listening".*"port":(\d+)/.exec(out)?.[1];
          if (port && out.includes('"message":"ready"') && !health) {
            health = fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status);
            health.finally(() => child.kill("SIGTERM"));
          }
        },
      );
      expect(await health).toBe(200);
      expect(exit.code).toBe(0);
      const lines = exit.stdout.trim().split("\n");
      expect(lines.map((l) => JSON.parse(l).message)).toContain("stopped");
      expect(exit.stdout).not.toContain("startupTestToken");
      expect(exit.stdout).not.toContain("startup-signing-secret");
    });
  });
});

function messages(stdout: string): string[] {
  return stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line).message);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Passes a TLS front's decrypted stream to a plain service on 127.0.0.1. */
function pipeTo(socket: Socket, port: number): void {
  const upstream = netConnect(port, "127.0.0.1");
  socket.pipe(upstream).pipe(socket);
  upstream.on("error", () => socket.destroy());
  socket.on("error", () => upstream.destroy());
}

/** Listens on a free port of 127.0.0.1; close() also ends open connections. */
async function listening(server: Server): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}
