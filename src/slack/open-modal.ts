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
import type { Locale } from "./i18n/catalog.js";
import { presetValues } from "./preset-values.js";

/** The account whose workspaces the form offers: the operator's, the chosen one, or the only one. */
function accountFor(
  deps: SlackDeps,
  values: FormValues,
  accounts: CreateModal["accounts"],
): string | undefined {
  if (deps.defaultAccountId) return deps.defaultAccountId;
  if (accounts.state !== "ready") return undefined;
  const chosen = accounts.value.find((a) => a.id === values.accountId);
  return chosen?.id ?? (accounts.value.length === 1 ? accounts.value[0]?.id : undefined);
}

/** The form as it can be shown at once: choices from the cache, or marked as loading. */
function formNow(
  deps: SlackDeps,
  meta: ModalMeta,
  values: FormValues,
  notice?: string,
): CreateModal {
  const images = deps.choices.cachedImages();
  const cachedAccounts = deps.defaultAccountId ? undefined : deps.choices.cachedAccounts();
  const accounts: CreateModal["accounts"] = deps.defaultAccountId
    ? { state: "fixed" }
    : cachedAccounts
      ? { state: "ready", value: cachedAccounts }
      : { state: "loading" };
  const account = accountFor(deps, values, accounts);
  const workspaces = account ? deps.choices.cachedWorkspaces(account) : undefined;
  return {
    meta,
    metaKey: deps.metaKey,
    values,
    presets: deps.presets,
    images: images ? { state: "ready", value: images } : { state: "loading" },
    accounts,
    workspaces: !account
      ? { state: "none" }
      : workspaces
        ? { state: "ready", value: workspaces }
        : { state: "loading" },
    limits: deps.limits,
    ...(notice ? { notice } : {}),
  };
}

/**
 * Loads the choices the form shown is still waiting for, and shows them with one views.update.
 * The images are loaded even for the short form, which does not show them, so "More settings"
 * opens complete; the view is updated only when something it shows was on its way.
 */
async function fillLater(
  client: webApi.WebClient,
  deps: SlackDeps,
  state: CreateModal,
  shown: { id?: string | undefined; hash?: string | undefined } | undefined,
): Promise<void> {
  const loading = (l: { state: string }) => l.state === "loading";
  if (!loading(state.images) && !loading(state.accounts) && !loading(state.workspaces)) return;
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
  // Once the accounts are in, the only one (or the chosen one) has workspaces to offer.
  const account = accountFor(deps, state.values, accounts);
  const workspaces =
    account && state.workspaces.state !== "ready"
      ? await settle(() => deps.choices.workspaces(account))
      : state.workspaces;
  const waiting =
    loading(state.accounts) ||
    loading(state.workspaces) ||
    (state.meta.more === true && loading(state.images));
  if (!shown?.id || !waiting) return;
  try {
    await client.views.update({
      view_id: shown.id,
      ...(shown.hash ? { hash: shown.hash } : {}),
      view: createModal({ ...state, images, accounts, workspaces }),
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
  open: {
    triggerId: string;
    channelId: string;
    userId: string;
    values?: FormValues;
    /** The language of the person the form opens for. */
    locale: Locale;
  },
): Promise<void> {
  const preset = chosenPreset(deps.presets, undefined);
  const who = { channelId: open.channelId, userId: open.userId, locale: open.locale };
  const meta: ModalMeta = open.values
    ? { ...who, more: true }
    : { ...who, ...(preset ? { preset: preset.id } : {}) };
  const state = formNow(deps, meta, open.values ?? presetValues(preset));
  const opened = await deps.openView({ triggerId: open.triggerId, view: createModal(state) });
  await fillLater(client, deps, state, opened);
}

/** Shows the form anew in an open view (another preset, more settings), filling what loads later. */
export async function updateCreateModal(
  client: webApi.WebClient,
  deps: SlackDeps,
  view: { id: string; hash: string },
  meta: ModalMeta,
  values: FormValues,
  notice?: string,
): Promise<void> {
  const state = formNow(deps, meta, values, notice);
  const updated = await client.views.update({
    view_id: view.id,
    hash: view.hash,
    view: createModal(state),
  });
  await fillLater(client, deps, state, updated.view);
}
