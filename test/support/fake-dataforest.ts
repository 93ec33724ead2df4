import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { createProblems, invalidParameterMessage } from "./dataforest-reference-rules.js";

/**
 * A DataForest over real HTTP on 127.0.0.1, written from NCP's public reference and nothing of the
 * app: its own paths, its own signature check (API Gateway signature v2), its own create rules
 * (dataforest-reference-rules.ts), answers shaped like the reference's examples. It keeps
 * workspaces in memory and can be told to misbehave, or to answer in the shapes the reference
 * leaves open.
 */

export const FAKE_ACCESS_KEY = "FAKEACCESSKEY0000001";
export const FAKE_SECRET_KEY = "fake-secret-key-9f8e7d6c5b4a3210";
export const FAKE_ACCOUNT_ID = "AcTeamA000000000000001";
export const MAX_SKEW_MS = 5 * 60_000;

/** The reference's paths; the names are the ones tests use to queue failures and count calls. */
export const operationPaths = {
  create: "/api/v2/aiworkspaces/create",
  checkAvailableName: "/api/v2/aiworkspaces/checkAvailableName",
  getList: "/api/v2/aiworkspaces/getList",
  getDetail: "/api/v2/aiworkspaces/getDetail",
  getConfigurationList: "/api/v2/aiworkspaces/getConfigurationList",
  getDockerImageList: "/api/v2/aiworkspaces/getDockerImageList",
  delete: "/api/v2/aiworkspaces/delete",
  listAccounts: "/api/v2/accounts/getList",
} as const;
export type Operation = keyof typeof operationPaths;

/** An account as AccountResponse describes it: only the id is Required. */
export type FakeAccount = {
  id: string;
  name?: string;
  principal?: string;
  status?: "ACCEPTED" | "RUNNING" | "CHANGING";
  disabled?: boolean;
  createdAt?: string;
};

export const DEFAULT_ACCOUNTS: FakeAccount[] = [
  {
    id: FAKE_ACCOUNT_ID,
    name: "team-a",
    principal: "team-a@KR.DF.NAVERNCP.COM",
    status: "RUNNING",
    disabled: false,
    createdAt: "2024-01-15T09:00:00+09:00",
  },
];

export type DockerImageType = "tensorflow" | "pytorch";

/** Whole image references per framework; `shapes.images` decides how they are answered. */
export const DEFAULT_DOCKER_IMAGES: Record<DockerImageType, Record<string, string[]>> = {
  tensorflow: { tensorflow: ["tensorflow:2.15.0-gpu", "tensorflow:2.14.0-gpu"] },
  pytorch: { pytorch: ["pytorch:2.1.0-cuda12", "pytorch:1.13.1-cuda11"] },
};

/** The answer shapes the reference leaves open, to be switched on in tests. */
export type FakeShapes = {
  /** `versions`: `{tensorflow: ["2.15.0-gpu"]}` instead of whole references. */
  images?: "references" | "versions";
  /** Leave `name` out of every account: it is Optional in AccountResponse. */
  accountsWithoutNames?: boolean;
  /** `disabled` as the String AccountResponse types it ("false") instead of a boolean. */
  disabledAsString?: boolean;
};

export type FakeWorkspace = {
  id: string;
  accountId: string;
  name: string;
  description?: string;
  disabled: boolean;
  createdAt: string;
  modifiedAt: string;
  configuration: Record<string, unknown>;
};

export type SeedWorkspace = Partial<FakeWorkspace> & { name: string };

export type FakeFailure =
  /** Answer this instead (the body is sent as is when a string, as JSON otherwise). */
  | { kind: "answer"; status: number; body: unknown; headers?: Record<string, string> }
  /** Wait, then answer normally. */
  | { kind: "delay"; ms: number }
  /** Destroy the socket without answering; with `afterHandling`, only after doing the work. */
  | { kind: "drop"; afterHandling?: boolean };

const answer = (status: number, body: unknown, headers?: Record<string, string>): FakeFailure => ({
  kind: "answer",
  status,
  body,
  ...(headers ? { headers } : {}),
});

