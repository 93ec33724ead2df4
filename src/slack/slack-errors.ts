/**
 * What a failed Web API call means for a message: try again (and when), or never. Slack answers
 * most refusals with HTTP 200 and an error name; only rate limits and outages use the status.
 */

export type SlackFailure =
  | { retry: true; reason: string; afterMs?: number }
  | { retry: false; reason: string };

/** Error names that pass by themselves. */
const PASSING = new Set([
  "ratelimited",
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
]);

type WebApiError = {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string };
};

export function classifySlackError(error: unknown): SlackFailure {
  const e = (typeof error === "object" && error !== null ? error : {}) as WebApiError;
  switch (e.code) {
    case "slack_webapi_rate_limited_error":
      return {
        retry: true,
        reason: "rate_limited",
        ...(typeof e.retryAfter === "number" ? { afterMs: e.retryAfter * 1000 } : {}),
      };
    case "slack_webapi_http_error": {
      const status = e.statusCode ?? 0;
      return status >= 500 || status === 429
        ? { retry: true, reason: `http_${status}` }
        : { retry: false, reason: `http_${status}` };
    }
    case "slack_webapi_request_error":
      return { retry: true, reason: "network" };
    case "slack_webapi_platform_error": {
      const name = e.data?.error ?? "unknown_error";
      return PASSING.has(name) ? { retry: true, reason: name } : { retry: false, reason: name };
    }
    default:
      // Not from Slack (a timeout, say): worth another try, within the bounded attempts.
      return { retry: true, reason: error instanceof Error ? error.name : "unknown" };
  }
}
