import type { App, BlockAction, ButtonAction, webApi } from "@slack/bolt";
import type { RequestState, StoredRequest } from "../../requests/domain.js";
import type { Refusal, ResubmitRefusal } from "../../requests/lifecycle.js";
import {
  APPROVE_ACTION,
  CANCEL_ACTION,
  REJECT_ACTION,
  REPOST_ACTION,
  RESUBMIT_ACTION,
} from "../blocks/card.js";
import {
  REASON_BLOCK,
  REJECT_CALLBACK_ID,
  readRejectMeta,
  rejectView,
} from "../blocks/reject-modal.js";
import type { SlackDeps } from "../deps.js";
import { requestToForm } from "../form.js";
import type { T } from "../i18n/catalog.js";
import { mention, when } from "../mrkdwn.js";
import { notePrivately, type Place } from "../notes.js";
import { openCreateModal } from "../open-modal.js";
import { COMMAND } from "./command.js";

const decidedAs = {
  pending: "state.pending",
  approved: "state.approved",
  creating: "state.approved",
  created: "state.approved",
  failed: "state.approved",
  rejected: "state.rejected",
  expired: "state.expired",
  cancelled: "state.withdrawn",
} as const satisfies Record<RequestState, string>;

/** Why a click changed nothing, in the words of whoever clicked. */
const refusalText =
  (refusal: Refusal, r: StoredRequest | undefined) =>
  (t: T): string => {
    if (refusal === "already_posted" && r) {
      return t("refusal.already_posted", { channel: `<#${r.channelId}>` });
    }
    if (refusal !== "already_decided" && refusal !== "already_posted") {
      return t(`refusal.${refusal}`);
    }
    const state = t(r ? decidedAs[r.state] : "state.decided");
    return r?.decidedBy && r.decidedAt
      ? t("refusal.alreadyDecidedBy", { state, by: mention(r.decidedBy), when: when(r.decidedAt) })
      : t("refusal.alreadyDecided", { state });
  };

const resubmitRefusalText =
  (refusal: ResubmitRefusal) =>
  (t: T): string =>
    refusal === "not_found" ? t("refusal.not_found") : t(`resubmit.${refusal}`);

type Click = BlockAction<ButtonAction>;

/** Where a click came from, so a refusal is whispered in that same thread. */
const placeOf = (body: Click): Place => ({
  channelId: body.channel?.id,
  threadTs: body.message?.thread_ts ?? body.message?.ts ?? null,
});

/** A click in App Home has no channel to whisper in: the Home view itself says it. */
const fromHome = (body: Click) => body.view?.type === "home";

/** Request ids are UUIDs; a value that cannot be one is not looked up (nor logged) at all. */
const REQUEST_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * A button on a message counts only for the request that message belongs to: its card, its controls
 * or a reply in its thread, or a direct message the app sent its requester (whose buttons act for
 * the requester only). A value naming another request reads as no request. Buttons in a view (App
 * Home) are drawn by the app for the person who sees them, so they are taken as they are.
 */
function belongsTo(body: Click, r: StoredRequest): boolean {
  if (body.container?.type === "view") return true;
  const channel = body.channel?.id ?? "";
  if (channel.startsWith("D") && body.user.id === r.requesterId) return true;
  const ts = body.message?.ts;
  return (
    channel === r.channelId &&
    r.cardTs !== null &&
    ts !== undefined &&
    (ts === r.cardTs || ts === r.controlsTs || body.message?.thread_ts === r.cardTs)
  );
}

const slackError = (error: unknown): string | undefined =>
  (error as { data?: { error?: string } })?.data?.error;

