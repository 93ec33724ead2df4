import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqliteMigrations } from "../../src/store/migrations.js";
import { openStore } from "../../src/store/open-store.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import { describeStoreContract } from "./contract.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "aiworkspace-sqlite-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// One file for the whole suite, so that reopening finds what an earlier store wrote.
describeStoreContract("sqlite file", async () => openSqliteStore(join(dir, "contract.sqlite")));

describe("openSqliteStore", () => {
  it("works in memory", async () => {
    const store = openSqliteStore(":memory:");
    await store.insert({
      id: "r1",
      teamId: null,
      channelId: "C1",
      requesterId: "U1",
      request: {
        accountId: "A1",
        name: "ws",
        configuration: { docker: { image: "a:1", command: "ls" } },
      },
      nameChecked: false,
      createdAt: 1,
    });
    expect(await store.get("r1")).toMatchObject({ state: "pending", createdAt: 1 });
    await store.close();
  });

  it("creates the folder, uses WAL and records each migration once across reopenings", async () => {
    const file = join(dir, "nested", "deeper", "store.sqlite");
    await openSqliteStore(file).close();
    await openSqliteStore(file).close();

    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      const versions = db.prepare("SELECT version FROM schema_migrations ORDER BY version").all();
      expect(versions).toEqual(sqliteMigrations.map((m) => ({ version: m.version })));
    } finally {
      db.close();
    }
  });
});

describe("openStore without a database URL", () => {
  it("opens aiworkspace.sqlite in the data folder", async () => {
    const dataDir = join(dir, "data");
    const store = await openStore({ dataDir });
    await store.close();
    expect(existsSync(join(dataDir, "aiworkspace.sqlite"))).toBe(true);
  });
});
