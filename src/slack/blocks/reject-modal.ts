import type { types } from "@slack/bolt";
import type { T } from "../i18n/catalog.js";
import { code, mention } from "../mrkdwn.js";
import { type MetaKey, seal, unseal } from "../signed-meta.js";

export const REJECT_CALLBACK_ID = "aiworkspace.reject";
export const REASON_BLOCK = "reason";

/**
 * What the form carries to its submission: the request, whom it was opened for, and whether App
 * Home opened it. Sealed, so a submission naming another request or sent by someone else names none.
 */
type RejectMeta = { requestId: string; userId: string; fromHome: boolean };

export function readRejectMeta(raw: string | undefined, key: MetaKey, userId: string): RejectMeta {
  const meta = unseal(key, raw);
  const mine = meta?.userId === userId;
  return {
    requestId: mine && typeof meta?.requestId === "string" ? meta.requestId : "",
    userId,
    fromHome: mine && meta?.fromHome === true,
  };
}

/**
 * The small form an approver fills in to reject, with an optional reason for the requester.
 * `fromHome`: opened from App Home, where a refusal is shown instead of whispered in the thread.
 */
export function rejectView(
  request: { name: string; requesterId: string },
  meta: RejectMeta,
  key: MetaKey,
  t: T,
): types.ModalView {
  return {
    type: "modal",
    callback_id: REJECT_CALLBACK_ID,
    private_metadata: seal(key, meta),
    title: { type: "plain_text", text: t("reject.title") },
    submit: { type: "plain_text", text: t("reject.submit") },
    close: { type: "plain_text", text: t("reject.close") },
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: t("reject.intro", {
            name: code(request.name),
            requester: mention(request.requesterId),
          }),
        },
      },
      {
        type: "input",
        block_id: REASON_BLOCK,
        optional: true,
        label: { type: "plain_text", text: t("reject.label") },
        hint: { type: "plain_text", text: t("reject.hint") },
        element: {
          type: "plain_text_input",
          action_id: "value",
          multiline: true,
          max_length: 1000,
        },
      },
    ],
  };
}
