import type { CreateRequest } from "../dataforest/create-request.js";
import {
  failure,
  type OutboxItem,
  outgoing,
  type RequestEvent,
  type RequestPatch,
  type RequestState,
  requestState,
  type StoredRequest,
} from "../requests/domain.js";
import type { Guard } from "./request-store.js";

/**
 * Rows as both drivers hand them over: JSON columns as text and epoch ms as numbers (the PostgreSQL
 * store asks its driver for exactly that), so one mapping serves both dialects. SQL fragments here
 * use `?` for parameters; the PostgreSQL store numbers them.
 */

export type RequestRow = {
  id: string;
  state: string;
  team_id: string | null;
  channel_id: string;
  requester_id: string;
  request: string;
  /** SQLite has no boolean: 0 or 1 there, true or false in PostgreSQL. */
  name_checked: number | boolean;
  view_id: string | null;
  card_ts: string | null;
  controls_ts: string | null;
  decided_by: string | null;
  decided_at: number | null;
  reason: string | null;
  workspace_id: string | null;
  failure: string | null;
  reminded_at: number | null;
  create_attempts: number;
  first_create_at: number | null;
  last_create_at: number | null;
  settle_at: number | null;
  lease_owner: string | null;
  lease_until: number | null;
  created_at: number;
  updated_at: number;
};

export type EventRow = {
  request_id: string;
  seq: number;
  from_state: string | null;
  to_state: string;
  actor: string;
  at: number;
  note: string | null;
};

export type OutboxRow = {
  id: number;
  request_id: string;
  message: string;
  status: string;
  attempts: number;
  due_at: number;
  ts: string | null;
  last_error: string | null;
  created_at: number;
};

/** A value either driver can bind. */
export type SqlValue = string | number | null;

/** The schema does not restrict states (a new state would need a table rebuild in SQLite), so reads check. */
function toState(value: string): RequestState {
  const parsed = requestState.safeParse(value);
  if (!parsed.success) throw new Error(`The store holds an unknown request state "${value}".`);
  return parsed.data;
}

