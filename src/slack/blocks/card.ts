import type { types } from "@slack/bolt";
import type { StoredRequest } from "../../requests/domain.js";
import { MASK } from "../../requests/secrets.js";
import { isDryRunResult } from "../../requests/workflow.js";
import { card, controls, failureSummary, size } from "../messages.js";
import { clip, code, escapeText, fitLines } from "../mrkdwn.js";

export const APPROVE_ACTION = "aiworkspace.approve";
export const REJECT_ACTION = "aiworkspace.reject";
export const CANCEL_ACTION = "aiworkspace.cancel";
export const RESUBMIT_ACTION = "aiworkspace.resubmit";
export const REPOST_ACTION = "aiworkspace.repost";

type Block = types.KnownBlock;

/** Slack's limits for message text: a section's text, one of its fields, a context element. */
export const SECTION_TEXT_MAX = 3000;
export const SECTION_FIELD_MAX = 2000;

export const mrkdwn = (text: string, max = SECTION_TEXT_MAX): types.MrkdwnElement => ({
  type: "mrkdwn",
  text: clip(text, max),
});

/** A card field: a label and lines, cut to the field limit with "…and N more lines". */
function field(label: string, lines: readonly string[]): types.MrkdwnElement {
  const body = fitLines(lines, SECTION_FIELD_MAX - label.length - 1, card.moreLines);
  return mrkdwn(`${label}\n${body}`, SECTION_FIELD_MAX);
}

/** One line that says where the request stands, used on the card and the controls message. */
export function statusLine(r: StoredRequest): string {
  const by = r.decidedBy ?? "";
  switch (r.state) {
    case "pending":
      return card.status.pending;
    case "approved":
      return card.status.approved(by);
    case "creating":
      return card.status.creating(by);
    case "created":
      return isDryRunResult(r)
        ? card.status.dryRun(by)
        : card.status.created(r.workspaceId ?? "", by);
    case "failed":
      return card.status.failed(failureSummary[r.failure?.kind ?? "internal"]);
    case "rejected":
      return card.status.rejected(by, r.reason);
    case "expired":
      return card.status.expired;
    case "cancelled":
      return card.status.cancelled(r.decidedBy);
  }
}

function dataLines(r: StoredRequest): string[] {
  const data = r.request.configuration.data;
  return [
    ...(data?.input ?? []).map((m) => `${code(m.hdfs)} → ${code(m.path)}`),
    ...(data?.output ?? []).map(
      (m) => `${code(m.path)} → ${code(m.hdfs)}${m.overwrite ? " (overwrite)" : ""}`,
    ),
  ];
}

/** The variables' names only: their values may be keys, so the channel never sees them. */
function envLines(r: StoredRequest): string[] {
  return Object.keys(r.request.configuration.docker.env ?? {}).map((n) => `${code(n)}=${MASK}`);
}

/** The request card in the channel: who asked, for what, and how big; then its status. */
export function requestCard(r: StoredRequest): { text: string; blocks: Block[] } {
  const req = r.request;
  const data = dataLines(r);
  const env = envLines(r);
  const status = statusLine(r);
  return {
    text: clip(card.fallback(escapeText(req.name), status), SECTION_TEXT_MAX),
    blocks: [
      { type: "section", text: mrkdwn(card.title(req.name)) },
      { type: "context", elements: [mrkdwn(card.requestedBy(r.requesterId, req.description))] },
      {
        type: "section",
        fields: [
          field(card.software, [code(req.configuration.docker.image)]),
          field(card.size, [size(req.configuration.resource ?? {})]),
          ...(data.length > 0 ? [field(card.data, data)] : []),
          ...(env.length > 0 ? [field(card.env, env)] : []),
          field(card.account, [code(req.accountId)]),
        ],
      },
      { type: "context", elements: [mrkdwn(status)] },
    ],
  };
}

export const button = (
  actionId: string,
  label: string,
  value: string,
  style?: "primary" | "danger",
): types.Button => ({
  type: "button",
  action_id: actionId,
  text: { type: "plain_text", text: label },
  value,
  ...(style ? { style } : {}),
});

/**
 * The thread reply that asks the approvers. While the request is pending it has the approvers'
 * buttons and the requester's Withdraw; afterwards it shows where the request stands.
 */
export function controlsMessage(
  r: StoredRequest,
  approvers: string,
): { text: string; blocks: Block[] } {
  const ask = clip(
    approvers ? controls.ask(approvers, r.requesterId) : controls.noApprovers,
    SECTION_TEXT_MAX,
  );
  if (r.state !== "pending") {
    return {
      text: statusLine(r),
      blocks: [
        { type: "section", text: mrkdwn(ask) },
        { type: "context", elements: [mrkdwn(statusLine(r))] },
      ],
    };
  }
  return {
    text: ask,
    blocks: [
      { type: "section", text: mrkdwn(ask) },
      {
        type: "actions",
        block_id: "decision",
        elements: [
          button(APPROVE_ACTION, controls.approve, r.id, "primary"),
          button(REJECT_ACTION, controls.reject, r.id, "danger"),
          button(CANCEL_ACTION, controls.withdraw, r.id),
        ],
      },
    ],
  };
}

export function actionsBlock(blockId: string, buttons: types.Button[]): Block {
  return { type: "actions", block_id: blockId, elements: buttons };
}

export function resubmitButton(requestId: string, label: string): Block {
  return actionsBlock("resubmit", [button(RESUBMIT_ACTION, label, requestId)]);
}

export function smallPrint(text: string): Block {
  return { type: "context", elements: [mrkdwn(text)] };
}

export function textBlock(text: string): Block {
  return { type: "section", text: mrkdwn(text) };
}
