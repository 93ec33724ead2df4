import pg from "pg";
import { postgresMigrations } from "./migrations.js";
import type { RequestStore } from "./request-store.js";
import { type EventRow, patchColumns, type RequestRow, toEvent, toStoredRequest } from "./rows.js";

/**
 * The store for several instances: one PostgreSQL database shared by all of them. Races between
 * instances are settled by the conditional UPDATE: its row lock makes a concurrent second UPDATE
 * wait, then re-check `state = from` against the committed row and match nothing.
 */

export type PostgresStoreOptions = {
  /** Pool settings (size, timeouts, TLS); the connection string and type parsing are the store's. */
  pool?: Omit<pg.PoolConfig, "connectionString" | "types">;
  /**
   * An idle pooled connection that breaks (server restart, network) is dropped by the pool and the
   * next query reconnects, so this is for logging only. Without a listener the pool's error event
   * would crash the process.
   */
  onIdleError?: (error: Error) => void;
};

/** Any fixed number, the same in every instance: it names the "migrating" lock. */
const MIGRATION_LOCK = 7_301_955_117;

/**
 * Epoch ms are bigint columns, which the driver returns as strings by default; they fit a number
 * exactly. jsonb stays text so that one row mapping serves SQLite and PostgreSQL.
 */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === pg.types.builtins.INT8) return Number;
    if (oid === pg.types.builtins.JSONB) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<RequestStore> {
  const pool = new pg.Pool({ ...options.pool, connectionString: url, types });
  pool.on("error", options.onIdleError ?? (() => {}));
  try {
    await inTransaction(pool, migrate);
  } catch (error) {
    await pool.end();
    throw error;
  }

  return {
    insert: (request) =>
      inTransaction(pool, async (client) => {
        const { rows } = await client.query<RequestRow>(
          `INSERT INTO requests (id, state, team_id, channel_id, requester_id, request,
             name_checked, created_at, updated_at)
           VALUES ($1, 'pending', $2, $3, $4, $5, $6, $7, $7)
           RETURNING *`,
          [
            request.id,
            request.teamId,
            request.channelId,
            request.requesterId,
            JSON.stringify(request.request),
            request.nameChecked,
            request.createdAt,
          ],
        );
        await insertEvent(client, [
          request.id,
          null,
          "pending",
          request.requesterId,
          request.createdAt,
          null,
        ]);
        return toStoredRequest(one(rows));
      }),

    async get(id) {
      const { rows } = await pool.query<RequestRow>("SELECT * FROM requests WHERE id = $1", [id]);
      return rows[0] && toStoredRequest(rows[0]);
    },

    transition: (id, from, to, event, patch = {}) =>
      inTransaction(pool, async (client) => {
        const columns = patchColumns(patch);
        const sets = columns.map(([column], i) => `, ${column} = $${i + 5}`).join("");
        const { rows } = await client.query<RequestRow>(
          `UPDATE requests SET state = $3, updated_at = $4${sets}
           WHERE id = $1 AND state = $2 RETURNING *`,
          [id, from, to, event.at, ...columns.map(([, value]) => value)],
        );
        if (!rows[0]) return undefined;
        await insertEvent(client, [id, from, to, event.actor, event.at, event.note ?? null]);
        return toStoredRequest(rows[0]);
      }),

    async setMessages(id, { cardTs, controlsTs }) {
      const { rowCount } = await pool.query(
        "UPDATE requests SET card_ts = $2, controls_ts = $3 WHERE id = $1",
        [id, cardTs, controlsTs],
      );
      if (rowCount === 0) throw new Error(`No request ${id} to attach Slack messages to.`);
    },

    async listByState(states) {
      const { rows } = await pool.query<RequestRow>(
        "SELECT * FROM requests WHERE state = ANY($1::text[]) ORDER BY created_at, id",
        [states],
      );
      return rows.map(toStoredRequest);
    },

    async pendingOf(requesterId) {
      // Uses the state index: pending requests are few whoever asked for them.
      const { rows } = await pool.query<RequestRow>(
        "SELECT * FROM requests WHERE state = 'pending' AND requester_id = $1 ORDER BY created_at, id",
        [requesterId],
      );
      return rows.map(toStoredRequest);
    },

    async listByRequester(requesterId, limit) {
      const { rows } = await pool.query<RequestRow>(
        `SELECT * FROM requests WHERE requester_id = $1
         ORDER BY created_at DESC, id DESC LIMIT $2`,
        [requesterId, limit],
      );
      return rows.map(toStoredRequest);
    },

    async events(id) {
      const { rows } = await pool.query<EventRow>(
        "SELECT * FROM request_events WHERE request_id = $1 ORDER BY seq",
        [id],
      );
      return rows.map(toEvent);
    },

    close: () => pool.end(),
  };
}

/**
 * Every writer of a request's events holds that request's row lock (a fresh insert or the
 * transition's UPDATE) until commit, so MAX(seq) + 1 cannot be taken twice.
 */
async function insertEvent(
  client: pg.PoolClient,
  values: [
    id: string,
    from: string | null,
    to: string,
    actor: string,
    at: number,
    note: string | null,
  ],
): Promise<void> {
  await client.query(
    `INSERT INTO request_events (request_id, seq, from_state, to_state, actor, at, note)
     SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5, $6
     FROM request_events WHERE request_id = $1`,
    values,
  );
}

/**
 * The transaction-scoped advisory lock makes instances that start together migrate one after the
 * other (concurrent CREATE TABLE IF NOT EXISTS can still collide); it is released by the commit.
 */
async function migrate(client: pg.PoolClient): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
  await client.query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version integer PRIMARY KEY,
       name text NOT NULL,
       applied_at bigint NOT NULL
     )`,
  );
  const { rows } = await client.query<{ version: number }>("SELECT version FROM schema_migrations");
  const applied = new Set(rows.map((r) => r.version));
  for (const migration of postgresMigrations) {
    if (applied.has(migration.version)) continue;
    await client.query(migration.sql);
    await client.query(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
      [migration.version, migration.name, Date.now()],
    );
  }
}

async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  // A broken connection is destroyed, not reused. The pool stops listening for errors of a
  // connection it has lent out, and an unheard error event would crash the process.
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    try {
      await client.query("ROLLBACK");
    } catch (rollbackError) {
      broken = rollbackError as Error;
    }
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}

function one<T>(rows: T[]): T {
  if (!rows[0]) throw new Error("Expected one row from the database, got none.");
  return rows[0];
}
