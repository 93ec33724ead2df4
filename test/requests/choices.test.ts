import { describe, expect, it } from "vitest";
import type { DataForestClient } from "../../src/dataforest/client.js";
import type { Account } from "../../src/dataforest/schemas.js";
import { createLogger, silentLogger } from "../../src/log.js";
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

/** A DataForest whose answers the test releases by hand, counting the calls it got. */
function slowDataForest() {
  let calls = 0;
  let version = 1;
  let fail = false;
  const waiting: (() => void)[] = [];
  const answer = <T>(value: () => T) =>
    new Promise<T>((resolve, reject) => {
      calls += 1;
      waiting.push(() => (fail ? reject(new Error("DataForest is down")) : resolve(value())));
    });
  const client = {
    getDockerImageList: () => answer(() => [`tensorflow:2.${version}.0-gpu`]),
    listAccounts: () => answer(() => [{ id: "acc1", name: `team-${version}`, disabled: false }]),
  } as unknown as DataForestClient;
  return {
    client,
    calls: () => calls,
    /** Answers every call so far and lets the promises that wait on them settle. */
    async release() {
      for (const done of waiting.splice(0)) done();
      await new Promise((resolve) => setImmediate(resolve));
    },
    setVersion: (v: number) => {
      version = v;
    },
    setFailing: (f: boolean) => {
      fail = f;
    },
  };
}

describe("the cache of choices", () => {
  it("make one DataForest call however many commands wait for the first load", async () => {
    const df = slowDataForest();
    const choices = createChoices({ dataforest: df.client, logger: silentLogger });
    const waiting = Promise.all(Array.from({ length: 30 }, () => choices.accounts()));
    expect(choices.cachedAccounts()).toBeUndefined();
    await df.release();
    const answers = await waiting;
    expect(df.calls()).toBe(1);
    expect(answers.every((a) => a[0]?.name === "team-1")).toBe(true);
  });

  it("keep answering an expired value while one refresh runs, then the new one", async () => {
    const df = slowDataForest();
    let clock = 0;
    const choices = createChoices({
      dataforest: df.client,
      logger: silentLogger,
      cacheMs: 1000,
      now: () => clock,
    });
    const first = choices.accounts();
    await df.release();
    await first;
    expect(df.calls()).toBe(1);

    clock = 1000;
    df.setVersion(2);
    for (let i = 0; i < 30; i++) expect(choices.cachedAccounts()?.[0]?.name).toBe("team-1");
    expect((await choices.accounts())[0]?.name).toBe("team-1");
    expect(df.calls()).toBe(2);
    await df.release();
    expect(choices.cachedAccounts()?.[0]?.name).toBe("team-2");
    expect(df.calls()).toBe(2);
  });

  it("keep the last value when a refresh fails, say so, and try again only after a while", async () => {
    const df = slowDataForest();
    const lines: string[] = [];
    let clock = 0;
    const choices = createChoices({
      dataforest: df.client,
      logger: createLogger({ write: (line) => lines.push(line) }),
      cacheMs: 1000,
      retryMs: 500,
      now: () => clock,
    });
    const first = choices.images();
    await df.release();
    await first;
    const images = df.calls();

    clock = 1000;
    df.setFailing(true);
    expect(choices.cachedImages()?.[0]?.images).toEqual(["tensorflow:2.1.0-gpu"]);
    await df.release();
    expect(lines.some((l) => l.includes("could not load the software images"))).toBe(true);
    expect(df.calls()).toBe(images * 2);

    clock = 1499;
    expect(choices.cachedImages()?.[0]?.images).toEqual(["tensorflow:2.1.0-gpu"]);
    expect(df.calls()).toBe(images * 2);
    clock = 1500;
    df.setFailing(false);
    df.setVersion(3);
    choices.cachedImages();
    await df.release();
    expect(choices.cachedImages()?.[0]?.images).toEqual(["tensorflow:2.3.0-gpu"]);
  });

  it("say what is missing when there is no DataForest to ask (dry run without keys)", async () => {
    const choices = createChoices({ dataforest: undefined, logger: silentLogger });
    expect(choices.cachedImages()).toBeUndefined();
    await expect(choices.images()).rejects.toThrow("DataForest is not configured");
  });
});
