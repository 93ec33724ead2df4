import { join } from "node:path";
import type { RequestStore } from "./request-store.js";
import { openSqliteStore } from "./sqlite-store.js";

export type StoreConfig = {
  /** Set for several instances sharing one PostgreSQL database. */
  databaseUrl?: string | undefined;
  /** Without a database URL, where the embedded SQLite file lives. */
  dataDir: string;
  /** PostgreSQL only: see PostgresStoreOptions.onIdleError. */
  onIdleError?: ((error: Error) => void) | undefined;
  /** PostgreSQL only: a server behind a firewall that drops packets would hang start-up. */
  connectTimeoutMs?: number | undefined;
};

const CONNECT_TIMEOUT_MS = 10_000;

const SQLITE_FILE_NAME = "aiworkspace.sqlite";

export async function openStore(config: StoreConfig): Promise<RequestStore> {
  if (config.databaseUrl) {
    // Loaded only when asked for: on SQLite, pg would cost start-up time and memory for nothing.
    const { openPostgresStore } = await import("./postgres-store.js");
    return openPostgresStore(config.databaseUrl, {
      onIdleError: config.onIdleError,
      pool: { connectionTimeoutMillis: config.connectTimeoutMs ?? CONNECT_TIMEOUT_MS },
    });
  }
  return openSqliteStore(join(config.dataDir, SQLITE_FILE_NAME));
}
