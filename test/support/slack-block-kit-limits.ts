/**
 * Block Kit limits as Slack enforces them, as pure functions so the limits can be unit tested
 * without a server. Problems read like Slack's own: "<what> [json-pointer:/view/title/text]".
 */

import type { JsonObject } from "./fake-slack.js";

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

type Problems = string[];

function report(out: Problems, pointer: string, text: string): void {
  out.push(`${text} [json-pointer:${pointer}]`);
}

function checkString(
  out: Problems,
  value: unknown,
  pointer: string,
  rule: { max: number; required?: boolean; nonEmpty?: boolean },
): void {
  if (value === undefined || value === null) {
    if (rule.required) report(out, pointer, "missing required field");
    return;
  }
  if (typeof value !== "string") {
    report(out, pointer, "must be a string");
    return;
  }
  if (rule.nonEmpty && value.length === 0) report(out, pointer, "must be more than 0 characters");
  if (value.length > rule.max) report(out, pointer, `must be less than ${rule.max + 1} characters`);
}

function checkText(
  out: Problems,
  value: unknown,
  pointer: string,
  rule: { max: number; plainOnly?: boolean; required?: boolean },
): void {
  if (value === undefined || value === null) {
    if (rule.required) report(out, pointer, "missing required field");
    return;
  }
  if (!isObject(value)) {
    report(out, pointer, "must provide an object");
    return;
  }
  const allowed = rule.plainOnly ? ["plain_text"] : ["plain_text", "mrkdwn"];
  if (typeof value.type !== "string" || !allowed.includes(value.type)) {
    report(out, `${pointer}/type`, `must be a valid enum value (${allowed.join(", ")})`);
  }
  checkString(out, value.text, `${pointer}/text`, {
    max: rule.max,
    required: true,
    nonEmpty: true,
  });
}

function checkArray(
  out: Problems,
  value: unknown,
  pointer: string,
  rule: { max: number; min?: number },
): unknown[] | undefined {
  if (!Array.isArray(value)) {
    report(out, pointer, "must provide an array");
    return undefined;
  }
  if (rule.min !== undefined && value.length < rule.min) {
    report(out, pointer, `must provide at least ${rule.min} items`);
  }
  if (value.length > rule.max) report(out, pointer, `no more than ${rule.max} items allowed`);
  return value;
}

/** Option object limits (text 75, value 150, description 75); selects take plain_text only. */
function checkOption(out: Problems, option: unknown, pointer: string, plainOnly: boolean): void {
  if (!isObject(option)) {
    report(out, pointer, "must provide an object");
    return;
  }
  checkText(out, option.text, `${pointer}/text`, { max: 75, plainOnly, required: true });
  checkString(out, option.value, `${pointer}/value`, { max: 150, required: true, nonEmpty: true });
  checkText(out, option.description, `${pointer}/description`, { max: 75, plainOnly: true });
  checkString(out, option.url, `${pointer}/url`, { max: 3000 });
}

function optionKey(option: unknown): string | undefined {
  if (!isObject(option) || typeof option.value !== "string") return undefined;
  const text = isObject(option.text) ? option.text.text : undefined;
  return `${option.value}\u0000${String(text)}`;
}

/** options or option_groups of a select; returns every option, for initial_option(s) checks. */
function checkSelectOptions(out: Problems, element: JsonObject, pointer: string): unknown[] {
  const hasOptions = element.options !== undefined;
  const hasGroups = element.option_groups !== undefined;
  if (hasOptions === hasGroups) {
    report(out, pointer, "must provide exactly one of options or option_groups");
  }
  const all: unknown[] = [];
  if (hasOptions) {
    const options = checkArray(out, element.options, `${pointer}/options`, { max: 100 }) ?? [];
    options.forEach((option, i) => {
      checkOption(out, option, `${pointer}/options/${i}`, true);
    });
    all.push(...options);
  }
  if (hasGroups) {
    const groups =
      checkArray(out, element.option_groups, `${pointer}/option_groups`, { max: 100 }) ?? [];
    groups.forEach((group, g) => {
      const groupPointer = `${pointer}/option_groups/${g}`;
      if (!isObject(group)) {
        report(out, groupPointer, "must provide an object");
        return;
      }
      checkText(out, group.label, `${groupPointer}/label`, {
        max: 75,
        plainOnly: true,
        required: true,
      });
      const options = checkArray(out, group.options, `${groupPointer}/options`, { max: 100 }) ?? [];
      options.forEach((option, i) => {
        checkOption(out, option, `${groupPointer}/options/${i}`, true);
      });
      all.push(...options);
    });
    // Slack counts a select's options across all its groups against the same 100.
    if (all.length > 100) {
      report(
        out,
        `${pointer}/option_groups`,
        `no more than 100 items allowed (${all.length} options across option_groups)`,
      );
    }
  }
  return all;
}

