import type { App, BlockAction, StaticSelectAction } from "@slack/bolt";
import {
  CREATE_CALLBACK_ID,
  createModal,
  IMAGE_CHOICE_ACTION,
  inputBlockIds,
  OTHER_IMAGE,
  readMeta,
  readValues,
} from "../blocks/modal.js";
import { sentView as sentViewBlocks, staleView } from "../blocks/sent-view.js";
import type { SlackDeps } from "../deps.js";
import { genericError, nameNotAllowed, nameTaken, tooManyPending } from "../messages.js";
import { readSubmission } from "../submission.js";

export function registerCreateForm(app: App, deps: SlackDeps): void {
  const { workflow, logger } = deps;

  // Choosing "Other" turns the image choice into a text field, keeping everything typed so far.
  app.action<BlockAction<StaticSelectAction>>(
    IMAGE_CHOICE_ACTION,
    async ({ ack, action, body, client }) => {
      await ack();
      const view = body.view;
      const meta = readMeta(view?.private_metadata, deps.metaKey, body.user.id);
      if (!view || !meta || action.selected_option?.value !== OTHER_IMAGE) return;
      const cachedAccounts = deps.choices.cachedAccounts();
      await client.views.update({
        view_id: view.id,
        hash: view.hash,
        view: createModal({
          meta: { ...meta, typedImage: true },
          metaKey: deps.metaKey,
          values: readValues(view.state.values),
          images: { state: "unavailable" },
          accounts: deps.defaultAccountId
            ? { state: "fixed" }
            : cachedAccounts
              ? { state: "ready", value: cachedAccounts }
              : { state: "unavailable" },
          limits: deps.limits,
        }),
      });
    },
  );

  app.view(CREATE_CALLBACK_ID, async ({ ack, body, view }) => {
    const read = readSubmission(view, {
      userId: body.user.id,
      metaKey: deps.metaKey,
      check: workflow.check,
      fixedAccountId: deps.defaultAccountId,
    });
    if (!read.ok) {
      await ack(
        "errors" in read
          ? { response_action: "errors", errors: read.errors }
          : { response_action: "update", view: staleView() },
      );
      return;
    }
    const { request, meta } = read;
    // Refusals of the request as a whole go under its name, which every form shows.
    const present = inputBlockIds(view);
    const at = present.includes("name") ? "name" : (present[0] ?? "name");
    let waiting: Awaited<ReturnType<typeof workflow.pendingOverLimit>>;
    try {
      waiting = await workflow.pendingOverLimit(body.user.id);
    } catch (error) {
      logger.error("could not count a person's pending requests", { error });
      await ack({ response_action: "errors", errors: { [at]: genericError } });
      return;
    }
    if (waiting) {
      const names = waiting.map((r) => r.request.name);
      await ack({
        response_action: "errors",
        errors: { [at]: tooManyPending(deps.limits.maxPendingPerUser, names) },
      });
      return;
    }
    const name = await workflow.checkName(request.accountId, request.name);
    if (name.state === "taken" || name.state === "not_allowed") {
      const error =
        name.state === "taken"
          ? nameTaken(request.name)
          : nameNotAllowed(request.name, name.message);
      await ack({ response_action: "errors", errors: { [at]: error } });
      return;
    }
    let stored: Awaited<ReturnType<typeof workflow.submit>>["request"];
    try {
      // The view id makes a submission Slack delivers twice one request.
      ({ request: stored } = await workflow.submit({
        teamId: body.team?.id ?? null,
        channelId: meta.channelId,
        requesterId: body.user.id,
        request,
        nameChecked: name.state === "free",
        viewId: view.id,
      }));
    } catch (error) {
      logger.error("could not store a request", { error });
      await ack({ response_action: "errors", errors: { [at]: genericError } });
      return;
    }
    // "Sent" only once the card is in the channel: until then the form says it is on its way.
    await ack({
      response_action: "update",
      view: sentViewBlocks(
        stored.channelId,
        stored.cardTs ? "posted" : "posting",
        stored.nameChecked,
      ),
    });
  });
}
