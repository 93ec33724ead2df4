import type { types } from "@slack/bolt";
import { MASK } from "../../requests/secrets.js";
import { isDryRunResult } from "../../requests/service.js";
import type { StoredRequest } from "../../store/request-store.js";
import { card, controls, failureSummary, size } from "../messages.js";
import { clip, code, escapeText } from "../mrkdwn.js";

export const APPROVE_ACTION = "aiworkspace.approve";
export const REJECT_ACTION = "aiworkspace.reject";
export const RESUBMIT_ACTION = "aiworkspace.resubmit";

type Block = types.KnownBlock;

const SECTION_MAX = 3000;
const FIELD_MAX = 2000;
const mrkdwn = (text: string, max = SECTION_MAX): types.MrkdwnElement => ({
  type: "mrkdwn",
  text: clip(text, max),
});

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
      return card.status.failed(failureSummary[r.failure?.kind ?? ""] ?? "see the thread");
    case "rejected":
      return card.status.rejected(by, r.reason);
    case "expired":
      return card.status.expired;
    case "cancelled":
      return card.status.cancelled;
  }
}

function dataLine(r: StoredRequest): string | undefined {
  const data = r.request.configuration.data;
  const lines = [
    ...(data?.input ?? []).map((m) => `${code(m.hdfs)} → ${code(m.path)}`),
    ...(data?.output ?? []).map(
      (m) => `${code(m.path)} → ${code(m.hdfs)}${m.overwrite ? " (overwrite)" : ""}`,
    ),
  ];
  return lines.length > 0 ? lines.join("\n") : undefined;
}

/** The variables' names only: their values may be keys, so the channel never sees them. */
function envLine(r: StoredRequest): string | undefined {
  const names = Object.keys(r.request.configuration.docker.env ?? {});
  return names.length > 0 ? names.map((n) => `${code(n)}=${MASK}`).join("\n") : undefined;
}

/** The request card in the channel: who asked, for what, and how big; then its status. */
export function requestCard(r: StoredRequest): { text: string; blocks: Block[] } {
  const req = r.request;
  const data = dataLine(r);
  const env = envLine(r);
  const status = statusLine(r);
  return {
    text: card.fallback(escapeText(req.name), status),
    blocks: [
      { type: "section", text: mrkdwn(card.title(req.name)) },
      { type: "context", elements: [mrkdwn(card.requestedBy(r.requesterId, req.description))] },
      {
        type: "section",
        fields: [
          mrkdwn(`${card.software}\n${code(req.configuration.docker.image)}`, FIELD_MAX),
          mrkdwn(`${card.size}\n${size(req.configuration.resource ?? {})}`, FIELD_MAX),
          ...(data ? [mrkdwn(`${card.data}\n${data}`, FIELD_MAX)] : []),
          ...(env ? [mrkdwn(`${card.env}\n${env}`, FIELD_MAX)] : []),
          mrkdwn(`${card.account}\n${code(req.accountId)}`, FIELD_MAX),
        ],
      },
      { type: "context", elements: [mrkdwn(status)] },
    ],
  };
}

/** The thread reply that asks the approvers, with the buttons while the request is pending. */
export function controlsMessage(
  r: StoredRequest,
  approvers: string,
): { text: string; blocks: Block[] } {
  const ask = approvers ? controls.ask(approvers, r.requesterId) : controls.noApprovers;
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
          {
            type: "button",
            action_id: APPROVE_ACTION,
            style: "primary",
            text: { type: "plain_text", text: controls.approve },
            value: r.id,
          },
          {
            type: "button",
            action_id: REJECT_ACTION,
            style: "danger",
            text: { type: "plain_text", text: controls.reject },
            value: r.id,
          },
        ],
      },
    ],
  };
}

export function resubmitButton(requestId: string, label: string): Block {
  return {
    type: "actions",
    block_id: "resubmit",
    elements: [
      {
        type: "button",
        action_id: RESUBMIT_ACTION,
        text: { type: "plain_text", text: label },
        value: requestId,
      },
    ],
  };
}

export function smallPrint(text: string): Block {
  return { type: "context", elements: [mrkdwn(text)] };
}

export function textBlock(text: string): Block {
  return { type: "section", text: mrkdwn(text) };
}
