import type { webApi } from "@slack/bolt";
import type { Logger } from "../log.js";
import type { OutboxItem, Outgoing, StoredRequest } from "../requests/domain.js";
import type { Messenger } from "../requests/port.js";
import type { Workflow } from "../requests/workflow.js";
import { controlsMessage, requestCard } from "./blocks/card.js";
import { sentView } from "./blocks/sent-view.js";
import {
  cardRefusedMessage,
  checkingReply,
  outcomeByDm,
  outcomeReply,
  reminderReply,
  type SlackText,
} from "./blocks/thread.js";
import type { UserLocales } from "./i18n/user-locales.js";
import { classifySlackError } from "./slack-errors.js";

type WebClient = webApi.WebClient;

/**
 * Messages after which a request looks different wherever it is listed; a direct message means the
 * card could not be posted (or the outcome could not go in its thread), which App Home shows too.
 */
const SHOWN = new Set<Outgoing["type"]>(["card", "redraw", "outcome", "dm"]);

export type DeliveryOptions = {
  /** A client that neither retries nor waits out rate limits itself: this loop decides when. */
  client: WebClient;
  workflow: Pick<Workflow, "delivery">;
  /** The approvers as mentions, for the controls and reminders. */
  approvers: string;
  /** The channel's language for cards and threads; the requester's for their form and DMs. */
  locales: UserLocales;
  logger: Logger;
  /** After a message that changes how a request is shown (its card, a redraw, an outcome). */
  onShown?: (request: StoredRequest) => Promise<void>;
  /** How often the outbox is looked at when nobody said there is something new. */
  pollMs?: number;
  /** Messages sent at once, each of a different request. */
  batch?: number;
  /** Attempts of one message, the first included, before its fallback is used instead. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
};

export type Delivery = Messenger & {
  /** Stops taking messages; resolves when the ones under way are done, or after `timeoutMs`. */
  stop(timeoutMs: number): Promise<void>;
};

/**
 * Delivers the outbox to Slack. Errors that pass (rate limits, Slack outages, the network) are
 * retried with backoff, honouring Retry-After; errors that will not pass go back to the workflow,
 * which queues a fallback (a direct message to the requester). Posting is made idempotent by the
 * store: a sent card records its ts, and a redraw is a chat.update of a known ts.
 */
