import type { webApi } from "@slack/bolt";
import type { Logger } from "../log.js";
import type { RequestQueries, StoredRequest } from "../requests/queries.js";
import { homeView } from "./blocks/home.js";
import type { T } from "./i18n/catalog.js";
import type { UserLocales } from "./i18n/user-locales.js";

/** How many of a person's own requests Home shows; older ones are in their threads. */
export const HOME_RECENT = 10;
/** More waiting requests than this cannot fit in a Home view anyway (two blocks each). */
const WAITING_LINKS = 50;
/** Thread links never change; this many are remembered so a refresh does not ask again. */
const LINK_CACHE = 2000;

export type Home = ReturnType<typeof createHome>;

/**
 * Publishes App Home views. Each view is drawn from the stored requests at the moment of
 * publishing, so whichever publish comes last shows the latest state.
 */
export function createHome(deps: {
  client: webApi.WebClient;
  queries: RequestQueries;
  locales: UserLocales;
  logger: Logger;
}) {
  const { client, queries, logger } = deps;
  const links = new Map<string, string>();

  const linkOf = async (r: StoredRequest): Promise<void> => {
    if (!r.cardTs || links.has(r.id)) return;
    try {
      const answer = await client.chat.getPermalink({ channel: r.channelId, message_ts: r.cardTs });
      if (!answer.permalink) return;
      links.set(r.id, answer.permalink);
      if (links.size > LINK_CACHE) links.delete(links.keys().next().value as string);
    } catch (error) {
      // The view is still worth showing without this one link.
      logger.warn("could not get a request's thread link", { requestId: r.id, error });
    }
  };

  const draw = async (userId: string, notice?: (t: T) => string): Promise<void> => {
    const [overview, t] = await Promise.all([
      queries.overview(userId, { mine: HOME_RECENT, waiting: WAITING_LINKS }),
      deps.locales.textsFor(userId),
    ]);
    const shown = [...overview.mine, ...(overview.waiting?.oldest ?? [])];
    await Promise.all(shown.map(linkOf));
    await client.views.publish({
      user_id: userId,
      view: homeView({ ...overview, links, notice: notice?.(t) }, t),
    });
  };

  // Every message the app delivers redraws the Home of everyone the request concerns, so under
  // load an approver's Home is asked for far faster than it can be drawn. Per person, one redraw
  // runs at a time, and all the asks that came meanwhile share one more: it is drawn after the
  // last of them, so it still shows the latest state. Those asks do not wait for it: a message
  // delivered for one request must not queue behind Home views drawn for many.
  const redraws = new Map<string, { again: boolean; done: Promise<void> }>();
  const redraw = async (userId: string): Promise<void> => {
    const running = redraws.get(userId);
    if (running) {
      running.again = true;
      return;
    }
    const entry = { again: false, done: Promise.resolve() };
    entry.done = (async () => {
      try {
        do {
          entry.again = false;
          await draw(userId);
        } while (entry.again);
      } finally {
        redraws.delete(userId);
      }
    })();
    redraws.set(userId, entry);
    return entry.done;
  };

  return {
    /**
     * Draws `userId`'s Home in their language, as they look at it; `notice` is a line at the top,
     * for what their click could not do.
     */
    async publish(userId: string, notice?: (t: T) => string): Promise<void> {
      // Not noting the look costs only live redraws: the view itself is still worth drawing.
      const noted = queries.opened(userId).catch((error: unknown) => {
        logger.warn("could not note that someone opened Home", { error });
      });
      await Promise.all([draw(userId, notice), noted]);
    },

    /**
     * Redraws the Home of everyone a request concerns who may be looking at it. A failure is
     * logged, never thrown.
     */
    async refreshFor(r: StoredRequest): Promise<void> {
      try {
        const users = await queries.watching(r);
        const results = await Promise.allSettled(users.map(redraw));
        for (const result of results) {
          if (result.status === "rejected") {
            logger.warn("could not refresh a Home view", { requestId: r.id, error: result.reason });
          }
        }
      } catch (error) {
        logger.warn("could not refresh the Home views", { requestId: r.id, error });
      }
    },
  };
}
