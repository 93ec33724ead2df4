import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationPaths } from "../../src/dataforest/schemas.js";
import { SIGNATURE_HEADERS, signedHeaders } from "../../src/dataforest/signer.js";
import {
  countCalls,
  type FakeDataForest,
  failures,
  startFakeDataForest,
} from "../support/fake-dataforest.js";

let fake: FakeDataForest;
beforeAll(async () => {
  fake = await startFakeDataForest();
});
afterAll(async () => {
  await fake.close();
});

const LIST = operationPaths.listAccounts;

async function post(path: string, headers: Record<string, string>, body: unknown = {}) {
  const res = await request(`${fake.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
}

const sign = (pathWithQuery: string, over: { secretKey?: string; now?: () => number } = {}) =>
  signedHeaders({
    method: "POST",
    pathWithQuery,
    accessKey: fake.accessKey,
    secretKey: over.secretKey ?? fake.secretKey,
    now: over.now ?? Date.now,
  });

const authFailed = (details: string) => ({
  status: 401,
  body: { error: { errorCode: "200", message: "Authentication Failed", details } },
});

describe("fake DataForest: signature v2", () => {
  it("answers a correctly signed request", async () => {
    const res = await post(LIST, sign(LIST));
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
  });

  it("refuses a signature made with the wrong secret", async () => {
    expect(await post(LIST, sign(LIST, { secretKey: "not-the-secret" }))).toEqual(
      authFailed("The signature does not match."),
    );
  });

  it("refuses a timestamp from 6 minutes ago", async () => {
    const stale = sign(LIST, { now: () => Date.now() - 6 * 60_000 });
    expect(await post(LIST, stale)).toEqual(
      authFailed("The timestamp is outside the allowed range."),
    );
  });

  it("refuses a request sent to another path than the one signed", async () => {
    const signedForList = sign(operationPaths.getList);
    expect(await post(LIST, signedForList)).toEqual(authFailed("The signature does not match."));
  });

  it("refuses a missing header and an unknown access key", async () => {
    const { [SIGNATURE_HEADERS.signature]: _dropped, ...unsigned } = sign(LIST);
    expect(await post(LIST, unsigned)).toEqual(
      authFailed("A required authentication header is missing."),
    );
    expect(await post(LIST, { ...sign(LIST), [SIGNATURE_HEADERS.accessKey]: "OTHER" })).toEqual(
      authFailed("The access key is not known."),
    );
  });

  it("records what it received and plays queued failures once, in order", async () => {
    const before = countCalls(fake, "listAccounts");
    fake.failNext("listAccounts", failures.quotaExceeded());
    fake.failNext("listAccounts", failures.throttled(3));
    expect((await post(LIST, sign(LIST))).status).toBe(400);
    const throttled = await request(`${fake.url}${LIST}`, {
      method: "POST",
      headers: sign(LIST),
      body: "{}",
    });
    expect(throttled.statusCode).toBe(429);
    expect(throttled.headers["retry-after"]).toBe("3");
    await throttled.body.dump();
    expect((await post(LIST, sign(LIST))).status).toBe(200);
    expect(countCalls(fake, "listAccounts")).toBe(before + 3);
    const last = fake.received.at(-1);
    expect(last).toMatchObject({ operation: "listAccounts", method: "POST", path: LIST, body: {} });
  });

  it("tells a listener of every request until stopped, and forgets what it received", async () => {
    const seen: (string | undefined)[] = [];
    const stop = fake.onRequest((r) => seen.push(r.operation));
    await post(LIST, sign(LIST));
    stop();
    await post(LIST, sign(LIST));
    expect(seen).toEqual(["listAccounts"]);
    fake.forgetReceived();
    expect(fake.received).toHaveLength(0);
  });
});
