/**
 * Text that goes into Slack's mrkdwn. Anything a person typed passes through `escapeText`, so a
 * description with `<!channel>` or `<@U123>` is shown as typed and pings nobody.
 */

export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Inline code; backticks inside would end the span, so they become look-alikes. */
export function code(text: string): string {
  return `\`${escapeText(text).replace(/`/g, "ˋ")}\``;
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
