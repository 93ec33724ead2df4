import { describe, expect, it } from "vitest";
import type { DataForestClient } from "../../src/dataforest/client.js";
import type { Account } from "../../src/dataforest/schemas.js";
import { silentLogger } from "../../src/log.js";
import { createChoices } from "../../src/requests/choices.js";

function client(over: Partial<DataForestClient>): DataForestClient {
  return over as DataForestClient;
}

describe("the accounts offered", () => {
  const accounts: Account[] = [
    { id: "NoNameRunning", status: "RUNNING", disabled: false },
    { id: "A2", name: "team-b", disabled: null },
    { id: "A3", name: "no-permission", status: "RUNNING", disabled: true },
    { id: "A4", name: "being-set-up", status: "ACCEPTED", disabled: false },
    { id: "A5", name: "being-changed", status: "CHANGING", disabled: false },
    { id: "A6", name: "  ", status: "running" },
  ];

  it("are the usable ones, labelled by name or by id when nameless", async () => {
    const choices = createChoices({
      dataforest: client({ listAccounts: async () => accounts }),
      logger: silentLogger,
    });
    expect(await choices.accounts()).toEqual([
      { id: "NoNameRunning", name: "NoNameRunning" },
      { id: "A2", name: "team-b" },
      { id: "A6", name: "A6" },
    ]);
  });
});

describe("the images offered", () => {
  it("are framework:version references the create rules accept, newest first", async () => {
    const choices = createChoices({
      dataforest: client({
        getDockerImageList: async (typeName) =>
          typeName === "tensorflow"
            ? ["tensorflow:2.14.0-gpu", "tensorflow:2.15.0-gpu", "tensorflow/r2.3.1-py3:x"]
            : [],
      }),
      logger: silentLogger,
    });
    expect(await choices.images()).toEqual([
      { label: "TensorFlow", images: ["tensorflow:2.15.0-gpu", "tensorflow:2.14.0-gpu"] },
    ]);
  });
});
