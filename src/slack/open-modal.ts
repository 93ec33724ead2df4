import type { webApi } from "@slack/bolt";
import {
  type CreateModal,
  chosenPreset,
  createModal,
  type Loadable,
  type ModalMeta,
} from "./blocks/modal.js";
import type { SlackDeps } from "./deps.js";
import type { FormValues } from "./form.js";
import { presetValues } from "./preset-values.js";

/** The form as it can be shown at once: choices from the cache, or marked as loading. */
function formNow(deps: SlackDeps, meta: ModalMeta, values: FormValues): CreateModal {
  const images = deps.choices.cachedImages();
  const accounts = deps.defaultAccountId ? undefined : deps.choices.cachedAccounts();
  return {
    meta,
    metaKey: deps.metaKey,
    values,
    presets: deps.presets,
    images: images ? { state: "ready", value: images } : { state: "loading" },
    accounts: deps.defaultAccountId
      ? { state: "fixed" }
      : accounts
        ? { state: "ready", value: accounts }
        : { state: "loading" },
    limits: deps.limits,
  };
}

/**
 * Loads the choices the form shown is still waiting for, and shows them with a views.update. The
 * images are loaded even for the short form, which does not show them, so "More settings" opens
 * complete; the view is updated only when something it shows has arrived.
 */
async function fillLater(
  client: webApi.WebClient,
  deps: SlackDeps,
  state: CreateModal,
  shown: { id?: string | undefined; hash?: string | undefined } | undefined,
): Promise<void> {
  if (state.images.state !== "loading" && state.accounts.state !== "loading") return;
  const settle = async <T>(load: () => Promise<T>): Promise<Loadable<T>> => {
    try {
      return { state: "ready", value: await load() };
    } catch {
      return { state: "unavailable" };
    }
  };
  const [images, accounts] = await Promise.all([
    state.images.state === "loading" ? settle(deps.choices.images) : state.images,
    state.accounts.state === "loading" ? settle(deps.choices.accounts) : state.accounts,
  ]);
  const waiting =
    state.accounts.state === "loading" || (state.meta.more && state.images.state === "loading");
  if (!shown?.id || !waiting) return;
  try {
    await client.views.update({
      view_id: shown.id,
      ...(shown.hash ? { hash: shown.hash } : {}),
      view: createModal({ ...state, images, accounts }),
    });
  } catch (error) {
    // The person may have closed or submitted the form meanwhile: nothing to fill in any more.
    deps.logger.info("could not fill in the request form", { error });
  }
}

/**
 * Opens the request form at once, because a trigger id lasts 3 s; choices DataForest has to supply
 * arrive with a views.update. When they cannot be had, the form still works with typed fields.
 * A new request starts short, from the default preset; a request to edit shows every field.
 */
export async function openCreateModal(
  client: webApi.WebClient,
  deps: SlackDeps,
  open: { triggerId: string; channelId: string; userId: string; values?: FormValues },
): Promise<void> {
  const preset = chosenPreset(deps.presets, undefined);
  const meta: ModalMeta = open.values
    ? { channelId: open.channelId, userId: open.userId, more: true }
    : { channelId: open.channelId, userId: open.userId, ...(preset ? { preset: preset.id } : {}) };
  const state = formNow(deps, meta, open.values ?? presetValues(preset));
  const opened = await client.views.open({ trigger_id: open.triggerId, view: createModal(state) });
  await fillLater(client, deps, state, opened.view);
}

/** Shows the form anew in an open view (another preset, more settings), filling what loads later. */
export async function updateCreateModal(
  client: webApi.WebClient,
  deps: SlackDeps,
  view: { id: string; hash: string },
  meta: ModalMeta,
  values: FormValues,
): Promise<void> {
  const state = formNow(deps, meta, values);
  const updated = await client.views.update({
    view_id: view.id,
    hash: view.hash,
    view: createModal(state),
  });
  await fillLater(client, deps, state, updated.view);
}
