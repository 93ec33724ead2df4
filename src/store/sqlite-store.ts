import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { sqliteMigrations } from "./migrations.js";
import type { RequestStore } from "./request-store.js";
import { type EventRow, patchColumns, type RequestRow, toEvent, toStoredRequest } from "./rows.js";

/**
 * The store for a single instance: one SQLite file. better-sqlite3 is synchronous, so each method
 * runs to completion before another starts; the conditional UPDATE still decides races between
 * processes that share the file.
 */

/** How long a write waits for another connection's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/** `file` may be `:memory:` (tests); otherwise its folder is created when missing. */
export function openSqliteStore(file: string): RequestStore {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    // WAL lets readers go on while a write commits, and survives a crash mid-write.
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const selectRequest = db.prepare<[string], RequestRow>("SELECT * FROM requests WHERE id = ?");
  const insertRequest = db.prepare<Record<string, unknown>, RequestRow>(
    `INSERT INTO requests (id, state, team_id, channel_id, requester_id, request, name_checked,
       created_at, updated_at)
     VALUES (@id, 'pending', @teamId, @channelId, @requesterId, @request, @nameChecked,
       @createdAt, @createdAt)
     RETURNING *`,
  );
  // The next seq is read inside the writing transaction, which SQLite runs one at a time.
  const insertEvent = db.prepare(
    `INSERT INTO request_events (request_id, seq, from_state, to_state, actor, at, note)
     SELECT @id, COALESCE(MAX(seq), 0) + 1, @from, @to, @actor, @at, @note
     FROM request_events WHERE request_id = @id`,
  );
  const updateMessages = db.prepare(
    "UPDATE requests SET card_ts = @cardTs, controls_ts = @controlsTs WHERE id = @id",
  );
  const selectByState = db.prepare<[string], RequestRow>(
    `SELECT * FROM requests WHERE state IN (SELECT value FROM json_each(?))
     ORDER BY created_at, id`,
  );
  // Uses the state index: pending requests are few whoever asked for them.
  const selectPendingOf = db.prepare<[string], RequestRow>(
    "SELECT * FROM requests WHERE state = 'pending' AND requester_id = ? ORDER BY created_at, id",
  );
  const selectByRequester = db.prepare<[string, number], RequestRow>(
    `SELECT * FROM requests WHERE requester_id = ?
     ORDER BY created_at DESC, id DESC LIMIT ?`,
  );
  const selectEvents = db.prepare<[string], EventRow>(
    "SELECT * FROM request_events WHERE request_id = ? ORDER BY seq",
  );

  const insert = db.transaction((request: Parameters<RequestStore["insert"]>[0]) => {
    const row = insertRequest.get({
      id: request.id,
      teamId: request.teamId,
      channelId: request.channelId,
      requesterId: request.requesterId,
      request: JSON.stringify(request.request),
      nameChecked: request.nameChecked ? 1 : 0,
      createdAt: request.createdAt,
    });
    if (!row) throw new Error(`Request ${request.id} was not stored.`);
    insertEvent.run({
      id: request.id,
      from: null,
      to: "pending",
      actor: request.requesterId,
      at: request.createdAt,
      note: null,
    });
    return toStoredRequest(row);
  });

  const transition = db.transaction(
    (...[id, from, to, event, patch = {}]: Parameters<RequestStore["transition"]>) => {
      const columns = patchColumns(patch);
      const sets = columns.map(([column], i) => `, ${column} = @p${i}`).join("");
      const params = Object.fromEntries(columns.map(([, value], i) => [`p${i}`, value]));
      const row = db
        .prepare<Record<string, unknown>, RequestRow>(
          `UPDATE requests SET state = @to, updated_at = @at${sets}
           WHERE id = @id AND state = @from RETURNING *`,
        )
        .get({ ...params, id, from, to, at: event.at });
      if (!row) return undefined;
      insertEvent.run({ id, from, to, actor: event.actor, at: event.at, note: event.note ?? null });
      return toStoredRequest(row);
    },
  );

  return {
    async insert(request) {
      return insert(request);
    },
    async get(id) {
      const row = selectRequest.get(id);
      return row && toStoredRequest(row);
    },
    async transition(id, from, to, event, patch) {
      return transition(id, from, to, event, patch);
    },
    async setMessages(id, { cardTs, controlsTs }) {
      const { changes } = updateMessages.run({ id, cardTs, controlsTs });
      if (changes === 0) throw new Error(`No request ${id} to attach Slack messages to.`);
    },
    async listByState(states) {
      return selectByState.all(JSON.stringify(states)).map(toStoredRequest);
    },
    async pendingOf(requesterId) {
      return selectPendingOf.all(requesterId).map(toStoredRequest);
    },
    async listByRequester(requesterId, limit) {
      return selectByRequester.all(requesterId, limit).map(toStoredRequest);
    },
    async events(id) {
      return selectEvents.all(id).map(toEvent);
    },
    async close() {
      db.close();
    },
  };
}

/** IMMEDIATE takes the write lock first, so two processes opening one file migrate one after the other. */
function migrate(db: Database.Database): void {
  db.transaction(() => {
    db.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version INTEGER PRIMARY KEY,
         name TEXT NOT NULL,
         applied_at INTEGER NOT NULL
       ) STRICT`,
    );
    const applied = new Set(
      db
        .prepare<[], { version: number }>("SELECT version FROM schema_migrations")
        .all()
        .map((r) => r.version),
    );
    const record = db.prepare(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
    );
    for (const migration of sqliteMigrations) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
    }
  }).immediate();
}
