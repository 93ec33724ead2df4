import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { appendFile, chown, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/**
 * A throwaway PostgreSQL server for tests: a fresh cluster in a temp folder, reachable only on
 * 127.0.0.1, gone after stop(). It uses Debian's server binaries, which are not on PATH. Starting
 * one takes a few seconds (initdb), so start it once per test file in beforeAll.
 */

export type PostgresServer = {
  /** Superuser connection to the `postgres` database, no password. */
  url: string;
  stop(): Promise<void>;
};

const SERVER_ROOT = "/usr/lib/postgresql";
/** Bound for every pg_ctl wait and every command, so a broken setup fails the hook instead of hanging. */
const WAIT_SECONDS = 30;

const run = promisify(execFile);

export async function startPostgres(): Promise<PostgresServer> {
  const bin = await findServerBin();
  const dir = await mkdtemp(join(tmpdir(), "aiworkspace-pg-"));
  const data = join(dir, "data");
  const pgCtl = (...args: string[]) => asPostgres(join(bin, "pg_ctl"), args, dir);
  let started = false;
  try {
    await handToPostgres(dir);
    await asPostgres(
      join(bin, "initdb"),
      ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
      dir,
    );
    const port = await freePort();
    // Appended settings win over initdb's defaults. No durability needed: the cluster is thrown away.
    await appendFile(
      join(data, "postgresql.conf"),
      [
        "listen_addresses = '127.0.0.1'",
        `port = ${port}`,
        `unix_socket_directories = '${dir}'`,
        "fsync = off",
        "synchronous_commit = off",
        "full_page_writes = off",
        "",
      ].join("\n"),
    );
    await pgCtl(
      "start",
      "-D",
      data,
      "-l",
      join(dir, "server.log"),
      "-w",
      "-t",
      `${WAIT_SECONDS}`,
    ).catch(async (error: unknown) => {
      const log = await readFile(join(dir, "server.log"), "utf8").catch(() => "(no log)");
      throw new Error(`PostgreSQL did not start: ${errorText(error)}\nserver log:\n${log}`);
    });
    started = true;
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      async stop() {
        try {
          await pgCtl("stop", "-D", data, "-m", "fast", "-w", "-t", `${WAIT_SECONDS}`);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    if (started) await pgCtl("stop", "-D", data, "-m", "immediate").catch(() => {});
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The newest installed server version, so an upgrade of the package needs no change here. */
async function findServerBin(): Promise<string> {
  const versions = await readdir(SERVER_ROOT).catch(() => [] as string[]);
  const usable = versions
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .filter((v) => ["initdb", "pg_ctl"].every((b) => existsSync(join(SERVER_ROOT, v, "bin", b))))
    .sort((a, b) => Number(b) - Number(a));
  if (!usable[0]) {
    throw new Error(
      `No PostgreSQL server found: expected initdb and pg_ctl in ${SERVER_ROOT}/<version>/bin. ` +
        "Install the server (Debian/Ubuntu: apt-get install postgresql) to run these tests.",
    );
  }
  return join(SERVER_ROOT, usable[0], "bin");
}

/** PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user. */
const isRoot = () => process.getuid?.() === 0;

async function handToPostgres(dir: string): Promise<void> {
  if (!isRoot()) return;
  const id = async (flag: string) => Number((await run("id", [flag, "postgres"])).stdout.trim());
  await chown(dir, await id("-u"), await id("-g"));
}

async function asPostgres(command: string, args: string[], cwd: string): Promise<void> {
  const [file, argv] = isRoot()
    ? ["runuser", ["-u", "postgres", "--", command, ...args]]
    : [command, args];
  try {
    await run(file, argv, {
      cwd,
      timeout: (WAIT_SECONDS + 10) * 1000,
      env: { ...process.env, LC_ALL: "C" },
    });
  } catch (error) {
    throw new Error(`${command} ${args.join(" ")} failed: ${errorText(error)}`);
  }
}

function errorText(error: unknown): string {
  const { message, stderr } = error as { message?: string; stderr?: string };
  return [message, stderr].filter(Boolean).join("\n");
}

/** The OS picks a free port for a moment; PostgreSQL takes it right after. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("Could not pick a free port."));
      });
    });
  });
}
