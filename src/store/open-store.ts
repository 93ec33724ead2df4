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
};

const SQLITE_FILE_NAME = "aiworkspace.sqlite";

export async function openStore(config: StoreConfig): Promise<RequestStore> {
  if (config.databaseUrl) {
    // Loaded only when asked for: on SQLite, pg would cost start-up time and memory for nothing.
    const { openPostgresStore } = await import("./postgres-store.js");
    return openPostgresStore(config.databaseUrl, { onIdleError: config.onIdleError });
  }
  return openSqliteStore(join(config.dataDir, SQLITE_FILE_NAME));
}
