import { describe, expect, it } from "vitest";
import { clip, code, escapeText, when } from "../../src/slack/mrkdwn.js";

describe("mrkdwn", () => {
  it("escapes what a person typed, so <!channel> pings nobody", () => {
    expect(escapeText("<!channel> & <@U123>")).toBe("&lt;!channel&gt; &amp; &lt;@U123&gt;");
  });
  it("keeps inline code closed whatever is inside", () => {
    expect(code("a`b<c>")).toBe("`aˋb&lt;c&gt;`");
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
