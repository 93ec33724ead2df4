import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedHeaders } from "../../src/dataforest/signer.js";
import {
  type FakeDataForest,
  type FakeDataForestOptions,
  operationPaths,
  startFakeDataForest,
} from "../support/fake-dataforest.js";
import { fixtureRequest, referenceFixture } from "../support/reference-fixtures.js";

const EXAMPLE_ACCOUNT = "azjdAVRBx7cdEZqjvxSabH";
const fakes: FakeDataForest[] = [];

async function fakeWith(options: FakeDataForestOptions = {}) {
  const fake = await startFakeDataForest({
    accounts: [{ id: EXAMPLE_ACCOUNT, name: "df001", status: "RUNNING", disabled: false }],
    ...options,
  });
  fakes.push(fake);
  return fake;
}
afterAll(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function post(fake: FakeDataForest, path: string, body: unknown) {
  const res = await request(`${fake.url}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...signedHeaders({
        method: "POST",
        pathWithQuery: path,
        accessKey: fake.accessKey,
        secretKey: fake.secretKey,
      }),
    },
    body: JSON.stringify(body),
  });
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
}

describe("fake DataForest: the reference's create rules", () => {
  let fake: FakeDataForest;
  beforeAll(async () => {
    fake = await fakeWith();
  });

  it("accepts the create page's example and answers like its example", async () => {
    const answer = await post(fake, operationPaths.create, fixtureRequest("create-request"));
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body).sort()).toEqual(
      Object.keys(referenceFixture("create-answer").answer ?? {}).sort(),
    );
    expect(answer.body).toMatchObject({ message: "success", success: true });
    expect(answer.body.id).toMatch(/^[0-9A-Za-z]{22}$/);
  });

  it("refuses the example error's image with the example error's words", async () => {
    const body = fixtureRequest("create-request");
    (body.configuration as { docker: { image: string } }).docker.image = "tensorflow/r2.3.1-py3";
    const answer = await post(fake, operationPaths.create, body);
    const example = referenceFixture("create-error");
    expect(answer).toEqual({ status: example.status, body: example.answer });
  });

  const shape = (path: string, value: string) =>
    new RegExp(
      `^invalid request parameter \\(${path.replace(/[.[\]]/g, "\\$&")}, '${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}'\\)\\. .+`,
    );

  it.each([
    ["accountId", "a".repeat(23), "accountId", "a".repeat(23)],
    ["accountId", "not-base62", "accountId", "not-base62"],
    ["name", "Workspace", "name", "Workspace"],
    ["name", "a".repeat(16), "name", "a".repeat(16)],
    ["name", "team--a", "name", "team--a"],
    ["name", "team-", "name", "team-"],
    ["name", "1team", "name", "1team"],
    ["description", "x".repeat(256), "description", "x".repeat(256)],
    ["configuration.docker.image", "tensorflow", "configuration.docker.image", "tensorflow"],
    ["configuration.docker.command", undefined, "configuration.docker.command", "undefined"],
    ["configuration.resource.gpuCount", 0, "configuration.resource.gpuCount", "0"],
    ["configuration.resource.gpuCount", 9, "configuration.resource.gpuCount", "9"],
    [
      "configuration.docker.exposeTcpPorts",
      [8888, 0],
      "configuration.docker.exposeTcpPorts[1]",
      "0",
    ],
  ])("refuses %s = %j, naming the field and the value", async (path, value, named, shown) => {
    const body = fixtureRequest("create-request");
    const keys = path.split(".");
    const last = keys.pop() as string;
    let at = body;
    for (const key of keys) at = at[key] as Record<string, unknown>;
    if (value === undefined) delete at[last];
    else at[last] = value;
    const answer = await post(fake, operationPaths.create, body);
    expect(answer.status).toBe(400);
    expect(answer.body.success).toBe(false);
    expect(String(answer.body.message)).toMatch(shape(named, shown));
  });

  it("answers an unknown path the way the overview's table does", async () => {
    const answer = await post(fake, "/api/v2/aiworkspaces/nothing", {});
    expect(answer).toEqual({ status: 404, body: { success: false, message: "no such element" } });
  });
});

describe("fake DataForest: the shapes the reference leaves open", () => {
  it("answers images as whole references, or as versions under the framework key", async () => {
    const whole = await fakeWith();
    const versions = await fakeWith({ shapes: { images: "versions" } });
    const ask = { search: { typeName: "tensorflow" } };
    expect((await post(whole, operationPaths.getDockerImageList, ask)).body).toEqual(
      referenceFixture("docker-images-references").answer,
    );
    expect((await post(versions, operationPaths.getDockerImageList, ask)).body).toEqual(
      referenceFixture("docker-images-versions").answer,
    );
  });

  it("answers accounts without names and with disabled as a string", async () => {
    const fake = await fakeWith({ shapes: { accountsWithoutNames: true, disabledAsString: true } });
    const answer = await post(fake, operationPaths.listAccounts, {});
    expect(answer.body).toEqual({
      contents: [{ id: EXAMPLE_ACCOUNT, status: "RUNNING", disabled: "false" }],
      total: 1,
      success: true,
    });
  });
});

describe("test support stays independent of the app's create rules", () => {
  it("no file under test/support imports src/dataforest/create-request.ts", () => {
    const dir = new URL("../support/", import.meta.url).pathname;
    const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(3);
    const importers = files.filter((f) =>
      /from\s+["'][^"']*dataforest\/create-request(\.js)?["']|import\(\s*["'][^"']*dataforest\/create-request/.test(
        readFileSync(join(dir, f), "utf8"),
      ),
    );
    expect(importers).toEqual([]);
  });
});
