import type { webApi } from "@slack/bolt";
import { explainRefusedValue } from "../dataforest/create-request.js";
import type { Logger } from "../log.js";
import { isSecretPath, MASK, maskSecrets } from "../requests/secrets.js";
import { isDryRunResult, type RequestService } from "../requests/service.js";
import type { StoredRequest } from "../store/request-store.js";
import {
  controlsMessage,
  requestCard,
  resubmitButton,
  smallPrint,
  textBlock,
} from "./blocks/card.js";
import { dryRunBlocks } from "./blocks/dry-run.js";
import { blockFor, blockIds } from "./form.js";
import { channelProblem, failure, fields, outcome } from "./messages.js";
import { groupMention, mention } from "./mrkdwn.js";

type WebClient = webApi.WebClient;

export type Announcer = ReturnType<typeof createAnnouncer>;

/** Slack errors that mean the card cannot go to that channel at all, whatever we retry. */
const CHANNEL_REFUSALS = new Set([
  "not_in_channel",
  "channel_not_found",
  "is_archived",
  "restricted_action",
  "restricted_action_read_only_channel",
]);

const slackError = (error: unknown): string | undefined =>
  (error as { data?: { error?: string } })?.data?.error;

/**
 * Everything the app says in channels and threads about a request: the card, the approvers'
 * controls, and the outcome. The card and the controls are redrawn from the stored request, so
 * they always show its current state.
 */
export function createAnnouncer(deps: {
  client: WebClient;
  service: RequestService;
  approvers: { userIds: readonly string[]; usergroupId?: string | undefined };
  logger: Logger;
}) {
  const { client, service, logger } = deps;

  const approversMention = () =>
    [
      ...deps.approvers.userIds.map(mention),
      ...(deps.approvers.usergroupId ? [groupMention(deps.approvers.usergroupId)] : []),
    ].join(" ");

  const reply = (r: StoredRequest, message: { text: string; blocks?: webApi.KnownBlock[] }) =>
    client.chat.postMessage({
      channel: r.channelId,
      thread_ts: r.cardTs ?? undefined,
      unfurl_links: false,
      ...message,
    });

  /** Redraws the card and the controls, so their buttons go once the request is decided. */
  const refresh = async (r: StoredRequest) => {
    const updates: Promise<unknown>[] = [];
    if (r.cardTs)
      updates.push(client.chat.update({ channel: r.channelId, ts: r.cardTs, ...requestCard(r) }));
    if (r.controlsTs) {
      updates.push(
        client.chat.update({
          channel: r.channelId,
          ts: r.controlsTs,
          ...controlsMessage(r, approversMention()),
        }),
      );
    }
    const results = await Promise.allSettled(updates);
    for (const result of results) {
      if (result.status === "rejected") {
        logger.warn("could not update a request message", {
          requestId: r.id,
          error: result.reason,
        });
      }
    }
  };

  const failureReply = (r: StoredRequest) => {
    const who = mention(r.requesterId);
    const failed = r.failure ?? { kind: "internal" };
    // DataForest's message may quote the value it refused, and that may be an environment value.
    const f = {
      ...failed,
      value:
        failed.value && failed.field && isSecretPath(failed.field)
          ? MASK
          : failed.value && maskSecrets(failed.value, r.request),
      apiMessage: failed.apiMessage && maskSecrets(failed.apiMessage, r.request),
    };
    const field = f.field ? blockFor(f.field, blockIds) : undefined;
    const label = field ? fields[field as keyof typeof fields]?.label : undefined;
    const text = (() => {
      switch (f.kind) {
        case "invalid_parameter":
          return failure.invalid_parameter(
            who,
            label,
            f.value,
            f.field && f.value !== undefined ? explainRefusedValue(f.field, f.value) : undefined,
          );
        case "name_taken":
          return failure.name_taken(who, r.request.name);
        case "quota_exceeded":
          return failure.quota_exceeded(who, approversMention());
        case "auth_failed":
        case "permission_denied":
        case "throttled":
        case "call_quota":
        case "unavailable":
        case "server_error":
        case "rejected":
          return failure[f.kind](who);
        case "not_created":
          return failure.not_created(who, f.status !== undefined && f.status >= 500);
        default:
          return failure.other(who);
      }
    })();
    return {
      text,
      blocks: [
        textBlock(text),
        ...(f.apiMessage ? [smallPrint(outcome.apiSaid(f.apiMessage))] : []),
        resubmitButton(r.id, outcome.resubmit),
      ],
    };
  };

  const outcomeReply = (
    r: StoredRequest,
  ): { text: string; blocks?: webApi.KnownBlock[] } | undefined => {
    const by = r.decidedBy ?? "";
    switch (r.state) {
      case "created": {
        if (!isDryRunResult(r)) {
          return { text: outcome.created(r.requesterId, r.request.name, r.workspaceId ?? "", by) };
        }
        const text = outcome.dryRun(r.requesterId, r.request.name, by);
        return { text, blocks: [textBlock(text), ...dryRunBlocks(r.request, outcome.dryRunMore)] };
      }
      case "failed":
        return failureReply(r);
      case "rejected":
        return { text: outcome.rejected(r.requesterId, by, r.reason) };
      case "creating":
        return { text: outcome.checking };
      default:
        return undefined;
    }
  };

  return {
    approversMention,
    refresh,

    /**
     * Posts the card and, in its thread, the approvers' controls. When the channel refuses the
     * card, the request is withdrawn and the requester told how to fix it.
     */
    async announceNew(r: StoredRequest): Promise<StoredRequest> {
      try {
        const posted = await client.chat.postMessage({
          channel: r.channelId,
          unfurl_links: false,
          ...requestCard(r),
        });
        const cardTs = posted.ts as string;
        const controls = await client.chat.postMessage({
          channel: r.channelId,
          thread_ts: cardTs,
          ...controlsMessage(r, approversMention()),
        });
        const messages = { cardTs, controlsTs: controls.ts as string };
        await service.setMessages(r.id, messages);
        return { ...r, ...messages };
      } catch (error) {
        const reason = slackError(error);
        if (!reason || !CHANNEL_REFUSALS.has(reason)) throw error;
        logger.warn("the channel refused the request card", { requestId: r.id, reason });
        await service.cancel(r.id, `Slack refused the card: ${reason}`);
        await client.chat.postMessage({
          channel: r.requesterId,
          text: channelProblem(r.channelId),
        });
        return { ...r, state: "cancelled" };
      }
    },

    /** Tells the thread what became of a request, mentioning the requester, and redraws the card. */
    async announceOutcome(r: StoredRequest): Promise<void> {
      const message = outcomeReply(r);
      await Promise.all([message ? reply(r, message) : undefined, refresh(r)]);
    },

    /**
     * A note in the thread only the given user sees; when Slack will not take it there (no channel,
     * a channel the bot left), a direct message instead, so the person always hears something.
     */
    async whisper(r: { channelId: string; cardTs?: string | null }, userId: string, text: string) {
      try {
        await client.chat.postEphemeral({
          channel: r.channelId,
          user: userId,
          text,
          ...(r.cardTs ? { thread_ts: r.cardTs } : {}),
        });
        return;
      } catch (error) {
        logger.info("could not send a private note; sending a direct message", {
          userId,
          reason: slackError(error),
        });
      }
      try {
        await client.chat.postMessage({ channel: userId, text });
      } catch (error) {
        logger.warn("could not tell someone why nothing happened", { userId, error });
      }
    },
  };
}
