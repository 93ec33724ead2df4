import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createDataForestClient,
  type DataForestClient,
  type DataForestClientOptions,
} from "../../src/dataforest/client.js";
import type { CreateRequestInput } from "../../src/dataforest/create-request.js";
import { DataForestError } from "../../src/dataforest/errors.js";
import { SIGNATURE_HEADERS } from "../../src/dataforest/signer.js";
import { createLogger } from "../../src/log.js";
import {
  countCalls,
  DEFAULT_ACCOUNTS,
  DEFAULT_DOCKER_IMAGES,
  FAKE_ACCOUNT_ID,
  type FakeDataForest,
  type FakeDataForestOptions,
  failures,
  startFakeDataForest,
} from "../support/fake-dataforest.js";

let fake: FakeDataForest;
const clients: DataForestClient[] = [];

async function start(options: FakeDataForestOptions = {}) {
  fake = await startFakeDataForest(options);
}

function connect(over: Partial<DataForestClientOptions> = {}): DataForestClient {
  const client = createDataForestClient({
    baseUrl: fake.url,
    accessKey: fake.accessKey,
    secretKey: fake.secretKey,
    timeouts: { connectMs: 1000, headersMs: 2000, bodyMs: 2000 },
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    ...over,
  });
  clients.push(client);
  return client;
}

afterEach(async () => {
  await fake.close();
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

const request = (over: Partial<CreateRequestInput> = {}): CreateRequestInput => ({
  accountId: FAKE_ACCOUNT_ID,
  name: "team-a-ws1",
  description: "for model training",
  configuration: {
    docker: {
      image: "tensorflow:2.15.0-gpu",
      command: "jupyter",
      env: { EPOCHS: "10" },
      exposeTcpPorts: [8888],
    },
    resource: { gpuCount: 1, gpuModel: "T4" },
    queueName: "gpu",
    data: { input: [{ hdfs: "/user/alice/input", path: "/data/input" }] },
  },
  ...over,
});

/** The DataForestError a promise rejects with; fails the test if it resolves or throws anything else. */
async function failure(promise: Promise<unknown>): Promise<DataForestError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DataForestError);
    return error as DataForestError;
  }
  throw new Error("expected the call to fail");
}

