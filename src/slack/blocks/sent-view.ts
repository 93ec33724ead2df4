import type { types } from "@slack/bolt";
import { sentView as sent, staleForm } from "../messages.js";

/** What the form turns into once the request is on its way. */
export function sentView(channelId: string, nameChecked: boolean): types.ModalView {
  return {
    type: "modal",
    title: { type: "plain_text", text: sent.title },
    close: { type: "plain_text", text: sent.close },
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: sent.body(channelId, nameChecked) } },
    ],
  };
}

/** Answers a submission that has no field to show an error under: it cannot be sent as it is. */
export function staleView(): types.ModalView {
  return {
    type: "modal",
    title: { type: "plain_text", text: staleForm.title },
    close: { type: "plain_text", text: staleForm.close },
    blocks: [{ type: "section", text: { type: "mrkdwn", text: staleForm.body } }],
  };
}
