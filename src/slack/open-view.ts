import { type types, webApi } from "@slack/bolt";
import { type Dispatcher, request } from "undici";

/** Slack answers views.open in well under this; the trigger id it spends lasts 3 s anyway. */
const OPEN_TIMEOUT_MS = 5_000;

export type OpenView = (args: {
  triggerId: string;
  view: types.ModalView;
}) => Promise<{ id?: string; hash?: string } | undefined>;

/**
 * views.open with a JSON body, for the forms that a command or a click opens. Through
 * @slack/web-api this one call costs more CPU than the rest of a command: the client form-encodes
 * the view, then redacts and serializes the view Slack answers with for a debug line, even when
 * nothing is logged at debug, and under a burst of commands that work delays every form behind it.
 * A trigger id lasts 3 s, so nothing is tried again. Errors are the client's (a refusal is a
 * platform error carrying Slack's `error`), so callers handle them as any Slack call's.
 */
export function createOpenView(options: {
  apiUrl: string;
  token: string;
  dispatcher?: Dispatcher | undefined;
}): OpenView {
  const url = new URL("views.open", options.apiUrl).href;
  return async ({ triggerId, view }) => {
    let answer: Dispatcher.ResponseData;
    let text: string;
    try {
      answer = await request(url, {
        method: "POST",
        headers: {
          authorization: `Bearer ${options.token}`,
          "content-type": "application/json; charset=utf-8",
        },
        body: JSON.stringify({ trigger_id: triggerId, view }),
        signal: AbortSignal.timeout(OPEN_TIMEOUT_MS),
        ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      });
      text = await answer.body.text();
    } catch (error) {
      throw failure(webApi.ErrorCode.RequestError, "A request error occurred", { original: error });
    }
    if (answer.statusCode === 429) {
      const retryAfter = Number.parseInt(String(answer.headers["retry-after"]), 10);
      throw failure(webApi.ErrorCode.RateLimitedError, "A rate limit was exceeded", {
        ...(Number.isNaN(retryAfter) ? {} : { retryAfter }),
      });
    }
    if (answer.statusCode !== 200) {
      throw failure(webApi.ErrorCode.HTTPError, "An HTTP protocol error occurred", {
        statusCode: answer.statusCode,
      });
    }
    let data: { ok?: boolean; error?: string; view?: { id?: string; hash?: string } };
    try {
      data = JSON.parse(text);
    } catch {
      data = { ok: false, error: "invalid_response" };
    }
    if (!data.ok) {
      throw failure(webApi.ErrorCode.PlatformError, `An API error occurred: ${data.error}`, {
        data,
      });
    }
    return data.view;
  };
}

function failure(code: string, message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(`${message} (views.open)`), { code, ...fields });
}
