import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clip, code, escapeText, fitLines, when } from "../../src/slack/mrkdwn.js";

describe("mrkdwn", () => {
  it("escapes what a person typed, so <!channel> pings nobody", () => {
    expect(escapeText("<!channel> & <@U123>")).toBe("&lt;!channel&gt; &amp; &lt;@U123&gt;");
  });
  it("formats nothing a person typed: no bold, italics, strike, code, quotes or links", () => {
    const typed =
      "> *bold* _x_ ~x~ `code` ```block``` <https://evil.example|click> <!channel>\n> again";
    const shown = escapeText(typed);
    expect(shown).toBe(
      "› ∗bold∗ ˍxˍ ∼x∼ ˋcodeˋ ˋˋˋblockˋˋˋ &lt;https://evil.example|click&gt; &lt;!channel&gt; &gt; again",
    );
    expect(shown).not.toMatch(/[*_~`<\n]/);
    expect(shown).not.toMatch(/^\s*(>|&gt;)/);
  });
  it("keeps inline code closed whatever is inside, on one line", () => {
    expect(code("a`b<c>")).toBe("`aˋb&lt;c&gt;`");
    expect(code("/user/my_data *x*\n```")).toBe("`/user/my_data *x* ˋˋˋ`");
  });
  it("shows times in each reader's zone with a fallback", () => {
    expect(when(1_700_000_000_000)).toBe(
      "<!date^1700000000^{date_short_pretty} at {time}|2023-11-14 22:13 UTC>",
    );
  });
  it("clips to a limit and says so", () => {
    expect(clip("abcdef", 4)).toBe("abc…");
    expect(clip("abc", 4)).toBe("abc");
  });
});

describe("fitLines", () => {
  const more = (n: number) => `…and ${n} more lines`;

  it("keeps lines that fit, and says how many it left out", () => {
    expect(fitLines(["a", "b"], 10, more)).toBe("a\nb");
    expect(fitLines(["a".repeat(10), "b".repeat(10), "c".repeat(10)], 30, more)).toBe(
      `${"a".repeat(10)}\n…and 2 more lines`,
    );
    expect(fitLines(["a".repeat(50)], 30, more)).toBe(`${"a".repeat(11)}…`);
  });

  it("never goes over the limit, and accounts for every line", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ maxLength: 300 }).filter((s) => !s.includes("\n")),
          { maxLength: 200 },
        ),
        fc.integer({ min: 40, max: 3000 }),
        (lines, max) => {
          const fitted = fitLines(lines, max, more);
          expect(fitted.length).toBeLessThanOrEqual(max);
          const left = /…and (\d+) more lines$/.exec(fitted);
          if (!left)
            expect(lines.length === 0 || fitted.split("\n").length === lines.length).toBe(true);
          else expect(fitted.split("\n").length - 1 + Number(left[1])).toBe(lines.length);
        },
      ),
    );
  });
});