describe("client: every operation against the fake", () => {
  beforeEach(() => start({ workspaces: [{ name: "existing-ws", description: "seeded" }] }));

  it("lists accounts and docker images", async () => {
    const client = connect();
    expect(await client.listAccounts()).toEqual(DEFAULT_ACCOUNTS);
    expect(await client.getDockerImageList("tensorflow")).toEqual(
      DEFAULT_DOCKER_IMAGES.tensorflow.tensorflow,
    );
    expect(await client.getDockerImageList("pytorch")).toEqual(
      DEFAULT_DOCKER_IMAGES.pytorch.pytorch,
    );
  });

  it("creates, finds, reads and deletes a workspace", async () => {
    const client = connect();
    expect(await client.checkAvailableName(FAKE_ACCOUNT_ID, "team-a-ws1")).toEqual({
      available: true,
    });

    const created = await client.create(request());
    expect(created.id).toMatch(/^[0-9A-Za-z]{22}$/);
    expect(created.message).toBe("success");
    const sent = fake.received.find((r) => r.operation === "create");
    // The checked request is what goes out, defaults included.
    expect(sent?.body).toMatchObject({
      name: "team-a-ws1",
      configuration: { resource: { cpuCount: 1, gpuCount: 1, gpuModel: "T4" } },
    });

    expect(await client.checkAvailableName(FAKE_ACCOUNT_ID, "team-a-ws1")).toMatchObject({
      available: false,
      reason: "taken",
    });
    const list = await client.listWorkspaces(FAKE_ACCOUNT_ID);
    expect(list.map((w) => w.name).sort()).toEqual(["existing-ws", "team-a-ws1"]);
    expect(list.find((w) => w.id === created.id)).toMatchObject({
      accountName: "team-a",
      imageVersion: "tensorflow:2.15.0-gpu",
      description: "for model training",
      disabled: false,
    });

    const detail = await client.getDetail(created.id);
    expect(detail).toMatchObject({
      id: created.id,
      name: "team-a-ws1",
      accountId: FAKE_ACCOUNT_ID,
    });
    expect(detail.contents[0]?.configuration.docker?.image).toBe("tensorflow:2.15.0-gpu");
    const configs = await client.getConfigurationList(created.id);
    expect(configs).toHaveLength(1);
    expect(configs[0]?.configuration.queueName).toBe("gpu");

    expect(await client.delete(created.id)).toEqual({ id: created.id, message: "success" });
    expect((await failure(client.getDetail(created.id))).kind).toBe("not_found");
  });

  it("sends every call as a signed JSON POST", async () => {
    const client = connect();
    await client.listAccounts();
    await client.listWorkspaces(FAKE_ACCOUNT_ID);
    expect(fake.received).toHaveLength(2);
    for (const r of fake.received) {
      expect(r.method).toBe("POST");
      expect(r.headers["content-type"]).toBe("application/json");
      expect(r.headers[SIGNATURE_HEADERS.accessKey]).toBe(fake.accessKey);
      expect(r.headers[SIGNATURE_HEADERS.signature]).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    }
    expect(fake.received.map((r) => r.body)).toEqual([
      {},
      { search: { accountId: FAKE_ACCOUNT_ID } },
    ]);
  });

  it("signs each request with a fresh timestamp", async () => {
    let tick = 0;
    const base = Date.now();
    const client = connect({ now: () => base + 1000 * tick++ });
    await client.listAccounts();
    await client.listAccounts();
    expect(fake.received.map((r) => r.headers[SIGNATURE_HEADERS.timestamp])).toEqual([
      String(base),
      String(base + 1000),
    ]);
  });

  it("finds a workspace by name, or nothing", async () => {
    const client = connect();
    expect(await client.findWorkspaceByName(FAKE_ACCOUNT_ID, "existing-ws")).toMatchObject({
      name: "existing-ws",
      description: "seeded",
    });
    expect(await client.findWorkspaceByName(FAKE_ACCOUNT_ID, "no-such-ws")).toBeUndefined();
    expect(countCalls(fake, "getList")).toBe(2);
  });

  it("checks a create request before sending it, and reports every problem", async () => {
    const client = connect();
    const error = await failure(
      client.create(
        request({
          name: "Bad--",
          configuration: { docker: { image: "tensorflow/r2", command: "" } },
        }),
      ),
    );
    expect(error).toMatchObject({ kind: "invalid_parameter", operation: "create", field: "name" });
    expect(error.status).toBeUndefined();
    expect(error.problems?.map((p) => p.path)).toEqual([
      "name",
      "name",
      "name",
      "name",
      "configuration.docker.image",
      "configuration.docker.command",
    ]);
    expect(error.message).toBe("The request was not sent to DataForest: 6 fields need fixing.");
    expect(countCalls(fake, "create")).toBe(0);
  });

  it("gets the fake's own refusals: duplicate name and unknown account", async () => {
    const client = connect();
    const duplicate = await failure(client.create(request({ name: "existing-ws" })));
    expect(duplicate).toMatchObject({
      kind: "name_taken",
      status: 400,
      apiMessage: "An AI workspace named existing-ws already exists in this account.",
    });
    const account = await failure(client.create(request({ accountId: "NoSuchAccount1" })));
    expect(account).toMatchObject({
      kind: "permission_denied",
      status: 403,
      apiMessage: "not allowed to access",
    });
  });

  it("refuses keys the gateway does not accept", async () => {
    const client = connect({ secretKey: "wrong-secret-key" });
    const error = await failure(client.listAccounts());
    expect(error).toMatchObject({ kind: "auth_failed", status: 401, code: "200" });
    expect(error.message).toBe("DataForest refused the service account's keys.");
    expect(countCalls(fake, "listAccounts")).toBe(1);
  });
});

