import { readFile } from "node:fs/promises";
import { request } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import { DEFAULT_HTTP_TIMEOUTS, startHttpServer } from "../../src/server.js";
import { countCalls } from "../support/fake-dataforest.js";
import { blockActions, postToSlackEvents, slashCommand } from "../support/slack-requests.js";
import {
  APPROVER,
  SIGNING_SECRET,
  startTestBot,
  type TestBot,
  TYPICAL,
} from "../support/test-bot.js";

type Answer = { status: number; headers: Record<string, unknown>; body: string };

function send(
  url: string,
  method: string,
  options: { body?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false, headers: options.headers }, (res) => {
      let body = "";
      res.on("data", (chunk) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.setTimeout(3000, () => req.destroy(new Error("no answer")));
    req.end(options.body);
  });
}

/** Writes raw bytes and reads whatever comes back until the server closes or 3 s pass. */
async function raw(port: number, text: string): Promise<string> {
  return (await rawUntil(port, text, { end: true, waitMs: 3000 })).received;
}

type Cut = { received: string; byServer: boolean; afterMs: number };

/**
 * Writes raw bytes, then either closes its side (`end`) or stalls, and reads until the server
 * closes the connection or `waitMs` pass; `byServer` says which came first.
 */
function rawUntil(
  port: number,
  text: string,
  options: { end: boolean; waitMs: number },
): Promise<Cut> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect({ host: "127.0.0.1", port });
    let received = "";
    let byServer = true;
    const timer = setTimeout(() => {
      byServer = false;
      socket.destroy();
    }, options.waitMs);
    socket.on("data", (chunk) => {
      received += chunk;
    });
    socket.on("error", reject);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ received, byServer, afterMs: Date.now() - started });
    });
    if (options.end) socket.end(text);
    else socket.write(text);
  });
}

const statusOf = (received: string) => /^HTTP\/1\.1 (\d{3})/.exec(received)?.[1];

/** A slash command's headers announcing 500 bytes more body than follow. */
function truncatedCommand(): string {
  const body = slashCommand({}).body;
  const head = [
    "POST /slack/events HTTP/1.1",
    "Host: 127.0.0.1",
    "Content-Type: application/x-www-form-urlencoded",
    `Content-Length: ${body.length + 500}`,
    "Connection: close",
    "",
    "",
  ].join("\r\n");
  return `${head}${body.slice(0, 20)}`;
}

describe("the HTTP edge (HTTP mode)", () => {
  let t: TestBot;
  let events: string;
  beforeAll(async () => {
    t = await startTestBot();
    events = `${t.bot.url}/slack/events`;
  });
  afterAll(() => t.stop());

  const stillHealthy = async () =>
    expect((await send(`${t.bot.url}/healthz`, "GET")).status).toBe(200);

  it.each(["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH"])(
    "answers %s on /slack/events with 405 and Allow: POST, and lives on",
    async (method) => {
      const answer = await send(events, method);
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe("POST");
      await stillHealthy();
    },
  );

  it("refuses a body over the limit with 413", async () => {
    const big = `payload=${"x".repeat(2 * 1024 * 1024)}`;
    const answer = await postToSlackEvents(events, SIGNING_SECRET, big);
    expect(answer.status).toBe(413);
    await stillHealthy();
  });

  it("refuses wrong content types with 415, before any parsing", async () => {
    const command = slashCommand({});
    for (const type of ["text/plain", "multipart/form-data; boundary=x", "application/xml"]) {
      const answer = await postToSlackEvents(events, SIGNING_SECRET, command, {
        contentType: type,
      });
      expect(answer.status, type).toBe(415);
    }
    await stillHealthy();
  });

  it("answers a malformed body with a 4xx", async () => {
    const answers = await Promise.all([
      postToSlackEvents(events, SIGNING_SECRET, "payload=%7Bnot-json"),
      postToSlackEvents(events, SIGNING_SECRET, "{not json", { contentType: "application/json" }),
      postToSlackEvents(events, SIGNING_SECRET, "", {}),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
    }
    await stillHealthy();
  });

  it("answers garbage that is not HTTP with 400", async () => {
    const received = await raw(t.bot.port, "\u0000\u0001 not http at all\r\n\r\n");
    expect(received).toMatch(/^HTTP\/1\.1 400/);
    await stillHealthy();
  });
});

describe("slow and stalled clients (timeouts shortened by the test)", () => {
  const timeouts = { headersMs: 300, requestMs: 600, keepAliveMs: 65_000 };
  // Well past the timeouts plus Node's check interval, well before a default timeout (10 s).
  const patienceMs = 3000;
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ httpTimeouts: timeouts });
  });
  afterAll(() => t.stop());

  const healthz = async () => (await send(`${t.bot.url}/healthz`, "GET")).status;

  /** The server said 408 or nothing, and closed the connection itself within the patience. */
  const expectCutOff = (cut: Cut) => {
    expect(cut.byServer, "the server closed the connection").toBe(true);
    const status = statusOf(cut.received);
    if (cut.received !== "") expect(status).toBe("408");
    expect(cut.afterMs).toBeLessThan(patienceMs);
  };

  it("answers a truncated body (shorter than its Content-Length) with a 4xx or closes, in bounded time, and lives on", async () => {
    const cut = await rawUntil(t.bot.port, truncatedCommand(), {
      end: true,
      waitMs: patienceMs,
    });
    expect(cut.byServer, "the server closed the connection").toBe(true);
    const status = statusOf(cut.received);
    if (cut.received !== "") expect(Number(status)).toBeGreaterThanOrEqual(400);
    if (cut.received !== "") expect(Number(status)).toBeLessThan(500);
    expect(await healthz()).toBe(200);
  });

  it("cuts off a client that stalls in the middle of its headers, and keeps serving meanwhile", async () => {
    const stalled = rawUntil(
      t.bot.port,
      "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half",
      {
        end: false,
        waitMs: patienceMs,
      },
    );
    expect(await healthz()).toBe(200);
    const cut = await stalled;
    expectCutOff(cut);
    expect(cut.afterMs).toBeGreaterThanOrEqual(timeouts.headersMs - 50);
    expect(await healthz()).toBe(200);
  });

  it("cuts off a client that stalls in the middle of its body, and keeps serving meanwhile", async () => {
    const stalled = rawUntil(t.bot.port, truncatedCommand(), { end: false, waitMs: patienceMs });
    expect(await healthz()).toBe(200);
    const cut = await stalled;
    expectCutOff(cut);
    expect(cut.afterMs).toBeGreaterThanOrEqual(timeouts.requestMs - 50);
    expect(await healthz()).toBe(200);
    const answer = await postToSlackEvents(
      `${t.bot.url}/slack/events`,
      SIGNING_SECRET,
      slashCommand({}),
    );
    expect(answer.status).toBe(200);
  });
});

