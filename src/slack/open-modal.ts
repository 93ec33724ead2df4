import type { webApi } from "@slack/bolt";
import { type CreateModal, createModal, type Loadable } from "./blocks/modal.js";
import type { SlackDeps } from "./deps.js";
import type { FormValues } from "./form.js";

/**
 * Opens the request form at once, because a trigger id lasts 3 s; choices DataForest has to supply
 * arrive with a views.update. When they cannot be had, the form still works with typed fields.
 */
export async function openCreateModal(
  client: webApi.WebClient,
  deps: SlackDeps,
  open: { triggerId: string; channelId: string; userId: string; values: FormValues },
): Promise<void> {
  const images = deps.choices.cachedImages();
  const accounts = deps.defaultAccountId ? undefined : deps.choices.cachedAccounts();
  const state: CreateModal = {
    meta: { channelId: open.channelId, userId: open.userId },
    metaKey: deps.metaKey,
    values: open.values,
    images: images ? { state: "ready", value: images } : { state: "loading" },
    accounts: deps.defaultAccountId
      ? { state: "fixed" }
      : accounts
        ? { state: "ready", value: accounts }
        : { state: "loading" },
    limits: deps.limits,
  };
  const opened = await client.views.open({ trigger_id: open.triggerId, view: createModal(state) });
  if (state.images.state !== "loading" && state.accounts.state !== "loading") return;

  const settle = async <T>(load: () => Promise<T>): Promise<Loadable<T>> => {
    try {
      return { state: "ready", value: await load() };
    } catch {
      return { state: "unavailable" };
    }
  };
  const [loadedImages, loadedAccounts] = await Promise.all([
    state.images.state === "loading" ? settle(deps.choices.images) : state.images,
    state.accounts.state === "loading" ? settle(deps.choices.accounts) : state.accounts,
  ]);
  const view = opened.view;
  if (!view?.id) return;
  try {
    await client.views.update({
      view_id: view.id,
      ...(view.hash ? { hash: view.hash } : {}),
      view: createModal({ ...state, images: loadedImages, accounts: loadedAccounts }),
    });
  } catch (error) {
    // The person may have closed or submitted the form meanwhile: nothing to fill in any more.
    deps.logger.info("could not fill in the request form", { error });
  }
}
