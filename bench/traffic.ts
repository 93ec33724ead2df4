import { APPROVE_ACTION } from "../src/slack/blocks/card.js";
import { COMMAND } from "../src/slack/listeners/command.js";
import type { FakeDataForest } from "../test/support/fake-dataforest.js";
import type { FakeSlack, JsonObject, SlackCall } from "../test/support/fake-slack.js";
import {
  blockActions,
  postToSlackEvents,
  randomTriggerId,
  type SlackRequestBody,
  slashCommand,
  stateValuesFromView,
  type ViewLike,
  viewSubmission,
} from "../test/support/slack-requests.js";

export const SIGNING_SECRET = "bench-signing-secret-0123456789abcdef";
/**
 * Commands come from a workspace of 200 people, each with at most one request under way (the app
 * limits how many one person may have waiting), whose language the app has looked up once: the
 * first command from a person costs one users.info call more, and the bench's warm-up pays it.
 */
export const PEOPLE = 200;
const requester = (index: number) => `U0R${String(index % PEOPLE).padStart(6, "0")}`;
export const APPROVER = "U0APPROVER";
export const CHANNEL = "C0REQUESTS";
/** Every step of a whole request must come within this, or the bench stops with what is missing. */
const STEP_TIMEOUT_MS = 15_000;

/** How long one whole request took, step by step (ms). */
export type WholeRequest = { ackMs: number; approveToCreateMs: number; totalMs: number };

type Deferred<T> = { promise: Promise<T>; resolve(value: T): void };
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no ${what} within ${STEP_TIMEOUT_MS} ms`)),
      STEP_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

type Tracked = {
  name: string;
  controls: Deferred<SlackCall>;
  created: Deferred<number>;
  posted: Deferred<number>;
  cardTs?: string;
  /** Set once DataForest got the create; from then on messages may carry the id. */
  createdAt?: number;
  workspaceId?: string;
};

/**
 * Plays Slack's part for a server (the app or the floor): sends signed commands, submissions and
 * clicks, and follows what the server does at the fakes, matching each call to the request it
 * belongs to by trigger id, workspace name, card and thread.
 */
export function createTraffic(slack: FakeSlack, dataforest: FakeDataForest) {
  const opens = new Map<string, Deferred<SlackCall>>();
  const byName = new Map<string, Tracked>();
  const byCard = new Map<string, Tracked>();
  const NAME = /bench-[a-z0-9]+-\d+/;

  const stopSlack = slack.onCall((call) => {
    const answer = call.answer as { ok?: boolean; ts?: string };
    if (call.method === "views.open") {
      const trigger = String(call.args.trigger_id);
      opens.get(trigger)?.resolve(call);
      opens.delete(trigger);
      return;
    }
    if (call.method !== "chat.postMessage" && call.method !== "chat.update") return;
    if (!answer.ok || byName.size === 0) return;
    const text = JSON.stringify(call.args);
    const threadTs = typeof call.args.thread_ts === "string" ? call.args.thread_ts : undefined;
    const named = byName.get(NAME.exec(text)?.[0] ?? "");
    if (named && call.method === "chat.postMessage" && !threadTs && answer.ts && !named.cardTs) {
      named.cardTs = answer.ts;
      byCard.set(answer.ts, named);
      return;
    }
    const tracked = named ?? byCard.get(threadTs ?? String(call.args.ts));
    if (!tracked) return;
    if (call.method === "chat.postMessage" && threadTs && text.includes(APPROVE_ACTION)) {
      tracked.controls.resolve(call);
    }
    // The id may come in the thread or, when the click beat the app's note of the card, in the
    // channel: either way it is the moment a person can read it.
    if (tracked.createdAt === undefined) return;
    tracked.workspaceId ??= dataforest.workspaces().findLast((w) => w.name === tracked.name)?.id;
    if (tracked.workspaceId && text.includes(tracked.workspaceId)) {
      tracked.posted.resolve(call.arrivedAt);
    }
  });
  const stopDataForest = dataforest.onRequest((request) => {
    if (request.operation !== "create") return;
    const name = String((request.body as { name?: unknown } | undefined)?.name);
    const tracked = byName.get(name);
    if (!tracked) return;
    tracked.createdAt = performance.now();
    tracked.created.resolve(tracked.createdAt);
  });

  const send = async (url: string, body: SlackRequestBody) => {
    const answer = await postToSlackEvents(`${url}/slack/events`, SIGNING_SECRET, body);
    if (answer.status !== 200)
      throw new Error(`Slack request got HTTP ${answer.status}: ${answer.body}`);
    return answer;
  };

  /** Sends the command and waits for the server's views.open; answers the call and the time. */
  let sent = 0;
  const command = async (
    url: string,
    userId = requester(sent++),
  ): Promise<{ ms: number; call: SlackCall }> => {
    const triggerId = randomTriggerId();
    const opened = deferred<SlackCall>();
    opens.set(triggerId, opened);
    const started = performance.now();
    try {
      await send(url, slashCommand({ command: COMMAND, userId, channelId: CHANNEL, triggerId }));
      const call = await within(opened.promise, `views.open after ${COMMAND}`);
      return { ms: call.arrivedAt - started, call };
    } finally {
      opens.delete(triggerId);
    }
  };

  /** Command, form, submission, card, approval, create, and the workspace id in the thread. */
  const wholeRequest = async (url: string, name: string): Promise<WholeRequest> => {
    const tracked: Tracked = {
      name,
      controls: deferred(),
      created: deferred(),
      posted: deferred(),
    };
    byName.set(name, tracked);
    try {
      const started = performance.now();
      const userId = requester(sent++);
      const { call } = await command(url, userId);
      const view = (call.answer as { view: ViewLike & JsonObject }).view;
      // What a typical person does: gives a name and keeps the rest of the short form.
      const values = stateValuesFromView(view, { name });
      const submitted = performance.now();
      const ack = await send(url, viewSubmission({ view, values, userId }));
      const ackMs = performance.now() - submitted;
      if ((ack.json as { response_action?: string } | undefined)?.response_action === "errors") {
        throw new Error(`the form was refused: ${ack.body}`);
      }
      const controls = await within(tracked.controls.promise, "approvers' controls");
      const message = { ...(controls.answer as { message: JsonObject }).message };
      const clicked = performance.now();
      await send(
        url,
        blockActions({
          actionId: APPROVE_ACTION,
          message,
          channelId: String(controls.args.channel),
          messageTs: String((controls.answer as { ts: string }).ts),
          userId: APPROVER,
        }),
      );
      const created = await within(tracked.created.promise, "DataForest create");
      const posted = await within(tracked.posted.promise, "workspace id in the thread");
      return { ackMs, approveToCreateMs: created - clicked, totalMs: posted - started };
    } finally {
      byName.delete(name);
      if (tracked.cardTs) byCard.delete(tracked.cardTs);
    }
  };

  return {
    command,
    wholeRequest,
    /** Drops what the fakes and this tracker hold; only when nothing is in flight. */
    forget() {
      slack.forget();
      dataforest.forgetReceived();
    },
    close() {
      stopSlack();
      stopDataForest();
    },
  };
}

export type Traffic = ReturnType<typeof createTraffic>;

/** Runs `task` `total` times with at most `inFlight` at once; answers every result in order. */
export async function runConcurrently<T>(
  total: number,
  inFlight: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(total);
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, total) }, worker));
  return results;
}
