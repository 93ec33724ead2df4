import type { FieldProblem } from "./create-request.js";
import { dataForestErrorBody, gatewayErrorBody, type Operation } from "./schemas.js";

export type DataForestErrorKind =
  | "invalid_parameter"
  | "name_taken"
  | "quota_exceeded"
  | "auth_failed"
  | "permission_denied"
  | "throttled"
  | "unavailable"
  | "server_error"
  | "not_found"
  | "rejected"
  | "outcome_unknown"
  | "bad_answer";

export type DataForestErrorDetails = {
  kind: DataForestErrorKind;
  operation: Operation;
  /** HTTP status, when an answer came. */
  status?: number;
  /** The API Gateway's errorCode, or the network error's code when no answer came. */
  code?: string;
  /** The field path the API named (`configuration.docker.image`), or, for bad_answer, the part of the answer that did not fit. */
  field?: string;
  /** The value the API quoted for `field`. */
  value?: string;
  /** The API's own words, for whoever needs to dig further. */
  apiMessage?: string;
  retryAfterMs?: number;
  /** Every problem found before sending, when the request never left the app. */
  problems?: FieldProblem[];
};

const plainMessages: Record<DataForestErrorKind, (d: DataForestErrorDetails) => string> = {
  invalid_parameter: (d) =>
    d.problems
      ? `The request was not sent to DataForest: ${d.problems.length === 1 ? "one field needs" : `${d.problems.length} fields need`} fixing.`
      : d.field
        ? `DataForest did not accept the value of ${d.field}.`
        : "DataForest did not accept one of the values in the request.",
  name_taken: () => "DataForest already has a workspace with this name in the account.",
  quota_exceeded: () =>
    "The DataForest account has used up its resource quota, so nothing more can be created until some is freed or the quota is raised.",
  auth_failed: () => "DataForest refused the service account's keys.",
  permission_denied: () => "The service account is not allowed to do this in DataForest.",
  throttled: (d) =>
    d.retryAfterMs === undefined
      ? "DataForest is receiving too many requests right now; try again in a moment."
      : `DataForest is receiving too many requests right now; try again in ${Math.max(1, Math.ceil(d.retryAfterMs / 1000))} seconds.`,
  unavailable: () =>
    "DataForest could not be reached or did not answer in time; try again in a few minutes.",
  server_error: (d) =>
    `DataForest had a problem on its side${d.status ? ` (HTTP ${d.status})` : ""}; try again in a few minutes.`,
  not_found: (d) =>
    d.operation === "getDetail" ||
    d.operation === "getConfigurationList" ||
    d.operation === "delete"
      ? "DataForest has no workspace with that id."
      : "DataForest could not find what was asked for.",
  rejected: () => "DataForest refused the request.",
  outcome_unknown: (d) => {
    const why =
      d.status !== undefined && d.status >= 500
        ? `DataForest had a problem on its side (HTTP ${d.status})`
        : "DataForest did not answer";
    return d.operation === "delete"
      ? `${why}, so it is not known whether the workspace was deleted.`
      : `${why}, so it is not known whether the workspace was created. Look for it by name before trying again.`;
  },
  bad_answer: () => "DataForest sent an answer this app does not understand.",
};

/** The one error the DataForest client throws; `kind` says what a caller can do about it. */
export class DataForestError extends Error {
  readonly kind: DataForestErrorKind;
  readonly operation: Operation;
  readonly status?: number;
  readonly code?: string;
  readonly field?: string;
  readonly value?: string;
  readonly apiMessage?: string;
  readonly retryAfterMs?: number;
  readonly problems?: FieldProblem[];

  constructor(details: DataForestErrorDetails) {
    super(plainMessages[details.kind](details));
    this.name = "DataForestError";
    this.kind = details.kind;
    this.operation = details.operation;
    this.status = details.status;
    this.code = details.code;
    this.field = details.field;
    this.value = details.value;
    this.apiMessage = details.apiMessage;
    this.retryAfterMs = details.retryAfterMs;
    this.problems = details.problems;
  }
}

