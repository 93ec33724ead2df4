import pg from "pg";
import type {
  NewRequest,
  Outgoing,
  RequestPatch,
  RequestState,
  StoredRequest,
} from "../requests/domain.js";
import { postgresMigrations } from "./migrations.js";
import type { Guard, RequestStore } from "./request-store.js";
import {
  changeSql,
  claimableSql,
  DUE_SQL,
  type EventRow,
  type OutboxRow,
  type RequestRow,
  TS_COLUMNS,
  toEvent,
  toOutboxItem,
  toStoredRequest,
  toWaiting,
  WAITING_SQL,
} from "./rows.js";

// Uses the state index: pending requests are few whoever asked for them.
const PENDING_OF_SQL =
  "SELECT * FROM requests WHERE state = 'pending' AND requester_id = $1 ORDER BY created_at, id";
const CLAIM_SQL = numbered(
  `UPDATE outbox SET lease_owner = ?, lease_until = ?
   WHERE id IN (${claimableSql("o.id")} FOR UPDATE OF o SKIP LOCKED)
   RETURNING *`,
);

/** The message is sent and, for a card or the controls, its ts goes on the request: at once. */
const SENT_SQL = `WITH done AS (
    UPDATE outbox SET status = 'sent', ts = $2, done_at = $3, lease_owner = NULL, lease_until = NULL
    WHERE id = $1 RETURNING request_id, message->>'type' AS type
  ), remembered AS (
    UPDATE requests r SET ${Object.entries(TS_COLUMNS)
      .map(
        ([type, column]) =>
          `${column} = CASE WHEN done.type = '${type}' THEN $2 ELSE r.${column} END`,
      )
      .join(", ")}
    FROM done
    WHERE r.id = done.request_id AND $2::text IS NOT NULL
      AND done.type IN (${Object.keys(TS_COLUMNS)
        .map((type) => `'${type}'`)
        .join(", ")})
    RETURNING 1
  )
  SELECT count(*)::int AS sent FROM done`;