describe("client: each error shape becomes the right kind", () => {
  beforeEach(() => start());

  it("400 invalid parameter, with the field and value", async () => {
    fake.failNext(
      "create",
      failures.invalidParameter("configuration.docker.image", "tensorflow/r2.3.1-py3"),
    );
    const error = await failure(connect().create(request()));
    expect(error).toMatchObject({
      kind: "invalid_parameter",
      status: 400,
      field: "configuration.docker.image",
      value: "tensorflow/r2.3.1-py3",
      operation: "create",
    });
    expect(error.message).toBe(
      "DataForest did not accept the value of configuration.docker.image.",
    );
  });

  it("quota exceeded", async () => {
    fake.failNext("create", failures.quotaExceeded());
    expect(await failure(connect().create(request()))).toMatchObject({
      kind: "quota_exceeded",
      status: 400,
      apiMessage: "exceeded limit on resource quota",
    });
  });

  const single = { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 5 } };
  it.each([
    [
      "401 code 200",
      failures.gateway(401, "200", "Authentication Failed"),
      "auth_failed",
      401,
      "200",
    ],
    [
      "401 code 210",
      failures.gateway(401, "210", "Permission Denied"),
      "permission_denied",
      401,
      "210",
    ],
    ["429", failures.throttled(2), "throttled", 429, "410"],
    ["503", failures.gateway(503, "500", "Endpoint Error"), "server_error", 503, "500"],
    ["504", failures.gateway(504, "510", "Endpoint Timeout"), "unavailable", 504, "510"],
    ["404", failures.dataForest(404, "aiworkspace not found"), "not_found", 404, undefined],
    ["junk with 200", failures.junk(200), "bad_answer", 200, undefined],
    ["junk with 400", failures.junk(400), "bad_answer", 400, undefined],
    [
      "200 of the wrong shape",
      failures.answer(200, { contents: [{ name: "x" }] }),
      "bad_answer",
      200,
      undefined,
    ],
  ] as const)("%s on a read", async (_name, failed, kind, status, code) => {
    fake.failNext("getList", failed);
    const error = await failure(connect(single).listWorkspaces(FAKE_ACCOUNT_ID));
    expect(error).toMatchObject({ kind, status, operation: "getList" });
    expect(error.code).toBe(code);
  });

  it("reads Retry-After of a 429 and says when to try again", async () => {
    fake.failNext("getList", failures.throttled(2));
    const error = await failure(connect(single).listWorkspaces(FAKE_ACCOUNT_ID));
    expect(error.retryAfterMs).toBe(2000);
    expect(error.message).toBe(
      "DataForest is receiving too many requests right now; try again in 2 seconds.",
    );
  });

  it("takes an empty list sent as null for an empty list", async () => {
    fake.failNext("getList", failures.answer(200, { contents: null, total: 0, success: true }));
    expect(await connect(single).listWorkspaces(FAKE_ACCOUNT_ID)).toEqual([]);
  });

  it("names the part of an answer that did not fit", async () => {
    fake.failNext("getList", failures.answer(200, { contents: [], total: "1" }));
    expect((await failure(connect(single).listWorkspaces(FAKE_ACCOUNT_ID))).field).toBe("total");
  });

  it("a 200 with success: false is a refusal", async () => {
    fake.failNext(
      "checkAvailableName",
      failures.answer(200, { success: false, message: "try later" }),
    );
    expect(await failure(connect(single).checkAvailableName(FAKE_ACCOUNT_ID, "x"))).toMatchObject({
      kind: "rejected",
      apiMessage: "try later",
    });
  });
});

