import type { types } from "@slack/bolt";
import { explainRefusedValue } from "../../dataforest/create-request.js";
import type { StoredRequest } from "../../requests/domain.js";
import { isSecretPath, MASK, maskSecrets } from "../../requests/secrets.js";
import { isDryRunResult } from "../../requests/workflow.js";
import { blockFor, blockIds } from "../form.js";
import { controls, direct, failure, fields, outcome } from "../messages.js";
import { mention } from "../mrkdwn.js";
import {
  actionsBlock,
  button,
  CANCEL_ACTION,
  REPOST_ACTION,
  resubmitButton,
  smallPrint,
  textBlock,
} from "./card.js";
import { dryRunBlocks } from "./dry-run.js";

/** What the app says in a request's thread and in direct messages, drawn from the stored request. */

export type SlackText = { text: string; blocks?: types.KnownBlock[] };

function failureReply(r: StoredRequest, approvers: string): SlackText {
  const who = mention(r.requesterId);
  const failed = r.failure ?? { kind: "internal" as const };
  // DataForest's message may quote the value it refused, and that may be an environment value.
  const f = {
    ...failed,
    value:
      failed.value && failed.field && isSecretPath(failed.field)
        ? MASK
        : failed.value && maskSecrets(failed.value, r.request),
    apiMessage: failed.apiMessage && maskSecrets(failed.apiMessage, r.request),
  };
  const block = f.field ? blockFor(f.field, blockIds) : undefined;
  const label = block ? fields[block as keyof typeof fields]?.label : undefined;
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
        return failure.quota_exceeded(who, approvers);
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
      case "bad_answer":
      case "internal":
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
}

/** What became of the request, for its thread. */
export function outcomeReply(r: StoredRequest, approvers: string): SlackText | undefined {
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
      return failureReply(r, approvers);
    case "rejected":
      return { text: outcome.rejected(r.requesterId, by, r.reason) };
    case "expired": {
      const text = outcome.expired(r.requesterId);
      return { text, blocks: [textBlock(text), resubmitButton(r.id, outcome.resubmit)] };
    }
    case "cancelled": {
      const text = outcome.withdrawn(by || r.requesterId);
      return { text, blocks: [textBlock(text), resubmitButton(r.id, outcome.resubmit)] };
    }
    default:
      return undefined;
  }
}

export function checkingReply(): SlackText {
  return { text: outcome.checking };
}

export function reminderReply(r: StoredRequest, approvers: string): SlackText {
  return { text: controls.reminder(approvers, r.requesterId) };
}

/** Refusals that inviting the bot to the channel fixes, so posting the card again makes sense. */
const INVITE_FIXES = new Set(["not_in_channel", "channel_not_found"]);

/** The requester, told in private that the card could not be shown, and what to do now. */
export function cardRefusedMessage(r: StoredRequest, reason: string): SlackText {
  const text = direct.cardRefused(r.channelId, reason);
  const buttons = [
    ...(INVITE_FIXES.has(reason) ? [button(REPOST_ACTION, direct.repost, r.id, "primary")] : []),
    button(CANCEL_ACTION, controls.withdraw, r.id),
  ];
  return {
    text,
    blocks: [textBlock(text), ...(r.state === "pending" ? [actionsBlock("card", buttons)] : [])],
  };
}

/** The outcome, in private, when the thread would not take it. */
export function outcomeByDm(r: StoredRequest, approvers: string): SlackText | undefined {
  const reply = outcomeReply(r, approvers);
  if (!reply) return undefined;
  const text = direct.outcome(r.channelId, reply.text);
  return {
    text,
    // The reply's own first block is its text, said again above.
    blocks: [textBlock(text), ...(reply.blocks?.slice(1) ?? [])],
  };
}
