import { describe, expect, it } from "vitest";
import {
  DataForestError,
  errorFromNetwork,
  errorFromResponse,
  parseRetryAfter,
} from "../../src/dataforest/errors.js";

const json = (v: unknown) => JSON.stringify(v);
const refusal = (message: string) => json({ success: false, message });
const gateway = (errorCode: string, message: string, details = "") =>
  json({ error: { errorCode, message, details } });

describe("errorFromResponse", () => {
  it("parses the field path and value of an invalid parameter", () => {
    const e = errorFromResponse(
      "create",
      400,
      {},
      refusal("invalid request parameter (configuration.docker.image, 'tensorflow/r2.3.1-py3')"),
    );
    expect(e).toBeInstanceOf(DataForestError);
    expect(e).toMatchObject({
      kind: "invalid_parameter",
      operation: "create",
      status: 400,
      field: "configuration.docker.image",
      value: "tensorflow/r2.3.1-py3",
      apiMessage: "invalid request parameter (configuration.docker.image, 'tensorflow/r2.3.1-py3')",
    });
    expect(e.message).toBe("DataForest did not accept the value of configuration.docker.image.");
  });

  it("reads an invalid parameter that names no value", () => {
    const e = errorFromResponse("create", 400, {}, refusal("invalid request parameter (name)"));
    expect(e).toMatchObject({ kind: "invalid_parameter", field: "name", value: undefined });
  });

  it("recognises the quota message", () => {
    const e = errorFromResponse("create", 400, {}, refusal("exceeded limit on resource quota"));
    expect(e.kind).toBe("quota_exceeded");
  });

  it.each([
    [401, "200", "auth_failed", "DataForest refused the service account's keys."],
    [
      401,
      "210",
      "permission_denied",
      "The service account is not allowed to do this in DataForest.",
    ],
    [
      429,
      "400",
      "throttled",
      "DataForest is receiving too many requests right now; try again in a moment.",
    ],
    [
      429,
      "410",
      "throttled",
      "DataForest is receiving too many requests right now; try again in a moment.",
    ],
    [
      429,
      "420",
      "throttled",
      "DataForest is receiving too many requests right now; try again in a moment.",
    ],
    [
      503,
      "500",
      "server_error",
      "DataForest had a problem on its side (HTTP 503); try again in a few minutes.",
    ],
    [
      504,
      "510",
      "unavailable",
      "DataForest could not be reached or did not answer in time; try again in a few minutes.",
    ],
    [
      500,
      "900",
      "server_error",
      "DataForest had a problem on its side (HTTP 500); try again in a few minutes.",
    ],
    [404, "300", "not_found", "DataForest could not find what was asked for."],
    [400, "100", "rejected", "DataForest refused the request."],
  ] as const)("gateway %i code %s is %s", (status, code, kind, message) => {
    const e = errorFromResponse("getList", status, {}, gateway(code, "Something", "more"));
    expect(e).toMatchObject({ kind, status, code, apiMessage: "Something: more" });
    expect(e.message).toBe(message);
  });

  it("turns a 5xx on create or delete into an unknown outcome", () => {
    expect(errorFromResponse("create", 504, {}, gateway("510", "Endpoint Timeout")).kind).toBe(
      "outcome_unknown",
    );
    expect(errorFromResponse("delete", 500, {}, refusal("internal error")).kind).toBe(
      "outcome_unknown",
    );
    expect(errorFromResponse("getList", 500, {}, refusal("internal error")).kind).toBe(
      "server_error",
    );
    const unclear = errorFromResponse("create", 500, {}, refusal("unexpected error"));
    expect(unclear.message).toBe(
      "DataForest had a problem on its side (HTTP 500), so it is not known whether the workspace was created. Look for it by name before trying again.",
    );
    // A clear refusal stays what it is, whatever the status.
    expect(
      errorFromResponse("create", 500, {}, refusal("exceeded limit on resource quota")).kind,
    ).toBe("quota_exceeded");
  });

  it("maps DataForest's own 404 and other refusals", () => {
    const missing = errorFromResponse("getDetail", 404, {}, refusal("aiworkspace not found (x)"));
    expect(missing).toMatchObject({ kind: "not_found", apiMessage: "aiworkspace not found (x)" });
    expect(missing.message).toBe("DataForest has no workspace with that id.");
    const taken = errorFromResponse("create", 400, {}, refusal("name already exists"));
    expect(taken).toMatchObject({ kind: "name_taken", apiMessage: "name already exists" });
    const other = errorFromResponse("create", 400, {}, refusal("something else went wrong"));
    expect(other).toMatchObject({ kind: "rejected", apiMessage: "something else went wrong" });
  });

  it("calls an answer in neither shape a bad answer, but trusts 429 and 5xx", () => {
    expect(errorFromResponse("getList", 400, {}, "<html>oops</html>").kind).toBe("bad_answer");
    expect(errorFromResponse("getList", 400, {}, json({ hello: 1 })).kind).toBe("bad_answer");
    expect(errorFromResponse("getList", 502, {}, "<html>Bad Gateway</html>").kind).toBe(
      "server_error",
    );
    expect(errorFromResponse("getList", 504, {}, "<html>Gateway Timeout</html>").kind).toBe(
      "unavailable",
    );
    expect(errorFromResponse("create", 502, {}, "<html>Bad Gateway</html>").kind).toBe(
      "outcome_unknown",
    );
    expect(errorFromResponse("getList", 429, {}, "").kind).toBe("throttled");
  });

  it("carries Retry-After in seconds or as a date", () => {
    const now = Date.parse("2024-05-01T00:00:00Z");
    const inSeconds = errorFromResponse(
      "getList",
      429,
      { "retry-after": "7" },
      gateway("410", "x"),
      { now },
    );
    expect(inSeconds.retryAfterMs).toBe(7000);
    expect(inSeconds.message).toBe(
      "DataForest is receiving too many requests right now; try again in 7 seconds.",
    );
    const asDate = errorFromResponse(
      "getList",
      503,
      { "retry-after": "Wed, 01 May 2024 00:00:30 GMT" },
      gateway("500", "x"),
      { now },
    );
    expect(asDate.retryAfterMs).toBe(30_000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("Tue, 30 Apr 2024 00:00:00 GMT", now)).toBe(0);
  });

  it("blanks out secrets an answer echoes back", () => {
    const e = errorFromResponse(
      "getList",
      401,
      {},
      gateway("200", "Authentication Failed", "unknown key AKSECRET123 signed SIG456"),
      { redact: ["AKSECRET123", "SIG456"] },
    );
    expect(e.apiMessage).toBe("Authentication Failed: unknown key [redacted] signed [redacted]");
  });
});

describe("errorFromNetwork", () => {
  it("knows when a create may have arrived and when it cannot have", () => {
    const reset = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(errorFromNetwork("create", reset)).toMatchObject({
      kind: "outcome_unknown",
      code: "UND_ERR_SOCKET",
    });
    expect(errorFromNetwork("create", refused)).toMatchObject({
      kind: "unavailable",
      code: "ECONNREFUSED",
    });
    expect(errorFromNetwork("getList", reset)).toMatchObject({
      kind: "unavailable",
      code: "UND_ERR_SOCKET",
    });
    const timeout = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    expect(errorFromNetwork("getList", timeout).code).toBe("timeout");
  });
});
