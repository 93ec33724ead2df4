import type { types } from "@slack/bolt";
import type { T } from "../i18n/catalog.js";

export const PICK_CHANNEL_ACTION = "aiworkspace.pick_channel";

/**
 * Asks where the request should go, for a command typed in a direct message: requests live in a
 * channel, where the approvers see them. Picking a channel opens the form for it.
 */
export function channelPrompt(t: T): { text: string; blocks: types.KnownBlock[] } {
  const ask = t("channelPrompt.ask");
  return {
    text: ask,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: ask } },
      {
        type: "actions",
        block_id: "channel",
        elements: [
          {
            type: "conversations_select",
            action_id: PICK_CHANNEL_ACTION,
            placeholder: { type: "plain_text", text: t("channelPrompt.placeholder") },
            filter: {
              include: ["public", "private"],
              exclude_bot_users: true,
              exclude_external_shared_channels: true,
            },
          },
        ],
      },
      { type: "context", elements: [{ type: "mrkdwn", text: t("channelPrompt.hint") }] },
    ],
  };
}

/**
 * Whether a command came from a direct message or a group DM. Slack names those conversations
 * `directmessage` and `mpdm-…` in a command's `channel_name`; a DM's id also starts with D.
 */
export function isDirectConversation(command: { channel_id: string; channel_name: string }) {
  return (
    command.channel_id.startsWith("D") ||
    command.channel_name === "directmessage" ||
    command.channel_name.startsWith("mpdm-")
  );
}
