import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { webApi } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { webApiFetch } from "../../src/slack/web-api-fetch.js";

type Seen = { url: string; headers: IncomingMessage["headers"]; body: string };

/** A stand-in for Slack's Web API that answers each call as the test says and records it. */
async function slackLike(answer: (seen: Seen, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      const call = { url: req.url ?? "", headers: req.headers, body };
      seen.push(call);
      answer(call, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  servers.push(server);
  const client = new webApi.WebClient("xoxb-test-not-a-real-token", {
    slackApiUrl: `http://127.0.0.1:${port}/api/`,
    fetch: webApiFetch(),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  return { client, seen };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => new Promise((resolve) => s.close(() => resolve(undefined)))),
  );
});

const json = (res: ServerResponse, status: number, body: unknown, headers = {}) => {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
};

describe("the Web API client's fetch", () => {
  it("sends the call as the client builds it and gives back the answer with its headers", async () => {
    const { client, seen } = await slackLike((_, res) =>
      json(res, 200, { ok: true, ts: "1.2" }, { "x-oauth-scopes": "chat:write, commands" }),
    );
    const answer = await client.chat.postMessage({ channel: "C1", text: "héllo & 日本語" });
    expect(answer).toMatchObject({
      ok: true,
      ts: "1.2",
      response_metadata: { scopes: ["chat:write", "commands"] },
    });
    expect(seen[0]?.url).toBe("/api/chat.postMessage");
    expect(seen[0]?.headers.authorization).toBe("Bearer xoxb-test-not-a-real-token");
    expect(seen[0]?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(new URLSearchParams(seen[0]?.body).get("text")).toBe("héllo & 日本語");
  });

  it("lets the client see a rate limit and its Retry-After", async () => {
    const { client } = await slackLike((_, res) =>
      json(res, 429, { ok: false, error: "ratelimited" }, { "retry-after": "7" }),
    );
    await expect(client.chat.update({ channel: "C1", ts: "1.2", text: "x" })).rejects.toMatchObject(
      {
        code: webApi.ErrorCode.RateLimitedError,
        retryAfter: 7,
      },
    );
  });

  it("lets the client see Slack's refusals and HTTP errors as it would with fetch", async () => {
    let status = 200;
    const { client } = await slackLike((_, res) =>
      status === 200
        ? json(res, 200, { ok: false, error: "channel_not_found" })
        : json(res, status, { oops: true }),
    );
    await expect(client.chat.postMessage({ channel: "C9", text: "x" })).rejects.toMatchObject({
      code: webApi.ErrorCode.PlatformError,
      data: { error: "channel_not_found" },
    });
    status = 503;
    await expect(client.chat.postMessage({ channel: "C9", text: "x" })).rejects.toMatchObject({
      code: webApi.ErrorCode.HTTPError,
      statusCode: 503,
      statusMessage: "Service Unavailable",
    });
  });

  it("sends a call with binary content as form data, as the standard fetch would", async () => {
    const { client, seen } = await slackLike((_, res) => json(res, 200, { ok: true }));
    await client.apiCall("files.upload", { channels: "C1", file: Buffer.from("bytes of a file") });
    expect(seen[0]?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen[0]?.body).toContain("bytes of a file");
  });

  it("reports a Slack it cannot reach as a request error", async () => {
    const { client } = await slackLike((_, res) => res.socket?.destroy());
    await expect(client.chat.postMessage({ channel: "C1", text: "x" })).rejects.toMatchObject({
      code: webApi.ErrorCode.RequestError,
    });
  });
});
