import { webApi } from "@slack/bolt";

export type BotIdentity = { botId: string; botUserId: string };

/** Slack's answers that mean the bot token will never work as it is. */
export const TOKEN_REFUSALS: ReadonlySet<string> = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "team_disabled",
  "not_allowed_token_type",
]);

/**
 * Asks Slack who the bot token belongs to, once, before the app starts. A refused token stops
 * start-up with a message that names the setting (Bolt would otherwise crash on it a moment later);
 * Slack being unreachable does not: the app starts and Bolt asks again with the first request.
 */
export async function botIdentity(client: webApi.WebClient): Promise<BotIdentity | undefined> {
  try {
    const answer = await client.auth.test();
    return answer.bot_id && answer.user_id
      ? { botId: answer.bot_id, botUserId: answer.user_id }
      : undefined;
  } catch (error) {
    const code = error instanceof webApi.WebAPIPlatformError ? String(error.data.error) : undefined;
    if (code && TOKEN_REFUSALS.has(code)) {
      throw new Error(
        `Slack refused the bot token in SLACK_BOT_TOKEN (${code}). Copy the Bot User OAuth Token again from the app's OAuth & Permissions page, and reinstall the app if it is not shown.`,
      );
    }
    return undefined;
  }
}
