import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "./log.js";

export const HEALTH_PATH = "/healthz";

export type HttpServer = { url: string; port: number; close(): Promise<void> };

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
}): Promise<HttpServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === HEALTH_PATH && (req.method === "GET" || req.method === "HEAD")) {
      const health = options.health();
      res.writeHead(health.ready ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: health.ready ? "ok" : health.reason }));
      return;
    }
    if (options.slack && path === options.slack.path) {
      options.slack.listener(req, res);
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "not found" }));
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost =
    options.host === "0.0.0.0" || options.host === "::" ? "127.0.0.1" : options.host;
  const url = `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${port}`;
  options.logger.info("listening", { host: options.host, port });
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