function checkInitialOptions(
  out: Problems,
  chosen: unknown[],
  available: unknown[],
  pointerOf: (index: number) => string,
): void {
  const keys = new Set(available.map(optionKey));
  chosen.forEach((option, i) => {
    if (!keys.has(optionKey(option))) {
      report(out, pointerOf(i), "must exactly match one of the provided options");
    }
  });
}

function isNumeric(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value));
}

const INPUT_ELEMENTS = new Set([
  "plain_text_input",
  "number_input",
  "email_text_input",
  "url_text_input",
  "rich_text_input",
  "static_select",
  "external_select",
  "users_select",
  "conversations_select",
  "channels_select",
  "multi_static_select",
  "multi_external_select",
  "multi_users_select",
  "multi_conversations_select",
  "multi_channels_select",
  "checkboxes",
  "radio_buttons",
  "datepicker",
  "timepicker",
  "datetimepicker",
  "file_input",
]);

const OTHER_ELEMENTS = new Set(["button", "overflow", "image", "workflow_button"]);

function checkElement(out: Problems, element: unknown, pointer: string): void {
  if (!isObject(element)) {
    report(out, pointer, "must provide an object");
    return;
  }
  const type = element.type;
  if (typeof type !== "string" || !(INPUT_ELEMENTS.has(type) || OTHER_ELEMENTS.has(type))) {
    report(out, `${pointer}/type`, `unsupported element type ${JSON.stringify(type)}`);
    return;
  }
  checkString(out, element.action_id, `${pointer}/action_id`, { max: 255 });
  checkText(out, element.placeholder, `${pointer}/placeholder`, { max: 150, plainOnly: true });

  switch (type) {
    case "button":
      checkText(out, element.text, `${pointer}/text`, {
        max: 75,
        plainOnly: true,
        required: true,
      });
      checkString(out, element.value, `${pointer}/value`, { max: 2000 });
      checkString(out, element.url, `${pointer}/url`, { max: 3000 });
      if (
        element.style !== undefined &&
        element.style !== "primary" &&
        element.style !== "danger"
      ) {
        report(out, `${pointer}/style`, "must be a valid enum value (primary, danger)");
      }
      break;
    case "image":
      checkString(out, element.alt_text, `${pointer}/alt_text`, { max: 2000, required: true });
      break;
    case "plain_text_input": {
      const maxLength = element.max_length;
      const minLength = element.min_length;
      if (
        maxLength !== undefined &&
        (typeof maxLength !== "number" || maxLength < 1 || maxLength > 3000)
      ) {
        report(out, `${pointer}/max_length`, "must be a number between 1 and 3000");
      }
      if (
        minLength !== undefined &&
        (typeof minLength !== "number" || minLength < 0 || minLength > 3000)
      ) {
        report(out, `${pointer}/min_length`, "must be a number between 0 and 3000");
      }
      const limit = typeof maxLength === "number" ? maxLength : 3000;
      if (typeof element.initial_value === "string" && element.initial_value.length > limit) {
        report(
          out,
          `${pointer}/initial_value`,
          `must be less than ${limit + 1} characters (max_length is ${limit})`,
        );
      } else if (element.initial_value !== undefined && typeof element.initial_value !== "string") {
        report(out, `${pointer}/initial_value`, "must be a string");
      }
      break;
    }
    case "number_input": {
      if (typeof element.is_decimal_allowed !== "boolean") {
        report(out, `${pointer}/is_decimal_allowed`, "missing required field");
      }
      const numbers: Record<string, number> = {};
      for (const field of ["initial_value", "min_value", "max_value"] as const) {
        const value = element[field];
        if (value === undefined) continue;
        if (!isNumeric(value)) {
          report(out, `${pointer}/${field}`, "must be a string holding a number");
          continue;
        }
        numbers[field] = Number(value);
        if (element.is_decimal_allowed === false && !Number.isInteger(numbers[field])) {
          report(out, `${pointer}/${field}`, "must be an integer when is_decimal_allowed is false");
        }
      }
      const { initial_value: initial, min_value: min, max_value: max } = numbers;
      if (min !== undefined && max !== undefined && min > max) {
        report(out, `${pointer}/min_value`, "must not be greater than max_value");
      }
      if (
        initial !== undefined &&
        ((min !== undefined && initial < min) || (max !== undefined && initial > max))
      ) {
        report(out, `${pointer}/initial_value`, "must be between min_value and max_value");
      }
      break;
    }
    case "static_select":
    case "multi_static_select": {
      const options = checkSelectOptions(out, element, pointer);
      if (element.initial_option !== undefined) {
        checkOption(out, element.initial_option, `${pointer}/initial_option`, true);
        checkInitialOptions(
          out,
          [element.initial_option],
          options,
          () => `${pointer}/initial_option`,
        );
      }
      if (element.initial_options !== undefined) {
        const chosen = checkArray(out, element.initial_options, `${pointer}/initial_options`, {
          max: 100,
        });
        if (chosen) {
          checkInitialOptions(out, chosen, options, (i) => `${pointer}/initial_options/${i}`);
        }
      }
      if (
        element.max_selected_items !== undefined &&
        (typeof element.max_selected_items !== "number" || element.max_selected_items < 1)
      ) {
        report(out, `${pointer}/max_selected_items`, "must be a number of at least 1");
      }
      break;
    }
    case "external_select":
    case "multi_external_select":
      if (element.initial_option !== undefined) {
        checkOption(out, element.initial_option, `${pointer}/initial_option`, true);
      }
      break;
    case "checkboxes":
    case "radio_buttons": {
      const options = checkArray(out, element.options, `${pointer}/options`, { max: 10, min: 1 });
      options?.forEach((option, i) => {
        checkOption(out, option, `${pointer}/options/${i}`, false);
      });
      break;
    }
    case "overflow": {
      const options = checkArray(out, element.options, `${pointer}/options`, { max: 5, min: 2 });
      options?.forEach((option, i) => {
        checkOption(out, option, `${pointer}/options/${i}`, true);
      });
      break;
    }
    default:
      break;
  }
}