/** Ready-made failures in the shapes the real API uses. */
export const failures = {
  answer,
  dataForest: (status: number, message: string) => answer(status, { success: false, message }),
  invalidParameter: (path: string, value: string) =>
    answer(400, { success: false, message: `invalid request parameter (${path}, '${value}')` }),
  quotaExceeded: () => answer(400, { success: false, message: "exceeded limit on resource quota" }),
  gateway: (
    status: number,
    errorCode: string,
    message: string,
    details?: string,
    headers?: Record<string, string>,
  ) => answer(status, { error: { errorCode, message, details: details ?? message } }, headers),
  throttled: (retryAfterSeconds?: number) =>
    answer(
      429,
      {
        error: {
          errorCode: "410",
          message: "Throttle Limited",
          details: "Rate of traffic exceeds throttle.",
        },
      },
      retryAfterSeconds === undefined ? undefined : { "retry-after": String(retryAfterSeconds) },
    ),
  junk: (status = 200, body = "<html><body>Bad gateway</body></html>") => answer(status, body),
  delay: (ms: number): FakeFailure => ({ kind: "delay", ms }),
  drop: (afterHandling = false): FakeFailure => ({ kind: "drop", afterHandling }),
};

export type ReceivedRequest = {
  operation?: Operation;
  method: string;
  /** Path with query, as sent. */
  path: string;
  /** Parsed JSON, or undefined when the body was not JSON. */
  body: unknown;
  headers: IncomingHttpHeaders;
  time: number;
};

export type FakeDataForestOptions = {
  accessKey?: string;
  secretKey?: string;
  accounts?: FakeAccount[];
  shapes?: FakeShapes;
  dockerImages?: Partial<Record<DockerImageType, Record<string, string[]>>>;
  workspaces?: SeedWorkspace[];
  now?: () => number;
};

export type FakeDataForest = {
  /** Base URL to give the client: `http://127.0.0.1:<port>`. */
  url: string;
  accessKey: string;
  secretKey: string;
  received: ReceivedRequest[];
  workspaces(): FakeWorkspace[];
  /** Queues one failure for the next call of `operation`; several queue in order. */
  failNext(operation: Operation, failure: FakeFailure): void;
  /** Delays every call of `operation` by `ms` (0 to stop). */
  setDelay(operation: Operation, ms: number): void;
  /** Calls `listener` with every request from now on, as it arrives; returns how to stop. */
  onRequest(listener: (request: ReceivedRequest) => void): () => void;
  /** Forgets what it received (workspaces stay), so a long benchmark's fake does not grow. */
  forgetReceived(): void;
  close(): Promise<void>;
};

