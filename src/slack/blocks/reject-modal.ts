import type { types } from "@slack/bolt";
import { rejectModal as text } from "../messages.js";

export const REJECT_CALLBACK_ID = "aiworkspace.reject";
export const REASON_BLOCK = "reason";

/** The small form an approver fills in to reject, with an optional reason for the requester. */
export function rejectView(request: {
  id: string;
  name: string;
  requesterId: string;
}): types.ModalView {
  return {
    type: "modal",
    callback_id: REJECT_CALLBACK_ID,
    private_metadata: JSON.stringify({ requestId: request.id }),
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