/** create and delete change state and carry no client token: sending one twice may do it twice. */
export function safeToRepeat(operation: Operation): boolean {
  return operation !== "create" && operation !== "delete";
}

export type ResponseHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** `Retry-After` as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** What a DataForest refusal's message says, read from the wording of the reference's error table. */
export type MessageMeaning =
  | { kind: "invalid_parameter"; field?: string; value?: string }
  | { kind: "name_taken" | "quota_exceeded" | "permission_denied" | "not_found" | "server_error" };

// "invalid request parameter" on the create page, "invalid request parameters" in the overview.
const INVALID_PARAMETER = /invalid\s+request\s+parameters?/i;
// A field path as the API names it: `configuration.docker.image`, `data.input[0].hdfs`.
const FIELD_PATH = /^\s*\(\s*([A-Za-z_][\w.[\]-]*)\s*(,|\))/;
const NAME_TAKEN = /already\s+(exists?|in\s+use|taken)|duplicat/i;

/** Everything the API quoted after the field: `'value'`, `"value"`, or a bare word up to `)`. */
function quotedValue(rest: string, sent: unknown): string | undefined {
  const text = rest.trimStart();
  const quote = text[0];
  if (quote === "'" || quote === '"') {
    // The value may itself hold the closing quote and `)`, and text may follow the parenthesis
    // (the create page's example adds the pattern and a sentence), so every `')` is a candidate end:
    // the one that gives back what was sent wins, else the last one.
    const candidates: string[] = [];
    for (let at = text.indexOf(`${quote})`, 1); at !== -1; at = text.indexOf(`${quote})`, at + 1)) {
      candidates.push(text.slice(1, at));
    }
    if (candidates.length === 0) return undefined;
    const expected = sent === undefined ? undefined : shown(sent);
    return candidates.find((c) => c === expected) ?? candidates[candidates.length - 1];
  }
  const bare = /^([^)]*)\)/.exec(text)?.[1]?.trim();
  return bare ? bare : undefined;
}

