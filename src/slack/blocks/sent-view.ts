import type { types } from "@slack/bolt";
import { sentView as sent, staleForm } from "../messages.js";

/** Where the request stands, as the form shows it once sent: the card is on its way, there, or refused. */
export type SentStatus = "posting" | "posted" | "refused";

/** What the form turns into once the request is on its way. */
export function sentView(
  channelId: string,
  status: SentStatus,
  nameChecked: boolean,
): types.ModalView {
  const text =
    status === "posting"
      ? sent.posting(channelId)
      : status === "refused"
        ? sent.refused(channelId)
        : sent.body(channelId, nameChecked);
  return {
    type: "modal",
    title: { type: "plain_text", text: sent.title },
    close: { type: "plain_text", text: sent.close },
    blocks: [{ type: "section", text: { type: "mrkdwn", text } }],
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
