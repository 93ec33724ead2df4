import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkCreateRequest } from "../../src/dataforest/create-request.js";
import { createProblems } from "../support/dataforest-reference-rules.js";

// Mostly values the app accepts, with the documented boundaries and breaks mixed in.
const mostly = <T>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: other, weight: 1 });
const name = mostly(
  fc.stringMatching(/^[a-z]([a-z0-9]|-[a-z0-9]){0,7}$/),
  fc.oneof(
    fc.string({ maxLength: 18 }),
    fc.constantFrom("a", "a-b", "a--b", "ab-", "1ab", "Ab", "a".repeat(15), "a".repeat(16)),
  ),
);
const image = mostly(
  fc.stringMatching(/^(dataforest\/)?[a-z0-9._-]{1,30}:[a-z0-9._-]{1,20}$/),
  fc.constantFrom("tensorflow/r2.3.1-py3", "tensorflow", "TF:1", ":1", "a:", `${"a".repeat(31)}:1`),
);
const accountId = mostly(
  fc.stringMatching(/^[0-9A-Za-z]{1,22}$/),
  fc.constantFrom("", "not-base62", "A".repeat(23)),
);
const count = mostly(fc.integer({ min: 1, max: 8 }), fc.constantFrom(-1, 0, 9, 1.5, Number.NaN));
const command = mostly(
  fc.constantFrom("ls", "jupyter", "python"),
  fc.oneof(fc.constantFrom("", " "), fc.string({ maxLength: 8 })),
);
const ports = mostly(
  fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { maxLength: 3 }),
  fc.array(fc.integer({ min: -1, max: 70000 }), { maxLength: 3 }),
);

const request = fc.record(
  {
    accountId,
    name,
    description: mostly(
      fc.string({ maxLength: 255 }),
      fc.string({ minLength: 250, maxLength: 260 }),
    ),
    configuration: fc.record(
      {
        docker: fc.record(
          {
            image,
            command,
            exposeTcpPorts: ports,
          },
          { requiredKeys: ["image"] },
        ),
        resource: fc.record(
          {
            cpuCount: count,
            gpuCount: count,
            memoryMb: mostly(fc.integer({ min: 1, max: 65536 }), fc.constantFrom(-1, 0, 1.5)),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ["docker"] },
    ),
  },
  { requiredKeys: ["accountId", "name", "configuration"] },
);

describe("the app's create rules and the reference's", () => {
  it("the generated requests include many the app accepts, so the next test means something", () => {
    const accepted = fc
      .sample(request, { numRuns: 2000, seed: 1 })
      .filter((b) => checkCreateRequest(b).ok);
    expect(accepted.length).toBeGreaterThan(300);
  });

  it("the app never accepts a request the reference's rules refuse", () => {
    fc.assert(
      fc.property(request, (body) => {
        if (checkCreateRequest(body).ok) {
          // The app fills documented defaults (cpuCount 1); the body as sent is what counts.
          const sent = checkCreateRequest(body);
          expect(sent.ok && createProblems(sent.value)).toEqual([]);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