function checkBlock(out: Problems, block: unknown, pointer: string): void {
  if (!isObject(block)) {
    report(out, pointer, "must provide an object");
    return;
  }
  checkString(out, block.block_id, `${pointer}/block_id`, { max: 255 });
  switch (block.type) {
    case "section": {
      if (block.text === undefined && block.fields === undefined) {
        report(out, pointer, "must provide text or fields");
      }
      checkText(out, block.text, `${pointer}/text`, { max: 3000 });
      if (block.fields !== undefined) {
        const fields = checkArray(out, block.fields, `${pointer}/fields`, { max: 10 });
        fields?.forEach((field, i) => {
          checkText(out, field, `${pointer}/fields/${i}`, { max: 2000, required: true });
        });
      }
      if (block.accessory !== undefined) checkElement(out, block.accessory, `${pointer}/accessory`);
      break;
    }
    case "header":
      checkText(out, block.text, `${pointer}/text`, { max: 150, plainOnly: true, required: true });
      break;
    case "context": {
      const elements = checkArray(out, block.elements, `${pointer}/elements`, { max: 10, min: 1 });
      elements?.forEach((element, i) => {
        const at = `${pointer}/elements/${i}`;
        if (isObject(element) && element.type === "image") checkElement(out, element, at);
        else checkText(out, element, at, { max: 3000, required: true });
      });
      break;
    }
    case "actions": {
      const elements = checkArray(out, block.elements, `${pointer}/elements`, { max: 25, min: 1 });
      const actionIds = new Set<string>();
      elements?.forEach((element, i) => {
        checkElement(out, element, `${pointer}/elements/${i}`);
        if (isObject(element) && typeof element.action_id === "string") {
          if (actionIds.has(element.action_id)) {
            report(
              out,
              `${pointer}/elements/${i}/action_id`,
              "action_id must be unique in a block",
            );
          }
          actionIds.add(element.action_id);
        }
      });
      break;
    }
    case "input": {
      checkText(out, block.label, `${pointer}/label`, {
        max: 2000,
        plainOnly: true,
        required: true,
      });
      checkText(out, block.hint, `${pointer}/hint`, { max: 2000, plainOnly: true });
      // An input holds exactly one element, in `element`; an `elements` array is a common mistake.
      if (block.elements !== undefined) {
        report(out, `${pointer}/elements`, "input blocks take exactly one element, in `element`");
      }
      if (block.element === undefined) {
        report(
          out,
          `${pointer}/element`,
          "missing required field: input blocks take exactly one element",
        );
      } else if (Array.isArray(block.element)) {
        report(
          out,
          `${pointer}/element`,
          "must provide an object: input blocks take exactly one element",
        );
      } else {
        checkElement(out, block.element, `${pointer}/element`);
        const type = isObject(block.element) ? block.element.type : undefined;
        if (typeof type === "string" && !INPUT_ELEMENTS.has(type)) {
          report(out, `${pointer}/element/type`, `${type} is not allowed in an input block`);
        }
      }
      break;
    }
    case "image":
      checkString(out, block.alt_text, `${pointer}/alt_text`, { max: 2000, required: true });
      checkText(out, block.title, `${pointer}/title`, { max: 2000, plainOnly: true });
      if (block.image_url === undefined && block.slack_file === undefined) {
        report(out, pointer, "must provide image_url or slack_file");
      }
      break;
    case "markdown":
      checkString(out, block.text, `${pointer}/text`, {
        max: 12000,
        required: true,
        nonEmpty: true,
      });
      break;
    case "divider":
    case "rich_text":
    case "video":
    case "file":
    case "context_actions":
      break;
    default:
      report(
        out,
        `${pointer}/type`,
        `failed to match all allowed schemas (unknown block type ${JSON.stringify(block.type)})`,
      );
  }
}