/** The approvers' and the requester's buttons: each parses the click, asks the workflow, answers. */
export function registerDecisions(app: App, deps: SlackDeps): void {
  const { workflow, home, logger } = deps;

  /** A note to whoever clicked, in their language: on their Home tab, or where they clicked. */
  const tell = async (client: webApi.WebClient, body: Click, text: (t: T) => string) => {
    if (fromHome(body)) return home.publish(body.user.id, text);
    const t = await deps.locales.textsFor(body.user.id);
    return notePrivately(client, logger, placeOf(body), body.user.id, text(t));
  };

  const refused = (
    client: webApi.WebClient,
    body: Click,
    answer: { refusal: Refusal; request: StoredRequest | undefined },
  ) => tell(client, body, refusalText(answer.refusal, answer.request));

  /** The id of the request clicked on, or "" when the button does not name a request of its own. */
  const clickedId = async (body: Click, value: string | undefined): Promise<string> => {
    if (!value || !REQUEST_ID.test(value)) return "";
    const r = await workflow.get(value);
    return r && belongsTo(body, r) ? r.id : "";
  };

  // Acts on the stored request only: the button carries nothing but its id.
  app.action<Click>(APPROVE_ACTION, async ({ ack, action, body, client }) => {
    await ack();
    const decided = await workflow.approve(await clickedId(body, action.value), body.user.id);
    if (!decided.ok) await refused(client, body, decided);
  });

  app.action<Click>(REJECT_ACTION, async ({ ack, action, body, client }) => {
    await ack();
    const allowed = await workflow.mayDecide(await clickedId(body, action.value), body.user.id);
    if (!allowed.ok) {
      await refused(client, body, allowed);
      return;
    }
    const r = allowed.request;
    const t = await deps.locales.textsFor(body.user.id);
    try {
      await deps.openView({
        triggerId: body.trigger_id,
        view: rejectView(
          { name: r.request.name, requesterId: r.requesterId },
          { requestId: r.id, userId: body.user.id, fromHome: fromHome(body) },
          deps.metaKey,
          t,
        ),
      });
    } catch (error) {
      logger.warn("could not open the reject form", { requestId: r.id, reason: slackError(error) });
      await tell(client, body, (own) => own("reject.didNotOpen"));
    }
  });

  app.view(REJECT_CALLBACK_ID, async ({ ack, body, view, client }) => {
    await ack();
    // Only a form this app opened, for this person, names a request.
    const meta = readRejectMeta(view.private_metadata, deps.metaKey, body.user.id);
    const reason = view.state.values[REASON_BLOCK]?.value?.value?.trim() || undefined;
    const decided = await workflow.reject(meta.requestId, body.user.id, reason);
    if (decided.ok) return;
    const text = refusalText(decided.refusal, decided.request);
    if (meta.fromHome) await home.publish(body.user.id, text);
    else {
      // A form that names no request has no thread to answer in: the note becomes a DM.
      const place = { channelId: decided.request?.channelId, threadTs: decided.request?.cardTs };
      const t = await deps.locales.textsFor(body.user.id);
      await notePrivately(client, logger, place, body.user.id, text(t));
    }
  });

  app.action<Click>(CANCEL_ACTION, async ({ ack, action, body, client }) => {
    await ack();
    const withdrawn = await workflow.cancel(await clickedId(body, action.value), body.user.id);
    if (!withdrawn.ok) await refused(client, body, withdrawn);
  });

  app.action<Click>(REPOST_ACTION, async ({ ack, action, body, client }) => {
    await ack();
    const again = await workflow.repost(await clickedId(body, action.value), body.user.id);
    if (!again.ok) await refused(client, body, again);
  });

  app.action<Click>(RESUBMIT_ACTION, async ({ ack, action, body, client }) => {
    await ack();
    const allowed = await workflow.mayResubmit(await clickedId(body, action.value), body.user.id);
    if (!allowed.ok) {
      await tell(client, body, resubmitRefusalText(allowed.refusal));
      return;
    }
    const r = allowed.request;
    try {
      await openCreateModal(client, deps, {
        triggerId: body.trigger_id,
        channelId: r.channelId,
        userId: body.user.id,
        values: requestToForm(r.request),
        locale: await deps.locales.localeOf(body.user.id),
      });
    } catch (error) {
      const reason = slackError(error);
      logger.warn("could not open the resubmit form", { requestId: r.id, reason });
      const why = reason === "invalid_arguments" ? "resubmit.too_big" : "resubmit.did_not_open";
      await tell(client, body, (t) => t(why, { command: COMMAND }));
    }
  });
}