describe("the HTTP server's timeouts by default", () => {
  it("are 10 s for headers, 15 s for the whole request, 65 s for an idle connection, as the README says", async () => {
    expect(DEFAULT_HTTP_TIMEOUTS).toEqual({
      headersMs: 10_000,
      requestMs: 15_000,
      keepAliveMs: 65_000,
    });
    const readme = (await readFile(new URL("../../README.md", import.meta.url), "utf8")).replace(
      /\s+/g,
      " ",
    );
    expect(readme).toContain("10 s to send its headers and 15 s for the whole request");
    expect(readme).toContain("idle connections are kept 65 s");
  });
});

describe("a forged button value that is not text, inside the running app", () => {
  it("is acked and refused in words, changes nothing, and the next real click works", async () => {
    const t = await startTestBot();
    try {
      const { controls } = await t.request(TYPICAL);
      const click = blockActions({
        actionId: "aiworkspace.approve",
        userId: APPROVER,
        channelId: controls.channel,
        messageTs: controls.ts,
        message: controls as unknown as Record<string, unknown>,
        triggerId: t.slack.issueTriggerId(),
      });
      // Signed, but not what Slack sends: a button value that is a number. It once broke the
      // request log line before any listener could ack, so the clicker heard nothing.
      const payload = {
        ...click.payload,
        actions: [{ ...(click.payload.actions as object[])[0], value: 12345 }],
      };
      const answer = await postToSlackEvents(
        `${t.bot.url}/slack/events`,
        SIGNING_SECRET,
        `payload=${encodeURIComponent(JSON.stringify(payload))}`,
      );
      expect(answer.status).toBe(200);
      expect(t.logs.some((l) => l.includes("a Slack listener failed"))).toBe(false);
      const note = await t.slack.waitFor("chat.postEphemeral", (c) => c.args.user === APPROVER);
      expect(String(note.args.text).length).toBeGreaterThan(0);
      expect((await send(`${t.bot.url}/healthz`, "GET")).status).toBe(200);
      expect(countCalls(t.dataforest, "create")).toBe(0);
      expect((await t.click("aiworkspace.approve", controls, APPROVER)).status).toBe(200);
      await t.slack.waitFor("chat.postMessage", (c) => String(c.args.text).includes("is ready"));
      expect(countCalls(t.dataforest, "create")).toBe(1);
    } finally {
      await t.stop();
    }
  });
});

describe("the last-resort handler", () => {
  it("turns a request handler that throws into a 500 and a log line, and keeps serving", async () => {
    const lines: string[] = [];
    const server = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      health: () => ({ ready: true }),
      slack: {
        path: "/slack/events",
        listener: () => {
          throw new Error("listener exploded");
        },
      },
      logger: createLogger({ level: "info", secrets: [], write: (l) => lines.push(l) }),
    });
    try {
      const answer = await send(`${server.url}/slack/events`, "POST", {
        body: "{}",
        headers: { "content-type": "application/json" },
      });
      expect(answer.status).toBe(500);
      expect(answer.body).not.toContain("exploded");
      expect(lines.some((l) => l.includes("an HTTP request failed"))).toBe(true);
      expect((await send(`${server.url}/healthz`, "GET")).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
