import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { NewRequest, Outgoing, StoredRequest } from "../requests/domain.js";
import { sqliteMigrations } from "./migrations.js";
import type { Guard, RequestStore } from "./request-store.js";
import {
  changeSql,
  claimableSql,
  DUE_SQL,
  type EventRow,
  type OutboxRow,
  type RequestRow,
  type SqlValue,
  toEvent,
  toOutboxItem,
  toStoredRequest,
  toWaiting,
  tsColumnOf,
  WAITING_SQL,
} from "./rows.js";

/**
 * The store for a single instance: one SQLite file. better-sqlite3 is synchronous, so each method
 * runs to completion before another starts; the conditional UPDATE still decides races between
 * processes that share the file. Statements are prepared once; a change's UPDATE, whose columns
 * depend on the patch, is prepared once per shape.
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
  const selectMany = db.prepare<[string], RequestRow>(
    "SELECT * FROM requests WHERE id IN (SELECT value FROM json_each(?))",
  );
  const selectByView = db.prepare<[string], RequestRow>("SELECT * FROM requests WHERE view_id = ?");
  const insertRequest = db.prepare<Record<string, unknown>, RequestRow>(
    `INSERT INTO requests (id, state, team_id, channel_id, requester_id, request, name_checked,
       view_id, created_at, updated_at)
     VALUES (@id, 'pending', @teamId, @channelId, @requesterId, @request, @nameChecked,
       @viewId, @createdAt, @createdAt)
     ON CONFLICT (view_id) DO NOTHING
     RETURNING *`,
  );
  // The next seq is read inside the writing transaction, which SQLite runs one at a time.
  const insertEvent = db.prepare(
    `INSERT INTO request_events (request_id, seq, from_state, to_state, actor, at, note)
     SELECT @id, COALESCE(MAX(seq), 0) + 1, @from, @to, @actor, @at, @note
     FROM request_events WHERE request_id = @id`,
  );
  const insertMessage = db.prepare<[string, string, number, number]>(
    "INSERT INTO outbox (request_id, message, due_at, created_at) VALUES (?, ?, ?, ?)",
  );
  const selectWaiting = db.prepare<[string, number], RequestRow & { waiting_total: number }>(
    WAITING_SQL,
  );
  // Uses the state index: pending requests are few whoever asked for them.
  const selectPendingOf = db.prepare<[string], RequestRow>(
    "SELECT * FROM requests WHERE state = 'pending' AND requester_id = ? ORDER BY created_at, id",
  );
  const selectByRequester = db.prepare<[string, number], RequestRow>(
    `SELECT * FROM requests WHERE requester_id = ?
     ORDER BY created_at DESC, id DESC LIMIT ?`,
  );
  const selectDue = db.prepare<SqlValue[], RequestRow>(DUE_SQL);
  const releaseRequestLeases = db.prepare(
    "UPDATE requests SET lease_owner = NULL, lease_until = NULL WHERE lease_until IS NOT NULL",
  );
  const releaseMessageLeases = db.prepare(
    "UPDATE outbox SET lease_owner = NULL, lease_until = NULL WHERE lease_until IS NOT NULL",
  );
  const selectEvents = db.prepare<[string], EventRow>(
    "SELECT * FROM request_events WHERE request_id = ? ORDER BY seq",
  );
  const upsertOpened = db.prepare<[string, number]>(
    `INSERT INTO overview_opened (user_id, at) VALUES (?, ?)
     ON CONFLICT (user_id) DO UPDATE SET at = excluded.at WHERE excluded.at > overview_opened.at`,
  );
  const selectOpenedSince = db.prepare<[number], { user_id: string }>(
    "SELECT user_id FROM overview_opened WHERE at >= ?",
  );
  const selectClaimable = db.prepare<SqlValue[], OutboxRow>(claimableSql("o.*"));
  const leaseMessage = db.prepare<[string, number, number]>(
    "UPDATE outbox SET lease_owner = ?, lease_until = ? WHERE id = ?",
  );
  const selectMessage = db.prepare<[number], OutboxRow>("SELECT * FROM outbox WHERE id = ?");
  const markSent = db.prepare<[string | null, number, number]>(
    `UPDATE outbox SET status = 'sent', ts = ?, done_at = ?, lease_owner = NULL, lease_until = NULL
     WHERE id = ?`,
  );
  const setCardTs = db.prepare<[string, string]>("UPDATE requests SET card_ts = ? WHERE id = ?");
  const setControlsTs = db.prepare<[string, string]>(
    "UPDATE requests SET controls_ts = ? WHERE id = ?",
  );
  const markLater = db.prepare<[number, string, number]>(
    `UPDATE outbox SET attempts = attempts + 1, due_at = ?, last_error = ?, lease_owner = NULL,
       lease_until = NULL
     WHERE id = ?`,
  );
  const markFailed = db.prepare<[number, string, number]>(
    `UPDATE outbox SET status = 'failed', attempts = attempts + 1, done_at = ?, last_error = ?,
       lease_owner = NULL, lease_until = NULL
     WHERE id = ?`,
  );
  const selectOutboxOf = db.prepare<[string], OutboxRow>(
    "SELECT * FROM outbox WHERE request_id = ? ORDER BY id",
  );

  const changes = new Map<string, Database.Statement<SqlValue[], RequestRow>>();
  const prepared = (sql: string) => {
    let statement = changes.get(sql);
    if (!statement) {
      statement = db.prepare<SqlValue[], RequestRow>(sql);
      changes.set(sql, statement);
    }
    return statement;
  };

  const queue = (requestId: string, messages: readonly Outgoing[], at: number) => {
    for (const message of messages) {
      insertMessage.run(requestId, JSON.stringify(message), at, at);
    }
  };

  const insertNew = (request: NewRequest, messages: readonly Outgoing[]) => {
    const row = insertRequest.get({
      id: request.id,
      teamId: request.teamId,
      channelId: request.channelId,
      requesterId: request.requesterId,
      request: JSON.stringify(request.request),
      nameChecked: request.nameChecked ? 1 : 0,
      viewId: request.viewId ?? null,
      createdAt: request.createdAt,
    });
    if (!row) {
      const first = request.viewId ? selectByView.get(request.viewId) : undefined;
      if (!first) throw new Error(`Request ${request.id} was not stored.`);
      return toStoredRequest(first);
    }
    insertEvent.run({
      id: request.id,
      from: null,
      to: "pending",
      actor: request.requesterId,
      at: request.createdAt,
      note: null,
    });
    queue(request.id, messages, request.createdAt);
    return toStoredRequest(row);
  };
  const insert = db.transaction(insertNew);
  const insertWithin = db.transaction(
    (
      request: NewRequest,
      messages: readonly Outgoing[],
      max: number,
    ): { stored: StoredRequest } | { waiting: StoredRequest[] } => {
      // The same submission again is the request it made, not one more to count.
      const first = request.viewId ? selectByView.get(request.viewId) : undefined;
      if (first) return { stored: toStoredRequest(first) };
      const waiting = selectPendingOf.all(request.requesterId);
      if (waiting.length >= max) return { waiting: waiting.map(toStoredRequest) };
      return { stored: insertNew(request, messages) };
    },
  );

  const change = db.transaction(
    (
      id: string,
      guard: Guard,
      move: { to: string; actor: string; note: string | null } | undefined,
      at: number,
      patch: Parameters<RequestStore["amend"]>[3],
      messages: readonly Outgoing[],
    ) => {
      const { sql, values } = changeSql(id, guard, move?.to as Guard["state"], at, patch);
      const row = prepared(sql).get(...values);
      if (!row) return undefined;
      if (move) {
        insertEvent.run({
          id,
          from: guard.state,
          to: move.to,
          actor: move.actor,
          at,
          note: move.note,
        });
      }
      queue(id, messages, at);
      return toStoredRequest(row);
    },
  );

  const claim = db.transaction((owner: string, now: number, leaseMs: number, limit: number) => {
    const rows = selectClaimable.all(now, now, limit);
    for (const row of rows) leaseMessage.run(owner, now + leaseMs, row.id);
    return rows.map(toOutboxItem);
  });

  const sent = db.transaction((id: number, at: number, ts: string | null) => {
    const row = selectMessage.get(id);
    if (!row) throw new Error(`No outbox message ${id}.`);
    markSent.run(ts, at, id);
    const column = ts ? tsColumnOf(toOutboxItem(row).message) : undefined;
    if (ts && column === "card_ts") setCardTs.run(ts, row.request_id);
    if (ts && column === "controls_ts") setControlsTs.run(ts, row.request_id);
  });

  const failed = db.transaction(
    (id: number, at: number, error: string, fallback: readonly Outgoing[]) => {
      const row = selectMessage.get(id);
      if (!row) throw new Error(`No outbox message ${id}.`);
      markFailed.run(at, error, id);
      queue(row.request_id, fallback, at);
    },
  );

  return {
    shared: false,
    async insert(request, messages = []) {
      return insert(request, messages);
    },
    async insertWithin(request, messages, max) {
      return insertWithin.immediate(request, messages, max);
    },
    async get(id) {
      const row = selectRequest.get(id);
      return row && toStoredRequest(row);
    },
    async getMany(ids) {
      return selectMany.all(JSON.stringify(ids)).map(toStoredRequest);
    },
    async getByView(viewId) {
      const row = selectByView.get(viewId);
      return row && toStoredRequest(row);
    },
    async transition(id, from, to, event, patch = {}, messages = []) {
      const guard = typeof from === "string" ? { state: from } : from;
      const move = { to, actor: event.actor, note: event.note ?? null };
      return change(id, guard, move, event.at, patch, messages);
    },
    async amend(id, guard, at, patch, messages = []) {
      return change(id, guard, undefined, at, patch, messages);
    },
    async waitingFor(approverId, limit) {
      return toWaiting(selectWaiting.all(approverId, Math.max(1, limit)), limit);
    },
    async pendingOf(requesterId) {
      return selectPendingOf.all(requesterId).map(toStoredRequest);
    },
    async listByRequester(requesterId, limit) {
      return selectByRequester.all(requesterId, limit).map(toStoredRequest);
    },
    async due(rules, limit) {
      return selectDue
        .all(rules.expireBefore, rules.remindBefore, rules.now, rules.now, limit)
        .map(toStoredRequest);
    },
    async releaseLeases() {
      db.transaction(() => {
        releaseRequestLeases.run();
        releaseMessageLeases.run();
      })();
    },
    async events(id) {
      return selectEvents.all(id).map(toEvent);
    },
    async overviewOpened(userId, at) {
      upsertOpened.run(userId, at);
    },
    async overviewOpenedSince(since) {
      return selectOpenedSince.all(since).map((r) => r.user_id);
    },
    outbox: {
      async claim(owner, now, leaseMs, limit) {
        return claim.immediate(owner, now, leaseMs, limit);
      },
      async sent(id, at, ts) {
        sent(id, at, ts);
      },
      async later(id, dueAt, error) {
        markLater.run(dueAt, error, id);
      },
      async failed(id, at, error, fallback) {
        failed(id, at, error, fallback);
      },
      async of(requestId) {
        return selectOutboxOf.all(requestId).map(toOutboxItem);
      },
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