export function countCalls(fake: FakeDataForest, operation: Operation): number {
  return fake.received.filter((r) => r.operation === operation).length;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const newId = () => Array.from({ length: 22 }, () => BASE62[randomInt(62)]).join("");

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

const ok = (body: Record<string, unknown>): Reply => ({
  status: 200,
  body: { ...body, success: true },
});
const refuse = (status: number, message: string): Reply => ({
  status,
  body: { success: false, message },
});

function valueAt(body: unknown, path: string): unknown {
  let value = body;
  for (const key of path.split(".").filter(Boolean)) {
    value =
      typeof value === "object" && value !== null
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  return value;
}

/** A refusal of one field, in the shape of the create page's example error. */
function invalidParameter(body: unknown, path: string, sentence: string): Reply {
  return refuse(400, invalidParameterMessage(body, { path, sentence }));
}

const NOT_NULL = "null は許可されていません";
const isText = (v: unknown): v is string => typeof v === "string" && v.length > 0;

/** Signature v2 as the API Gateway computes it: HMAC-SHA256 of method, path, timestamp, key. */
function signature(method: string, url: string, timestamp: string, key: string, secret: string) {
  return createHmac("sha256", secret)
    .update(`${method} ${url}\n${timestamp}\n${key}`)
    .digest("base64");
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startFakeDataForest(
  options: FakeDataForestOptions = {},
): Promise<FakeDataForest> {
  const accessKey = options.accessKey ?? FAKE_ACCESS_KEY;
  const secretKey = options.secretKey ?? FAKE_SECRET_KEY;
  const accounts = options.accounts ?? DEFAULT_ACCOUNTS;
  const images = { ...DEFAULT_DOCKER_IMAGES, ...options.dockerImages };
  const now = options.now ?? Date.now;
  const stamp = () => new Date(now()).toISOString();

  const workspaces = new Map<string, FakeWorkspace>();
  for (const seed of options.workspaces ?? []) {
    const ws: FakeWorkspace = {
      id: newId(),
      accountId: accounts[0]?.id ?? FAKE_ACCOUNT_ID,
      disabled: false,
      createdAt: stamp(),
      modifiedAt: stamp(),
      configuration: { docker: { image: "tensorflow:2.15.0-gpu" } },
      ...seed,
    };
    workspaces.set(ws.id, ws);
  }

  const received: ReceivedRequest[] = [];
  const listeners = new Set<(request: ReceivedRequest) => void>();
  const queued = new Map<Operation, FakeFailure[]>();
  const delays = new Map<Operation, number>();
  const waits = new Set<{ timer: NodeJS.Timeout; done: () => void }>();
  let closed = false;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = {
        timer: setTimeout(() => entry.done(), ms),
        done: () => {
          waits.delete(entry);
          resolve();
        },
      };
      waits.add(entry);
    });

  const operationOf = new Map<string, Operation>(
    (Object.keys(operationPaths) as Operation[]).map((op) => [operationPaths[op], op]),
  );
  const shapes = options.shapes ?? {};
  const accountName = (id: string) => accounts.find((a) => a.id === id)?.name ?? null;
  const summary = (w: FakeWorkspace) => ({
    id: w.id,
    name: w.name,
    description: w.description ?? null,
    accountName: accountName(w.accountId),
    imageVersion: valueAt(w.configuration, "docker.image") ?? null,
    disabled: w.disabled,
    createdAt: w.createdAt,
    modifiedAt: w.modifiedAt,
  });
  const accountAnswer = (a: FakeAccount) => {
    const { name, disabled, ...rest } = a;
    return {
      ...rest,
      ...(name === undefined || shapes.accountsWithoutNames ? {} : { name }),
      ...(disabled === undefined
        ? {}
        : { disabled: shapes.disabledAsString ? String(disabled) : disabled }),
    };
  };
  const imageAnswer = (typeName: DockerImageType) => {
    const lists = images[typeName] ?? {};
    if (shapes.images !== "versions") return lists;
    return Object.fromEntries(
      Object.entries(lists).map(([key, refs]) => [
        key,
        refs.map((r) => r.slice(r.lastIndexOf(":") + 1)),
      ]),
    );
  };
  const nameTaken = (accountId: string, name: string) =>
    [...workspaces.values()].some((w) => w.accountId === accountId && w.name === name);

  function authProblem(req: IncomingMessage): string | undefined {
    const timestamp = header(req.headers, "x-ncp-apigw-timestamp");
    const key = header(req.headers, "x-ncp-iam-access-key");
    const signed = header(req.headers, "x-ncp-apigw-signature-v2");
    if (!timestamp || !key || !signed) return "A required authentication header is missing.";
    if (key !== accessKey) return "The access key is not known.";
    if (!/^\d+$/.test(timestamp) || Math.abs(now() - Number(timestamp)) > MAX_SKEW_MS) {
      return "The timestamp is outside the allowed range.";
    }
    const expected = signature(req.method ?? "", req.url ?? "", timestamp, accessKey, secretKey);
    return sameText(expected, signed) ? undefined : "The signature does not match.";
  }

  /** The one field of a request body that must be a non-empty string, or its refusal. */
  function field(
    body: unknown,
    path: string,
  ): { ok: true; value: string } | { ok: false; reply: Reply } {
    const value = valueAt(body, path);
    return isText(value)
      ? { ok: true, value }
      : { ok: false, reply: invalidParameter(body, path, NOT_NULL) };
  }

  function found(body: unknown): { ok: true; ws: FakeWorkspace } | { ok: false; reply: Reply } {
    const id = field(body, "id");
    if (!id.ok) return id;
    const ws = workspaces.get(id.value);
    return ws ? { ok: true, ws } : { ok: false, reply: refuse(404, "no such element") };
  }

  const handlers: Record<Operation, (body: unknown) => Reply> = {
    create(body) {
      const [problem] = createProblems(body);
      if (problem) return refuse(400, invalidParameterMessage(body, problem));
      const { accountId, name, description, configuration } = body as {
        accountId: string;
        name: string;
        description?: string;
        configuration: Record<string, unknown>;
      };
      if (!accounts.some((a) => a.id === accountId)) return refuse(403, "not allowed to access");
      if (nameTaken(accountId, name)) {
        return refuse(400, `An AI workspace named ${name} already exists in this account.`);
      }
      const ws: FakeWorkspace = {
        id: newId(),
        accountId,
        name,
        ...(description === undefined ? {} : { description }),
        disabled: false,
        createdAt: stamp(),
        modifiedAt: stamp(),
        configuration,
      };
      workspaces.set(ws.id, ws);
      return ok({ id: ws.id, message: "success" });
    },
    checkAvailableName(body) {
      const accountId = field(body, "accountId");
      if (!accountId.ok) return accountId.reply;
      const name = field(body, "name");
      if (!name.ok) return name.reply;
      const [problem] = createProblems({
        accountId: accountId.value,
        name: name.value,
        configuration: { docker: { image: "a:b", command: "ls" } },
      });
      if (problem) {
        return ok({ availableName: false, message: invalidParameterMessage(body, problem) });
      }
      const taken = nameTaken(accountId.value, name.value);
      return ok({ availableName: !taken, message: taken ? "already exists" : "success" });
    },
    getList(body) {
      const accountId = field(body, "search.accountId");
      if (!accountId.ok) return accountId.reply;
      const contents = [...workspaces.values()]
        .filter((w) => w.accountId === accountId.value)
        .map(summary);
      return ok({ contents, total: contents.length });
    },
    getDetail(body) {
      const f = found(body);
      if (!f.ok) return f.reply;
      const { configuration, createdAt, modifiedAt, accountId } = f.ws;
      return ok({
        ...summary(f.ws),
        accountId,
        message: "success",
        contents: [{ configuration, createdAt, modifiedAt }],
      });
    },
    getConfigurationList(body) {
      const f = found(body);
      if (!f.ok) return f.reply;
      const { configuration, createdAt, modifiedAt } = f.ws;
      return ok({ contents: [{ configuration, createdAt, modifiedAt }], total: 1 });
    },
    getDockerImageList(body) {
      const typeName = valueAt(body, "search.typeName");
      if (typeName !== "tensorflow" && typeName !== "pytorch") {
        return invalidParameter(body, "search.typeName", NOT_NULL);
      }
      return ok({ dockerImages: imageAnswer(typeName), message: "success" });
    },
    delete(body) {
      const f = found(body);
      if (!f.ok) return f.reply;
      workspaces.delete(f.ws.id);
      return ok({ id: f.ws.id, message: "success" });
    },
    listAccounts() {
      return ok({ contents: accounts.map(accountAnswer), total: accounts.length });
    },
  };

  function route(req: IncomingMessage, operation: Operation | undefined, body: unknown): Reply {
    const problem = authProblem(req);
    if (problem) {
      return {
        status: 401,
        body: { error: { errorCode: "200", message: "Authentication Failed", details: problem } },
      };
    }
    if (!operation) return refuse(404, "no such element");
    if (req.method !== "POST") return refuse(405, "method not allowed");
    if (body === undefined) return refuse(400, "invalid request body");
    return handlers[operation](body);
  }

  function reply(res: ServerResponse, r: Reply) {
    if (res.destroyed) return;
    const text = typeof r.body === "string" ? r.body : JSON.stringify(r.body);
    res.writeHead(r.status, { "content-type": "application/json", ...r.headers });
    res.end(text);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    const operation = operationOf.get((req.url ?? "").split("?")[0] ?? "");
    const request: ReceivedRequest = {
      ...(operation ? { operation } : {}),
      method: req.method ?? "",
      path: req.url ?? "",
      body,
      headers: req.headers,
      time: now(),
    };
    received.push(request);
    for (const listener of [...listeners]) listener(request);

    const failure = operation ? queued.get(operation)?.shift() : undefined;
    if (failure?.kind === "drop" && !failure.afterHandling) {
      req.socket.destroy();
      return;
    }
    const delayMs =
      (operation ? (delays.get(operation) ?? 0) : 0) + (failure?.kind === "delay" ? failure.ms : 0);
    if (delayMs > 0) await wait(delayMs);
    if (closed) return;
    if (failure?.kind === "answer") {
      reply(res, failure);
      return;
    }
    const result = route(req, operation, body);
    if (failure?.kind === "drop") {
      req.socket.destroy();
      return;
    }
    reply(res, result);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => reply(res, refuse(500, String(error))));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    accessKey,
    secretKey,
    received,
    workspaces: () => [...workspaces.values()],
    failNext(operation, failure) {
      queued.set(operation, [...(queued.get(operation) ?? []), failure]);
    },
    setDelay(operation, ms) {
      delays.set(operation, ms);
    },
    onRequest(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    forgetReceived() {
      received.length = 0;
    },
    async close() {
      closed = true;
      for (const w of [...waits]) {
        clearTimeout(w.timer);
        w.done();
      }
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopped;
    },
  };
}
