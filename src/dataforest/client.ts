import { performance } from "node:perf_hooks";
import { Agent, type Dispatcher } from "undici";
import type { z } from "zod";
import { type Logger, silentLogger } from "../log.js";
import { type ProxySettings, proxyDispatcher } from "../proxy.js";
import { type CreateRequestInput, checkCreateRequest } from "./create-request.js";
import { DataForestError, errorFromNetwork, errorFromResponse } from "./errors.js";
import { type NameAvailability, nameAvailability } from "./name-availability.js";
import { type RetryPolicy, withRetries } from "./retry.js";
import {
  type Account,
  account,
  type ConfigurationEntry,
  checkAvailableNameAnswer,
  type checkAvailableNameRequest,
  configurationEntry,
  createAnswer,
  type DockerImageType,
  deleteAnswer,
  getConfigurationListAnswer,
  getDetailAnswer,
  getDockerImageListAnswer,
  type getDockerImageListRequest,
  getListAnswer,
  type getListRequest,
  type idRequest,
  imageReferences,
  listAccountsAnswer,
  type Operation,
  operationPaths,
  type WorkspaceDetail,
  type WorkspaceSummary,
  workspaceSummary,
} from "./schemas.js";
import { SIGNATURE_HEADERS, signedHeaders } from "./signer.js";

export type DataForestTimeouts = {
  /** Opening the TCP/TLS connection. */
  connectMs: number;
  /** From the request written to the answer's headers: the slow part of a create. */
  headersMs: number;
  /** Between two chunks of the answer's body. */
  bodyMs: number;
};

export type DataForestClientOptions = {
  baseUrl: string;
  accessKey: string;
  secretKey: string;
  timeouts?: Partial<DataForestTimeouts>;
  /** For read-only calls; `totalMs` bounds a call and its retries when the caller gives no timeoutMs. */
  retry?: Partial<RetryPolicy> & { totalMs?: number };
  logger?: Logger;
  /** The clock of the signature timestamps. */
  now?: () => number;
  /** HTTPS_PROXY and friends; without one, calls go straight out. */
  proxy?: ProxySettings | undefined;
};

export type CallOptions = {
  /** Bounds the whole call, retries included. */
  timeoutMs?: number;
};

export type WriteResult = { id: string; message?: string };

export type DataForestClient = {
  /** Sent once, never retried. Throws `outcome_unknown` when the workspace may or may not exist. */
  create(request: CreateRequestInput): Promise<WriteResult>;
  checkAvailableName(
    accountId: string,
    name: string,
    opts?: CallOptions,
  ): Promise<NameAvailability>;
  /**
   * Every workspace of the account (getList), each with its id, name and createdAt. Throws
   * `bad_answer` unless the list is whole: `contents` must hold as many items as `total` says.
   */
  listWorkspaces(accountId: string, opts?: CallOptions): Promise<WorkspaceSummary[]>;
  getDetail(id: string, opts?: CallOptions): Promise<WorkspaceDetail>;
  getConfigurationList(id: string, opts?: CallOptions): Promise<ConfigurationEntry[]>;
  /** The framework's images as `framework:version`, whichever shape DataForest answered in. */
  getDockerImageList(typeName: DockerImageType, opts?: CallOptions): Promise<string[]>;
  /** Sent once, never retried. */
  delete(id: string): Promise<WriteResult>;
  /** Every readable account, usable or not: see `isUsableAccount`. */
  listAccounts(opts?: CallOptions): Promise<Account[]>;
  /**
   * How a caller settles a create whose outcome is unknown, instead of sending it again. Throws
   * `bad_answer` when the list cannot prove the name absent (an unreadable item might be it).
   */
  findWorkspaceByName(
    accountId: string,
    name: string,
    opts?: CallOptions,
  ): Promise<WorkspaceSummary | undefined>;
  close(): Promise<void>;
};

export const DEFAULT_TIMEOUTS: DataForestTimeouts = {
  connectMs: 3_000,
  headersMs: 10_000,
  bodyMs: 10_000,
};
export const DEFAULT_RETRY: RetryPolicy & { totalMs: number } = {
  attempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 2_000,
  totalMs: 20_000,
};

