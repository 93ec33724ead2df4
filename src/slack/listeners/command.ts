import type { App } from "@slack/bolt";
import { defaultValues } from "../blocks/modal.js";
import { LIST_LIMIT, requestList } from "../blocks/request-list.js";
import type { SlackDeps } from "../deps.js";
import { COMMAND, formDidNotOpen, genericError, help, unknownSubcommand } from "../messages.js";
import { openCreateModal } from "../open-modal.js";

export function registerCommand(app: App, deps: SlackDeps): void {
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
    await ack();
    try {
      await openCreateModal(client, deps, {
        triggerId: command.trigger_id,
        channelId: command.channel_id,
        values: defaultValues,
      });
    } catch (error) {
      // Most often an expired trigger: the person should hear something rather than nothing.
      deps.logger.warn("could not open the request form", { error });
      await respond({ response_type: "ephemeral", text: formDidNotOpen(COMMAND) });
    }
  });
}
