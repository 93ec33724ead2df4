import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresMigrations } from "../../src/store/migrations.js";
import { openStore } from "../../src/store/open-store.js";
import { openPostgresStore } from "../../src/store/postgres-store.js";
import { type PostgresServer, startPostgres } from "../support/postgres-server.js";
import { describeStoreContract } from "./contract.js";

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

describeStoreContract("postgres", () => openPostgresStore(server.url));

/** A new, empty database on the test server, so migrations start from nothing. */
async function emptyDatabase(): Promise<string> {
  const name = `fresh_${randomUUID().replaceAll("-", "")}`;
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return url.toString();
}

async function appliedVersions(url: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT version FROM schema_migrations ORDER BY version");
    return rows;
  } finally {
    await client.end();
  }
}

describe("openPostgresStore migrations", () => {
  it("lets several instances start at once on an empty database", async () => {
    const url = await emptyDatabase();
    const opened = await Promise.allSettled(
      Array.from({ length: 5 }, () => openPostgresStore(url)),
    );
    for (const result of opened) if (result.status === "fulfilled") await result.value.close();
    expect(opened.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await appliedVersions(url)).toEqual(
      postgresMigrations.map((m) => ({ version: m.version })),
    );
  });

  it("applies nothing twice when reopened", async () => {
    const url = await emptyDatabase();
    await (await openPostgresStore(url)).close();
    await (await openPostgresStore(url)).close();
    expect(await appliedVersions(url)).toHaveLength(postgresMigrations.length);
  });

  it("fails to open, without hanging, when the server is unreachable", async () => {
    const url = new URL(server.url);
    url.port = "1";
    await expect(openPostgresStore(url.toString())).rejects.toThrow();
  });
});

describe("openStore with a database URL", () => {
  it("uses PostgreSQL", async () => {
    const url = await emptyDatabase();
    const store = await openStore({ databaseUrl: url, dataDir: "/nonexistent/never-used" });
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
      nameChecked: true,
      createdAt: 1,
    });
    await store.close();
    const direct = await openPostgresStore(url);
    expect(await direct.get("r1")).toMatchObject({ state: "pending", nameChecked: true });
    await direct.close();
  });
});
