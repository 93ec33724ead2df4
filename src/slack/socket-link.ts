import type { SocketModeReceiver } from "@slack/bolt";
import { webApi } from "@slack/bolt";
import type { Logger } from "../log.js";

/**
 * Our own Socket Mode connection loop. Bolt's loop waits about 5 s after a drop, and a refused
 * reconnect there is an unhandled rejection that ends the process; here a drop is noticed at
 * once (for the health check), reconnects back off, and a refused token stops start-up clearly.
 */

/** Slack's errors that say "try again later"; any other refusal of the app token is final. */
const TRANSIENT_SLACK_ERRORS = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "ratelimited",
]);
const MAX_RECONNECT_MS = 30_000;
/** Slack's ack deadline: a stop waits this long at most for acks still owed. */
const ACK_DEADLINE_MS = 3000;
/** WebSocket readyState of a socket still opening. */
const CONNECTING = 0;

export type SocketLink = {
  /**
   * Settles once apps.connections.open has answered the first time: rejects when Slack refused the
   * app token, so start-up fails with that reason instead of retrying a token that cannot work.
   */
  checked: Promise<void>;
  /** Slack said hello on the socket that is open now: envelopes can arrive. */
  connected(): boolean;
  /** Sends the acks still owed (for at most Slack's 3 s), then closes the socket for good. */
  stop(): Promise<void>;
};

/**
 * Keeps one Socket Mode connection open and tells the health check whether Slack is connected.
 * After a drop or a failed attempt it tries again after `reconnectMs`, doubling while attempts
 * fail. The state comes from the SocketModeClient's events: "connected" is Slack's hello; "close"
 * is the socket going away (Bolt's "reconnecting" would only come after its 5 s delay).
 */
export function connectSocket(
  socket: SocketModeReceiver,
  options: { logger: Logger; reconnectMs?: number },
): SocketLink {
  const { client } = socket;
  const { logger } = options;
  const firstWaitMs = options.reconnectMs ?? 1000;
  let connected = false;
  let stopping = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  // Set while apps.connections.open is in flight, so a stop waits for the socket it leads to.
  let opening: Promise<void> | undefined;
  const unacked = new Set<string>();
  let settleCheck: { resolve(): void; reject(error: Error): void } | undefined;
  const checked = new Promise<void>((resolve, reject) => {
    settleCheck = { resolve, reject };
  });

  client.on("authenticated", () => {
    settleCheck?.resolve();
    settleCheck = undefined;
  });
  client.on("connected", () => {
    connected = true;
    failures = 0;
    logger.info("ready: connected to Slack (Socket Mode)");
  });
  client.on("close", () => {
    if (connected) logger.warn("lost the Socket Mode connection to Slack; reconnecting");
    connected = false;
    // Slack sends what was not acked again, to this or another connection.
    unacked.clear();
  });
  client.on("disconnected", () => {
    connected = false;
    schedule();
  });
  client.on("slack_event", (event: { envelope_id: string }) => unacked.add(event.envelope_id));
  client.on("outgoing_message", (message: { envelope_id: string }) =>
    unacked.delete(message.envelope_id),
  );

  const schedule = () => {
    if (stopping || timer || opening) return;
    const waitMs = Math.min(firstWaitMs * 2 ** failures, MAX_RECONNECT_MS);
    failures += 1;
    timer = setTimeout(() => {
      timer = undefined;
      open();
    }, waitMs);
  };

  const open = () => {
    let urlAnswered = () => {};
    opening = new Promise<void>((resolve) => {
      urlAnswered = resolve;
    });
    const onConnecting = () => {
      opening = undefined;
      urlAnswered();
      // A stop that gave up waiting for apps.connections.open still gets this socket closed.
      if (stopping) void settled(client, ACK_DEADLINE_MS).then(() => client.disconnect());
    };
    client.once("connecting", onConnecting);
    client.start().catch((error: unknown) => {
      client.off("connecting", onConnecting);
      opening = undefined;
      urlAnswered();
      // Without an error, the socket closed before hello and "disconnected" has scheduled a retry.
      if (error === undefined || stopping) return;
      const code =
        error instanceof webApi.WebAPIPlatformError ? String(error.data.error) : undefined;
      if (settleCheck && code !== undefined && !TRANSIENT_SLACK_ERRORS.has(code)) {
        settleCheck.reject(
          new Error(
            `Slack refused the app-level token in SLACK_APP_TOKEN (${code}). Use the app's current token with the connections:write scope, and turn Socket Mode on in the app's settings.`,
          ),
        );
        settleCheck = undefined;
        return;
      }
      // Slack unreachable, or a refusal after start-up: run on, not ready, and keep trying.
      settleCheck?.resolve();
      settleCheck = undefined;
      logger.error("could not connect to Slack (Socket Mode); will retry", { error });
      schedule();
    });
  };

  open();
  return {
    checked,
    connected: () => connected && !stopping,
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await acksSent(client, unacked);
      if (opening) await within(opening, ACK_DEADLINE_MS);
      if (client.websocket?.readyState === CONNECTING) await settled(client, ACK_DEADLINE_MS);
      connected = false;
      await client.disconnect();
    },
  };
}

function acksSent(client: SocketModeReceiver["client"], unacked: Set<string>): Promise<void> {
  return new Promise((resolve) => {
    if (unacked.size === 0) {
      resolve();
      return;
    }
    const check = () => {
      if (unacked.size > 0) return;
      clearTimeout(timer);
      client.off("outgoing_message", check);
      client.off("close", check);
      resolve();
    };
    const timer = setTimeout(() => {
      unacked.clear();
      check();
    }, ACK_DEADLINE_MS);
    client.on("outgoing_message", check);
    client.on("close", check);
  });
}

/**
 * Resolves once the socket being opened got Slack's hello or went away, or after `ms`. Closing it
 * while it is still connecting makes Bolt's SlackWebSocket start its 30 s close timer twice and
 * clear only one, which keeps the process alive for 30 s after a stop.
 */
function settled(client: SocketModeReceiver["client"], ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off("connected", done);
      client.off("close", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    client.on("connected", done);
    client.on("close", done);
  });
}

/** Waits for `promise`, but no longer than `ms`. */
async function within(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    promise,
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
