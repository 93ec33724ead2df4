import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { DecisionRefusal } from "../../requests/lifecycle.js";
import type { Decided } from "../../requests/service.js";
import type { RequestState } from "../../store/request-store.js";
import { APPROVE_ACTION, REJECT_ACTION, RESUBMIT_ACTION } from "../blocks/card.js";
import {
  REASON_BLOCK,
  REJECT_CALLBACK_ID,
  readRejectMeta,
  rejectView,
} from "../blocks/reject-modal.js";
import type { SlackDeps } from "../deps.js";
import { requestToForm } from "../form.js";
import { refusals } from "../messages.js";
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

export function registerDecisions(app: App, deps: SlackDeps): void {
  const { service, announcer, home } = deps;

  const tell = (body: Click, text: string) =>
    fromHome(body)
      ? home.publish(body.user.id, text)
      : announcer.whisper(placeOf(body), body.user.id, text);

  // Acts on the stored request only: the button carries nothing but its id.
  app.action<Click>(APPROVE_ACTION, async ({ ack, action, body }) => {
    await ack();
    const decided = await service.approve(action.value ?? "", body.user.id);
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
    const refused = await service.mayDecide(action.value ?? "", body.user.id);
    if (!refused.ok) {
      await tell(body, refusalText(refused));
      return;
    }
    const r = refused.request;
    await client.views.open({
      trigger_id: body.trigger_id,
      view: rejectView(
        { id: r.id, name: r.request.name, requesterId: r.requesterId },
        fromHome(body),
      ),
    });
  });

  app.view(REJECT_CALLBACK_ID, async ({ ack, body, view }) => {
    await ack();
    const { requestId, fromHome: homeClick } = readRejectMeta(view.private_metadata);
    const reason = view.state.values[REASON_BLOCK]?.value?.value?.trim() || undefined;
    const decided = await service.reject(requestId, body.user.id, reason);
    if (!decided.ok) {
      if (homeClick) await home.publish(body.user.id, refusalText(decided));
      else if (decided.request) {
        await announcer.whisper(decided.request, body.user.id, refusalText(decided));
      }
      return;
    }
    await announcer.announceOutcome(decided.request);
  });

  app.action<Click>(RESUBMIT_ACTION, async ({ ack, action, body, client }) => {
    await ack();
    const request = await service.get(action.value ?? "");
    if (!request) {
      await tell(body, refusals.not_found);
      return;
    }
    await openCreateModal(client, deps, {
      triggerId: body.trigger_id,
      channelId: request.channelId,
      values: requestToForm(request.request),
    });
  });
}