describe("client: answers as lenient as the reference", () => {
  beforeEach(() => start());
  const single = { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 5 } };
  const ws = (id: string, name: string) => ({ id, name, createdAt: "2024-05-01T00:00:00Z" });

  function capturingLogger() {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({
      level: "debug",
      write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
    });
    return { logger, lines };
  }

  it("lists workspaces with id, name and createdAt, ignoring unknown fields", async () => {
    fake.failNext(
      "getList",
      failures.answer(200, {
        contents: [{ ...ws("W1", "alpha"), gpuUsage: 3, owner: { id: 1 } }],
        total: 1,
        success: true,
      }),
    );
    expect(await connect(single).listWorkspaces(FAKE_ACCOUNT_ID)).toEqual([
      { id: "W1", name: "alpha", createdAt: "2024-05-01T00:00:00Z" },
    ]);
  });

  it("skips and logs one odd item instead of discarding the list", async () => {
    const { logger, lines } = capturingLogger();
    fake.failNext(
      "getList",
      failures.answer(200, {
        contents: [ws("W1", "alpha"), { name: "no-id" }, { id: "W3" }],
        total: 3,
      }),
    );
    const list = await connect({ ...single, logger }).listWorkspaces(FAKE_ACCOUNT_ID);
    expect(list.map((w) => w.id)).toEqual(["W1", "W3"]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        message: "dataforest answer: skipped an item that could not be read",
        operation: "getList",
        index: 1,
        field: "id",
      }),
    );
  });

  it("reads contents given as one object", async () => {
    fake.failNext("getList", failures.answer(200, { contents: ws("W1", "alpha"), total: 1 }));
    expect(await connect(single).listWorkspaces(FAKE_ACCOUNT_ID)).toHaveLength(1);
  });

  it.each([
    ["fewer items than total", { contents: [ws("W1", "alpha")], total: 2 }],
    ["more items than total", { contents: [ws("W1", "alpha"), ws("W2", "beta")], total: 1 }],
    ["no total", { contents: [ws("W1", "alpha")] }],
  ])("does not trust a list with %s", async (_what, body) => {
    fake.failNext("getList", failures.answer(200, body));
    expect(await failure(connect(single).listWorkspaces(FAKE_ACCOUNT_ID))).toMatchObject({
      kind: "bad_answer",
      field: "total",
    });
  });

  it("cannot prove a name absent when an unreadable item might be it", async () => {
    const client = connect(single);
    fake.failNext("getList", failures.answer(200, { contents: [{ name: "wanted" }], total: 1 }));
    expect((await failure(client.findWorkspaceByName(FAKE_ACCOUNT_ID, "wanted"))).kind).toBe(
      "bad_answer",
    );
    fake.failNext("getList", failures.answer(200, { contents: [{ id: 7 }], total: 1 }));
    expect((await failure(client.findWorkspaceByName(FAKE_ACCOUNT_ID, "wanted"))).kind).toBe(
      "bad_answer",
    );
    // An unreadable item that names another workspace says nothing about this one.
    fake.failNext("getList", failures.answer(200, { contents: [{ name: "other" }], total: 1 }));
    expect(await client.findWorkspaceByName(FAKE_ACCOUNT_ID, "wanted")).toBeUndefined();
  });

  it("reads accounts without a name, with disabled as a string, and skips an odd one", async () => {
    fake.failNext(
      "listAccounts",
      failures.answer(200, {
        contents: [
          { id: "A1", status: "RUNNING", disabled: "false" },
          { id: "A2", name: "b", disabled: "TRUE" },
          { id: "A3", name: "c", disabled: "maybe" },
          { id: "A4", name: "d", disabled: true, extra: [1] },
        ],
        total: 4,
      }),
    );
    expect(await connect(single).listAccounts()).toEqual([
      { id: "A1", status: "RUNNING", disabled: false },
      { id: "A2", name: "b", disabled: true },
      { id: "A4", name: "d", disabled: true },
    ]);
  });

  it.each([
    ["whole references", { tensorflow: ["tensorflow:2.15.0-gpu", "tensorflow:2.14.0-gpu"] }],
    ["versions under the framework key", { tensorflow: ["2.15.0-gpu", "2.14.0-gpu"] }],
  ])("reads docker images given as %s", async (_shape, dockerImages) => {
    fake.failNext("getDockerImageList", failures.answer(200, { dockerImages, success: true }));
    expect(await connect(single).getDockerImageList("tensorflow")).toEqual([
      "tensorflow:2.15.0-gpu",
      "tensorflow:2.14.0-gpu",
    ]);
  });

  it("drops an image entry that is not a string, not the list", async () => {
    fake.failNext(
      "getDockerImageList",
      failures.answer(200, { dockerImages: { tensorflow: ["2.15.0-gpu", 7, null] } }),
    );
    expect(await connect(single).getDockerImageList("tensorflow")).toEqual([
      "tensorflow:2.15.0-gpu",
    ]);
  });

  it.each([
    [
      { availableName: false, message: "already exists" },
      { available: false, reason: "taken", message: "already exists" },
    ],
    [{ availableName: false }, { available: false, reason: "taken" }],
    [
      { availableName: "false", message: "invalid name format" },
      { available: false, reason: "not_allowed", message: "invalid name format" },
    ],
    [{ availableName: true, message: "success" }, { available: true }],
  ])("tells a taken name from one not allowed: %j", async (body, expected) => {
    fake.failNext("checkAvailableName", failures.answer(200, { ...body, success: true }));
    expect(await connect(single).checkAvailableName(FAKE_ACCOUNT_ID, "x")).toEqual(expected);
  });
});

