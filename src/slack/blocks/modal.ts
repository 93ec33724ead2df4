import type { types } from "@slack/bolt";
import type { Account, ImageGroup, WorkspaceChoice } from "../../requests/choices.js";
import type { Limits } from "../../requests/limits.js";
import type { Preset } from "../../requests/presets.js";
import { type BlockId, blockIds, type FormValues } from "../form.js";
import { type Locale, type T, translator } from "../i18n/catalog.js";
import { clip, code, escapeText } from "../mrkdwn.js";
import { type MetaKey, seal, unseal } from "../signed-meta.js";
import { sizeText } from "./card.js";

export const CREATE_CALLBACK_ID = "aiworkspace.create";
export const IMAGE_CHOICE_ACTION = "aiworkspace.image_choice";
export const PRESET_ACTION = "aiworkspace.preset";
export const MORE_SETTINGS_ACTION = "aiworkspace.more_settings";
export const FROM_WORKSPACE_ACTION = "aiworkspace.from_workspace";
/** The account select's own action id, so choosing an account loads that account's workspaces. */
export const ACCOUNT_ACTION = "aiworkspace.account";
/** Not input blocks (they fill no API field), so their ids are the form's own. */
export const PRESET_BLOCK = "preset";
const MORE_BLOCK = "more";
const FROM_WORKSPACE_BLOCK = "from_workspace";
/** The select's "type my own" option; never a valid image, so it can't be mistaken for one. */
export const OTHER_IMAGE = "__other__";

/** Matches an action id whatever revision of the form it carries (see `ModalMeta.rev`). */
export const anyRevision = (actionId: string) =>
  new RegExp(`^${actionId.replace(/\./g, "\\.")}(-r\\d+)?$`);

export type Loadable<T> =
  | { state: "loading" }
  | { state: "unavailable" }
  | { state: "ready"; value: T };

export type ModalMeta = {
  /** The channel the command ran in: a view_submission carries no channel of its own. */
  channelId: string;
  /** Whom the form was opened for: nobody else may send it. */
  userId: string;
  /** Set once a person chose "type my own": the image is then a text field. */
  typedImage?: boolean;
  /** The preset the form's values came from; the first preset when unset. */
  preset?: string;
  /** Every field shown ("More settings"), not only the short form. */
  more?: boolean;
  /** The existing workspace the form was filled from. */
  from?: string;
  /**
   * Bumped whenever the app fills the fields anew. Slack keeps what a field held across an update
   * while its action id stays the same, so new values need new action ids.
   */
  rev?: number;
  /** The language of the person filling in the form, for its errors and what follows. */
  locale: Locale;
};

export type CreateModal = {
  meta: ModalMeta;
  /** Seals the meta, so a submission naming another channel or person is not believed. */
  metaKey: MetaKey;
  values: FormValues;
  presets: readonly Preset[];
  images: Loadable<ImageGroup[]>;
  /** `fixed` when the operator set one account for everyone: the field is not shown at all. */
  accounts: Loadable<Account[]> | { state: "fixed" };
  /** The account's workspaces to start from; `none` until an account is chosen. */
  workspaces: Loadable<WorkspaceChoice[]> | { state: "none" };
  limits: Limits;
  /** A one-off note at the top, say that a workspace's settings could not be loaded. */
  notice?: string;
};

type Block = types.KnownBlock;
type Element = types.InputBlockElement;

const plain = (text: string, max = 75): types.PlainTextElement => ({
  type: "plain_text",
  text: clip(text, max),
});

const option = (value: string, text = value): types.PlainTextOption => ({
  text: plain(text),
  value,
});

/**
 * What every field of one rendering shares: the values shown, the revision of action ids, and the
 * language of the person filling it in.
 */
type Fill = { values: FormValues; act: (base: string) => string; t: T };

/** A field's label, hint and (possibly empty) placeholder, in the person's language. */
export const fieldText = (id: BlockId, t: T) => ({
  label: t(`field.${id}.label`),
  hint: t(`field.${id}.hint`),
  placeholder: t(`field.${id}.placeholder`),
});