export function toStoredRequest(row: RequestRow): StoredRequest {
  return {
    id: row.id,
    state: toState(row.state),
    teamId: row.team_id,
    channelId: row.channel_id,
    requesterId: row.requester_id,
    request: JSON.parse(row.request) as CreateRequest,
    nameChecked: Boolean(row.name_checked),
    viewId: row.view_id,
    cardTs: row.card_ts,
    controlsTs: row.controls_ts,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    reason: row.reason,
    workspaceId: row.workspace_id,
    failure: row.failure === null ? null : failure.parse(JSON.parse(row.failure)),
    remindedAt: row.reminded_at,
    createAttempts: Number(row.create_attempts),
    firstCreateAt: row.first_create_at,
    lastCreateAt: row.last_create_at,
    settleAt: row.settle_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toEvent(row: EventRow): RequestEvent {
  return {
    requestId: row.request_id,
    seq: row.seq,
    from: row.from_state === null ? null : toState(row.from_state),
    to: toState(row.to_state),
    actor: row.actor,
    at: row.at,
    note: row.note,
  };
}

const outboxStatuses = ["waiting", "sent", "failed"] as const;

export function toOutboxItem(row: OutboxRow): OutboxItem {
  const status = outboxStatuses.find((s) => s === row.status);
  if (!status) throw new Error(`The outbox holds an unknown status "${row.status}".`);
  return {
    id: Number(row.id),
    requestId: row.request_id,
    message: outgoing.parse(JSON.parse(row.message)),
    status,
    attempts: Number(row.attempts),
    dueAt: row.due_at,
    ts: row.ts,
    lastError: row.last_error,
    createdAt: row.created_at,
  };
}

/**
 * The columns a change sets besides the state, as [column, value] pairs. A field left undefined
 * keeps its value; null clears it. Column names come from this fixed list only, never from callers,
 * so the stores may splice them into SQL.
 */
export function patchColumns(patch: RequestPatch): [column: string, value: SqlValue][] {
  const columns: [string, SqlValue][] = [];
  const plain = {
    decided_by: patch.decidedBy,
    decided_at: patch.decidedAt,
    reason: patch.reason,
    workspace_id: patch.workspaceId,
    reminded_at: patch.remindedAt,
    create_attempts: patch.createAttempts,
    first_create_at: patch.firstCreateAt,
    last_create_at: patch.lastCreateAt,
    settle_at: patch.settleAt,
  };
  for (const [column, value] of Object.entries(plain)) {
    if (value !== undefined) columns.push([column, value]);
  }
  if (patch.failure !== undefined) {
    columns.push(["failure", patch.failure === null ? null : JSON.stringify(patch.failure)]);
  }
  if (patch.lease !== undefined) {
    columns.push(["lease_owner", patch.lease?.owner ?? null]);
    columns.push(["lease_until", patch.lease?.until ?? null]);
  }
  return columns;
}

/** The WHERE conditions of a guard, besides the id. */
export function guardClauses(guard: Guard): [sql: string, values: SqlValue[]][] {
  const clauses: [string, SqlValue[]][] = [["state = ?", [guard.state]]];
  if (guard.leaseFreeAt !== undefined) {
    clauses.push(["(lease_until IS NULL OR lease_until <= ?)", [guard.leaseFreeAt]]);
  }
  if (guard.leaseOwner !== undefined) clauses.push(["lease_owner = ?", [guard.leaseOwner]]);
  if (guard.notReminded) clauses.push(["reminded_at IS NULL", []]);
  if (guard.createAttempts !== undefined) {
    clauses.push(["create_attempts = ?", [guard.createAttempts]]);
  }
  if (guard.noCard) clauses.push(["card_ts IS NULL", []]);
  return clauses;
}

/**
 * One conditional UPDATE for a change: the state (when it moves), updated_at and the patch, where
 * the guard holds. Answers the SQL with `?` parameters and their values.
 */
export function changeSql(
  id: string,
  guard: Guard,
  to: RequestState | undefined,
  at: number,
  patch: RequestPatch,
): { sql: string; values: SqlValue[] } {
  const sets: [string, SqlValue][] = [
    ...(to ? ([["state", to]] as [string, SqlValue][]) : []),
    ["updated_at", at],
    ...patchColumns(patch),
  ];
  const where = guardClauses(guard);
  return {
    sql: `UPDATE requests SET ${sets.map(([c]) => `${c} = ?`).join(", ")}
          WHERE id = ? AND ${where.map(([c]) => c).join(" AND ")} RETURNING *`,
    values: [...sets.map(([, v]) => v), id, ...where.flatMap(([, v]) => v)],
  };
}

export const DUE_SQL = `SELECT * FROM requests WHERE
     (state = 'pending' AND (created_at <= ? OR (reminded_at IS NULL AND created_at <= ?)))
  OR state = 'approved'
  OR (state = 'creating' AND (lease_until IS NULL OR lease_until <= ?)
      AND (settle_at IS NULL OR settle_at <= ?))
  ORDER BY created_at, id LIMIT ?`;

/**
 * What waits for an approver (pending, card posted, not their own), oldest first; every row also
 * says how many there are in all, counted in the same statement as the list.
 */
export const WAITING_SQL = `SELECT *, COUNT(*) OVER () AS waiting_total FROM requests
  WHERE state = 'pending' AND card_ts IS NOT NULL AND requester_id <> ?
  ORDER BY created_at, id LIMIT ?`;

/** The oldest `limit` (at least one is read, so that the total comes along) and the total. */
export function toWaiting(
  rows: (RequestRow & { waiting_total: number | string })[],
  limit: number,
): { oldest: StoredRequest[]; total: number } {
  return {
    oldest: rows.slice(0, limit).map(toStoredRequest),
    total: Number(rows[0]?.waiting_total ?? 0),
  };
}

/**
 * The messages that may go now (`columns` of them): due, held by nobody, and the oldest waiting
 * message of their request, so the others wait their turn.
 */
export const claimableSql = (columns: string) => `SELECT ${columns} FROM outbox o
  WHERE o.status = 'waiting' AND o.due_at <= ? AND (o.lease_until IS NULL OR o.lease_until <= ?)
    AND NOT EXISTS (SELECT 1 FROM outbox p
                    WHERE p.request_id = o.request_id AND p.status = 'waiting' AND p.id < o.id)
  ORDER BY o.id LIMIT ?`;

/** Which request column remembers the ts of a sent message, by the message's type. */
export const TS_COLUMNS = { card: "card_ts", controls: "controls_ts" } as const;

export function tsColumnOf(message: OutboxItem["message"]): "card_ts" | "controls_ts" | undefined {
  return message.type === "card" || message.type === "controls"
    ? TS_COLUMNS[message.type]
    : undefined;
}
