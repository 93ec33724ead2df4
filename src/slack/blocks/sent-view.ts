import type { types } from "@slack/bolt";
import { sentView as sent } from "../messages.js";

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