describe("client: retries of reads", () => {
  beforeEach(() => start());

  it("retries after a 429, waiting what Retry-After asks (capped), with a fresh signature", async () => {
    let tick = 0;
    const base = Date.now();
    const client = connect({
      now: () => base + tick++,
      retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 60 },
    });
    fake.failNext("getList", failures.throttled(1));
    expect(await client.listWorkspaces(FAKE_ACCOUNT_ID)).toEqual([]);
    const [first, second] = fake.received;
    expect(fake.received).toHaveLength(2);
    // Backoff alone would wait at most 1 ms: the gap is Retry-After, capped at 60 ms.
    expect((second?.time ?? 0) - (first?.time ?? 0)).toBeGreaterThanOrEqual(50);
    expect((second?.time ?? 0) - (first?.time ?? 0)).toBeLessThan(1000);
    expect(second?.headers[SIGNATURE_HEADERS.timestamp]).not.toBe(
      first?.headers[SIGNATURE_HEADERS.timestamp],
    );
  });

  it("retries after a 503 and after a dropped connection", async () => {
    const client = connect();
    fake.failNext("listAccounts", failures.gateway(503, "500", "Endpoint Error"));
    fake.failNext("listAccounts", failures.drop());
    expect(await client.listAccounts()).toEqual(DEFAULT_ACCOUNTS);
    expect(countCalls(fake, "listAccounts")).toBe(3);
  });

  it("stops after the configured attempts", async () => {
    const client = connect();
    for (let i = 0; i < 5; i++)
      fake.failNext("getDetail", failures.gateway(503, "500", "Endpoint Error"));
    expect((await failure(client.getDetail("x"))).kind).toBe("server_error");
    expect(countCalls(fake, "getDetail")).toBe(3);
  });

  it("does not retry a clear refusal", async () => {
    fake.failNext("getList", failures.gateway(401, "200", "Authentication Failed"));
    expect((await failure(connect().listWorkspaces(FAKE_ACCOUNT_ID))).kind).toBe("auth_failed");
    expect(countCalls(fake, "getList")).toBe(1);
  });

  it("bounds a whole call, retries included, by timeoutMs", async () => {
    fake.setDelay("checkAvailableName", 3000);
    const client = connect();
    const started = Date.now();
    const error = await failure(
      client.checkAvailableName(FAKE_ACCOUNT_ID, "ws", { timeoutMs: 300 }),
    );
    const took = Date.now() - started;
    expect(error).toMatchObject({ kind: "unavailable", code: "timeout" });
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(1500);
    expect(countCalls(fake, "checkAvailableName")).toBe(1);
  });
});