function shown(value: unknown): string {
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

function valueAt(body: unknown, path: string): unknown {
  let value = body;
  for (const key of path.split(/[.[\]]/).filter(Boolean)) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Reads a DataForest refusal message. `sent` is the request body, when there was one: it settles
 * where a quoted value ends when the value itself holds a quote and a parenthesis.
 */
export function messageMeaning(message: string, sent?: unknown): MessageMeaning | undefined {
  const invalid = INVALID_PARAMETER.exec(message);
  if (invalid) {
    const rest = message.slice(invalid.index + invalid[0].length);
    const path = FIELD_PATH.exec(rest);
    if (!path?.[1]) return { kind: "invalid_parameter" };
    // The API indexes lists as `exposeTcpPorts[0]`; the app names fields `exposeTcpPorts.0`.
    const field = path[1].replace(/\[(\d+)\]/g, ".$1");
    if (path[2] === ")") return { kind: "invalid_parameter", field };
    const value = quotedValue(rest.slice(path[0].length), valueAt(sent, field));
    return value === undefined
      ? { kind: "invalid_parameter", field }
      : { kind: "invalid_parameter", field, value };
  }
  if (/exceeded\s+limit\s+on\s+resource\s+quota/i.test(message)) return { kind: "quota_exceeded" };
  if (NAME_TAKEN.test(message)) return { kind: "name_taken" };
  if (/not\s+allowed\s+to\s+access/i.test(message)) return { kind: "permission_denied" };
  if (/no\s+such\s+element/i.test(message)) return { kind: "not_found" };
  if (/unexpected\s+error/i.test(message)) return { kind: "server_error" };
  return undefined;
}

/** DataForest's own statuses (400, 403, 404, 500) and whatever a proxy in between may answer. */
function byStatus(status: number): DataForestErrorKind | undefined {
  if (status === 401) return "auth_failed";
  if (status === 403) return "permission_denied";
  if (status === 404) return "not_found";
  if (status === 429) return "throttled";
  // A gateway timeout is no answer; any other 5xx is an answer that something went wrong.
  if (status === 504) return "unavailable";
  if (status >= 500) return "server_error";
  return undefined;
}

/** The API Gateway's codes: it answers them itself, before or instead of DataForest. */
function gatewayKind(status: number, errorCode: string): DataForestErrorKind {
  if (errorCode === "200") return "auth_failed";
  if (errorCode === "210") return "permission_denied";
  if (errorCode === "300") return "not_found";
  if (["400", "410", "420"].includes(errorCode)) return "throttled";
  if (errorCode === "500" || errorCode === "900") return "server_error";
  if (errorCode === "510") return "unavailable";
  return byStatus(status) ?? "rejected";
}

export type ErrorFromResponseOptions = {
  now?: number;
  /** The request body sent, which helps read a quoted value back out of a refusal. */
  sent?: unknown;
  /** Exact values (keys, the signature) to blank out should an answer echo them back. */
  redact?: readonly string[];
};

/**
 * Reads a refusal in either shape. An answer that fits neither is `bad_answer`, except that 429
 * and 5xx speak for themselves whatever the body (a proxy's HTML error page, say).
 */
export function errorFromResponse(
  operation: Operation,
  status: number,
  headers: ResponseHeaders,
  bodyText: string,
  options: ErrorFromResponseOptions = {},
): DataForestError {
  const redact = (s: string | null | undefined) => {
    if (s === null || s === undefined || s === "") return undefined;
    let out = s;
    for (const secret of options.redact ?? []) {
      if (secret) out = out.split(secret).join("[redacted]");
    }
    return out;
  };
  // undici and node:http give header names in lowercase.
  const retryAfter = headers["retry-after"];
  const retryAfterMs = parseRetryAfter(
    Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
    options.now ?? Date.now(),
  );
  const base = { operation, status, retryAfterMs };
  const json = parseJson(bodyText);

  // A create or delete answered with a 5xx may still have been carried out.
  const unknownOutcome = (kind: DataForestErrorKind) =>
    (kind === "unavailable" || kind === "server_error") && status >= 500 && !safeToRepeat(operation)
      ? "outcome_unknown"
      : kind;

  const gateway = gatewayErrorBody.safeParse(json);
  if (gateway.success) {
    const { errorCode, message, details } = gateway.data.error;
    const apiMessage = redact([...new Set([message, details].filter(Boolean))].join(": "));
    const kind = gatewayKind(status, errorCode);
    return new DataForestError({
      ...base,
      kind: unknownOutcome(kind),
      code: errorCode,
      apiMessage,
    });
  }

  const refusal = dataForestErrorBody.safeParse(json);
  if (refusal.success) {
    const apiMessage = redact(refusal.data.message);
    const meaning = apiMessage ? messageMeaning(apiMessage, options.sent) : undefined;
    // The words decide when they are known; a 5xx that may have been carried out becomes an
    // unknown outcome below.
    const kind = meaning?.kind ?? byStatus(status) ?? "rejected";
    return new DataForestError({
      ...base,
      ...(meaning?.kind === "invalid_parameter"
        ? { field: meaning.field, value: meaning.value }
        : {}),
      kind: unknownOutcome(kind),
      apiMessage,
    });
  }

  const kind = status === 429 || status >= 500 ? byStatus(status) : undefined;
  return new DataForestError({ ...base, kind: kind ? unknownOutcome(kind) : "bad_answer" });
}

// Codes of failures that happen before a byte of the request is written: nothing was sent.
const NOT_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/**
 * A call that got no answer. For create and delete the request may have arrived and been carried
 * out, unless the connection itself could not be opened.
 */
export function errorFromNetwork(operation: Operation, cause: unknown): DataForestError {
  const code =
    typeof cause === "object" && cause !== null && "code" in cause && typeof cause.code === "string"
      ? cause.code
      : typeof cause === "object" &&
          cause !== null &&
          "name" in cause &&
          cause.name === "TimeoutError"
        ? "timeout"
        : "network";
  const kind = safeToRepeat(operation) || NOT_SENT.has(code) ? "unavailable" : "outcome_unknown";
  return new DataForestError({ kind, operation, code });
}
