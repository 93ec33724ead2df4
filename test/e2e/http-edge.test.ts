import { request } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import { startHttpServer } from "../../src/server.js";
import { postToSlackEvents, slashCommand } from "../support/slack-requests.js";
import { SIGNING_SECRET, startTestBot, type TestBot } from "../support/test-bot.js";

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
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port });
    let received = "";
    const timer = setTimeout(() => socket.destroy(), 3000);
    socket.on("data", (chunk) => {
      received += chunk;
    });
    socket.on("error", reject);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.end(text);
  });
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

  it("answers a truncated body (shorter than its Content-Length) with a 4xx, or cuts it, and lives on", async () => {
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
    const received = await raw(t.bot.port, `${head}${body.slice(0, 20)}`);
    const status = /^HTTP\/1\.1 (\d{3})/.exec(received)?.[1];
    if (status !== undefined) expect(Number(status)).toBeGreaterThanOrEqual(400);
    await stillHealthy();
  });

  it("answers garbage that is not HTTP with 400", async () => {
    const received = await raw(t.bot.port, "\u0000\u0001 not http at all\r\n\r\n");
    expect(received).toMatch(/^HTTP\/1\.1 400/);
    await stillHealthy();
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
