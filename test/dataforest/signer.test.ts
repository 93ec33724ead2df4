import { describe, expect, it } from "vitest";
import { SIGNATURE_HEADERS, signatureV2, signedHeaders } from "../../src/dataforest/signer.js";

const vector = {
  method: "POST",
  pathWithQuery: "/vserver/v2/createServerInstances?regionCode=KR",
  accessKey: "AK_TEST",
  secretKey: "SK_TEST",
};
const EXPECTED = "xBcE26XFU55BMjppdPT7ZY3oDrqoOedfPyAn3Cq4lUw=";

describe("signature v2", () => {
  it("matches the public test vector", () => {
    expect(signatureV2({ ...vector, timestamp: 1700000000000 })).toBe(EXPECTED);
    expect(signatureV2({ ...vector, timestamp: "1700000000000" })).toBe(EXPECTED);
  });

  it("changes with every signed part", () => {
    const base = { ...vector, timestamp: 1700000000000 };
    expect(signatureV2({ ...base, method: "GET" })).not.toBe(EXPECTED);
    expect(signatureV2({ ...base, pathWithQuery: "/vserver/v2/createServerInstances" })).not.toBe(
      EXPECTED,
    );
    expect(signatureV2({ ...base, timestamp: 1700000000001 })).not.toBe(EXPECTED);
    expect(signatureV2({ ...base, accessKey: "AK_TEST2" })).not.toBe(EXPECTED);
    expect(signatureV2({ ...base, secretKey: "SK_TEST2" })).not.toBe(EXPECTED);
  });

  it("builds the three headers from the clock", () => {
    expect(signedHeaders({ ...vector, now: () => 1700000000000 })).toEqual({
      [SIGNATURE_HEADERS.timestamp]: "1700000000000",
      [SIGNATURE_HEADERS.accessKey]: "AK_TEST",
      [SIGNATURE_HEADERS.signature]: EXPECTED,
    });
  });

  it("reads a fresh timestamp for every request", () => {
    let t = 1700000000000;
    const now = () => t++;
    const first = signedHeaders({ ...vector, now });
    const second = signedHeaders({ ...vector, now });
    expect(first[SIGNATURE_HEADERS.timestamp]).toBe("1700000000000");
    expect(second[SIGNATURE_HEADERS.timestamp]).toBe("1700000000001");
    expect(second[SIGNATURE_HEADERS.signature]).not.toBe(first[SIGNATURE_HEADERS.signature]);
  });

  it("uses the real clock by default", () => {
    const before = Date.now();
    const ts = Number(signedHeaders(vector)[SIGNATURE_HEADERS.timestamp]);
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(ts).toBeLessThanOrEqual(Date.now());
  });
});
