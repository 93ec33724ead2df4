import type { App, BlockAction, ConversationsSelectAction } from "@slack/bolt";
import {
  channelPrompt,
  isDirectConversation,
  PICK_CHANNEL_ACTION,
} from "../blocks/channel-prompt.js";
import { LIST_LIMIT, requestList } from "../blocks/request-list.js";
import type { SlackDeps } from "../deps.js";
import { translator } from "../i18n/catalog.js";
import { code } from "../mrkdwn.js";
import { openCreateModal } from "../open-modal.js";

export const COMMAND = "/aiworkspace";

export function registerCommand(app: App, deps: SlackDeps): void {
  // The answer to the channel prompt: the form opens for the chosen channel.
  app.action<BlockAction<ConversationsSelectAction>>(
    PICK_CHANNEL_ACTION,
    async ({ ack, action, body, client, respond }) => {
      await ack();
      if (!action.selected_conversation) return;
      const locale = await deps.locales.localeOf(body.user.id);
      try {
        await openCreateModal(client, deps, {
          triggerId: body.trigger_id,
          channelId: action.selected_conversation,
          userId: body.user.id,
          locale,
        });
      } catch (error) {
        deps.logger.warn("could not open the request form", { error });
        await respond({
          response_type: "ephemeral",
          text: translator(locale)("command.formDidNotOpen", { command: COMMAND }),
        });
      }
    },
  );

  app.command(COMMAND, async ({ ack, command, client, respond }) => {
    const text = command.text.trim();
    // The usual case, the form, is acked before anything is asked of Slack: a first-time person's
    // language lookup then spends the trigger's 3 s, not the ack's.
    const opensForm = !text && !isDirectConversation(command);
    if (opensForm) await ack();
    const locale = await deps.locales.localeOf(command.user_id);
    const t = translator(locale);
    if (text.toLowerCase() === "help") {
      await ack({ response_type: "ephemeral", text: t("help", { command: COMMAND }) });
      return;
    }
    if (text.toLowerCase() === "list") {
      const requests = await deps.queries.recentOf(command.user_id, LIST_LIMIT).catch((error) => {
        deps.logger.error("could not read a person's requests", { error });
        return undefined;
      });
      await ack({
        response_type: "ephemeral",
        text: requests ? requestList(requests, t) : t("genericError"),
      });
      return;
    }
    if (text) {
      await ack({
        response_type: "ephemeral",
        text: t("command.unknown", { text: code(text), command: COMMAND }),
      });
      return;
    }
    if (isDirectConversation(command)) {
      await ack({ response_type: "ephemeral", ...channelPrompt(t) });
      return;
    }
    try {
      await openCreateModal(client, deps, {
        triggerId: command.trigger_id,
        channelId: command.channel_id,
        userId: command.user_id,
        locale,
      });
    } catch (error) {
      // Most often an expired trigger: the person should hear something rather than nothing.
      deps.logger.warn("could not open the request form", { error });
      await respond({
        response_type: "ephemeral",
        text: t("command.formDidNotOpen", { command: COMMAND }),
      });
    }
  });
}
