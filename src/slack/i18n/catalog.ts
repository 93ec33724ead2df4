import { en } from "./en.js";
import { ja } from "./ja.js";

/**
 * Picks the catalog for a language and fills in its placeholders. English is the reference: its keys
 * and placeholders are the ones every catalog has, and the compiler checks each call's values
 * against them.
 */

export const locales = ["en", "ja"] as const;
export type Locale = (typeof locales)[number];

export type MessageKey = keyof typeof en;
export type Catalog = { readonly [K in MessageKey]: string };

type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;
type ParamsOf<K extends MessageKey> = Record<Placeholders<(typeof en)[K]>, string | number>;

/** A function from key (and the values its text needs) to text, in one language. */
export type T = (<K extends MessageKey>(
  key: K,
  ...params: [Placeholders<(typeof en)[K]>] extends [never] ? [] : [ParamsOf<K>]
) => string) & { readonly locale: Locale };

const catalogs: Record<Locale, Catalog> = { en, ja };

/** The `{name}` placeholders of a text, in order of first appearance. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string))];
}

export function format(
  text: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function translator(locale: Locale): T {
  const catalog = catalogs[locale];
  const t = (key: MessageKey, ...params: unknown[]) =>
    format(catalog[key], params[0] as Record<string, string | number>);
  return Object.assign(t, { locale }) as T;
}

/** Slack's locale (`ja-JP`, `en-US`, ...) as one of ours: Japanese for `ja*`, English otherwise. */
export function fromSlackLocale(slackLocale: string | undefined): Locale {
  return /^ja(?:[-_]|$)/i.test(slackLocale ?? "") ? "ja" : "en";
}

export const catalogFor = (locale: Locale): Catalog => catalogs[locale];
