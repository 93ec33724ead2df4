import type {
  NewRequest,
  OutboxItem,
  Outgoing,
  RequestEvent,
  RequestPatch,
  RequestState,
  StoredRequest,
} from "../requests/domain.js";

/**
 * Where requests and the messages they owe live. One interface, two implementations (SQLite for one
 * instance, PostgreSQL for several); one contract test suite runs against both. Every change that
 * owes people a message writes that message into the outbox in the same transaction, so a change
 * is never recorded without what it has to tell.
 */

/** What a change requires of the request besides its state; a change that finds otherwise does nothing. */
export type Guard = {
  state: RequestState;
  /** Nobody holds the request's lease at this moment (none taken, or it ran out). */
  leaseFreeAt?: number;
  /** The request's lease is held by this owner. */
  leaseOwner?: string;
  /** The approvers were not reminded yet. */
  notReminded?: true;
  createAttempts?: number;
  /** The card was never posted. */
  noCard?: true;
};

/** When timers fall due: a pending request created before these moments expires or is reminded. */
export type DueRules = { now: number; expireBefore: number; remindBefore: number };

export type Outbox = {
  /**
   * Takes up to `limit` messages that are due and not held by anyone, for `leaseMs`. Only the
   * oldest waiting message of each request is offered, so a request's messages go out in order
   * (the card before its thread). Several instances never get the same message at once.
   */
  claim(owner: string, now: number, leaseMs: number, limit: number): Promise<OutboxItem[]>;
  /** The message went out; a card's or the controls' `ts` is remembered on the request. */
  sent(id: number, at: number, ts: string | null): Promise<void>;
  /** Try again at `dueAt`. */
  later(id: number, dueAt: number, error: string): Promise<void>;
  /** It will never go out; `fallback` messages of the same request take its place. */
  failed(id: number, at: number, error: string, fallback: readonly Outgoing[]): Promise<void>;
  /** Every message of a request, oldest first. */
  of(requestId: string): Promise<OutboxItem[]>;
};

export type RequestStore = {
  /** Several instances may share this store (and so a lease may be someone else's). */
  shared: boolean;
  /**
   * Stores a new request in state `pending`, with its first event and its messages. A second
   * request from the same form submission (`viewId`) stores nothing and answers the first one.
   */
  insert(request: NewRequest, messages?: readonly Outgoing[]): Promise<StoredRequest>;
  /**
   * As `insert`, unless the requester already has `max` requests pending: then nothing is stored,
   * and those are answered. Counting and storing are one step, so simultaneous submissions from one
   * person cannot pass the limit together.
   */
  insertWithin(
    request: NewRequest,
    messages: readonly Outgoing[],
    max: number,
  ): Promise<{ stored: StoredRequest } | { waiting: StoredRequest[] }>;
  get(id: string): Promise<StoredRequest | undefined>;
  /** The requests of these ids that exist, in no particular order. */
  getMany(ids: readonly string[]): Promise<StoredRequest[]>;
  /** The request a form submission made, if it made one. */
  getByView(viewId: string): Promise<StoredRequest | undefined>;
  /**
   * Moves a request from `from` to `to` in one conditional update, records who and when, and
   * queues its messages. Answers the updated request, or undefined when the request was not in
   * `from` (someone else moved it first): that is how concurrent clicks are told apart.
   */
  transition(
    id: string,
    from: RequestState | Guard,
    to: RequestState,
    event: { actor: string; at: number; note?: string | undefined },
    patch?: RequestPatch,
    messages?: readonly Outgoing[],
  ): Promise<StoredRequest | undefined>;
  /** Changes fields without a move, under the same kind of condition; undefined when it does not hold. */
  amend(
    id: string,
    guard: Guard,
    at: number,
    patch: RequestPatch,
    messages?: readonly Outgoing[],
  ): Promise<StoredRequest | undefined>;
  /**
   * What waits for `approverId`: pending requests whose card is in its channel, but not their own,
   * the oldest `limit` of them and how many there are in all.
   */
  waitingFor(
    approverId: string,
    limit: number,
  ): Promise<{ oldest: StoredRequest[]; total: number }>;
  /** One person's requests still waiting for a decision, oldest first. */
  pendingOf(requesterId: string): Promise<StoredRequest[]>;
  /** One person's requests, newest first, at most `limit` of them. */
  listByRequester(requesterId: string, limit: number): Promise<StoredRequest[]>;
  /**
   * Requests with something due: pending ones to expire or remind, approved ones whose create was
   * never sent, and creating ones nobody is working on whose next lookup is due.
   */
  due(rules: DueRules, limit: number): Promise<StoredRequest[]>;
  /** At the start of the only instance: whoever held a lease is gone. */
  releaseLeases(): Promise<void>;
  events(id: string): Promise<RequestEvent[]>;
  /** `userId` opened their overview (App Home) at `at`; an earlier moment never replaces a later. */
  overviewOpened(userId: string, at: number): Promise<void>;
  /** Everyone who opened their overview at or after `since`. */
  overviewOpenedSince(since: number): Promise<string[]>;
  outbox: Outbox;
  close(): Promise<void>;
};
