/**
 * A fake Slack Web API for end-to-end tests: a real HTTP server that the real Bolt app's WebClient
 * is pointed at (`slackApiUrl`). It answers the methods the app uses the way Slack does, refuses
 * what real Slack refuses (Block Kit limits, stale or reused trigger ids, hash conflicts), keeps
 * the current state of every message and view so a test can look at what a person would see, and
 * lets a test inject one-off failures.
 */

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type Answer,
  createFakeSlackMethods,
  fail,
  type ParsedRequest,
  str,
} from "./fake-slack-methods.js";
import { isObject } from "./slack-block-kit-limits.js";

export { fakeSlackDefaults } from "./fake-slack-methods.js";
export { validateMessageBlocks, validateView } from "./slack-block-kit-limits.js";

export type JsonObject = Record<string, unknown>;

export type FakeUser = {
  name?: string;
  real_name?: string;
  display_name?: string;
  email?: string;
  tz?: string;
  /** The language the person chose in Slack, as users.info gives it with include_locale. */
  locale?: string;
  deleted?: boolean;
  is_bot?: boolean;
};

export type FakeChannel = {
  name?: string;
  is_private?: boolean;
  /**
   * false: chat.postMessage answers `not_in_channel`, as Slack does when the bot was not invited;
   * `channel_not_found` for a private channel, which the bot cannot even see.
   */
  is_member?: boolean;
  is_archived?: boolean;
};

export type FakeSlackOptions = {
  /** When set, only this bot token (or `appToken`) is accepted; any other answers `invalid_auth`. */
  botToken?: string;
  /** When set, apps.connections.open accepts only this app-level token. */
  appToken?: string;
  teamId?: string;
  teamDomain?: string;
  appId?: string;
  botUserId?: string;
  botId?: string;
  /** usergroup id -> member user ids, for usergroups.users.list and usergroups.list. */
  usergroups?: Record<string, string[]>;
  /** User groups that exist but are disabled: usergroups.list shows them with a date_delete. */
  disabledUsergroups?: string[];
  /** User ids Slack does not know: users.info answers user_not_found, as for a typo. */
  unknownUsers?: string[];
  /**
   * user id -> profile; ids not listed still resolve to a generated user ("User U123") whose
   * locale is en-US.
   */
  users?: Record<string, FakeUser>;
  /** channel id -> facts; ids not listed resolve to a public channel the bot is a member of. */
  channels?: Record<string, FakeChannel>;
  /** Accept any non-empty trigger_id, any number of times, at any age. */
  allowAnyTrigger?: boolean;
  /** How long an issued trigger id stays usable; Slack's is 3 s. */
  triggerTtlMs?: number;
  /**
   * Posts (chat.postMessage) accepted per second, over a sliding second, as Slack's rate limits
   * work; a post over the limit is answered HTTP 429 with `Retry-After` and changes nothing.
   */
  postsPerSecond?: number;
  /** What apps.connections.open answers as `url`; a function is read on every call. */
  socketModeUrl?: string | (() => string);
};

/** One recorded request, whatever its outcome. */
export type SlackCall = {
  method: string;
  /** Arguments as the method saw them; JSON-encoded form fields (blocks, view, ...) are decoded. */
  args: JsonObject;
  token: string | undefined;
  /** Date.now() when the request arrived. */
  at: number;
  /** performance.now() once the whole request had arrived: for latencies, finer than `at`. */
  arrivedAt: number;
  /** HTTP status of the answer (200 unless a failure was injected). */
  status: number;
  /** The answer body sent back (for response_url posts, `{ok: true}`). */
  answer: unknown;
};

export type InjectedFailure =
  | string
  | {
      status: number;
      /** Defaults to `{ok: false, error: "fatal_error"}`; strings are sent as they are. */
      body?: unknown;
      /** Seconds, sent as the Retry-After header (what WebClient reads on 429). */
      retryAfter?: number;
    };

export type FakeMessage = {
  type: "message";
  channel: string;
  ts: string;
  text: string;
  blocks?: JsonObject[];
  attachments?: unknown[];
  metadata?: unknown;
  thread_ts?: string;
  reply_count?: number;
  reply_users?: string[];
  latest_reply?: string;
  user: string;
  bot_id: string;
  app_id: string;
  team: string;
  edited?: { user: string; ts: string };
};

export type FakeEphemeral = {
  channel: string | undefined;
  user: string | undefined;
  text: string;
  blocks?: JsonObject[];
  thread_ts?: string;
  message_ts: string;
  via: "chat.postEphemeral" | "response_url";
};

export type StateValues = Record<string, Record<string, JsonObject>>;

export type FakeView = {
  id: string;
  team_id: string;
  type: string;
  title?: JsonObject;
  submit?: JsonObject;
  close?: JsonObject;
  blocks: JsonObject[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: StateValues };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  previous_view_id: string | null;
  root_view_id: string;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
};

