import type { types } from "@slack/bolt";
import type { CreateRequest } from "../../dataforest/create-request.js";
import { isSecretPath, MASK } from "../../requests/secrets.js";
import { clip, code } from "../mrkdwn.js";

type Block = types.KnownBlock;

const SECTION_MAX = 3000;
/** Room for the intro and a last note within Slack's 50 blocks per message. */
const MAX_SECTIONS = 45;
/** One long value (a command line, a description) must not crowd out the rest. */
const VALUE_MAX = 300;

/**
 * Every setting the request would send, one `path: value` per line, in the API's own field names so
 * an admin can compare it with the API reference. Lists become one line per entry.
 */
export function settingLines(request: CreateRequest): string[] {
  const lines: string[] = [];
  const line = (path: string, value: string): void => {
    lines.push(`${code(clip(path, VALUE_MAX))}: ${code(clip(value, VALUE_MAX))}`);
  };
  const walk = (path: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (isSecretPath(path) && typeof value !== "object") line(path, MASK);
    else if (Array.isArray(value)) {
      if (value.every((v) => typeof v !== "object")) line(path, value.join(", "));
      else for (const [i, v] of value.entries()) walk(`${path}[${i}]`, v);
    } else if (typeof value === "object") {
      for (const [key, v] of Object.entries(value)) walk(path ? `${path}.${key}` : key, v);
    } else line(path, String(value));
  };
  walk("", request);
  return lines;
}

/**
 * What a dry run would have sent, built from escaped text (never the raw body: that would show the
 * environment values and let what people typed break out of a code block), packed into as few
 * sections as Slack's limits allow.
 */
export function dryRunBlocks(request: CreateRequest, more: (count: number) => string): Block[] {
  const sections: string[] = [];
  let current = "";
  let shown = 0;
  const lines = settingLines(request);
  for (const line of lines) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length <= SECTION_MAX) {
      current = next;
    } else {
      if (sections.length + 1 >= MAX_SECTIONS) break;
      sections.push(current);
      current = clip(line, SECTION_MAX);
    }
    shown += 1;
  }
  if (current) sections.push(current);
  const blocks: Block[] = sections.map((text) => ({
    type: "section",
    text: { type: "mrkdwn", text },
  }));
  if (shown < lines.length) {
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: more(lines.length - shown) }],
    });
  }
  return blocks;
}