function input(
  t: T,
  id: BlockId,
  element: Element,
  optional: boolean,
  dispatch = false,
  hint = fieldText(id, t).hint,
): Block {
  return {
    type: "input",
    block_id: id,
    optional,
    label: plain(fieldText(id, t).label, 2000),
    hint: plain(hint, 2000),
    element,
    ...(dispatch ? { dispatch_action: true } : {}),
  };
}

function textField(
  id: BlockId,
  f: Fill,
  opts: { optional?: boolean; multiline?: boolean; max?: number } = {},
): Block {
  const placeholder = fieldText(id, f.t).placeholder;
  const initial = f.values[id];
  return input(
    f.t,
    id,
    {
      type: "plain_text_input",
      action_id: f.act("value"),
      multiline: opts.multiline ?? false,
      ...(opts.max ? { max_length: opts.max } : {}),
      ...(placeholder ? { placeholder: plain(placeholder, 150) } : {}),
      ...(initial && (!opts.max || initial.length <= opts.max) ? { initial_value: initial } : {}),
    },
    opts.optional ?? true,
  );
}

/** A count with its limit stated in the hint, and enforced by Slack's own field as well. */
function numberField(
  id: BlockId,
  f: Fill,
  bounds: { max: number; hint: string },
  optional: boolean,
): Block {
  const initial = f.values[id];
  // Slack refuses a view whose number starts outside its own bounds; the submission check explains.
  const fits =
    initial !== undefined && /^\d+$/.test(initial) && +initial >= 1 && +initial <= bounds.max;
  return input(
    f.t,
    id,
    {
      type: "number_input",
      action_id: f.act("value"),
      is_decimal_allowed: false,
      min_value: "1",
      max_value: String(bounds.max),
      ...(fits ? { initial_value: initial } : {}),
    },
    optional,
    false,
    `${bounds.hint} ${fieldText(id, f.t).hint}`,
  );
}

function selectField(
  id: BlockId,
  f: Fill,
  options: types.PlainTextOption[],
  initial: string | undefined,
  extra: Partial<types.StaticSelect> = {},
): Block {
  const chosen = options.find((o) => o.value === initial);
  return input(
    f.t,
    id,
    {
      type: "static_select",
      action_id: f.act("value"),
      options,
      ...(chosen ? { initial_option: chosen } : {}),
      ...extra,
    },
    false,
  );
}

const note = (text: string): Block => ({
  type: "context",
  elements: [{ type: "mrkdwn", text }],
});

const section = (text: string): Block => ({ type: "section", text: { type: "mrkdwn", text } });

const MAX_OPTIONS = 100;

function imageBlocks(m: CreateModal, f: Fill): Block[] {
  const chosen = f.values["configuration.docker.image"];
  const groups = m.images.state === "ready" ? m.images.value : [];
  const listed = groups.some((g) => g.images.includes(chosen ?? ""));
  const typed =
    m.meta.typedImage || m.images.state === "unavailable" || (chosen !== undefined && !listed);
  if (typed || groups.length === 0) {
    const notice = {
      loading: f.t("modal.loading"),
      unavailable: f.t("modal.imagesUnavailable"),
      ready: undefined,
    }[m.images.state];
    return [
      ...(notice ? [note(notice)] : []),
      // A new action id: Slack keeps a field's typed state by action id, and a select's state does
      // not fit a text field.
      input(
        f.t,
        "configuration.docker.image",
        {
          type: "plain_text_input",
          action_id: f.act("typed"),
          placeholder: plain(fieldText("configuration.docker.image", f.t).placeholder, 150),
          ...(chosen ? { initial_value: chosen } : {}),
        },
        false,
      ),
    ];
  }
  let room = MAX_OPTIONS - 1;
  const optionGroups = groups
    .map((g) => {
      const options = g.images.slice(0, room).map((i) => option(i));
      room -= options.length;
      return { label: plain(g.label), options };
    })
    .filter((g) => g.options.length > 0);
  optionGroups.push({
    label: plain(f.t("modal.otherGroup")),
    options: [option(OTHER_IMAGE, f.t("modal.otherImage"))],
  });
  const initial = optionGroups.flatMap((g) => g.options).find((o) => o.value === chosen);
  return [
    input(
      f.t,
      "configuration.docker.image",
      {
        type: "static_select",
        action_id: f.act(IMAGE_CHOICE_ACTION),
        placeholder: plain(f.t("modal.chooseImage")),
        option_groups: optionGroups,
        ...(initial ? { initial_option: initial } : {}),
      },
      false,
      true,
    ),
  ];
}

