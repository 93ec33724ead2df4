import type { CreateRequest } from "../dataforest/create-request.js";
import type { Checked } from "../requests/limits.js";
import type { Preset } from "../requests/presets.js";
import {
  chosenPreset,
  inputBlockIds,
  type ModalMeta,
  readMeta,
  readValues,
  statePreset,
} from "./blocks/modal.js";
import { blockFor, type FormValues, formToRequest, problemsToErrors } from "./form.js";
import { translator } from "./i18n/catalog.js";
import { presetValues, switchPreset } from "./preset-values.js";
import type { MetaKey } from "./signed-meta.js";

/** The part of a view_submission the form's checks read; anything else Slack sends is ignored. */
export type SubmittedView = {
  blocks?: unknown;
  private_metadata?: unknown;
  state?: { values?: unknown };
};

export type Submission =
  | { ok: true; request: CreateRequest; meta: ModalMeta }
  /** Inline errors, keyed only by input blocks the view has. */
  | { ok: false; errors: Record<string, string> }
  /**
   * A view with no field to show an error under, or whose meta this app did not seal for the person
   * sending it: it cannot be this app's form as sent.
   */
  | { ok: false; unusable: true };

export type SubmissionContext = {
  /** Who sends the form, and the key its meta was sealed with. */
  userId: string;
  metaKey: MetaKey;
  /** The API's rules and the operator's bounds. */
  check: (input: unknown) => Checked;
  /** The operator's account: it replaces whatever account a submission carries. */
  fixedAccountId: string | undefined;
  /** The presets: fields the form does not show, or has not updated yet, take the preset's values. */
  presets: readonly Preset[];
};

/**
 * What a form stands for: what its fields hold, and the preset's values for the fields it does not
 * show. A preset chosen just before sending may not have reached the fields yet (the app's update
 * did not come back in time): it counts all the same, over every field the person left as it was.
 */
export function formValues(
  view: SubmittedView,
  meta: ModalMeta,
  presets: readonly Preset[],
): { values: FormValues; present: string[] } {
  const present = inputBlockIds(view);
  const state = view.state?.values;
  const values = switchPreset(
    readValues(state, present),
    present,
    presetValues(chosenPreset(presets, meta.preset)),
    presetValues(chosenPreset(presets, statePreset(state) ?? meta.preset)),
  );
  return { values, present };
}

/**
 * Reads a submitted form into a checked create request, or the inline errors that explain every
 * problem at once. Whatever arrives (a view this app never built, missing blocks, odd element
 * types, any text) ends in one of the two answers, never in an exception.
 */
export function readSubmission(view: SubmittedView, ctx: SubmissionContext): Submission {
  const present = inputBlockIds(view);
  if (present.length === 0) return { ok: false, unusable: true };
  const meta = readMeta(view.private_metadata, ctx.metaKey, ctx.userId);
  if (!meta) return { ok: false, unusable: true };
  const { values } = formValues(view, meta, ctx.presets);
  const { input, problems, lines } = formToRequest(values, { accountId: ctx.fixedAccountId });
  const checked = ctx.check(input);
  // A field that could not be read is reported once, in the words of its format.
  const unread = new Set(problems.map((p) => blockFor(p.path, present) ?? p.path));
  const all = [
    ...problems,
    ...(checked.ok
      ? []
      : checked.problems.filter((p) => !unread.has(blockFor(p.path, present) ?? p.path))),
  ];
  if (all.length > 0 || !checked.ok) {
    return { ok: false, errors: problemsToErrors(all, present, translator(meta.locale), lines) };
  }
  return { ok: true, request: checked.value, meta };
}