describe("client: create and delete are never sent twice", () => {
  beforeEach(() => start());

  it("a create that times out is sent once and its outcome is unknown", async () => {
    const client = connect({ timeouts: { connectMs: 1000, headersMs: 200, bodyMs: 1000 } });
    // undici checks its headers timeout on a coarse (about 1 s) clock, so the delay is well past it.
    fake.setDelay("create", 5000);
    const error = await failure(client.create(request()));
    expect(error).toMatchObject({ kind: "outcome_unknown", code: "UND_ERR_HEADERS_TIMEOUT" });
    expect(error.message).toBe(
      "DataForest did not answer, so it is not known whether the workspace was created. Look for it by name before trying again.",
    );
    expect(countCalls(fake, "create")).toBe(1);
  });

  it("a create whose connection drops is sent once and its outcome is unknown", async () => {
    const client = connect();
    fake.failNext("create", failures.drop());
    expect(await failure(client.create(request()))).toMatchObject({ kind: "outcome_unknown" });
    expect(countCalls(fake, "create")).toBe(1);
    expect(fake.workspaces()).toEqual([]);
  });

  it("a create lost after it was carried out is settled by looking the name up", async () => {
    const client = connect();
    fake.failNext("create", failures.drop(true));
    expect((await failure(client.create(request()))).kind).toBe("outcome_unknown");
    expect(countCalls(fake, "create")).toBe(1);
    const found = await client.findWorkspaceByName(FAKE_ACCOUNT_ID, "team-a-ws1");
    expect(found?.id).toBe(fake.workspaces()[0]?.id);
  });

  it.each([
    ["503", failures.gateway(503, "500", "Endpoint Error"), "outcome_unknown"],
    ["504", failures.gateway(504, "510", "Endpoint Timeout"), "outcome_unknown"],
    ["500", failures.dataForest(500, "internal error"), "outcome_unknown"],
    ["429", failures.throttled(1), "throttled"],
  ] as const)("a create answered %s is sent once", async (_status, failed, kind) => {
    fake.failNext("create", failed);
    expect((await failure(connect().create(request()))).kind).toBe(kind);
    expect(countCalls(fake, "create")).toBe(1);
  });

  it("a delete answered 503 is sent once and its outcome is unknown", async () => {
    fake.failNext("delete", failures.gateway(503, "500", "Endpoint Error"));
    const error = await failure(connect().delete("AbCdEfGhIjKlMnOpQrStUv"));
    expect(error.kind).toBe("outcome_unknown");
    expect(error.message).toBe(
      "DataForest had a problem on its side (HTTP 503), so it is not known whether the workspace was deleted.",
    );
    expect(countCalls(fake, "delete")).toBe(1);
  });
});

describe("client: secrets stay out of errors and logs", () => {
  beforeEach(() => start());

  it("never writes the keys or a signature into an error or a debug log line", async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "debug", write: (line) => lines.push(line) });
    const client = connect({ logger, timeouts: { connectMs: 1000, headersMs: 200, bodyMs: 1000 } });
    const wrongKey = connect({ logger, secretKey: "another-secret-value-42" });

    await client.listAccounts();
    fake.failNext(
      "getList",
      failures.gateway(401, "200", "Authentication Failed", `unknown access key ${fake.accessKey}`),
    );
    fake.failNext("create", failures.invalidParameter("name", "x"));
    fake.failNext("delete", failures.drop());
    fake.failNext("getDetail", failures.junk(200));
    fake.setDelay("checkAvailableName", 1000);
    const errors = [
      await failure(client.listWorkspaces(FAKE_ACCOUNT_ID)),
      await failure(client.create(request())),
      await failure(client.delete("AbCdEfGhIjKlMnOpQrStUv")),
      await failure(client.getDetail("AbCdEfGhIjKlMnOpQrStUv")),
      await failure(client.checkAvailableName(FAKE_ACCOUNT_ID, "x", { timeoutMs: 100 })),
      await failure(wrongKey.listAccounts()),
    ];
    expect(errors.map((e) => e.kind)).toEqual([
      "auth_failed",
      "invalid_parameter",
      "outcome_unknown",
      "bad_answer",
      "unavailable",
      "auth_failed",
    ]);
    expect(errors[0]?.apiMessage).toBe("Authentication Failed: unknown access key [redacted]");

    const signatures = fake.received.map((r) => String(r.headers[SIGNATURE_HEADERS.signature]));
    const secrets = [fake.secretKey, fake.accessKey, "another-secret-value-42", ...signatures];
    const written = [
      ...errors.flatMap((e) => [e.message, JSON.stringify(e), String(e.stack)]),
      ...lines,
    ].join("\n");
    for (const secret of secrets) expect(written).not.toContain(secret);

    const calls = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(
      calls.filter((c) => c.message === "dataforest call").map((c) => [c.operation, c.status]),
    ).toEqual([
      ["listAccounts", 200],
      ["getList", 401],
      ["create", 400],
      ["delete", undefined],
      ["getDetail", 200],
      ["checkAvailableName", undefined],
      ["listAccounts", 401],
    ]);
    for (const c of calls) {
      expect(c.level).toBe("debug");
      expect(c).not.toHaveProperty("headers");
    }
    expect(calls[0]?.durationMs).toEqual(expect.any(Number));
  });
});