/**
 * The account field exists whenever the operator has not fixed one, so a problem with it always has
 * a place to show. Until the list arrives (or when it cannot), it is a text field with its own
 * action id: Slack keeps a field's typed state by action id, and a select's state fits no text field.
 */
function accountBlocks(m: CreateModal, f: Fill, imagesNoted: boolean): Block[] {
  const typed = (warning: string | undefined) => [
    ...(warning ? [note(warning)] : []),
    input(
      f.t,
      "accountId",
      {
        type: "plain_text_input",
        action_id: f.act("typed"),
        max_length: 22,
        ...(f.values.accountId && f.values.accountId.length <= 22
          ? { initial_value: f.values.accountId }
          : {}),
      },
      false,
    ),
  ];
  switch (m.accounts.state) {
    case "fixed":
      return [];
    case "loading":
      // While the images load too, their note already says the choices are on their way.
      return typed(imagesNoted ? undefined : f.t("modal.accountsLoading"));
    case "unavailable":
      return typed(f.t("modal.accountsUnavailable"));
    case "ready": {
      const accounts = m.accounts.value.slice(0, MAX_OPTIONS);
      const only = accounts.length === 1 ? accounts[0]?.id : undefined;
      const options = accounts.map((a) => option(a.id, a.name));
      const chosen = options.find((o) => o.value === (f.values.accountId ?? only));
      // With several accounts, a choice is sent at once: the workspaces to start from are its own.
      return [
        input(
          f.t,
          "accountId",
          {
            type: "static_select",
            action_id: accounts.length > 1 ? f.act(ACCOUNT_ACTION) : f.act("value"),
            options,
            placeholder: plain(f.t("modal.chooseAccount")),
            ...(chosen ? { initial_option: chosen } : {}),
          },
          false,
          accounts.length > 1,
        ),
      ];
    }
  }
}

function gpuModelField(f: Fill, models: readonly string[]): Block {
  const chosen = f.values["configuration.resource.gpuModel"] ?? models[0];
  return selectField(
    "configuration.resource.gpuModel",
    f,
    models.map((g) => option(g)),
    chosen,
  );
}

/** The choice of preset, first in the form; choosing one fills the form anew (see the listener). */
function presetBlock(m: CreateModal, t: T): Block[] {
  const presets = m.presets.slice(0, MAX_OPTIONS);
  const current = chosenPreset(m.presets, m.meta.preset);
  if (!current) return [];
  // A preset's own words in the reader's language, when the presets file has them.
  const words = (p: Preset) => (t.locale === "ja" && p.ja ? p.ja : p);
  const options = presets.map((p) => option(p.id, words(p).name));
  return [
    {
      type: "section",
      block_id: PRESET_BLOCK,
      text: {
        type: "mrkdwn",
        text: t("modal.preset", { about: escapeText(words(current).about) }),
      },
      accessory: {
        type: "static_select",
        action_id: PRESET_ACTION,
        options,
        initial_option:
          options.find((o) => o.value === current.id) ?? (options[0] as types.PlainTextOption),
      },
    },
  ];
}

/** The preset a form stands for: the one named, or the first (the default). */
export function chosenPreset(
  presets: readonly Preset[],
  id: string | undefined,
): Preset | undefined {
  return presets.find((p) => p.id === id) ?? presets[0];
}

