/**
 * A fake of Slack's Socket Mode endpoint for end-to-end tests: a WebSocket server on 127.0.0.1 that
 * the fake Slack's apps.connections.open hands out (`socketModeUrl: () => fake.connectionUrl()`).
 * It speaks the documented protocol: a `hello` on connect, envelopes
 * `{envelope_id, type, payload, accepts_response_payload}`, the app's ack
 * `{envelope_id, payload?}`, and `{type: "disconnect", reason}` before Slack closes a connection.
 * Like Slack's, every URL carries a single-use ticket, so an app that reconnects must ask
 * apps.connections.open again.
 */

import { randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type RawData, type WebSocket, WebSocketServer } from "ws";
import { fakeSlackDefaults, type JsonObject } from "./fake-slack.js";

export type EnvelopeType = "slash_commands" | "interactive" | "events_api";

/** An ack as the app sent it, with how long it took. */
export type SocketAck = { envelope_id: string; payload?: JsonObject; afterMs: number };

export type FakeSocketModeOptions = {
  /** false: new connections wait for `hello()`, so a test sees the app before Slack greets it. */
  autoHello?: boolean;
};

export type DeliverOptions = {
  acceptsResponsePayload?: boolean;
  /** How long to wait for the ack; Slack's own limit is 3 s. */
  timeoutMs?: number;
};

export type FakeSocketMode = {
  /** A fresh `ws://127.0.0.1:<port>/link/?ticket=…&app_id=…`, usable once, as Slack's are. */
  connectionUrl(): string;
  /** Connections accepted so far, open or closed. */
  connectionCount(): number;
  /** Open connections that have been sent `hello`. */
  greetedCount(): number;
  /** Resolves once `count` connections in all have been accepted (and greeted, with autoHello). */
  waitForConnections(count: number, timeoutMs?: number): Promise<void>;
  /** Sends `hello` on every open connection that has not had it. */
  hello(): void;
  /**
   * Sends an envelope on the newest greeted connection and resolves with the app's ack; rejects
   * when no ack comes in time or the connection closes first.
   */
  deliver(type: EnvelopeType, payload: JsonObject, options?: DeliverOptions): Promise<SocketAck>;
  /** Every ack received, oldest first (a live array). */
  acks: SocketAck[];
  /** Every frame from the app that is not an ack of a delivered envelope. */
  stray: unknown[];
  /** Asks the app to reconnect, as Slack does before it recycles a connection. */
  requestRefresh(reason?: string): void;
  /** Ends every connection: with a close frame, or by cutting the TCP connection. */
  drop(how?: "close" | "terminate"): void;
  /** Ends every connection and stops the server. */
  close(): Promise<void>;
};

type Pending = {
  resolve(ack: SocketAck): void;
  reject(error: Error): void;
  sentAt: number;
  timer: NodeJS.Timeout;
  socket: WebSocket;
};

type Connection = { socket: WebSocket; greeted: boolean };

