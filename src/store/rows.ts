import type { CreateRequest } from "../dataforest/create-request.js";
import {
  type Failure,
  type RequestEvent,
  type RequestState,
  requestStates,
  type StoredRequest,
  type TransitionPatch,
} from "./request-store.js";

/**
 * Rows as both drivers hand them over: JSON columns as text and epoch ms as numbers (the PostgreSQL
 * store asks its driver for exactly that), so one mapping serves both dialects.
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
  card_ts: string | null;
  controls_ts: string | null;
  decided_by: string | null;
  decided_at: number | null;
  reason: string | null;
  workspace_id: string | null;
  failure: string | null;
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

/** A value either driver can bind. */
export type SqlValue = string | number | null;

/** The schema does not restrict states (a new state would need a table rebuild in SQLite), so reads check. */
function toState(value: string): RequestState {
  const state = requestStates.find((s) => s === value);
  if (!state) throw new Error(`The store holds an unknown request state "${value}".`);
  return state;
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
    cardTs: row.card_ts,
    controlsTs: row.controls_ts,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    reason: row.reason,
    workspaceId: row.workspace_id,
    failure: row.failure === null ? null : (JSON.parse(row.failure) as Failure),
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

/**
 * The columns a transition sets besides the state, as [column, value] pairs. A field left undefined
 * keeps its value; null clears it. Column names come from this fixed list only, never from callers,
 * so the stores may splice them into SQL.
 */
export function patchColumns(patch: TransitionPatch): [column: string, value: SqlValue][] {
  const columns: [string, SqlValue][] = [];
  if (patch.decidedBy !== undefined) columns.push(["decided_by", patch.decidedBy]);
  if (patch.decidedAt !== undefined) columns.push(["decided_at", patch.decidedAt]);
  if (patch.reason !== undefined) columns.push(["reason", patch.reason]);
  if (patch.workspaceId !== undefined) columns.push(["workspace_id", patch.workspaceId]);
  if (patch.failure !== undefined) {
    columns.push(["failure", patch.failure === null ? null : JSON.stringify(patch.failure)]);
  }
  return columns;
}
