import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { webApi } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { proxyDispatcher } from "../../src/proxy.js";
import { createOpenView } from "../../src/slack/open-view.js";
import { classifySlackError } from "../../src/slack/slack-errors.js";
import { startConnectProxy } from "../support/connect-proxy.js";

type Seen = { url: string; headers: IncomingMessage["headers"]; body: string };

const servers: Server[] = [];
const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
  await Promise.all(
    servers.splice(0).map((s) => new Promise((resolve) => s.close(() => resolve(undefined)))),
  );
});

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return (server.address() as AddressInfo).port;
};

/** A stand-in for Slack's Web API that answers as the test says and records each call. */
async function slackLike(answer: (res: ServerResponse) => void) {
  const seen: Seen[] = [];
  const port = await listen(
    createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => {
        body += chunk;
      });
      req.on("end", () => {
        seen.push({ url: req.url ?? "", headers: req.headers, body });
        answer(res);
      });
    }),
  );
  return { port, seen };
}

const json = (res: ServerResponse, status: number, body: unknown, headers = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};

const VIEW = {
  type: "modal" as const,
  title: { type: "plain_text" as const, text: "Réquest 日本" },
  blocks: [],
};

describe("opening a form (views.open)", () => {
  it("sends the view as JSON with the bot token and answers the view Slack opened", async () => {
    const { port, seen } = await slackLike((res) =>
      json(res, 200, { ok: true, view: { id: "V1", hash: "h1", blocks: [] } }),
    );
    const open = createOpenView({ apiUrl: `http://127.0.0.1:${port}/api/`, token: "xoxb-t" });
    expect(await open({ triggerId: "1.2.3", view: VIEW })).toMatchObject({ id: "V1", hash: "h1" });
    expect(seen[0]?.url).toBe("/api/views.open");
    expect(seen[0]?.headers.authorization).toBe("Bearer xoxb-t");
    expect(seen[0]?.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(JSON.parse(seen[0]?.body ?? "")).toEqual({ trigger_id: "1.2.3", view: VIEW });
  });

  it("fails as the Web API client would, so callers tell refusals, limits and outages apart", async () => {
    let answer = (res: ServerResponse) =>
      json(res, 200, { ok: false, error: "expired_trigger_id" });
    const { port } = await slackLike((res) => answer(res));
    const open = createOpenView({ apiUrl: `http://127.0.0.1:${port}/api/`, token: "xoxb-t" });
    const failure = () => open({ triggerId: "1.2.3", view: VIEW }).catch((e: unknown) => e);

    const refused = await failure();
    expect(refused).toMatchObject({
      code: webApi.ErrorCode.PlatformError,
      data: { error: "expired_trigger_id" },
    });
    expect(classifySlackError(refused)).toEqual({ retry: false, reason: "expired_trigger_id" });

    answer = (res) => json(res, 429, { ok: false, error: "ratelimited" }, { "retry-after": "3" });
    expect(classifySlackError(await failure())).toEqual({
      retry: true,
      reason: "rate_limited",
      afterMs: 3000,
    });

    answer = (res) => json(res, 503, {});
    expect(classifySlackError(await failure())).toEqual({ retry: true, reason: "http_503" });

    answer = (res) => res.socket?.destroy();
    expect(classifySlackError(await failure())).toEqual({ retry: true, reason: "network" });
  });

  it("goes through the proxy when one is set", async () => {
    const { port, seen } = await slackLike((res) =>
      json(res, 200, { ok: true, view: { id: "V2" } }),
    );
    const proxy = await startConnectProxy();
    closers.push(proxy);
    const open = createOpenView({
      apiUrl: `http://slack.test:${port}/api/`,
      token: "xoxb-t",
      dispatcher: proxyDispatcher({
        httpProxy: proxy.url,
        httpsProxy: undefined,
        noProxy: undefined,
      }),
    });
    expect(await open({ triggerId: "1.2.3", view: VIEW })).toMatchObject({ id: "V2" });
    expect(proxy.tunnels).toEqual([`slack.test:${port}`]);
    expect(seen).toHaveLength(1);
  });
});
