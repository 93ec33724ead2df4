import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { connect, createServer } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { countCalls } from "../support/fake-dataforest.js";
import { blockActions, slashCommand } from "../support/slack-requests.js";
import { APP_TOKEN, CHANNEL, REQUESTER, startTestBot, type TestBot } from "../support/test-bot.js";

let t: TestBot | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

type Health = { status: number; body: string };

/** GET /healthz on a connection of its own, closed after the answer. */
function getHealth(url: string): Promise<Health> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/healthz`, { agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.setTimeout(2000, () => req.destroy(new Error("the health check did not answer")));
    req.end();
  });
}

/** Polls the health check until it answers `status`; fails with the last answer otherwise. */
async function waitForHealth(url: string, status: number, timeoutMs = 5000): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  let last = await getHealth(url);
  while (last.status !== status) {
    if (Date.now() > deadline) {
      throw new Error(`health stayed ${last.status} ${last.body}, expected ${status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    last = await getHealth(url);
  }
  return last;
}

/** Whether anything accepts a TCP connection at host:port (a bounded wait). */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on("connect", () => done(true));
    socket.on("error", () => done(false));
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Records timers of 1 s or more set from now on (the test's spies are restored after it) and
 * returns those still pending that would keep the process alive.
 */
function watchTimers(): () => string[] {
  const pending = new Map<NodeJS.Timeout, string>();
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  vi.spyOn(globalThis, "setTimeout").mockImplementation(((
    callback: (...args: unknown[]) => void,
    ms?: number,
    ...args: unknown[]
  ) => {
    const timer = realSet(() => {
      pending.delete(timer);
      callback(...args);
    }, ms);
    if ((ms ?? 0) >= 1000)
      pending.set(timer, `${ms} ms from ${new Error().stack?.split("\n").slice(3, 5).join(" ")}`);
    return timer;
  }) as typeof setTimeout);
  vi.spyOn(globalThis, "clearTimeout").mockImplementation((timer) => {
    pending.delete(timer as NodeJS.Timeout);
    realClear(timer);
  });
  return () => [...pending].filter(([timer]) => timer.hasRef()).map(([, where]) => where);
}

function sure<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("missing");
  return value;
}