function checkBlocks(out: Problems, blocks: unknown, pointer: string, max: number): void {
  const list = checkArray(out, blocks, pointer, { max });
  if (!list) return;
  const seen = new Map<string, number>();
  list.forEach((block, i) => {
    checkBlock(out, block, `${pointer}/${i}`);
    if (isObject(block) && typeof block.block_id === "string") {
      const first = seen.get(block.block_id);
      if (first !== undefined) {
        report(
          out,
          `${pointer}/${i}/block_id`,
          `duplicate block_id ${JSON.stringify(block.block_id)} (also at ${pointer}/${first})`,
        );
      } else {
        seen.set(block.block_id, i);
      }
    }
  });
}

/**
 * Problems Slack would report for a modal (views.open/update/push): empty when Slack accepts it.
 * Checks title/submit/close (24), blocks (100), block_id uniqueness, block and element limits,
 * private_metadata (3000), callback_id and external_id (255), and a submit button whenever the
 * modal has input blocks.
 */
export function validateView(view: unknown): string[] {
  const out: Problems = [];
  if (!isObject(view)) {
    report(out, "/view", "must provide an object");
    return out;
  }
  if (view.type !== "modal" && view.type !== "home") {
    report(out, "/view/type", "must be a valid enum value (modal, home)");
  }
  if (view.type === "modal") {
    checkText(out, view.title, "/view/title", { max: 24, plainOnly: true, required: true });
  }
  checkText(out, view.submit, "/view/submit", { max: 24, plainOnly: true });
  checkText(out, view.close, "/view/close", { max: 24, plainOnly: true });
  checkString(out, view.private_metadata, "/view/private_metadata", { max: 3000 });
  checkString(out, view.callback_id, "/view/callback_id", { max: 255 });
  checkString(out, view.external_id, "/view/external_id", { max: 255 });
  checkBlocks(out, view.blocks, "/view/blocks", 100);
  const hasInput =
    Array.isArray(view.blocks) &&
    view.blocks.some((block) => isObject(block) && block.type === "input");
  if (view.type === "modal" && hasInput && view.submit === undefined) {
    report(out, "/view/submit", "must provide submit when the view contains input blocks");
  }
  return out;
}

/** Problems Slack would report for a message's blocks (at most 50; same block rules as views). */
export function validateMessageBlocks(blocks: unknown): string[] {
  const out: Problems = [];
  checkBlocks(out, blocks, "/blocks", 50);
  return out;
}
