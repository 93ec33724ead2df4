import type { types } from "@slack/bolt";
import { explainRefusedValue } from "../../dataforest/create-request.js";
import type { StoredRequest } from "../../requests/domain.js";
import { isSecretPath, MASK, maskSecrets } from "../../requests/secrets.js";
import { isDryRunResult } from "../../requests/workflow.js";
import { blockFor, blockIds, problemText } from "../form.js";
import type { T } from "../i18n/catalog.js";
import { COMMAND } from "../listeners/command.js";
import { code, escapeText, mention } from "../mrkdwn.js";
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
import { fieldText } from "./modal.js";

/**
 * What the app says in a request's thread and in direct messages, drawn from the stored request,
 * in the language it is given: the channel's for the thread, the requester's for a direct message.
 */

export type SlackText = { text: string; blocks?: types.KnownBlock[] };

function failureText(r: StoredRequest, approvers: string, t: T): string {
  const who = mention(r.requesterId);
  const failed = r.failure ?? { kind: "internal" as const };
  // DataForest's message may quote the value it refused, and that may be an environment value.
  const f = {
    ...failed,
    value:
      failed.value && failed.field && isSecretPath(failed.field)
        ? MASK
        : failed.value && maskSecrets(failed.value, r.request),
  };
  switch (f.kind) {
    case "invalid_parameter": {
      const block = f.field ? blockFor(f.field, blockIds) : undefined;
      const label = block ? fieldText(block as (typeof blockIds)[number], t).label : undefined;
      // English puts a label in the middle of a sentence; Japanese quotes it as it is.
      const field = label && t.locale === "en" ? label.toLowerCase() : label;
      const what = !field
        ? t("failure.invalid_parameter.request", { who })
        : f.value
          ? t("failure.invalid_parameter.fieldValue", { who, field, value: code(f.value) })
          : t("failure.invalid_parameter.field", { who, field });
      const broken =
        f.field && f.value !== undefined ? explainRefusedValue(f.field, f.value) : undefined;
      return [
        what,
        ...(broken ? [problemText(broken, t)] : []),
        t("failure.invalid_parameter.fix"),
      ].join(t("sentence.separator"));
    }
    case "name_taken":
      return t("failure.name_taken", { who, name: code(r.request.name) });
    case "quota_exceeded":
      return approvers
        ? t("failure.quota_exceeded", { who, approvers })
        : t("failure.quota_exceeded.noApprovers", { who });
    case "auth_failed":
    case "permission_denied":
    case "throttled":
    case "call_quota":
    case "unavailable":
    case "server_error":
    case "rejected":
      return t(`failure.${f.kind}`, { who });
    case "not_created":
      return f.cause === "server_error"
        ? t("failure.not_created.serverError", { who })
        : t("failure.not_created", { who });
    case "bad_answer":
    case "internal":
      return t("failure.other", { who });
  }
}

function failureReply(r: StoredRequest, approvers: string, t: T): SlackText {
  const text = failureText(r, approvers, t);
  const apiMessage = r.failure?.apiMessage && maskSecrets(r.failure.apiMessage, r.request);
  return {
    text,
    blocks: [
      textBlock(text),
      ...(apiMessage ? [smallPrint(t("outcome.apiSaid", { message: code(apiMessage) }))] : []),
      resubmitButton(r.id, t("outcome.resubmit")),
    ],
  };
}

/** What became of the request, for its thread. */
export function outcomeReply(r: StoredRequest, approvers: string, t: T): SlackText | undefined {
  const by = mention(r.decidedBy ?? "");
  const requester = mention(r.requesterId);
  const name = code(r.request.name);
  switch (r.state) {
    case "created": {
      if (!isDryRunResult(r)) {
        const id = code(r.workspaceId ?? "");
        return { text: t("outcome.created", { requester, name, id, by }) };
      }
      const text = t("outcome.dryRun", { requester, name, by });
      const more = (count: number) => t("outcome.dryRunMore", { count });
      return { text, blocks: [textBlock(text), ...dryRunBlocks(r.request, more)] };
    }
    case "failed":
      return failureReply(r, approvers, t);
    case "rejected":
      return {
        text: r.reason
          ? t("outcome.rejectedBecause", { requester, by, reason: escapeText(r.reason) })
          : t("outcome.rejected", { requester, by }),
      };
    case "expired": {
      const text = t("outcome.expired", { requester });
      return { text, blocks: [textBlock(text), resubmitButton(r.id, t("outcome.resubmit"))] };
    }
    case "cancelled": {
      const text = t("outcome.withdrawn", { by: mention(r.decidedBy || r.requesterId) });
      return { text, blocks: [textBlock(text), resubmitButton(r.id, t("outcome.resubmit"))] };
    }
    default:
      return undefined;
  }
}

export function checkingReply(t: T): SlackText {
  return { text: t("outcome.checking") };
}

export function reminderReply(r: StoredRequest, approvers: string, t: T): SlackText {
  const requester = mention(r.requesterId);
  return {
    text: approvers
      ? t("controls.reminder", { approvers, requester })
      : t("controls.reminder.noApprovers", { requester }),
  };
}

/** Refusals that inviting the bot to the channel fixes, so posting the card again makes sense. */
const INVITE_FIXES = new Set(["not_in_channel", "channel_not_found"]);

/** The requester, told in private that the card could not be shown, and what to do now. */
export function cardRefusedMessage(r: StoredRequest, reason: string, t: T): SlackText {
  const channel = `<#${r.channelId}>`;
  // A private channel the bot is not in is one Slack does not let it see at all.
  const text = INVITE_FIXES.has(reason)
    ? t("direct.cardRefused.notMember", { channel })
    : reason === "is_archived"
      ? t("direct.cardRefused.archived", { channel, command: COMMAND })
      : t("direct.cardRefused.other", { channel, reason: escapeText(reason) });
  const buttons = [
    ...(INVITE_FIXES.has(reason)
      ? [button(REPOST_ACTION, t("direct.repost"), r.id, "primary")]
      : []),
    button(CANCEL_ACTION, t("controls.withdraw"), r.id),
  ];
  return {
    text,
    blocks: [textBlock(text), ...(r.state === "pending" ? [actionsBlock("card", buttons)] : [])],
  };
}

/** The outcome, in private, when the thread would not take it. */
export function outcomeByDm(r: StoredRequest, approvers: string, t: T): SlackText | undefined {
  const reply = outcomeReply(r, approvers, t);
  if (!reply) return undefined;
  const text = t("direct.outcome", { channel: `<#${r.channelId}>`, text: reply.text });
  return {
    text,
    // The reply's own first block is its text, said again above.
    blocks: [textBlock(text), ...(reply.blocks?.slice(1) ?? [])],
  };
}