describe("Socket Mode", () => {
  it("is ready only once Slack has said hello on the socket", async () => {
    t = await startTestBot({ socketMode: { autoHello: false } });
    const socket = sure(t.socket);
    await socket.waitForConnections(1);
    const before = await getHealth(t.bot.url);
    expect(before.status).toBe(503);
    expect(before.body).toContain("connecting to Slack");

    socket.hello();
    expect((await waitForHealth(t.bot.url, 200)).body).toContain("ok");
    const open = t.slack.callsOf("apps.connections.open");
    expect(open).toHaveLength(1);
    expect(open[0]?.token).toBe(APP_TOKEN);
  });

  it("acks a slash command with its envelope id, and opens the form", async () => {
    t = await startTestBot({ socketMode: true });
    const socket = sure(t.socket);
    const triggerId = t.slack.issueTriggerId();
    const command = slashCommand({ text: "", userId: REQUESTER, channelId: CHANNEL, triggerId });

    const ack = await socket.deliver("slash_commands", command.payload);
    expect(socket.acks).toEqual([ack]);
    expect(ack.afterMs).toBeLessThan(3000);
    expect(ack.payload ?? {}).toEqual({});
    expect(socket.stray).toEqual([]);
    const opened = await t.slack.waitFor("views.open");
    expect(opened.args.trigger_id).toBe(triggerId);
    expect(opened.status).toBe(200);
    expect((opened.args.view as { callback_id?: string }).callback_id).toBe("aiworkspace.create");
  });

  it("answers /aiworkspace help in the ack itself", async () => {
    t = await startTestBot({ socketMode: true });
    const command = slashCommand({ text: "help", userId: REQUESTER, channelId: CHANNEL });
    const ack = await sure(t.socket).deliver("slash_commands", command.payload);
    expect(ack.payload).toMatchObject({ response_type: "ephemeral" });
    expect(String(ack.payload?.text)).toContain("/aiworkspace");
    expect(t.slack.callsOf("views.open")).toHaveLength(0);
  });

  it("runs a request from form to created workspace over the socket", async () => {
    t = await startTestBot({ socketMode: true });
    const { controls } = await t.request({
      name: "socket-ws1",
      "configuration.docker.image": "tensorflow:2.15.0-gpu",
    });
    const click = await t.click("aiworkspace.approve", controls);
    expect(click.status).toBe(200);
    await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("is ready"),
      5000,
    );
    expect(t.dataforest.workspaces().map((w) => w.name)).toContain("socket-ws1");
    expect(countCalls(t.dataforest, "create")).toBe(1);
  });

  it("logs no envelope, so an environment value typed in the form never reaches a log line", async () => {
    const secret = "wandb-5e4d3c2b1a0f-secret";
    t = await startTestBot({ socketMode: true });
    await t.request({
      name: "socket-ws2",
      "configuration.docker.image": "tensorflow:2.15.0-gpu",
      "configuration.docker.env": `WANDB_API_KEY=${secret}`,
    });
    expect(t.logs.some((l) => l.includes("not logged"))).toBe(true);
    expect(t.logs.join("\n")).not.toContain(secret);
  });

  it("is not ready while the socket is down, and ready again once Slack greets the new one", async () => {
    t = await startTestBot({ socketMode: { autoHello: false } });
    const socket = sure(t.socket);
    await socket.waitForConnections(1);
    socket.hello();
    await waitForHealth(t.bot.url, 200);

    const ways: [string, () => void][] = [
      ["closed by Slack", () => socket.drop("close")],
      ["cut", () => socket.drop("terminate")],
      ["refresh asked by Slack", () => socket.requestRefresh()],
    ];
    for (const [index, [, end]] of ways.entries()) {
      const started = Date.now();
      end();
      await waitForHealth(t.bot.url, 503);
      // The new socket is open but Slack has not said hello on it: still not ready.
      await socket.waitForConnections(index + 2);
      expect((await getHealth(t.bot.url)).status).toBe(503);
      socket.hello();
      await waitForHealth(t.bot.url, 200);
      // Bolt's own loop would have waited 5 s.
      expect(Date.now() - started).toBeLessThan(3000);
    }
    // Every reconnect asked for a fresh URL: Slack's are single-use.
    expect(t.slack.callsOf("apps.connections.open")).toHaveLength(ways.length + 1);
    const ack = await socket.deliver(
      "slash_commands",
      slashCommand({ text: "help", userId: REQUESTER, channelId: CHANNEL }).payload,
    );
    expect(ack.payload).toMatchObject({ response_type: "ephemeral" });
  });

  it("stays not ready while Slack refuses to reconnect it, then recovers without a restart", async () => {
    t = await startTestBot({ socketMode: { autoHello: false } });
    const socket = sure(t.socket);
    await socket.waitForConnections(1);
    socket.hello();
    await waitForHealth(t.bot.url, 200);

    t.slack.failNext("apps.connections.open", "invalid_auth");
    t.slack.failNext("apps.connections.open", { status: 500 });
    // A URL whose ticket was never issued: the WebSocket upgrade itself is refused.
    const stale = socket.connectionUrl().replace(/ticket=\w+/, "ticket=stale");
    t.slack.failNext("apps.connections.open", { status: 200, body: { ok: true, url: stale } });
    socket.drop("terminate");
    await waitForHealth(t.bot.url, 503);
    await t.slack.waitFor("apps.connections.open", (c) => c.status === 500);
    expect((await getHealth(t.bot.url)).status).toBe(503);
    await socket.waitForConnections(2);
    socket.hello();
    await waitForHealth(t.bot.url, 200);
    const answers = t.slack.callsOf("apps.connections.open").map((c) => c.answer);
    expect(answers).toMatchObject([
      { ok: true },
      { ok: false, error: "invalid_auth" },
      { ok: false },
      { ok: true, url: stale },
      { ok: true },
    ]);
    expect(t.logs.filter((l) => l.includes("could not connect to Slack"))).toHaveLength(2);
  });

  it("refuses to start with an app token Slack does not accept, and leaves nothing open", async () => {
    const port = await freePort();
    const refused = "xapp-fake-revoked-token-value";
    const start = startTestBot({
      socketMode: true,
      env: { SLACK_APP_TOKEN: refused, PORT: String(port) },
    });
    const error = await start.then(
      () => new Error("it started"),
      (e: unknown) => e as Error,
    );
    expect(error.message).toContain("SLACK_APP_TOKEN (invalid_auth)");
    expect(error.message).not.toContain(refused);
    expect(await accepts("127.0.0.1", port)).toBe(false);
  });

  it("serves the health check on HOST only", async () => {
    t = await startTestBot({ socketMode: true, env: { HOST: "127.0.0.1" } });
    expect(t.bot.url).toBe(`http://127.0.0.1:${t.bot.port}`);
    expect(await accepts("127.0.0.1", t.bot.port)).toBe(true);
    // Also loopback, but not the address asked for: a server on every interface would answer.
    expect(await accepts("127.0.0.2", t.bot.port)).toBe(false);
    expect((await getHealth(t.bot.url)).status).toBe(200);
  });

  it("leaves no timer behind when stopped while a new socket is still opening", async () => {
    const pending = watchTimers();
    t = await startTestBot({ socketMode: true });
    const socket = sure(t.socket);
    socket.drop("close");
    // Slack's side has accepted the new socket; the app has likely not read the upgrade yet.
    await socket.waitForConnections(2);
    // The fakes go too: their sockets' timers are theirs to clear.
    await t.stop();
    t = undefined;
    await new Promise((resolve) => setImmediate(resolve));
    expect(pending()).toEqual([]);
  });

  it("on stop, says so while it sends the acks it owes, then closes the socket for good", async () => {
    t = await startTestBot({ socketMode: true });
    const bot = t.bot;
    const socket = sure(t.socket);
    // No listener takes this click, so Bolt never acks it: the stop waits for Slack's 3 s.
    const unanswered = socket
      .deliver(
        "interactive",
        blockActions({ actionId: "nobody.listens", channelId: CHANNEL }).payload,
        { timeoutMs: 5000 },
      )
      .catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopping = bot.stop();
    const during = await getHealth(bot.url);
    expect(during.status).toBe(503);
    expect(during.body).toContain("stopping");
    await stopping;

    expect(await unanswered).toBeInstanceOf(Error);
    expect(socket.greetedCount()).toBe(0);
    expect(await accepts("127.0.0.1", bot.port)).toBe(false);
    const connections = socket.connectionCount();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(socket.connectionCount()).toBe(connections);
  });
});