export type FakeSlack = {
  /** Web API base for WebClient's `slackApiUrl`, e.g. `http://127.0.0.1:41234/api/`. */
  url: string;
  /** `http://127.0.0.1:<port>`, where response URLs live too. */
  origin: string;
  /** Every request so far, oldest first (a live array). */
  calls: SlackCall[];
  callsOf(method: string): SlackCall[];
  /**
   * The first call (already made or still to come) of `method` that matches `predicate`.
   * Rejects after `timeoutMs` (default 2000) with the list of calls seen so far.
   */
  waitFor(
    method: string,
    predicate?: (call: SlackCall) => boolean,
    timeoutMs?: number,
  ): Promise<SlackCall>;
  /**
   * A trigger id as Slack puts in a command or interaction payload: usable once, for
   * `triggerTtlMs`. `ageMs` back-dates it (a stale trigger without waiting); `viewId` ties it to
   * an open view, so views.push stacks on that view.
   */
  issueTriggerId(options?: { ageMs?: number; viewId?: string }): string;
  /**
   * A response_url served by this fake. Posts to it are recorded as calls of method
   * `response_url`; with `channel` and `messageTs`, replace_original/delete_original act on
   * that message, as Slack's do for an interaction on a message.
   */
  issueResponseUrl(options?: { channel?: string; messageTs?: string; userId?: string }): string;
  /** The next call of `method` fails this way (queued: several calls fail in order). */
  failNext(method: string, failure: InjectedFailure): void;
  /**
   * The next call of `method` is answered only once the returned function is called: Slack being
   * slow, for exactly as long as a test needs, with no timer.
   */
  holdNext(method: string): () => void;
  /** Every call of these methods answers HTTP 500 until `outage([])`: Slack having a bad day. */
  outage(methods: readonly string[]): void;
  /** Changes the posting rate limit from now on; undefined lifts it. */
  setPostsPerSecond(limit: number | undefined): void;
  messages(): FakeMessage[];
  message(channel: string, ts: string): FakeMessage | undefined;
  /** Replies in a thread, oldest first, without the parent. */
  threadReplies(channel: string, threadTs: string): FakeMessage[];
  ephemerals(): FakeEphemeral[];
  view(id: string): FakeView | undefined;
  views(): FakeView[];
  /** The App Home a user sees now: the last view published for them. */
  home(userId: string): FakeView | undefined;
  /** Forget recorded calls (state of messages and views is kept). */
  clearCalls(): void;
  /** Calls `listener` with every call from now on, as it is recorded; returns how to stop. */
  onCall(listener: (call: SlackCall) => void): () => void;
  /**
   * Forgets the calls and the whole workspace state (messages, views, trigger ids, response URLs),
   * so a long benchmark's fake does not grow. Only between rounds: nothing may be in flight.
   */
  forget(): void;
  close(): Promise<void>;
};

