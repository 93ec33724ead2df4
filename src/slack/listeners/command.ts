import type { App } from "@slack/bolt";
import { defaultValues } from "../blocks/modal.js";
import type { SlackDeps } from "../deps.js";
import { COMMAND, help, unknownSubcommand } from "../messages.js";
import { openCreateModal } from "../open-modal.js";

export function registerCommand(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ ack, command, client }) => {
    const text = command.text.trim();
    if (text.toLowerCase() === "help") {
      await ack({ response_type: "ephemeral", text: help });
      return;
    }
    if (text) {
      await ack({ response_type: "ephemeral", text: unknownSubcommand(text) });
      return;
    }
    await ack();
    await openCreateModal(client, deps, {
      triggerId: command.trigger_id,
      channelId: command.channel_id,
      values: defaultValues,
    });
  });
}
