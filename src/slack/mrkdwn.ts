/**
 * Text that goes into Slack's mrkdwn. Anything a person typed passes through `escapeText` (or
 * `code`), so a description with `<!channel>` or `<@U123>` is shown as typed and pings nobody, and
 * `*bold*` or a `> quote` in it formats nothing.
 */

function escapeEntities(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, " ");

/**
 * mrkdwn has no escape character, so the characters that start formatting become look-alikes. The
 * text is kept on one line and a leading `>` changes too, so it can never open a quote.
 */
const LOOK_ALIKES: Record<string, string> = { "*": "∗", _: "ˍ", "~": "∼", "`": "ˋ" };

export function escapeText(text: string): string {
  const unquoted = oneLine(text).replace(/^(\s*)>/, "$1›");
  return escapeEntities(unquoted).replace(/[*_~`]/g, (c) => LOOK_ALIKES[c] ?? c);
}

/**
 * Inline code, where nothing but a backtick or a line break formats: those would end the span, so
 * backticks become look-alikes and the text stays on one line.
 */
export function code(text: string): string {
  return `\`${escapeEntities(oneLine(text)).replace(/`/g, "ˋ")}\``;
}

export function mention(userId: string): string {
  return `<@${userId}>`;
}

export function groupMention(groupId: string): string {
  return `<!subteam^${groupId}>`;
}

/** A time every reader sees in their own time zone. */
export function when(epochMs: number): string {
  const seconds = Math.floor(epochMs / 1000);
  const fallback = `${new Date(epochMs).toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return `<!date^${seconds}^{date_short_pretty} at {time}|${fallback}>`;
}

/** Cuts text to a Slack limit, saying so rather than being refused by Slack. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Lines joined within a Slack limit: as many whole lines as fit, then `more(n)` for the n left
 * out, so a long list is shortened visibly rather than refused by Slack.
 */
export function fitLines(
  lines: readonly string[],
  max: number,
  more: (n: number) => string,
): string {
  const all = lines.join("\n");
  if (all.length <= max) return all;
  const budget = max - more(lines.length).length - 1;
  if (budget <= 0) return clip(more(lines.length), max);
  const kept: string[] = [];
  let length = 0;
  for (const line of lines) {
    const shown = clip(line, budget);
    const added = (kept.length > 0 ? 1 : 0) + shown.length;
    if (length + added > budget) break;
    kept.push(shown);
    length += added;
  }
  // Every line is there, a long one shortened by `clip`, which says so itself.
  if (kept.length === lines.length) return kept.join("\n");
  return [...kept, more(lines.length - kept.length)].join("\n");
}

/** Everyone who may approve, as mentions: the listed users and the user group. */
export function approversMention(approvers: {
  userIds: readonly string[];
  usergroupId?: string | undefined;
}): string {
  return [
    ...approvers.userIds.map(mention),
    ...(approvers.usergroupId ? [groupMention(approvers.usergroupId)] : []),
  ].join(" ");
}