/** Form fields that WebClient sends as JSON strings and Slack decodes. */
const JSON_FIELDS = new Set([
  "blocks",
  "attachments",
  "view",
  "metadata",
  "unfurls",
  "user_auth_blocks",
]);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseRequest(req: IncomingMessage, raw: string, query: URLSearchParams): ParsedRequest {
  const args: JsonObject = {};
  const badJson: string[] = [];
  for (const [key, value] of query) args[key] = value;
  const contentType = (req.headers["content-type"] ?? "").toLowerCase();
  let bodyToken: string | undefined;
  if (contentType.startsWith("application/json")) {
    // Slack ignores a token in a JSON body: JSON callers must use the Authorization header.
    const parsed: unknown = raw.trim() === "" ? {} : JSON.parse(raw);
    if (isObject(parsed)) Object.assign(args, parsed);
  } else if (raw !== "") {
    for (const [key, value] of new URLSearchParams(raw)) args[key] = value;
    bodyToken = str(args.token);
  }
  for (const key of JSON_FIELDS) {
    const value = args[key];
    if (typeof value !== "string") continue;
    try {
      args[key] = JSON.parse(value);
    } catch {
      badJson.push(key);
    }
  }
  delete args.token;
  const header = req.headers.authorization;
  const headerToken = header?.startsWith("Bearer ")
    ? header.slice("Bearer ".length).trim()
    : undefined;
  return { args, token: headerToken || bodyToken, badJson };
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const { answerMethod, answerResponseUrl, addResponseUrl, forgetState, ...workspace } =
    createFakeSlackMethods(options);
  const calls: SlackCall[] = [];
  const waiters = new Set<(call: SlackCall) => void>();
  const failures = new Map<string, InjectedFailure[]>();
  const holds = new Map<string, Promise<void>[]>();
  let postsPerSecond = options.postsPerSecond;
  let down = new Set<string>();
  /** When the posts of the last second were accepted. */
  const posted: number[] = [];
  let origin = "";

  const injected = (failure: InjectedFailure): Answer => {
    if (typeof failure === "string") return { status: 200, body: fail(failure) };
    const headers: Record<string, string> = {};
    if (failure.retryAfter !== undefined) headers["retry-after"] = String(failure.retryAfter);
    return { status: failure.status, body: failure.body ?? fail("fatal_error"), headers };
  };

  const record = (call: SlackCall) => {
    calls.push(call);
    for (const waiter of [...waiters]) waiter(call);
  };

  /** Slack's answer to a post over the rate limit: 429, and when the oldest post leaves the window. */
  const overRate = (now: number): Answer | undefined => {
    if (postsPerSecond === undefined) return undefined;
    while (posted.length > 0 && (posted[0] ?? 0) <= now - 1000) posted.shift();
    if (posted.length < postsPerSecond) {
      posted.push(now);
      return undefined;
    }
    const waitMs = (posted[0] ?? now) + 1000 - now;
    return {
      status: 429,
      body: fail("ratelimited"),
      headers: { "retry-after": String(Math.max(1, Math.ceil(waitMs / 1000))) },
    };
  };

  const answerApi = (method: string, parsed: ParsedRequest): Answer => {
    const queued = failures.get(method);
    const failure = queued?.shift();
    if (failure !== undefined) return injected(failure);
    if (down.has(method)) return injected({ status: 500 });
    if (method === "chat.postMessage") {
      const limited = overRate(Date.now());
      if (limited) return limited;
    }
    return { status: 200, body: answerMethod(method, parsed) };
  };

  const send = (res: ServerResponse, answer: Answer) => {
    const payload = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      "content-type":
        typeof answer.body === "string"
          ? "text/plain; charset=utf-8"
          : "application/json; charset=utf-8",
      ...answer.headers,
    });
    res.end(payload);
  };

  const server = createServer((req, res) => {
    const at = Date.now();
    readBody(req)
      .then(async (raw) => {
        const arrivedAt = performance.now();
        const url = new URL(req.url ?? "/", "http://127.0.0.1");
        const isApi = url.pathname.startsWith("/api/");
        const isResponseUrl = url.pathname.startsWith("/response/");
        const method = isApi
          ? decodeURIComponent(url.pathname.slice("/api/".length))
          : isResponseUrl
            ? "response_url"
            : url.pathname;
        let parsed: ParsedRequest = { args: {}, token: undefined, badJson: [] };
        let answer: Answer;
        try {
          parsed = parseRequest(req, raw, url.searchParams);
          if (isApi) answer = answerApi(method, parsed);
          else if (isResponseUrl) {
            answer = answerResponseUrl(url.pathname.slice("/response/".length), parsed.args);
          } else answer = { status: 404, body: "not found" };
        } catch (error) {
          // A JSON body that does not parse is the caller's fault; anything else is a bug here,
          // answered like a Slack outage so the test fails loudly rather than hanging.
          answer =
            error instanceof SyntaxError
              ? { status: 200, body: fail("invalid_json") }
              : { status: 500, body: fail("fatal_error", { detail: String(error) }) };
        }
        // Recorded before answering, so a test that awaited the client call sees it at once.
        record({
          method,
          args: parsed.args,
          token: parsed.token,
          at,
          arrivedAt,
          status: answer.status,
          answer: answer.body,
        });
        await holds.get(method)?.shift();
        send(res, answer);
      })
      .catch((error: unknown) => {
        send(res, { status: 500, body: fail("fatal_error", { detail: String(error) }) });
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  const describeCalls = (): string =>
    calls.length === 0
      ? "(none)"
      : calls
          .map((call) => {
            const body = isObject(call.answer) ? call.answer : {};
            const outcome =
              call.status !== 200
                ? `HTTP ${call.status}`
                : body.ok
                  ? "ok"
                  : `error ${String(body.error)}`;
            return `  ${call.method} -> ${outcome}`;
          })
          .join("\n");

  let closed = false;

  return {
    url: `${origin}/api/`,
    origin,
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method),
    waitFor: (method, predicate = () => true, timeoutMs = 2000) => {
      const matches = (call: SlackCall) => call.method === method && predicate(call);
      const found = calls.find(matches);
      if (found) return Promise.resolve(found);
      return new Promise<SlackCall>((resolve, reject) => {
        const waiter = (call: SlackCall) => {
          if (!matches(call)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(call);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(
              `fake Slack: no matching ${method} call within ${timeoutMs} ms. Calls seen so far:\n${describeCalls()}`,
            ),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    issueResponseUrl: (target = {}) => `${origin}/response/${addResponseUrl(target)}`,
    failNext: (method, failure) => {
      const queued = failures.get(method) ?? [];
      queued.push(failure);
      failures.set(method, queued);
    },
    holdNext: (method) => {
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      holds.set(method, [...(holds.get(method) ?? []), held]);
      return release;
    },
    outage: (methods) => {
      down = new Set(methods);
    },
    setPostsPerSecond: (limit) => {
      postsPerSecond = limit;
      posted.length = 0;
    },
    ...workspace,
    clearCalls: () => {
      calls.length = 0;
    },
    onCall: (listener) => {
      waiters.add(listener);
      return () => {
        waiters.delete(listener);
      };
    },
    forget: () => {
      calls.length = 0;
      forgetState();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      // WebClient's fetch keeps sockets alive; without this close() would wait for them to idle out.
      server.closeAllConnections();
      await stopped;
    },
  };
}