/** Starting from an existing workspace: its settings fill the form, with a new name to type. */
function fromWorkspaceBlock(m: CreateModal, t: T): Block[] {
  switch (m.workspaces.state) {
    case "none":
    case "unavailable":
      return [];
    case "loading":
      return [note(t("modal.workspacesLoading"))];
    case "ready": {
      const options = m.workspaces.value.slice(0, MAX_OPTIONS).map((w) => option(w.id, w.name));
      if (options.length === 0) return [];
      const chosen = options.find((o) => o.value === m.meta.from);
      return [
        {
          type: "section",
          block_id: FROM_WORKSPACE_BLOCK,
          text: { type: "mrkdwn", text: t("modal.fromWorkspace") },
          accessory: {
            type: "static_select",
            action_id: FROM_WORKSPACE_ACTION,
            placeholder: plain(t("modal.fromWorkspacePlaceholder")),
            options,
            ...(chosen ? { initial_option: chosen } : {}),
          },
        },
      ];
    }
  }
}

const notices = (m: CreateModal): Block[] => (m.notice ? [note(m.notice)] : []);

/** The short form: what the preset gives, a name, a few words, the account, and a way to more. */
/** What the short form will ask for, so nobody sends it blind. */
function summary(v: FormValues, t: T): string {
  const count = (id: BlockId) => {
    const n = Number(v[id]);
    return v[id] !== undefined && Number.isFinite(n) ? n : undefined;
  };
  const gb = count("configuration.resource.memoryMb");
  const size = sizeText(
    {
      gpuCount: count("configuration.resource.gpuCount") ?? 1,
      gpuModel: v["configuration.resource.gpuModel"],
      cpuCount: count("configuration.resource.cpuCount"),
      memoryMb: gb === undefined ? undefined : gb * 1024,
    },
    t,
  );
  const run = [v["configuration.docker.command"], v["configuration.docker.args"]]
    .filter(Boolean)
    .join(" ");
  return [
    t("modal.summary", { image: code(v["configuration.docker.image"] ?? "?"), size }),
    ...(run ? [t("modal.summary.starts", { run: code(clip(run, 200)) })] : []),
    t("modal.summary.change"),
  ].join("\n");
}

function shortBlocks(m: CreateModal, f: Fill): Block[] {
  return [
    note(f.t("modal.intro")),
    ...notices(m),
    ...presetBlock(m, f.t),
    note(summary(f.values, f.t)),
    ...fromWorkspaceBlock(m, f.t),
    textField("name", f, { optional: false, max: 15 }),
    textField("description", f, { multiline: true, max: 255 }),
    ...accountBlocks(m, f, false),
    {
      type: "actions",
      block_id: MORE_BLOCK,
      elements: [
        {
          type: "button",
          action_id: MORE_SETTINGS_ACTION,
          text: plain(f.t("modal.moreSettings")),
          value: "more",
        },
      ],
    },
  ];
}

/** Every field, in the order a person thinks about it: what, software, size, then the rest. */
function allBlocks(m: CreateModal, f: Fill): Block[] {
  const { t } = f;
  const hints = {
    gpuCount: t("hint.limit.gpuCount", { max: m.limits.maxGpuCount }),
    cpuCount: t("hint.limit.cpuCount", { max: m.limits.maxCpuCount }),
    memoryGb: t("hint.limit.memoryGb", { max: m.limits.maxMemoryGb }),
  };
  const images = imageBlocks(m, f);
  return [
    note(t("modal.intro")),
    ...notices(m),
    ...presetBlock(m, t),
    ...fromWorkspaceBlock(m, t),
    section(t("modal.section.about")),
    textField("name", f, { optional: false, max: 15 }),
    textField("description", f, { multiline: true, max: 255 }),
    ...accountBlocks(m, f, m.images.state === "loading"),
    section(t("modal.section.software")),
    ...images,
    // Every create carries a command: the preset's, or the one typed here.
    textField("configuration.docker.command", f, { optional: false }),
    textField("configuration.docker.args", f),
    section(t("modal.section.size")),
    gpuModelField(f, m.limits.gpuModels),
    numberField(
      "configuration.resource.gpuCount",
      f,
      { max: m.limits.maxGpuCount, hint: hints.gpuCount },
      false,
    ),
    numberField(
      "configuration.resource.cpuCount",
      f,
      { max: m.limits.maxCpuCount, hint: hints.cpuCount },
      true,
    ),
    numberField(
      "configuration.resource.memoryMb",
      f,
      { max: m.limits.maxMemoryGb, hint: hints.memoryGb },
      true,
    ),
    section(t("modal.section.data")),
    textField("configuration.data.input", f, { multiline: true }),
    textField("configuration.data.output", f, { multiline: true }),
    textField("configuration.docker.workdir", f),
    textField("configuration.docker.env", f, { multiline: true }),
    textField("configuration.docker.exposeTcpPorts", f),
    textField("configuration.queueName", f),
    textField("configuration.userPackageUri", f),
  ];
}

