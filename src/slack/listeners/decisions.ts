import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { DecisionRefusal } from "../../requests/lifecycle.js";
import type { Decided } from "../../requests/service.js";
import type { RequestState, StoredRequest } from "../../store/request-store.js";
import { APPROVE_ACTION, REJECT_ACTION, RESUBMIT_ACTION } from "../blocks/card.js";
import {
  REASON_BLOCK,
  REJECT_CALLBACK_ID,
  readRejectMeta,
  rejectView,
} from "../blocks/reject-modal.js";
import type { SlackDeps } from "../deps.js";
import { requestToForm } from "../form.js";
import { refusals, rejectFormDidNotOpen, resubmitRefusals } from "../messages.js";
import { openCreateModal } from "../open-modal.js";

const decidedAs: Record<RequestState, string> = {
  pending: "pending",
  approved: "approved",
  creating: "approved",
  created: "approved",
  failed: "approved",
  rejected: "rejected",
  expired: "expired",
  cancelled: "cancelled",
};

function refusalText(refused: Extract<Decided, { ok: false }>): string {
  const reason: DecisionRefusal = refused.refusal;
  if (reason !== "already_decided") return refusals[reason];
  const r = refused.request;
  return refusals.already_decided(
    r ? decidedAs[r.state] : "decided",
    r?.decidedBy ?? null,
    r?.decidedAt ?? null,
  );
}

type Click = BlockAction<ButtonAction>;

/** Where a click came from, so a refusal is whispered in that same thread. */
const placeOf = (body: Click) => ({
  channelId: body.channel?.id ?? "",
  cardTs: body.message?.thread_ts ?? body.message?.ts ?? null,
});

/** A click in App Home has no channel to whisper in: the Home view itself says it. */
const fromHome = (body: Click) => body.view?.type === "home";

/** Request ids are UUIDs; a value that cannot be one is not looked up (nor logged) at all. */
const REQUEST_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * A button on a message counts only for the request that message belongs to: its card, its controls
 * or a reply in its thread. A value naming another request reads as no request. Buttons in a view
 * (App Home) are drawn by the app for the person who sees them, so they are taken as they are.
 */
function belongsTo(body: Click, r: StoredRequest): boolean {
  if (body.container?.type === "view") return true;
  const ts = body.message?.ts;
  return (
    body.channel?.id === r.channelId &&
    r.cardTs !== null &&
    ts !== undefined &&
    (ts === r.cardTs || ts === r.controlsTs || body.message?.thread_ts === r.cardTs)
  );
}

const slackError = (error: unknown): string | undefined =>
  (error as { data?: { error?: string } })?.data?.error;

export function registerDecisions(app: App, deps: SlackDeps): void {
  const { service, announcer, home, logger } = deps;

  const tell = (body: Click, text: string) =>
    fromHome(body)
      ? home.publish(body.user.id, text)
      : announcer.whisper(placeOf(body), body.user.id, text);

  /** The id of the request clicked on, or "" when the button does not name a request of its own. */
  const clickedId = async (body: Click, value: string | undefined): Promise<string> => {
    if (!value || !REQUEST_ID.test(value)) return "";
    const r = await service.get(value);
    return r && belongsTo(body, r) ? r.id : "";
  };

  // Acts on the stored request only: the button carries nothing but its id.
  app.action<Click>(APPROVE_ACTION, async ({ ack, action, body }) => {
    await ack();
    const decided = await service.approve(await clickedId(body, action.value), body.user.id);
    if (!decided.ok) {
      await tell(body, refusalText(decided));
      return;
    }
    await announcer.refresh(decided.request);
    const result = await service.create(decided.request);
    if (result) await announcer.announceOutcome(result);
  });

  app.action<Click>(REJECT_ACTION, async ({ ack, action, body, client }) => {
    await ack();
    const refused = await service.mayDecide(await clickedId(body, action.value), body.user.id);
    if (!refused.ok) {
      await tell(body, refusalText(refused));
      return;
    }
    const r = refused.request;
    try {
      await client.views.open({
        trigger_id: body.trigger_id,
        view: rejectView(
          { name: r.request.name, requesterId: r.requesterId },
          { requestId: r.id, userId: body.user.id, fromHome: fromHome(body) },
          deps.metaKey,
        ),
      });
    } catch (error) {
      logger.warn("could not open the reject form", { requestId: r.id, reason: slackError(error) });
      await tell(body, rejectFormDidNotOpen);
    }
  });

  app.view(REJECT_CALLBACK_ID, async ({ ack, body, view }) => {
    await ack();
    // Only a form this app opened, for this person, names a request.
    const meta = readRejectMeta(view.private_metadata, deps.metaKey, body.user.id);
    const reason = view.state.values[REASON_BLOCK]?.value?.value?.trim() || undefined;
    const decided = await service.reject(meta.requestId, body.user.id, reason);
    if (!decided.ok) {
      if (meta.fromHome) await home.publish(body.user.id, refusalText(decided));
      else {
        // A form that names no request has no thread to answer in: the whisper becomes a DM.
        await announcer.whisper(
          decided.request ?? { channelId: "" },
          body.user.id,
          refusalText(decided),
        );
      }
      return;
    }
    await announcer.announceOutcome(decided.request);
  });

  app.action<Click>(RESUBMIT_ACTION, async ({ ack, action, body, client }) => {
    await ack();
    const allowed = await service.mayResubmit(await clickedId(body, action.value), body.user.id);
    if (!allowed.ok) {
      await tell(body, resubmitRefusals[allowed.refusal]);
      return;
    }
    const r = allowed.request;
    try {
      await openCreateModal(client, deps, {
        triggerId: body.trigger_id,
        channelId: r.channelId,
        userId: body.user.id,
        values: requestToForm(r.request),
      });
    } catch (error) {
      const reason = slackError(error);
      logger.warn("could not open the resubmit form", { requestId: r.id, reason });
      await tell(
        body,
        reason === "invalid_arguments" ? resubmitRefusals.too_big : resubmitRefusals.did_not_open,
      );
    }
  });
}
