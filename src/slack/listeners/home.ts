import type { App } from "@slack/bolt";
import type { SlackDeps } from "../deps.js";

export function registerHome(app: App, deps: SlackDeps): void {
  // Slack sends this for the Messages tab too; only the Home tab has a view to draw.
  app.event("app_home_opened", async ({ event }) => {
    if (event.tab !== "home") return;
    await deps.home.publish(event.user);
  });
}
