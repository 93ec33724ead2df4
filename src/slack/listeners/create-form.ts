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
import { sentView as sentViewBlocks } from "../blocks/sent-view.js";
import type { SlackDeps } from "../deps.js";
import { blockFor, formToRequest, problemsToErrors } from "../form.js";
import { genericError, nameNotAllowed, nameTaken } from "../messages.js";

export function registerCreateForm(app: App, deps: SlackDeps): void {
  const { service, announcer, logger } = deps;

  // Choosing "Other" turns the image choice into a text field, keeping everything typed so far.
  app.action<BlockAction<StaticSelectAction>>(
    IMAGE_CHOICE_ACTION,
    async ({ ack, action, body, client }) => {
      await ack();
      const view = body.view;
      const meta = readMeta(view?.private_metadata);
      if (!view || !meta || action.selected_option?.value !== OTHER_IMAGE) return;
      const cachedAccounts = deps.choices.cachedAccounts();
      await client.views.update({
        view_id: view.id,
        hash: view.hash,
        view: createModal({
          meta: { ...meta, typedImage: true },
          values: readValues(view.state.values),
          images: { state: "unavailable" },
          accounts: deps.defaultAccountId
            ? { state: "fixed" }
            : cachedAccounts
              ? { state: "ready", value: cachedAccounts }
              : { state: "unavailable" },
        }),
      });
    },
  );

  app.view(CREATE_CALLBACK_ID, async ({ ack, body, view }) => {
    const present = inputBlockIds(view);
    const meta = readMeta(view.private_metadata);
    if (!meta) {
      await ack({ response_action: "errors", errors: { [present[0] ?? "name"]: genericError } });
      return;
    }
    const { input, problems } = formToRequest(readValues(view.state.values), {
      accountId: deps.defaultAccountId,
    });
    const checked = service.check(input);
    // A field that could not be read is reported once, in the words of its format.
    const unread = new Set(problems.map((p) => blockFor(p.path, present)));
    const all = [
      ...problems,
      ...(checked.ok ? [] : checked.problems.filter((p) => !unread.has(blockFor(p.path, present)))),
    ];
    if (all.length > 0 || !checked.ok) {
      await ack({ response_action: "errors", errors: problemsToErrors(all, present) });
      return;
    }
    const request = checked.value;
    const name = await service.checkName(request.accountId, request.name);
    if (name.state === "taken" || name.state === "not_allowed") {
      const error =
        name.state === "taken"
          ? nameTaken(request.name)
          : nameNotAllowed(request.name, name.message);
      await ack({ response_action: "errors", errors: { name: error } });
      return;
    }
    let stored: Awaited<ReturnType<typeof service.submit>>;
    try {
      stored = await service.submit({
        teamId: body.team?.id ?? null,
        channelId: meta.channelId,
        requesterId: body.user.id,
        request,
        nameChecked: name.state === "free",
      });
    } catch (error) {
      logger.error("could not store a request", { error });
      await ack({ response_action: "errors", errors: { name: genericError } });
      return;
    }
    await ack({
      response_action: "update",
      view: sentViewBlocks(meta.channelId, name.state === "free"),
    });
    await announcer.announceNew(stored);
  });
}