type Answer = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
};

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function createDataForestClient(options: DataForestClientOptions): DataForestClient {
  const base = new URL(options.baseUrl.replace(/\/+$/, ""));
  const prefix = base.pathname.replace(/\/+$/, "");
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const { totalMs, ...policy } = { ...DEFAULT_RETRY, ...options.retry };
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  const { accessKey, secretKey } = options;

  const agentOptions = {
    connectTimeout: timeouts.connectMs,
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
  };
  const agent: Dispatcher = proxyDispatcher(options.proxy, agentOptions) ?? new Agent(agentOptions);

  function readAnswer<S extends z.ZodType>(
    operation: Operation,
    answer: Answer,
    schema: S,
    redact: readonly string[],
    sent: unknown,
  ): z.output<S> {
    const refusal = () =>
      errorFromResponse(operation, answer.status, answer.headers, answer.text, {
        now: now(),
        redact,
        sent,
      });
    if (answer.status < 200 || answer.status > 299) throw refusal();
    const json = parseJson(answer.text);
    if (!json.ok) {
      throw new DataForestError({ kind: "bad_answer", operation, status: answer.status });
    }
    // DataForest may report a refusal with a 200 and `success: false`.
    if (typeof json.value === "object" && json.value !== null && "success" in json.value) {
      if (json.value.success === false) throw refusal();
    }
    const parsed = schema.safeParse(json.value);
    if (parsed.success) return parsed.data;
    throw new DataForestError({
      kind: "bad_answer",
      operation,
      status: answer.status,
      field: parsed.error.issues[0]?.path.map(String).join("."),
    });
  }

  /** One attempt: a fresh signature, one POST, the answer read and checked. */
  async function send<S extends z.ZodType>(
    operation: Operation,
    body: unknown,
    schema: S,
    signal?: AbortSignal,
  ): Promise<z.output<S>> {
    const pathWithQuery = prefix + operationPaths[operation];
    const signed = signedHeaders({ method: "POST", pathWithQuery, accessKey, secretKey, now });
    const started = performance.now();
    const log = (fields: Record<string, unknown>) =>
      logger.debug("dataforest call", {
        operation,
        durationMs: Math.round(performance.now() - started),
        ...fields,
      });

    let answer: Answer;
    try {
      const res = await agent.request({
        origin: base.origin,
        path: pathWithQuery,
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", ...signed },
        body: JSON.stringify(body),
        signal,
      });
      answer = { status: res.statusCode, headers: res.headers, text: await res.body.text() };
    } catch (cause) {
      const error = errorFromNetwork(operation, cause);
      log({ outcome: error.kind, code: error.code });
      throw error;
    }
    try {
      const value = readAnswer(
        operation,
        answer,
        schema,
        [accessKey, secretKey, signed[SIGNATURE_HEADERS.signature]],
        body,
      );
      log({ status: answer.status, outcome: "ok" });
      return value;
    } catch (error) {
      log({
        status: answer.status,
        outcome: error instanceof DataForestError ? error.kind : "error",
      });
      throw error;
    }
  }

  /** Reads each item of a list on its own: an odd item is skipped and logged, not the whole list. */
  function readItems<S extends z.ZodType>(
    operation: Operation,
    raw: unknown[],
    schema: S,
  ): { items: z.output<S>[]; skipped: unknown[] } {
    const items: z.output<S>[] = [];
    const skipped: unknown[] = [];
    raw.forEach((item, index) => {
      const parsed = schema.safeParse(item);
      if (parsed.success) {
        items.push(parsed.data);
        return;
      }
      skipped.push(item);
      // The item itself is not logged: it is DataForest's data, and the path says enough.
      logger.warn("dataforest answer: skipped an item that could not be read", {
        operation,
        index,
        field: parsed.error.issues[0]?.path.map(String).join("."),
      });
    });
    return { items, skipped };
  }

  /** Read-only calls: retried on throttling, 5xx and network errors, within one time budget. */
  function read<S extends z.ZodType>(
    operation: Operation,
    body: unknown,
    schema: S,
    opts: CallOptions = {},
  ): Promise<z.output<S>> {
    const budgetMs = opts.timeoutMs ?? totalMs;
    const signal = AbortSignal.timeout(budgetMs);
    return withRetries(() => send(operation, body, schema, signal), {
      policy,
      deadline: Date.now() + budgetMs,
      decide: (error) =>
        error instanceof DataForestError &&
        (error.kind === "throttled" ||
          error.kind === "unavailable" ||
          error.kind === "server_error") &&
        error.code !== "timeout"
          ? { retry: true, retryAfterMs: error.retryAfterMs }
          : { retry: false },
      onRetry: ({ attempt, delayMs }) =>
        logger.debug("dataforest retry", { operation, attempt, delayMs }),
    });
  }

  const written = (answer: { id: string; message?: string | null }): WriteResult =>
    answer.message ? { id: answer.id, message: answer.message } : { id: answer.id };

  const workspaceList = async (accountId: string, opts?: CallOptions) => {
    const answer = await read(
      "getList",
      { search: { accountId } } satisfies z.input<typeof getListRequest>,
      getListAnswer,
      opts,
    );
    // No paging is documented; a list shorter than its total is a part, and a part cannot prove
    // that a name is absent.
    if (answer.contents.length !== answer.total) {
      throw new DataForestError({ kind: "bad_answer", operation: "getList", field: "total" });
    }
    return readItems("getList", answer.contents, workspaceSummary);
  };

  return {
    async create(request) {
      const checked = checkCreateRequest(request);
      if (!checked.ok) {
        throw new DataForestError({
          kind: "invalid_parameter",
          operation: "create",
          field: checked.problems[0]?.path,
          problems: checked.problems,
        });
      }
      return written(await send("create", checked.value, createAnswer));
    },
    async checkAvailableName(accountId, name, opts) {
      const answer = await read(
        "checkAvailableName",
        { accountId, name } satisfies z.input<typeof checkAvailableNameRequest>,
        checkAvailableNameAnswer,
        opts,
      );
      return nameAvailability(answer.availableName, answer.message);
    },
    async listWorkspaces(accountId, opts) {
      return (await workspaceList(accountId, opts)).items;
    },
    async getDetail(id, opts) {
      const {
        success: _s,
        message: _m,
        contents,
        ...detail
      } = await read(
        "getDetail",
        { id } satisfies z.input<typeof idRequest>,
        getDetailAnswer,
        opts,
      );
      return { ...detail, contents: readItems("getDetail", contents, configurationEntry).items };
    },
    async getConfigurationList(id, opts) {
      const answer = await read("getConfigurationList", { id }, getConfigurationListAnswer, opts);
      return readItems("getConfigurationList", answer.contents, configurationEntry).items;
    },
    async getDockerImageList(typeName, opts) {
      const answer = await read(
        "getDockerImageList",
        { search: { typeName } } satisfies z.input<typeof getDockerImageListRequest>,
        getDockerImageListAnswer,
        opts,
      );
      return imageReferences(answer.dockerImages);
    },
    async delete(id) {
      return written(await send("delete", { id }, deleteAnswer));
    },
    async listAccounts(opts) {
      const answer = await read("listAccounts", {}, listAccountsAnswer, opts);
      return readItems("listAccounts", answer.contents, account).items;
    },
    async findWorkspaceByName(accountId, name, opts) {
      const { items, skipped } = await workspaceList(accountId, opts);
      const found = items.find((w) => w.name === name);
      if (found) return found;
      const mightBeIt = skipped.some(
        (item) =>
          typeof item !== "object" ||
          item === null ||
          !("name" in item) ||
          typeof item.name !== "string" ||
          item.name === name,
      );
      if (mightBeIt) {
        throw new DataForestError({ kind: "bad_answer", operation: "getList", field: "contents" });
      }
      return undefined;
    },
    close: () => agent.close(),
  };
}
