import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "./log.js";

export const HEALTH_PATH = "/healthz";

export type HttpServer = { url: string; port: number; close(): Promise<void> };

/** Slack sends forms (commands, interactions) and JSON (events); nothing else reaches Bolt. */
const SLACK_CONTENT_TYPES = ["application/x-www-form-urlencoded", "application/json"];

/** Slack's requests are a few KB; a modal submission with every field full stays far below this. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Headers within 10 s; the whole request within 15 s (Slack gives up after 3 s, so a client still
 * sending after 15 s is not Slack); idle connections kept 65 s, longer than a load balancer's usual
 * 60 s, so the proxy closes them first and never sends a request on one this server is closing.
 */
export type HttpTimeouts = { headersMs: number; requestMs: number; keepAliveMs: number };

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  headersMs: 10_000,
  requestMs: 15_000,
  keepAliveMs: 65_000,
};

/** What the health check reports: 200 when ready, else 503 with the reason. */
export type Health = { ready: true } | { ready: false; reason: string };

/**
 * Our own HTTP server in both modes: it honours HOST (Bolt's Socket Mode routes would not), answers
 * the health check from the app's real readiness, and hands Slack's requests to Bolt in HTTP mode.
 */
export async function startHttpServer(options: {
  host: string;
  port: number;
  health: () => Health;
  slack?: { path: string; listener: RequestListener } | undefined;
  logger: Logger;
  timeouts?: HttpTimeouts | undefined;
}): Promise<HttpServer> {
  const { logger } = options;
  const timeouts = options.timeouts ?? DEFAULT_HTTP_TIMEOUTS;
  const route = (req: IncomingMessage, res: ServerResponse) => {
    const path = pathOf(req);
    if (path === HEALTH_PATH && (req.method === "GET" || req.method === "HEAD")) {
      const health = options.health();
      answer(res, health.ready ? 200 : 503, { status: health.ready ? "ok" : health.reason });
      return;
    }
    if (options.slack && path === options.slack.path) {
      // Bolt's receiver throws on any other method, and nothing would catch it: the process ends.
      if (req.method !== "POST") {
        answer(res, 405, { error: "method not allowed" }, { allow: "POST" });
        return;
      }
      const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      if (!SLACK_CONTENT_TYPES.includes(type)) {
        answer(res, 415, { error: "unsupported content type" });
        return;
      }
      if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) {
        answer(res, 413, { error: "request too large" });
        return;
      }
      options.slack.listener(req, res);
      return;
    }
    answer(res, 404, { error: "not found" });
  };
  // The last resort: whatever a request makes throw becomes a 500 and a log line, never an exit.
  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      // Node looks for late requests every 30 s by default: a stalled client would outlive the
      // timeouts above by that much.
      connectionsCheckingInterval: Math.min(1000, timeouts.headersMs, timeouts.requestMs),
    },
    (req, res) => {
      try {
        route(req, res);
      } catch (error) {
        logger.error("an HTTP request failed", { method: req.method, path: pathOf(req), error });
        if (!res.headersSent) answer(res, 500, { error: "internal error" });
        else res.destroy();
      }
    },
  );
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    const status =
      error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? "408 Request Timeout" : "400 Bad Request";
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    else socket.destroy();
  });
  server.keepAliveTimeout = timeouts.keepAliveMs;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost =
    options.host === "0.0.0.0" || options.host === "::" ? "127.0.0.1" : options.host;
  const url = `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${port}`;
  logger.info("listening", { host: options.host, port });
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Requests still open after a grace period are cut: a stop must not hang on a slow client.
        setTimeout(() => server.closeAllConnections(), 5000).unref();
      }),
  };
}

function answer(
  res: ServerResponse,
  status: number,
  body: Record<string, string>,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** The path without the query, which may carry anything a caller typed. */
function pathOf(req: IncomingMessage): string {
  return (req.url ?? "/").split("?")[0] ?? "/";
}
