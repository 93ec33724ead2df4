import { afterEach, describe, expect, it } from "vitest";
import { createDataForestClient, type DataForestClient } from "../../src/dataforest/client.js";
import { type CreateRequest, checkCreateRequest } from "../../src/dataforest/create-request.js";
import { DataForestError } from "../../src/dataforest/errors.js";
import { silentLogger } from "../../src/log.js";
import { createChoices } from "../../src/requests/choices.js";
import { formToRequest, requestToForm } from "../../src/slack/form.js";
import { type FakeDataForest, failures, startFakeDataForest } from "../support/fake-dataforest.js";
import { fixtureRequest, referenceFixture } from "../support/reference-fixtures.js";

let fake: FakeDataForest | undefined;
let client: DataForestClient | undefined;
afterEach(async () => {
  await client?.close();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

async function connect() {
  fake = await startFakeDataForest({
    accounts: [{ id: "azjdAVRBx7cdEZqjvxSabH", name: "df001", status: "RUNNING" }],
  });
  client = createDataForestClient({
    baseUrl: fake.url,
    accessKey: fake.accessKey,
    secretKey: fake.secretKey,
    retry: { attempts: 1 },
  });
  return { fake, client };
}

/** Queues a fixture's answer as the fake's next answer to `operation`. */
function answerWith(
  f: FakeDataForest,
  operation: Parameters<FakeDataForest["failNext"]>[0],
  name: string,
) {
  const fixture = referenceFixture(name);
  f.failNext(operation, failures.answer(fixture.status ?? 200, fixture.answer));
}

async function rejection(promise: Promise<unknown>): Promise<DataForestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataForestError);
  return error as DataForestError;
}

describe("the reference's examples, fed to the client", () => {
  it("the create example passes the app's checks and is sent as it is", async () => {
    const { fake, client } = await connect();
    const example = fixtureRequest("create-request");
    expect(checkCreateRequest(example).ok).toBe(true);
    const answer = await client.create(example as CreateRequest);
    expect(answer.id).toMatch(/^[0-9A-Za-z]{22}$/);
    expect(fake.received.find((r) => r.operation === "create")?.body).toEqual(example);
  });

  it("reads the create answer example", async () => {
    const { fake, client } = await connect();
    answerWith(fake, "create", "create-answer");
    expect(await client.create(fixtureRequest("create-request") as CreateRequest)).toEqual({
      id: "YPIolVXWcPTcCs9dNi89Gn",
      message: "success",
    });
  });

  it("reads the example error as a refused image, keeping the API's words", async () => {
    const { fake, client } = await connect();
    answerWith(fake, "create", "create-error");
    const error = await rejection(client.create(fixtureRequest("create-request") as CreateRequest));
    expect(error).toMatchObject({
      kind: "invalid_parameter",
      status: 400,
      field: "configuration.docker.image",
      value: "tensorflow/r2.3.1-py3",
      apiMessage: referenceFixture("create-error").answer?.message,
    });
  });

  it("reads the accounts example, and offers its account by name", async () => {
    const { fake, client } = await connect();
    answerWith(fake, "listAccounts", "accounts-list");
    const choices = createChoices({ dataforest: client, logger: silentLogger });
    expect(await choices.accounts()).toEqual([{ id: "Arv**************kfn", name: "df001" }]);
  });

  it("does not offer the disabled account of the older accounts example", async () => {
    const { fake, client } = await connect();
    answerWith(fake, "listAccounts", "accounts-list-schema-example");
    expect(await client.listAccounts()).toHaveLength(1);
    fake.failNext(
      "listAccounts",
      failures.answer(200, referenceFixture("accounts-list-schema-example").answer),
    );
    const choices = createChoices({ dataforest: client, logger: silentLogger });
    expect(await choices.accounts()).toEqual([]);
  });

  it.each(["docker-images-references", "docker-images-versions"])(
    "reads the image list as %s, offering framework:version",
    async (name) => {
      const { fake, client } = await connect();
      answerWith(fake, "getDockerImageList", name);
      answerWith(fake, "getDockerImageList", name);
      const choices = createChoices({ dataforest: client, logger: silentLogger });
      const [group] = await choices.images();
      expect(group).toEqual({
        label: "TensorFlow",
        images: ["tensorflow:2.15.0-gpu", "tensorflow:2.14.0-gpu"],
      });
    },
  );

  it("does not trust the getList example, whose total disagrees with its contents", async () => {
    const { fake, client } = await connect();
    answerWith(fake, "getList", "workspaces-list");
    expect(await rejection(client.listWorkspaces("azjdAVRBx7cdEZqjvxSabH"))).toMatchObject({
      kind: "bad_answer",
      field: "total",
    });
  });
});

describe("the reference's create example, through the form", () => {
  it("fills the form and comes back as the same request (the form has no configuration name)", () => {
    const example = fixtureRequest("create-request") as CreateRequest;
    const { input, problems } = formToRequest(requestToForm(example));
    expect(problems).toEqual([]);
    const { name: _configurationName, ...configuration } = example.configuration;
    expect(input).toEqual({ ...example, configuration });
  });
});
