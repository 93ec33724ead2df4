import type { webApi } from "@slack/bolt";
import type { Logger } from "../log.js";

/** Where a person acted: a note to them goes there, in the same thread. */
export type Place = { channelId: string | undefined; threadTs?: string | null | undefined };

/**
 * A note only the person who acted sees: ephemeral where they acted, or a direct message when
 * Slack will not take the ephemeral (the bot left the channel, the click came from a DM), so a
 * refusal always reaches them.
 */
export async function notePrivately(
  client: webApi.WebClient,
  logger: Logger,
  place: Place,
  userId: string,
  text: string,
): Promise<void> {
  if (place.channelId) {
    try {
      await client.chat.postEphemeral({
        channel: place.channelId,
        user: userId,
        text,
        ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
      });
      return;
    } catch (error) {
      logger.info("could not leave an ephemeral note; sending a direct message", { error });
    }
  }
  try {
    await client.chat.postMessage({ channel: userId, text });
  } catch (error) {
    logger.warn("could not tell a person why nothing changed", { userId, error });
  }
}