/** The request form: short by default, every field once "More settings" is chosen. */
export function createModal(m: CreateModal): types.ModalView {
  const rev = m.meta.rev ?? 0;
  const t = translator(m.meta.locale);
  const f: Fill = {
    values: m.values,
    act: (base) => (rev > 0 ? `${base}-r${rev}` : base),
    t,
  };
  return {
    type: "modal",
    callback_id: CREATE_CALLBACK_ID,
    private_metadata: seal(m.metaKey, m.meta),
    title: plain(t("modal.title"), 24),
    submit: plain(t("modal.submit"), 24),
    close: plain(t("modal.close"), 24),
    blocks: m.meta.more ? allBlocks(m, f) : shortBlocks(m, f),
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The input blocks a view has, for placing inline errors; whatever the view holds. */
export function inputBlockIds(view: { blocks?: unknown }): string[] {
  if (!Array.isArray(view.blocks)) return [];
  return view.blocks.flatMap((b) =>
    isRecord(b) && b.type === "input" && typeof b.block_id === "string" && b.block_id !== ""
      ? [b.block_id]
      : [],
  );
}

/** The form's meta, when this app sealed it for `userId`; anything else reads as nothing. */
export function readMeta(
  privateMetadata: unknown,
  key: MetaKey,
  userId: string,
): ModalMeta | undefined {
  if (typeof privateMetadata !== "string") return undefined;
  const meta = unseal(key, privateMetadata);
  if (!meta || typeof meta.channelId !== "string" || meta.userId !== userId) return undefined;
  return {
    channelId: meta.channelId,
    userId,
    typedImage: meta.typedImage === true,
    ...(typeof meta.preset === "string" ? { preset: meta.preset } : {}),
    more: meta.more === true,
    ...(typeof meta.from === "string" ? { from: meta.from } : {}),
    rev: typeof meta.rev === "number" && Number.isSafeInteger(meta.rev) ? meta.rev : 0,
    locale: meta.locale === "ja" ? "ja" : "en",
  };
}

/** The text of one element's state, whatever its type: typed text, a number, or a chosen option. */
function elementText(element: unknown): string | undefined {
  if (!isRecord(element)) return undefined;
  const chosen = element.selected_option;
  if (isRecord(chosen) && typeof chosen.value === "string") return chosen.value;
  return typeof element.value === "string" ? element.value : undefined;
}

/**
 * What a person entered, from a view's state: one element per block, whatever its type. Only the
 * fields the view shows count (`present`); a value for a block it does not show is not the form's.
 */
export function readValues(state: unknown, present?: readonly string[]): FormValues {
  const values: FormValues = {};
  if (!isRecord(state)) return values;
  for (const [blockId, actions] of Object.entries(state)) {
    if (present && !present.includes(blockId)) continue;
    if (!(blockIds as readonly string[]).includes(blockId) || !isRecord(actions)) continue;
    const value = elementText(Object.values(actions)[0]);
    if (value !== undefined && value !== OTHER_IMAGE) values[blockId as BlockId] = value;
  }
  return values;
}

/** The preset chosen in the form's state, when a person changed it without the app's update. */
export function statePreset(state: unknown): string | undefined {
  if (!isRecord(state)) return undefined;
  const block = state[PRESET_BLOCK];
  if (!isRecord(block)) return undefined;
  return elementText(Object.values(block)[0]);
}
