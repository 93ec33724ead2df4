import type { App, BlockAction, StaticSelectAction } from "@slack/bolt";
import type { StoredRequest } from "../../requests/domain.js";
import {
  ACCOUNT_ACTION,
  anyRevision,
  CREATE_CALLBACK_ID,
  FROM_WORKSPACE_ACTION,
  IMAGE_CHOICE_ACTION,
  inputBlockIds,
  MORE_SETTINGS_ACTION,
  type ModalMeta,
  OTHER_IMAGE,
  PRESET_ACTION,
  readMeta,
  statePreset,
} from "../blocks/modal.js";
import { sentView as sentViewBlocks, staleView } from "../blocks/sent-view.js";
import type { SlackDeps } from "../deps.js";
import type { FormValues } from "../form.js";
import { type T, translator } from "../i18n/catalog.js";
import { updateCreateModal } from "../open-modal.js";
import { workspaceValues } from "../preset-values.js";
import { formValues, readSubmission } from "../submission.js";

export function registerCreateForm(app: App, deps: SlackDeps): void {
  const { workflow, logger } = deps;

  type ViewOf = {
    id: string;
    hash: string;
    private_metadata?: string;
    blocks?: unknown;
    state?: { values?: unknown };
  };

  /** Shows the form anew from what it holds now, with `change` applied to its metadata. */
  const redraw = async (
    client: Parameters<typeof updateCreateModal>[0],
    view: ViewOf | undefined,
    userId: string,
    change: (meta: ModalMeta, chosen: string | undefined) => ModalMeta,
    fill?: (values: FormValues, t: T) => Promise<{ values: FormValues; notice?: string }>,
  ) => {
    const meta = readMeta(view?.private_metadata, deps.metaKey, userId);
    if (!view || !meta) return;
    const chosen = statePreset(view.state?.values) ?? meta.preset;
    const current = formValues(view, meta, deps.presets).values;
    const { values, notice } = fill
      ? await fill(current, translator(meta.locale))
      : { values: current, notice: undefined };
    try {
      await updateCreateModal(client, deps, view, change(meta, chosen), values, notice);
    } catch (error) {
      // The person may have sent or closed the form meanwhile; nothing is lost either way.
      logger.info("could not update the request form", { error });
    }
  };

  // Choosing "Other" turns the image choice into a text field, keeping everything typed so far.
  app.action<BlockAction<StaticSelectAction>>(
    anyRevision(IMAGE_CHOICE_ACTION),
    async ({ ack, action, body, client }) => {
      await ack();
      if (action.selected_option?.value !== OTHER_IMAGE) return;
      await redraw(client, body.view, body.user.id, (meta) => ({ ...meta, typedImage: true }));
    },
  );

  // Another preset fills the form with its values, keeping whatever the person changed.
  app.action<BlockAction<StaticSelectAction>>(PRESET_ACTION, async ({ ack, body, client }) => {
    await ack();
    await redraw(client, body.view, body.user.id, (meta, chosen) => ({
      ...meta,
      ...(chosen ? { preset: chosen } : {}),
      rev: (meta.rev ?? 0) + 1,
    }));
  });

  app.action<BlockAction>(MORE_SETTINGS_ACTION, async ({ ack, body, client }) => {
    await ack();
    await redraw(client, body.view, body.user.id, (meta, chosen) => ({
      ...meta,
      ...(chosen ? { preset: chosen } : {}),
      more: true,
      rev: (meta.rev ?? 0) + 1,
    }));
  });

  // Another account: the workspaces to start from are that account's.
  app.action<BlockAction<StaticSelectAction>>(
    anyRevision(ACCOUNT_ACTION),
    async ({ ack, body, client }) => {
      await ack();
      await redraw(client, body.view, body.user.id, (meta) => meta);
    },
  );

  // An existing workspace fills every field with its settings; the name is left to type anew.
  app.action<BlockAction<StaticSelectAction>>(
    FROM_WORKSPACE_ACTION,
    async ({ ack, action, body, client }) => {
      await ack();
      const id = action.selected_option?.value;
      if (!id) return;
      let loaded = false;
      await redraw(
        client,
        body.view,
        body.user.id,
        (meta, chosen) =>
          loaded
            ? {
                ...meta,
                ...(chosen ? { preset: chosen } : {}),
                from: id,
                more: true,
                rev: (meta.rev ?? 0) + 1,
              }
            : meta,
        async (current, t) => {
          try {
            const settings = await deps.choices.settingsOf(id);
            if (!settings) return { values: current, notice: t("modal.fromWorkspaceFailed") };
            loaded = true;
            const kept: FormValues = {};
            for (const field of ["name", "description", "accountId"] as const) {
              if (current[field] !== undefined) kept[field] = current[field];
            }
            const values = { ...workspaceValues(settings), ...kept };
            const env = Object.keys(settings.docker?.env ?? {}).length > 0;
            return env ? { values, notice: t("modal.envValuesNotCopied") } : { values };
          } catch {
            return { values: current, notice: t("modal.fromWorkspaceFailed") };
          }
        },
      );
    },
  );

  app.view(CREATE_CALLBACK_ID, async ({ ack, body, view }) => {
    const read = readSubmission(view, {
      userId: body.user.id,
      metaKey: deps.metaKey,
      check: workflow.check,
      fixedAccountId: deps.defaultAccountId,
      presets: deps.presets,
    });
    if (!read.ok) {
      await ack(
        "errors" in read
          ? { response_action: "errors", errors: read.errors }
          : {
              response_action: "update",
              view: staleView(await deps.locales.textsFor(body.user.id)),
            },
      );
      return;
    }
    const { request, meta } = read;
    const t = translator(meta.locale);
    // Refusals of the request as a whole go under its name, which every form shows.
    const present = inputBlockIds(view);
    const at = present.includes("name") ? "name" : (present[0] ?? "name");
    // "Sent" only once the card is in the channel: until then the form says it is on its way.
    const ackSent = (stored: StoredRequest) =>
      ack({
        response_action: "update",
        view: sentViewBlocks(
          stored.channelId,
          stored.cardTs ? "posted" : "posting",
          stored.nameChecked,
          t,
        ),
      });
    let waiting: Awaited<ReturnType<typeof workflow.pendingOverLimit>>;
    try {
      // Slack delivers a submission again when the first answer was slow: it is the same request,
      // answered the same way, not a new one to count against the limit.
      const earlier = await workflow.submitted(view.id);
      if (earlier) {
        await ackSent(earlier);
        return;
      }
      waiting = await workflow.pendingOverLimit(body.user.id);
    } catch (error) {
      logger.error("could not count a person's pending requests", { error });
      await ack({ response_action: "errors", errors: { [at]: t("genericError") } });
      return;
    }
    const tooMany = (pending: readonly StoredRequest[]) => {
      const names = pending.map((r) => r.request.name).join(", ");
      const max = deps.limits.maxPendingPerUser;
      return ack({
        response_action: "errors",
        errors: {
          [at]:
            max === 1
              ? t("form.tooManyPending.one", { names })
              : t("form.tooManyPending.other", { max, names }),
        },
      });
    };
    // Counted here for a quick answer before the name is checked, and again as it is stored.
    if (waiting) {
      await tooMany(waiting);
      return;
    }
    const name = await workflow.checkName(request.accountId, request.name);
    if (name.state === "taken" || name.state === "not_allowed") {
      const error =
        name.state === "taken"
          ? t("form.nameTaken", {
              name: request.name,
              suggestion: `${request.name.slice(0, 13)}-2`,
            })
          : name.message
            ? t("form.nameNotAllowedSaid", { name: request.name, message: name.message })
            : t("form.nameNotAllowed", { name: request.name });
      await ack({ response_action: "errors", errors: { [at]: error } });
      return;
    }
    let submitted: Awaited<ReturnType<typeof workflow.submit>>;
    try {
      // The view id makes a submission Slack delivers twice one request.
      submitted = await workflow.submit({
        teamId: body.team?.id ?? null,
        channelId: meta.channelId,
        requesterId: body.user.id,
        request,
        nameChecked: name.state === "free",
        viewId: view.id,
      });
    } catch (error) {
      logger.error("could not store a request", { error });
      await ack({ response_action: "errors", errors: { [at]: t("genericError") } });
      return;
    }
    if ("waiting" in submitted) await tooMany(submitted.waiting);
    else await ackSent(submitted.request);
  });
}
