import type { types } from "@slack/bolt";
import { rejectModal as text } from "../messages.js";

export const REJECT_CALLBACK_ID = "aiworkspace.reject";
export const REASON_BLOCK = "reason";

type RejectMeta = { requestId: string; fromHome: boolean };

/** What the form carries to its submission: the request, and whether App Home opened it. */
export function readRejectMeta(raw: string | undefined): RejectMeta {
  try {
    const meta = JSON.parse(raw || "{}") as { requestId?: unknown; fromHome?: unknown };
    return {
      requestId: typeof meta.requestId === "string" ? meta.requestId : "",
      fromHome: meta.fromHome === true,
    };
  } catch {
    return { requestId: "", fromHome: false };
  }
}

/**
 * The small form an approver fills in to reject, with an optional reason for the requester.
 * `fromHome`: opened from App Home, where a refusal is shown instead of whispered in the thread.
 */
export function rejectView(
  request: { id: string; name: string; requesterId: string },
  fromHome = false,
): types.ModalView {
  return {
    type: "modal",
    callback_id: REJECT_CALLBACK_ID,
    private_metadata: JSON.stringify({ requestId: request.id, ...(fromHome ? { fromHome } : {}) }),
    title: { type: "plain_text", text: text.title },
    submit: { type: "plain_text", text: text.submit },
    close: { type: "plain_text", text: text.close },
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: text.intro(request.name, request.requesterId) },
      },
      {
        type: "input",
        block_id: REASON_BLOCK,
        optional: true,
        label: { type: "plain_text", text: text.label },
        hint: { type: "plain_text", text: text.hint },
        element: {
          type: "plain_text_input",
          action_id: "value",
          multiline: true,
          max_length: 1000,
        },
      },
    ],
  };
}