export async function startFakeSocketMode(
  options: FakeSocketModeOptions = {},
): Promise<FakeSocketMode> {
  const autoHello = options.autoHello ?? true;
  const tickets = new Set<string>();
  const connections: Connection[] = [];
  const pending = new Map<string, Pending>();
  const acks: SocketAck[] = [];
  const stray: unknown[] = [];
  const changes = new Set<() => void>();
  const changed = () => {
    for (const listener of [...changes]) listener();
  };

  const server = createServer((_req, res) => {
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ noServer: true });

  // Refused like a used or made-up ticket would be: before the upgrade, with an HTTP status.
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const ticket = url.searchParams.get("ticket") ?? "";
    if (url.pathname !== "/link/" || !tickets.delete(ticket)) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
  });

  const greet = (connection: Connection) => {
    connection.greeted = true;
    connection.socket.send(
      JSON.stringify({
        type: "hello",
        num_connections: connections.filter((c) => c.socket.readyState === c.socket.OPEN).length,
        debug_info: {
          host: "applink-fake",
          build_number: 1,
          approximate_connection_time: 18060,
        },
        connection_info: { app_id: fakeSlackDefaults.appId },
      }),
    );
    changed();
  };

  const accept = (socket: WebSocket) => {
    const connection: Connection = { socket, greeted: false };
    connections.push(connection);
    socket.on("message", (data: RawData) => {
      let frame: unknown;
      try {
        frame = JSON.parse(data.toString());
      } catch {
        stray.push(data.toString());
        return;
      }
      const id = (frame as { envelope_id?: unknown }).envelope_id;
      const waiting = typeof id === "string" ? pending.get(id) : undefined;
      if (!waiting || typeof id !== "string") {
        stray.push(frame);
        return;
      }
      pending.delete(id);
      clearTimeout(waiting.timer);
      const payload = (frame as { payload?: JsonObject }).payload;
      const ack: SocketAck = {
        envelope_id: id,
        ...(payload !== undefined ? { payload } : {}),
        afterMs: Date.now() - waiting.sentAt,
      };
      acks.push(ack);
      waiting.resolve(ack);
    });
    socket.on("close", () => {
      for (const [id, waiting] of pending) {
        if (waiting.socket !== socket) continue;
        pending.delete(id);
        clearTimeout(waiting.timer);
        waiting.reject(new Error(`the connection closed before envelope ${id} was acked`));
      }
      changed();
    });
    socket.on("error", () => undefined);
    if (autoHello) greet(connection);
    changed();
  };

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const open = () => connections.filter((c) => c.socket.readyState === c.socket.OPEN);

  const fake: FakeSocketMode = {
    connectionUrl() {
      const ticket = randomBytes(16).toString("hex");
      tickets.add(ticket);
      return `ws://127.0.0.1:${port}/link/?ticket=${ticket}&app_id=${fakeSlackDefaults.appId}`;
    },
    connectionCount: () => connections.length,
    greetedCount: () => open().filter((c) => c.greeted).length,
    waitForConnections(count, timeoutMs = 5000) {
      const done = () =>
        connections.length >= count && (!autoHello || connections[count - 1]?.greeted === true);
      return new Promise<void>((resolve, reject) => {
        if (done()) {
          resolve();
          return;
        }
        const check = () => {
          if (!done()) return;
          changes.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          changes.delete(check);
          reject(
            new Error(
              `expected ${count} Socket Mode connection(s) within ${timeoutMs} ms, got ${connections.length}`,
            ),
          );
        }, timeoutMs);
        changes.add(check);
      });
    },
    hello() {
      for (const connection of open()) if (!connection.greeted) greet(connection);
    },
    deliver(type, payload, deliverOptions = {}) {
      const target = open()
        .filter((c) => c.greeted)
        .at(-1);
      if (!target) {
        return Promise.reject(new Error("no greeted Socket Mode connection to deliver to"));
      }
      const envelopeId = randomUUID();
      const timeoutMs = deliverOptions.timeoutMs ?? 3000;
      return new Promise<SocketAck>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(envelopeId);
          reject(new Error(`no ack for ${type} envelope ${envelopeId} within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(envelopeId, {
          resolve,
          reject,
          sentAt: Date.now(),
          timer,
          socket: target.socket,
        });
        target.socket.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            payload,
            accepts_response_payload:
              deliverOptions.acceptsResponsePayload ?? type !== "events_api",
          }),
        );
      });
    },
    acks,
    stray,
    requestRefresh(reason = "refresh_requested") {
      for (const connection of open()) {
        connection.socket.send(
          JSON.stringify({ type: "disconnect", reason, debug_info: { host: "applink-fake" } }),
        );
      }
    },
    drop(how = "close") {
      for (const connection of open()) {
        if (how === "close") connection.socket.close(1001, "going away");
        else connection.socket.terminate();
      }
    },
    close() {
      for (const connection of connections) connection.socket.terminate();
      return new Promise<void>((resolve) => {
        wss.close(() => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      });
    },
  };
  return fake;
}
