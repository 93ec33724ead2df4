import type { types } from "@slack/bolt";
import type { StoredRequest } from "../../requests/domain.js";
import { MASK } from "../../requests/secrets.js";
import { isDryRunResult } from "../../requests/workflow.js";
import type { T } from "../i18n/catalog.js";
import { clip, code, escapeText, fitLines, mention } from "../mrkdwn.js";

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
function field(label: string, lines: readonly string[], t: T): types.MrkdwnElement {
  const more = (count: number) =>
    count === 1 ? t("card.moreLines.one") : t("card.moreLines.other", { count });
  const body = fitLines(lines, SECTION_FIELD_MAX - label.length - 1, more);
  return mrkdwn(`${label}\n${body}`, SECTION_FIELD_MAX);
}

/** One line that says where the request stands, used on the card and the controls message. */
export function statusLine(r: StoredRequest, t: T): string {
  const by = mention(r.decidedBy ?? "");
  switch (r.state) {
    case "pending":
      return t("card.status.pending");
    case "approved":
    case "creating":
      return t("card.status.approved", { by });
    case "created":
      return isDryRunResult(r)
        ? t("card.status.dryRun", { by })
        : t("card.status.created", { id: code(r.workspaceId ?? ""), by });
    case "failed": {
      const f = r.failure ?? { kind: "internal" };
      // Nothing made after a 5xx: DataForest's own problem is the part worth telling.
      const kind = f.kind === "not_created" && f.cause === "server_error" ? "server_error" : f.kind;
      return t("card.status.failed", { summary: t(`failureSummary.${kind}`) });
    }
    case "rejected":
      return r.reason
        ? t("card.status.rejectedBecause", { by, reason: escapeText(r.reason) })
        : t("card.status.rejected", { by });
    case "expired":
      return t("card.status.expired");
    case "cancelled":
      return r.decidedBy ? t("card.status.withdrawn", { by }) : t("card.status.cancelled");
  }
}

/** How big a workspace is, in words: GPUs, CPUs and memory, or the API's defaults. */
export function sizeText(
  r: {
    gpuCount?: number | undefined;
    gpuModel?: string | undefined;
    cpuCount?: number | undefined;
    memoryMb?: number | undefined;
  },
  t: T,
): string {
  const parts = [
    r.gpuCount !== undefined
      ? t("size.gpu", {
          count: r.gpuCount,
          model: r.gpuModel ? escapeText(r.gpuModel) : t("size.gpuDefaultModel"),
        })
      : undefined,
    r.cpuCount !== undefined
      ? t(r.cpuCount === 1 ? "size.cpu.one" : "size.cpu.other", { count: r.cpuCount })
      : undefined,
    r.memoryMb !== undefined
      ? t("size.memory", { gb: Math.round((r.memoryMb / 1024) * 10) / 10 })
      : undefined,
  ].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join(t("size.separator")) : t("size.defaults");
}

function dataLines(r: StoredRequest, t: T): string[] {
  const data = r.request.configuration.data;
  return [
    ...(data?.input ?? []).map((m) => `${code(m.hdfs)} → ${code(m.path)}`),
    ...(data?.output ?? []).map(
      (m) => `${code(m.path)} → ${code(m.hdfs)}${m.overwrite ? ` ${t("card.overwrite")}` : ""}`,
    ),
  ];
}

/** The variables' names only: their values may be keys, so the channel never sees them. */
function envLines(r: StoredRequest): string[] {
  return Object.keys(r.request.configuration.docker.env ?? {}).map((n) => `${code(n)}=${MASK}`);
}

/** The request card in the channel: who asked, for what, and how big; then its status. */
export function requestCard(r: StoredRequest, t: T): { text: string; blocks: Block[] } {
  const req = r.request;
  const data = dataLines(r, t);
  const env = envLines(r);
  const status = statusLine(r, t);
  const requester = mention(r.requesterId);
  return {
    text: clip(t("card.fallback", { name: escapeText(req.name), status }), SECTION_TEXT_MAX),
    blocks: [
      { type: "section", text: mrkdwn(t("card.title", { name: code(req.name) })) },
      {
        type: "context",
        elements: [
          mrkdwn(
            req.description
              ? t("card.requestedByFor", { requester, description: escapeText(req.description) })
              : t("card.requestedBy", { requester }),
          ),
        ],
      },
      {
        type: "section",
        fields: [
          field(t("card.software"), [code(req.configuration.docker.image)], t),
          field(t("card.size"), [sizeText(req.configuration.resource ?? {}, t)], t),
          ...(data.length > 0 ? [field(t("card.data"), data, t)] : []),
          ...(env.length > 0 ? [field(t("card.env"), env, t)] : []),
          field(t("card.account"), [code(req.accountId)], t),
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
  t: T,
): { text: string; blocks: Block[] } {
  const ask = clip(
    approvers
      ? t("controls.ask", { approvers, requester: mention(r.requesterId) })
      : t("controls.noApprovers"),
    SECTION_TEXT_MAX,
  );
  if (r.state !== "pending") {
    const status = statusLine(r, t);
    return {
      text: status,
      blocks: [
        { type: "section", text: mrkdwn(ask) },
        { type: "context", elements: [mrkdwn(status)] },
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
          button(APPROVE_ACTION, t("controls.approve"), r.id, "primary"),
          button(REJECT_ACTION, t("controls.reject"), r.id, "danger"),
          button(CANCEL_ACTION, t("controls.withdraw"), r.id),
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
