import { join } from "node:path";
import { openPostgresStore } from "./postgres-store.js";
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
    return openPostgresStore(config.databaseUrl, { onIdleError: config.onIdleError });
  }
  return openSqliteStore(join(config.dataDir, SQLITE_FILE_NAME));
}
