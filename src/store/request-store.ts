import type { CreateRequest } from "../dataforest/create-request.js";

/**
 * Where requests live. One interface, two implementations (SQLite for one instance, PostgreSQL for
 * several); one contract test suite runs against both.
 */

export const requestStates = [
  "pending",
  "approved",
  "creating",
  "created",
  "failed",
  "rejected",
  "expired",
  "cancelled",
] as const;
export type RequestState = (typeof requestStates)[number];

/** Why a create did not succeed, kept so the thread and the card can explain it later. */
export type Failure = {
  kind: string;
  /** The API field the failure is about, when the API named one. */
  field?: string | undefined;
  /** The refused value, as the API quoted it. */
  value?: string | undefined;
  /** The API's own words, shown in small type for whoever needs them. */
  apiMessage?: string | undefined;
  /** The HTTP status of DataForest's answer, when one came: a 5xx is DataForest's own problem. */
  status?: number | undefined;
};

export type StoredRequest = {
  id: string;
  state: RequestState;
  teamId: string | null;
  channelId: string;
  requesterId: string;
  request: CreateRequest;
  /** Whether checkAvailableName answered "free" at submission; if not, it is asked again before create. */
  nameChecked: boolean;
  /** The channel message that shows the request (the card) and the thread reply with the buttons. */
  cardTs: string | null;
  controlsTs: string | null;
  decidedBy: string | null;
  decidedAt: number | null;
  reason: string | null;
  workspaceId: string | null;
  failure: Failure | null;
  createdAt: number;
  updatedAt: number;
};

export type NewRequest = Pick<
  StoredRequest,
  "id" | "teamId" | "channelId" | "requesterId" | "request" | "nameChecked" | "createdAt"
>;

/** Fields a state change may set together with the state. */
export type TransitionPatch = Partial<
  Pick<StoredRequest, "decidedBy" | "decidedAt" | "reason" | "workspaceId" | "failure">
>;

export type RequestEvent = {
  requestId: string;
  seq: number;
  from: RequestState | null;
  to: RequestState;
  actor: string;
  at: number;
  note: string | null;
};

export type RequestStore = {
  /** Stores a new request in state `pending`, with its first event. */
  insert(request: NewRequest): Promise<StoredRequest>;
  get(id: string): Promise<StoredRequest | undefined>;
  /**
   * Moves a request from `from` to `to` in one conditional update, and records who and when.
   * Answers the updated request, or undefined when the request was not in `from` (someone else
   * moved it first): that is how concurrent clicks are told apart.
   */
  transition(
    id: string,
    from: RequestState,
    to: RequestState,
    event: { actor: string; at: number; note?: string | undefined },
    patch?: TransitionPatch,
  ): Promise<StoredRequest | undefined>;
  /** Remembers where the request is shown in Slack. */
  setMessages(id: string, messages: { cardTs: string; controlsTs: string }): Promise<void>;
  listByState(states: readonly RequestState[]): Promise<StoredRequest[]>;
  /** One person's requests still waiting for a decision, oldest first. */
  pendingOf(requesterId: string): Promise<StoredRequest[]>;
  /** One person's requests, newest first, at most `limit` of them. */
  listByRequester(requesterId: string, limit: number): Promise<StoredRequest[]>;
  events(id: string): Promise<RequestEvent[]>;
  close(): Promise<void>;
};
