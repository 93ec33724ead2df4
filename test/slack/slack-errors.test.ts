import { ErrorCode } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { classifySlackError } from "../../src/slack/slack-errors.js";

const platform = (error: string) => ({ code: ErrorCode.PlatformError, data: { ok: false, error } });

describe("what a failed Slack call means for a message", () => {
  it("waits as long as a rate limit's Retry-After says", () => {
    expect(classifySlackError({ code: ErrorCode.RateLimitedError, retryAfter: 7 })).toEqual({
      retry: true,
      reason: "rate_limited",
      afterMs: 7000,
    });
  });

  it("tries again after 5xx, network errors and Slack's own passing errors", () => {
    expect(classifySlackError({ code: ErrorCode.HTTPError, statusCode: 503 })).toMatchObject({
      retry: true,
    });
    expect(classifySlackError({ code: ErrorCode.RequestError })).toMatchObject({ retry: true });
    for (const name of ["ratelimited", "internal_error", "fatal_error", "service_unavailable"]) {
      expect(classifySlackError(platform(name))).toEqual({ retry: true, reason: name });
    }
  });

  it("gives up on what will not pass, naming Slack's reason", () => {
    for (const name of ["not_in_channel", "channel_not_found", "is_archived", "invalid_blocks"]) {
      expect(classifySlackError(platform(name))).toEqual({ retry: false, reason: name });
    }
    expect(classifySlackError({ code: ErrorCode.HTTPError, statusCode: 400 })).toEqual({
      retry: false,
      reason: "http_400",
    });
  });
});