export function startDelivery(options: DeliveryOptions): Delivery {
  const { client, workflow, approvers, logger, locales } = options;
  const t = locales.channel;
  const requesterTexts = (r: StoredRequest) => locales.textsFor(r.requesterId);
  const pollMs = options.pollMs ?? 2000;
  const batch = options.batch ?? 10;
  const maxAttempts = options.maxAttempts ?? 12;
  const baseDelayMs = options.baseDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 5 * 60_000;
  const random = options.random ?? Math.random;

  let stopped = false;
  let woken = false;
  /** Slack asked to slow down: nothing is sent before this moment. */
  let pausedUntil = 0;
  let interrupt: (() => void) | undefined;
  let interruptible = false;

  const sleep = (ms: number, wakeable: boolean) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        interrupt = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      interrupt = done;
      interruptible = wakeable;
    });

  const post = async (args: webApi.ChatPostMessageArguments) =>
    (await client.chat.postMessage({ unfurl_links: false, ...args })).ts ?? null;

  const inThread = (r: StoredRequest, message: SlackText) =>
    r.cardTs ? post({ channel: r.channelId, thread_ts: r.cardTs, ...message }) : null;

  const toRequester = (r: StoredRequest, message: SlackText | undefined) =>
    message ? post({ channel: r.requesterId, ...message }) : null;

  /** Sends one message; answers the ts of what it posted, if the request should remember it. */
  const send = async (message: Outgoing, r: StoredRequest): Promise<string | null> => {
    switch (message.type) {
      case "card":
        return r.cardTs ?? post({ channel: r.channelId, ...requestCard(r, t) });
      case "controls":
        // Without a card there is no thread; the requester has been told why.
        if (!r.cardTs) return null;
        return r.controlsTs ?? inThread(r, controlsMessage(r, approvers, t));
      case "sent": {
        if (!r.viewId) return null;
        const status = r.cardTs ? "posted" : "refused";
        try {
          await client.views.update({
            view_id: r.viewId,
            view: sentView(r.channelId, status, r.nameChecked, await requesterTexts(r)),
          });
        } catch (error) {
          // The person closed the form: there is nothing left to change.
          if (!classifySlackError(error).retry) return null;
          throw error;
        }
        return null;
      }
      case "redraw":
        // Side by side, so a redraw takes one call's time at most: its lease is that short.
        await Promise.all([
          r.cardTs
            ? client.chat.update({ channel: r.channelId, ts: r.cardTs, ...requestCard(r, t) })
            : undefined,
          r.controlsTs
            ? client.chat.update({
                channel: r.channelId,
                ts: r.controlsTs,
                ...controlsMessage(r, approvers, t),
              })
            : undefined,
        ]);
        return null;
      case "outcome": {
        const reply = outcomeReply(r, approvers, t);
        if (!reply) return null;
        if (r.cardTs) return inThread(r, reply);
        return toRequester(r, outcomeByDm(r, approvers, await requesterTexts(r)));
      }
      case "checking":
        return inThread(r, checkingReply(t));
      case "reminder":
        return r.state === "pending" ? inThread(r, reminderReply(r, approvers, t)) : null;
      case "dm": {
        const own = await requesterTexts(r);
        return message.about === "card_refused"
          ? toRequester(r, cardRefusedMessage(r, message.reason ?? "unknown_error", own))
          : toRequester(r, outcomeByDm(r, approvers, own));
      }
    }
  };

  const backoff = (attempts: number) => {
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** attempts);
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
  };

  const deliver = async ({ item, request }: { item: OutboxItem; request: StoredRequest }) => {
    const log = logger.child({ requestId: item.requestId, message: item.message.type });
    try {
      let ts: string | null;
      try {
        ts = await send(item.message, request);
      } catch (error) {
        const failure = classifySlackError(error);
        if (failure.retry && item.attempts + 1 < maxAttempts) {
          const delayMs = failure.afterMs ?? backoff(item.attempts);
          if (failure.afterMs !== undefined) {
            pausedUntil = Math.max(pausedUntil, Date.now() + failure.afterMs);
          }
          log.info("slack did not take a message; trying again later", {
            reason: failure.reason,
            delayMs,
          });
          await workflow.delivery.later(item, delayMs, failure.reason);
        } else {
          await workflow.delivery.undeliverable(item, failure.reason);
          // A card that will never be posted changes how the request is listed, too.
          if (item.message.type === "card") await options.onShown?.(request);
        }
        return;
      }
      await workflow.delivery.sent(item, ts);
      if (SHOWN.has(item.message.type)) await options.onShown?.(request);
    } catch (error) {
      // The store could not record it; the lease runs out and the message is tried again.
      log.error("could not record a delivery", { error });
    }
  };

  const loop = async () => {
    while (!stopped) {
      const pause = pausedUntil - Date.now();
      if (pause > 0) {
        await sleep(pause, false);
        continue;
      }
      woken = false;
      let claimed: Awaited<ReturnType<Workflow["delivery"]["claim"]>> = [];
      try {
        claimed = await workflow.delivery.claim(batch);
      } catch (error) {
        logger.error("could not read the outbox", { error });
      }
      if (claimed.length > 0) await Promise.all(claimed.map(deliver));
      else if (!woken && !stopped) await sleep(pollMs, true);
    }
  };
  const running = loop();

  return {
    wake() {
      woken = true;
      if (interruptible) interrupt?.();
    },
    async stop(timeoutMs) {
      stopped = true;
      interrupt?.();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([running, late]);
      clearTimeout(timer);
    },
  };
}
