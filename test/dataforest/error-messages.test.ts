import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorFromResponse, messageMeaning } from "../../src/dataforest/errors.js";

const refusal = (message: string) => JSON.stringify({ success: false, message });

/** The create page's own example error, word for word. */
const REFERENCE_EXAMPLE =
  "invalid request parameter (configuration.docker.image, 'tensorflow/r2.3.1-py3'). \"^(dataforest/)?([a-z0-9._-]{1,30}):([a-z0-9._-]{1,20})$\"と一致する必要があります";

describe("messageMeaning: the reference's wording", () => {
  it("reads the create page's example, text after the parenthesis included", () => {
    expect(messageMeaning(REFERENCE_EXAMPLE)).toEqual({
      kind: "invalid_parameter",
      field: "configuration.docker.image",
      value: "tensorflow/r2.3.1-py3",
    });
  });

  it.each([
    ["invalid request parameters", { kind: "invalid_parameter" }],
    ["Invalid Request Parameters (name)", { kind: "invalid_parameter", field: "name" }],
    [
      "invalid request parameter (name, 'Team_A'). \"^[a-z]([a-z0-9-]{0,14})$\"와 일치해야 합니다",
      { kind: "invalid_parameter", field: "name", value: "Team_A" },
    ],
    [
      "invalid request parameter (configuration.resource.gpuCount, 9)",
      { kind: "invalid_parameter", field: "configuration.resource.gpuCount", value: "9" },
    ],
    [
      'invalid request parameter (description, "say \\"hi\\"")',
      { kind: "invalid_parameter", field: "description", value: 'say \\"hi\\"' },
    ],
    [
      "invalid request parameter (configuration.docker.exposeTcpPorts[1], '0'). 1 以上の値にしてください",
      { kind: "invalid_parameter", field: "configuration.docker.exposeTcpPorts.1", value: "0" },
    ],
    ["exceeded limit on resource quota", { kind: "quota_exceeded" }],
    ["not allowed to access", { kind: "permission_denied" }],
    ["no such element", { kind: "not_found" }],
    ["unexpected error", { kind: "server_error" }],
    ["something nobody documented", undefined],
  ])("reads %j", (message, meaning) => {
    expect(messageMeaning(message)).toEqual(meaning);
  });

  it("finds where a value holding ') ends by what was sent", () => {
    const sent = { description: "odd') value" };
    const message = "invalid request parameter (description, 'odd') value'). must be short')";
    expect(messageMeaning(message, sent)).toMatchObject({ value: "odd') value" });
  });
});

describe("errorFromResponse: each DataForest status in the reference's table", () => {
  it.each([
    [400, "exceeded limit on resource quota", "quota_exceeded"],
    [400, "invalid request parameters", "invalid_parameter"],
    [403, "not allowed to access", "permission_denied"],
    [404, "no such element", "not_found"],
    [500, "unexpected error", "server_error"],
  ] as const)("%i %s is %s on a read", (status, message, kind) => {
    expect(errorFromResponse("getList", status, {}, refusal(message)).kind).toBe(kind);
  });

  it("a 500 on create is an unknown outcome: it may have been carried out", () => {
    const e = errorFromResponse("create", 500, {}, refusal("unexpected error"));
    expect(e).toMatchObject({ kind: "outcome_unknown", status: 500 });
  });
});

// Field paths as the API names them, values and trailing sentences as open as text gets.
const segment = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,11}$/);
const fieldPath = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join("."));
const anyText = fc.string({ unit: "grapheme", maxLength: 40 });
const trailing = fc.oneof(
  fc.constant(""),
  fc.constant(
    '. "^(dataforest/)?([a-z0-9._-]{1,30}):([a-z0-9._-]{1,20})$"と一致する必要があります',
  ),
  fc.constant(". 형식이 올바르지 않습니다 (예: a-b)"),
  anyText.map((t) => `. ${t}`),
);
const noun = fc.constantFrom("parameter", "parameters", "Parameter", "PARAMETERS");

function bodyWith(path: string, value: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let at = root;
  const keys = path.split(".");
  keys.forEach((key, i) => {
    if (i === keys.length - 1) {
      at[key] = value;
      return;
    }
    const next: Record<string, unknown> = {};
    at[key] = next;
    at = next;
  });
  return root;
}

describe("messageMeaning: properties", () => {
  it("gives back the field and the value sent, whatever the value and the text after", () => {
    fc.assert(
      fc.property(fieldPath, anyText, trailing, noun, (field, value, after, n) => {
        const message = `invalid request ${n} (${field}, '${value}')${after}`;
        expect(messageMeaning(message, bodyWith(field, value))).toEqual({
          kind: "invalid_parameter",
          field,
          value,
        });
      }),
    );
  });

  it("gives back the value without the request when the text after quotes nothing", () => {
    fc.assert(
      fc.property(
        fieldPath,
        anyText,
        trailing.filter((t) => !t.includes("')")),
        (field, value, after) => {
          const message = `invalid request parameter (${field}, '${value}')${after}`;
          expect(messageMeaning(message)).toMatchObject({ field, value });
        },
      ),
    );
  });

  it("never throws, and any answer becomes a known kind", () => {
    const kinds = new Set([
      "invalid_parameter",
      "name_taken",
      "quota_exceeded",
      "auth_failed",
      "permission_denied",
      "throttled",
      "unavailable",
      "server_error",
      "not_found",
      "rejected",
      "outcome_unknown",
      "bad_answer",
    ]);
    fc.assert(
      fc.property(
        fc.constantFrom("create", "getList", "delete", "listAccounts") as fc.Arbitrary<
          "create" | "getList" | "delete" | "listAccounts"
        >,
        fc.integer({ min: 300, max: 599 }),
        fc.oneof(
          anyText,
          anyText.map(refusal),
          fc
            .tuple(fc.string(), anyText)
            .map(([code, message]) => JSON.stringify({ error: { errorCode: code, message } })),
        ),
        (operation, status, body) => {
          const e = errorFromResponse(operation, status, {}, body);
          expect(kinds.has(e.kind)).toBe(true);
          expect(e.message.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});