/** The advisory lock space (first key) in which one person's submissions take turns. */
const REQUESTER_LOCKS = 1;

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

  const queue = async (
    client: pg.PoolClient,
    requestId: string,
    messages: readonly Outgoing[],
    at: number,
  ) => {
    for (const message of messages) {
      await client.query(
        "INSERT INTO outbox (request_id, message, due_at, created_at) VALUES ($1, $2, $3, $3)",
        [requestId, JSON.stringify(message), at],
      );
    }
  };

  const insertNew = async (
    client: pg.PoolClient,
    request: NewRequest,
    messages: readonly Outgoing[],
  ): Promise<StoredRequest> => {
    const { rows } = await client.query<RequestRow>(
      `INSERT INTO requests (id, state, team_id, channel_id, requester_id, request,
         name_checked, view_id, created_at, updated_at)
       VALUES ($1, 'pending', $2, $3, $4, $5, $6, $7, $8, $8)
       ON CONFLICT (view_id) DO NOTHING
       RETURNING *`,
      [
        request.id,
        request.teamId,
        request.channelId,
        request.requesterId,
        JSON.stringify(request.request),
        request.nameChecked,
        request.viewId ?? null,
        request.createdAt,
      ],
    );
    if (!rows[0]) {
      // The same form submission, stored by a concurrent delivery that has committed.
      const first = await client.query<RequestRow>("SELECT * FROM requests WHERE view_id = $1", [
        request.viewId ?? null,
      ]);
      return toStoredRequest(one(first.rows));
    }
    await insertEvent(client, [
      request.id,
      null,
      "pending",
      request.requesterId,
      request.createdAt,
      null,
    ]);
    await queue(client, request.id, messages, request.createdAt);
    return toStoredRequest(rows[0]);
  };

  const change = (
    id: string,
    guard: Guard,
    move: { to: RequestState; actor: string; note: string | null } | undefined,
    at: number,
    patch: RequestPatch,
    messages: readonly Outgoing[],
  ) =>
    inTransaction(pool, async (client) => {
      const { sql, values } = changeSql(id, guard, move?.to, at, patch);
      const { rows } = await client.query<RequestRow>(numbered(sql), values);
      if (!rows[0]) return undefined;
      if (move) await insertEvent(client, [id, guard.state, move.to, move.actor, at, move.note]);
      await queue(client, id, messages, at);
      return toStoredRequest(rows[0]);
    });

  return {
    shared: true,
    insert: (request, messages = []) =>
      inTransaction(pool, (client) => insertNew(client, request, messages)),

    insertWithin: (request, messages, max) =>
      inTransaction(pool, async (client) => {
        // One person's submissions take turns here, so two cannot both count the same pending.
        await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [
          REQUESTER_LOCKS,
          request.requesterId,
        ]);
        // The same submission again is the request it made, not one more to count.
        if (request.viewId) {
          const first = await client.query<RequestRow>(
            "SELECT * FROM requests WHERE view_id = $1",
            [request.viewId],
          );
          if (first.rows[0]) return { stored: toStoredRequest(first.rows[0]) };
        }
        const { rows } = await client.query<RequestRow>(PENDING_OF_SQL, [request.requesterId]);
        if (rows.length >= max) return { waiting: rows.map(toStoredRequest) };
        return { stored: await insertNew(client, request, messages) };
      }),

    async get(id) {
      const { rows } = await pool.query<RequestRow>("SELECT * FROM requests WHERE id = $1", [id]);
      return rows[0] && toStoredRequest(rows[0]);
    },

    async getMany(ids) {
      const { rows } = await pool.query<RequestRow>(
        "SELECT * FROM requests WHERE id = ANY($1::text[])",
        [ids],
      );
      return rows.map(toStoredRequest);
    },

    async getByView(viewId) {
      const { rows } = await pool.query<RequestRow>("SELECT * FROM requests WHERE view_id = $1", [
        viewId,
      ]);
      return rows[0] && toStoredRequest(rows[0]);
    },

    transition: (id, from, to, event, patch = {}, messages = []) =>
      change(
        id,
        typeof from === "string" ? { state: from } : from,
        { to, actor: event.actor, note: event.note ?? null },
        event.at,
        patch,
        messages,
      ),

    amend: (id, guard, at, patch, messages = []) =>
      change(id, guard, undefined, at, patch, messages),

    async waitingFor(approverId, limit) {
      const { rows } = await pool.query<RequestRow & { waiting_total: string }>(
        numbered(WAITING_SQL),
        [approverId, Math.max(1, limit)],
      );
      return toWaiting(rows, limit);
    },

    async pendingOf(requesterId) {
      const { rows } = await pool.query<RequestRow>(PENDING_OF_SQL, [requesterId]);
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

    async due(rules, limit) {
      const { rows } = await pool.query<RequestRow>(numbered(DUE_SQL), [
        rules.expireBefore,
        rules.remindBefore,
        rules.now,
        rules.now,
        limit,
      ]);
      return rows.map(toStoredRequest);
    },

    // Several instances share this store: a lease may belong to one that is alive.
    async releaseLeases() {},

    async events(id) {
      const { rows } = await pool.query<EventRow>(
        "SELECT * FROM request_events WHERE request_id = $1 ORDER BY seq",
        [id],
      );
      return rows.map(toEvent);
    },

    async overviewOpened(userId, at) {
      await pool.query(
        `INSERT INTO overview_opened (user_id, at) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET at = excluded.at WHERE excluded.at > overview_opened.at`,
        [userId, at],
      );
    },

    async overviewOpenedSince(since) {
      const { rows } = await pool.query<{ user_id: string }>(
        "SELECT user_id FROM overview_opened WHERE at >= $1",
        [since],
      );
      return rows.map((r) => r.user_id);
    },

    outbox: {
      // One statement each, so a message costs the database two round trips, not eight. SKIP
      // LOCKED: an instance passes over messages another is claiming right now instead of waiting
      // for them, and the lease keeps them its own once the statement is done.
      async claim(owner, now, leaseMs, limit) {
        const { rows } = await pool.query<OutboxRow>(CLAIM_SQL, [
          owner,
          now + leaseMs,
          now,
          now,
          limit,
        ]);
        return rows.sort((a, b) => Number(a.id) - Number(b.id)).map(toOutboxItem);
      },

      async sent(id, at, ts) {
        const { rows } = await pool.query<{ sent: number }>(SENT_SQL, [id, ts, at]);
        if (one(rows).sent !== 1) throw new Error(`No outbox message ${id}.`);
      },

      async later(id, dueAt, error) {
        await pool.query(
          `UPDATE outbox SET attempts = attempts + 1, due_at = $2, last_error = $3,
             lease_owner = NULL, lease_until = NULL
           WHERE id = $1`,
          [id, dueAt, error],
        );
      },

      failed: (id, at, error, fallback) =>
        inTransaction(pool, async (client) => {
          const { rows } = await client.query<OutboxRow>(
            `UPDATE outbox SET status = 'failed', attempts = attempts + 1, done_at = $2,
               last_error = $3, lease_owner = NULL, lease_until = NULL
             WHERE id = $1 RETURNING *`,
            [id, at, error],
          );
          await queue(client, one(rows).request_id, fallback, at);
        }),

      async of(requestId) {
        const { rows } = await pool.query<OutboxRow>(
          "SELECT * FROM outbox WHERE request_id = $1 ORDER BY id",
          [requestId],
        );
        return rows.map(toOutboxItem);
      },
    },

    close: () => pool.end(),
  };
}

/** The shared SQL fragments use `?`; PostgreSQL wants $1, $2, … */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
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
