import type { App, BlockAction, ConversationsSelectAction } from "@slack/bolt";
import {
  channelPrompt,
  isDirectConversation,
  PICK_CHANNEL_ACTION,
} from "../blocks/channel-prompt.js";
import { LIST_LIMIT, requestList } from "../blocks/request-list.js";
import type { SlackDeps } from "../deps.js";
import { COMMAND, formDidNotOpen, genericError, help, unknownSubcommand } from "../messages.js";
import { openCreateModal } from "../open-modal.js";

export function registerCommand(app: App, deps: SlackDeps): void {
  // The answer to the channel prompt: the form opens for the chosen channel.
  app.action<BlockAction<ConversationsSelectAction>>(
    PICK_CHANNEL_ACTION,
    async ({ ack, action, body, client, respond }) => {
      await ack();
      if (!action.selected_conversation) return;
      try {
        await openCreateModal(client, deps, {
          triggerId: body.trigger_id,
          channelId: action.selected_conversation,
          userId: body.user.id,
        });
      } catch (error) {
        deps.logger.warn("could not open the request form", { error });
        await respond({ response_type: "ephemeral", text: formDidNotOpen(COMMAND) });
      }
    },
  );

  app.command(COMMAND, async ({ ack, command, client, respond }) => {
    const text = command.text.trim();
    if (text.toLowerCase() === "help") {
      await ack({ response_type: "ephemeral", text: help });
      return;
    }
    if (text.toLowerCase() === "list") {
      const requests = await deps.queries.recentOf(command.user_id, LIST_LIMIT).catch((error) => {
        deps.logger.error("could not read a person's requests", { error });
        return undefined;
      });
      await ack({
        response_type: "ephemeral",
        text: requests ? requestList(requests) : genericError,
      });
      return;
    }
    if (text) {
      await ack({ response_type: "ephemeral", text: unknownSubcommand(text) });
      return;
    }
    if (isDirectConversation(command)) {
      await ack({ response_type: "ephemeral", ...channelPrompt() });
      return;
    }
    await ack();
    try {
      await openCreateModal(client, deps, {
        triggerId: command.trigger_id,
        channelId: command.channel_id,
        userId: command.user_id,
      });
    } catch (error) {
      // Most often an expired trigger: the person should hear something rather than nothing.
      deps.logger.warn("could not open the request form", { error });
      await respond({ response_type: "ephemeral", text: formDidNotOpen(COMMAND) });
    }
  });
}
