import type { Preset } from "../requests/presets.js";
import { blockIds, type FormValues, requestToForm } from "./form.js";

/** A preset as the form's fields would show it. */
export function presetValues(preset: Preset | undefined): FormValues {
  if (!preset) return {};
  return requestToForm({ accountId: "", name: "", configuration: preset.configuration });
}

/**
 * The form after a change of preset: a field the person changed keeps what they typed; a field
 * still holding the old preset's value, or not shown at all, takes the new preset's.
 */
export function switchPreset(
  typed: FormValues,
  shown: readonly string[],
  from: FormValues,
  to: FormValues,
): FormValues {
  const values: FormValues = {};
  for (const id of blockIds) {
    const own = shown.includes(id) && typed[id] !== from[id];
    const value = own ? typed[id] : to[id];
    if (value !== undefined) values[id] = value;
  }
  return values;
}
