import { afterEach, describe, expect, it } from "vitest";
import { CHANNEL, startTestBot, type TestBot, TYPICAL, textOf } from "../support/test-bot.js";

let t: TestBot;
afterEach(async () => {
  await t?.stop();
});

/** Slack's own cap on a multiline text input without a max_length of its own. */
const INPUT_MAX = 3000;

/** Lines of `line(i)` up to `max` characters in all, as many as fit. */
function fill(max: number, line: (i: number) => string): string {
  const lines: string[] = [];
  for (let i = 0; ; i++) {
    const next = [...lines, line(i)].join("\n");
    if (next.length > max) return lines.join("\n");
    lines.push(line(i));
  }
}

describe("the request card", () => {
  it("fits Slack's limits for the largest request the form accepts, saying how many lines it left out", async () => {
    t = await startTestBot();
    // Characters that mrkdwn escaping makes five times longer, in every field the card shows.
    const amps = "&".repeat(40);
    const { card, controls } = await t.request({
      ...TYPICAL,
      name: "a".repeat(15),
      description: `<${"&".repeat(253)}>`,
      "configuration.data.input": fill(INPUT_MAX, (i) => `/in/${amps}${i} -> /data/${amps}${i}`),
      "configuration.data.output": fill(
        INPUT_MAX,
        (i) => `/out/${amps}${i} -> /res/${amps}${i} (overwrite)`,
      ),
      "configuration.docker.env": fill(INPUT_MAX, (i) => `V${i}=x`),
    });
    // The fake Slack refuses what real Slack refuses: a field over 2,000 characters, a section
    // text over 3,000, more than 50 blocks. The card and its controls were both accepted.
    expect(t.slack.message(CHANNEL, card.ts)).toBeDefined();
    expect(controls.thread_ts).toBe(card.ts);
    const shown = textOf(card);
    expect(shown).toMatch(/…and \d+ more lines/);
    const fields = (card.blocks ?? []).flatMap(
      (b) => (b as { fields?: { text: string }[] }).fields ?? [],
    );
    expect(fields.length).toBeGreaterThan(0);
    for (const field of fields) expect(field.text.length).toBeLessThanOrEqual(2000);
  });
});
