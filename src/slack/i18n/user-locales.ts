import type { webApi } from "@slack/bolt";
import type { Logger } from "../../log.js";
import { fromSlackLocale, type Locale, type T, translator } from "./catalog.js";

/**
 * Which language each person reads: their Slack locale, asked once with users.info and remembered
 * for a while (a bounded number of people, so a big workspace cannot grow it without end). When
 * Slack does not answer in time, the workspace's default language is used for that one message
 * rather than keeping the person waiting.
 */
export type UserLocales = {
  /** The language of the shared channel: the card and its thread. */
  channel: T;
  channelLocale: Locale;
  localeOf(userId: string): Promise<Locale>;
  /** The texts one person reads: forms, inline errors, notes only they see, direct messages. */
  textsFor(userId: string): Promise<T>;
};

export function createUserLocales(deps: {
  client: webApi.WebClient;
  defaultLocale: Locale;
  logger: Logger;
  maxEntries?: number;
  ttlMs?: number;
  /** Slack gives 3 s to answer a command; the lookup must leave room for opening the form. */
  timeoutMs?: number;
  now?: () => number;
}): UserLocales {
  const maxEntries = deps.maxEntries ?? 1000;
  const ttlMs = deps.ttlMs ?? 60 * 60 * 1000;
  const timeoutMs = deps.timeoutMs ?? 1000;
  const now = deps.now ?? Date.now;
  const cache = new Map<string, { locale: Locale; at: number }>();

  const remember = (userId: string, locale: Locale) => {
    cache.delete(userId);
    cache.set(userId, { locale, at: now() });
    // A Map keeps insertion order: the first key is the one asked about longest ago.
    while (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
  };

  const lookUp = async (userId: string): Promise<Locale> => {
    const answer = await deps.client.users.info({ user: userId, include_locale: true });
    const locale = fromSlackLocale(answer.user?.locale);
    remember(userId, locale);
    return locale;
  };

  const localeOf = async (userId: string): Promise<Locale> => {
    const known = cache.get(userId);
    if (known && now() - known.at < ttlMs) return known.locale;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), timeoutMs);
    });
    try {
      const found = await Promise.race([lookUp(userId), late]);
      if (found !== "late") return found;
      deps.logger.warn("Slack did not say a person's language in time", { userId });
    } catch (error) {
      deps.logger.warn("could not look up a person's language", { userId, error });
    } finally {
      clearTimeout(timer);
    }
    return known?.locale ?? deps.defaultLocale;
  };

  return {
    channel: translator(deps.defaultLocale),
    channelLocale: deps.defaultLocale,
    localeOf,
    textsFor: async (userId) => translator(await localeOf(userId)),
  };
}
