/**
 * A fake Slack Web API for end-to-end tests: a real HTTP server that the real Bolt app's WebClient
 * is pointed at (`slackApiUrl`). It answers the methods the app uses the way Slack does, refuses
 * what real Slack refuses (Block Kit limits, stale or reused trigger ids, hash conflicts), keeps
 * the current state of every message and view so a test can look at what a person would see, and
 * lets a test inject one-off failures.
 */

import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type JsonObject = Record<string, unknown>;

/** Ids the fake uses for its workspace, app and bot; the request builders default to the same. */
export const fakeSlackDefaults = {
  teamId: "T0FAKETEAM",
  teamDomain: "fake-team",
  teamName: "Fake Team",
  appId: "A0FAKEAPP1",
  botUserId: "U0FAKEBOT1",
  botId: "B0FAKEBOT1",
  botName: "aiworkspace-bot",
} as const;

export type FakeUser = {
  name?: string;
  real_name?: string;
  display_name?: string;
  email?: string;
  tz?: string;
  deleted?: boolean;
  is_bot?: boolean;
};

export type FakeChannel = {
  name?: string;
  is_private?: boolean;
  /** false: chat.postMessage answers `not_in_channel`, as Slack does when the bot was not invited. */
  is_member?: boolean;
  is_archived?: boolean;
};

export type FakeSlackOptions = {
  /** When set, only this bot token (or `appToken`) is accepted; any other answers `invalid_auth`. */
  botToken?: string;
  /** When set, apps.connections.open accepts only this app-level token. */
  appToken?: string;
  teamId?: string;
  teamDomain?: string;
  appId?: string;
  botUserId?: string;
  botId?: string;
  /** usergroup id -> member user ids, for usergroups.users.list. */
  usergroups?: Record<string, string[]>;
  /** user id -> profile; ids not listed still resolve to a generated user ("User U123"). */
  users?: Record<string, FakeUser>;
  /** channel id -> facts; ids not listed resolve to a public channel the bot is a member of. */
  channels?: Record<string, FakeChannel>;
  /** Accept any non-empty trigger_id, any number of times, at any age. */
  allowAnyTrigger?: boolean;
  /** How long an issued trigger id stays usable; Slack's is 3 s. */
  triggerTtlMs?: number;
  /** What apps.connections.open answers as `url`; a function is read on every call. */
  socketModeUrl?: string | (() => string);
};

/** One recorded request, whatever its outcome. */
export type SlackCall = {
  method: string;
  /** Arguments as the method saw them; JSON-encoded form fields (blocks, view, ...) are decoded. */
  args: JsonObject;
  token: string | undefined;
  /** Date.now() when the request arrived. */
  at: number;
  /** HTTP status of the answer (200 unless a failure was injected). */
  status: number;
  /** The answer body sent back (for response_url posts, `{ok: true}`). */
  answer: unknown;
};

export type InjectedFailure =
  | string
  | {
      status: number;
      /** Defaults to `{ok: false, error: "fatal_error"}`; strings are sent as they are. */
      body?: unknown;
      /** Seconds, sent as the Retry-After header (what WebClient reads on 429). */
      retryAfter?: number;
    };

export type FakeMessage = {
  type: "message";
  channel: string;
  ts: string;
  text: string;
  blocks?: JsonObject[];
  attachments?: unknown[];
  metadata?: unknown;
  thread_ts?: string;
  reply_count?: number;
  reply_users?: string[];
  latest_reply?: string;
  user: string;
  bot_id: string;
  app_id: string;
  team: string;
  edited?: { user: string; ts: string };
};

export type FakeEphemeral = {
  channel: string | undefined;
  user: string | undefined;
  text: string;
  blocks?: JsonObject[];
  thread_ts?: string;
  message_ts: string;
  via: "chat.postEphemeral" | "response_url";
};

export type StateValues = Record<string, Record<string, JsonObject>>;

export type FakeView = {
  id: string;
  team_id: string;
  type: string;
  title?: JsonObject;
  submit?: JsonObject;
  close?: JsonObject;
  blocks: JsonObject[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: StateValues };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  previous_view_id: string | null;
  root_view_id: string;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
};

export type FakeSlack = {
  /** Web API base for WebClient's `slackApiUrl`, e.g. `http://127.0.0.1:41234/api/`. */
  url: string;
  /** `http://127.0.0.1:<port>`, where response URLs live too. */
  origin: string;
  /** Every request so far, oldest first (a live array). */
  calls: SlackCall[];
  callsOf(method: string): SlackCall[];
  /**
   * The first call (already made or still to come) of `method` that matches `predicate`.
   * Rejects after `timeoutMs` (default 2000) with the list of calls seen so far.
   */
  waitFor(
    method: string,
    predicate?: (call: SlackCall) => boolean,
    timeoutMs?: number,
  ): Promise<SlackCall>;
  /**
   * A trigger id as Slack puts in a command or interaction payload: usable once, for
   * `triggerTtlMs`. `ageMs` back-dates it (a stale trigger without waiting); `viewId` ties it to
   * an open view, so views.push stacks on that view.
   */
  issueTriggerId(options?: { ageMs?: number; viewId?: string }): string;
  /**
   * A response_url served by this fake. Posts to it are recorded as calls of method
   * `response_url`; with `channel` and `messageTs`, replace_original/delete_original act on
   * that message, as Slack's do for an interaction on a message.
   */
  issueResponseUrl(options?: { channel?: string; messageTs?: string; userId?: string }): string;
  /** The next call of `method` fails this way (queued: several calls fail in order). */
  failNext(method: string, failure: InjectedFailure): void;
  messages(): FakeMessage[];
  message(channel: string, ts: string): FakeMessage | undefined;
  /** Replies in a thread, oldest first, without the parent. */
  threadReplies(channel: string, threadTs: string): FakeMessage[];
  ephemerals(): FakeEphemeral[];
  view(id: string): FakeView | undefined;
  views(): FakeView[];
  /** Forget recorded calls (state of messages and views is kept). */
  clearCalls(): void;
  close(): Promise<void>;
};

// ---------------------------------------------------------------------------------------------
// Block Kit validation: pure functions, so the limits can be unit tested without a server.
// Problems read like Slack's own: "<what> [json-pointer:/view/title/text]".
// ---------------------------------------------------------------------------------------------

const isObject = (value: unknown): value is JsonObject =>
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

// ---------------------------------------------------------------------------------------------
// The server.
// ---------------------------------------------------------------------------------------------

/** Form fields that WebClient sends as JSON strings and Slack decodes. */
const JSON_FIELDS = new Set([
  "blocks",
  "attachments",
  "view",
  "metadata",
  "unfurls",
  "user_auth_blocks",
]);

type ParsedRequest = { args: JsonObject; token: string | undefined; badJson: string[] };

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

type Handler = (
  args: JsonObject,
  call: { token: string | undefined; badJson: string[] },
) => JsonObject;

const fail = (error: string, extra: JsonObject = {}): JsonObject => ({
  ok: false,
  error,
  ...extra,
});

const invalidArguments = (problems: string[]): JsonObject =>
  fail("invalid_arguments", {
    response_metadata: { messages: problems.map((problem) => `[ERROR] ${problem}`) },
  });

const invalidBlocks = (problems: string[]): JsonObject =>
  fail("invalid_blocks", {
    errors: problems,
    response_metadata: { messages: problems.map((problem) => `[ERROR] ${problem}`) },
  });

function str(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

function truthy(value: unknown): boolean {
  return value === true || value === "true" || value === "1" || value === 1;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseRequest(req: IncomingMessage, raw: string, query: URLSearchParams): ParsedRequest {
  const args: JsonObject = {};
  const badJson: string[] = [];
  for (const [key, value] of query) args[key] = value;
  const contentType = (req.headers["content-type"] ?? "").toLowerCase();
  let bodyToken: string | undefined;
  if (contentType.startsWith("application/json")) {
    // Slack ignores a token in a JSON body: JSON callers must use the Authorization header.
    const parsed: unknown = raw.trim() === "" ? {} : JSON.parse(raw);
    if (isObject(parsed)) Object.assign(args, parsed);
  } else if (raw !== "") {
    for (const [key, value] of new URLSearchParams(raw)) args[key] = value;
    bodyToken = str(args.token);
  }
  for (const key of JSON_FIELDS) {
    const value = args[key];
    if (typeof value !== "string") continue;
    try {
      args[key] = JSON.parse(value);
    } catch {
      badJson.push(key);
    }
  }
  delete args.token;
  const header = req.headers.authorization;
  const headerToken = header?.startsWith("Bearer ")
    ? header.slice("Bearer ".length).trim()
    : undefined;
  return { args, token: headerToken || bodyToken, badJson };
}

function randomId(prefix: string, length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  const bytes = randomBytes(length);
  let id = prefix;
  for (const byte of bytes) id += alphabet[byte % alphabet.length];
  return id;
}

const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

const clone = <T>(value: T): T => structuredClone(value);

/**
 * Slack fills in a block_id for every block and an action_id for every interactive element that
 * lacks one; doing the same lets tests address every input of a stored view.
 */
function fillIds(blocks: JsonObject[]): JsonObject[] {
  return blocks.map((original) => {
    const block = clone(original);
    if (typeof block.block_id !== "string") block.block_id = randomId("", 5);
    const fill = (element: unknown) => {
      if (isObject(element) && typeof element.action_id !== "string" && element.type !== "image") {
        element.action_id = randomId("", 5);
      }
    };
    if (block.type === "input") fill(block.element);
    if (block.type === "section") fill(block.accessory);
    if (block.type === "actions" && Array.isArray(block.elements)) block.elements.forEach(fill);
    return block;
  });
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const team = {
    id: options.teamId ?? fakeSlackDefaults.teamId,
    domain: options.teamDomain ?? fakeSlackDefaults.teamDomain,
  };
  const appId = options.appId ?? fakeSlackDefaults.appId;
  const botUserId = options.botUserId ?? fakeSlackDefaults.botUserId;
  const botId = options.botId ?? fakeSlackDefaults.botId;
  const triggerTtlMs = options.triggerTtlMs ?? 3000;

  const calls: SlackCall[] = [];
  const waiters = new Set<(call: SlackCall) => void>();
  const failures = new Map<string, InjectedFailure[]>();
  const messages = new Map<string, FakeMessage>();
  const ephemerals: FakeEphemeral[] = [];
  const views = new Map<string, FakeView>();
  const triggers = new Map<string, { issuedAt: number; used: boolean; viewId?: string }>();
  const responseUrls = new Map<string, { channel?: string; messageTs?: string; userId?: string }>();
  let tsCounter = 0;
  let viewCounter = 0;
  let origin = "";

  const key = (channel: string, ts: string) => `${channel}|${ts}`;

  // Message timestamps increase like Slack's ("1700000000.000100", "1700000000.000200", ...).
  const nextTs = (): string => {
    tsCounter += 1;
    const micros = tsCounter * 100;
    const seconds = 1_700_000_000 + Math.floor(micros / 1_000_000);
    return `${seconds}.${String(micros % 1_000_000).padStart(6, "0")}`;
  };

  const nextHash = (): string =>
    `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString("hex")}`;

  const channelFacts = (channel: string): FakeChannel | undefined => {
    if (options.channels?.[channel]) return options.channels[channel];
    return CHANNEL_ID.test(channel) ? {} : undefined;
  };

  /** Slack answers a post to a user id in the bot's DM channel with that user. */
  const resolveChannel = (channel: string): string =>
    USER_ID.test(channel) ? `D${channel.slice(1)}` : channel;

  const botMessageFields = () => ({ user: botUserId, bot_id: botId, app_id: appId, team: team.id });

  const checkMessageContent = (
    args: JsonObject,
    call: { badJson: string[] },
  ): JsonObject | undefined => {
    if (call.badJson.includes("blocks")) return fail("invalid_blocks_format");
    if (call.badJson.includes("attachments")) return fail("invalid_attachments");
    const text = str(args.text);
    const hasBlocks = Array.isArray(args.blocks) && args.blocks.length > 0;
    const hasAttachments = Array.isArray(args.attachments) && args.attachments.length > 0;
    if (!text && !hasBlocks && !hasAttachments) return fail("no_text");
    if (text && text.length > 40_000) return fail("msg_too_long");
    if (args.blocks !== undefined) {
      const problems = validateMessageBlocks(args.blocks);
      if (problems.length > 0) return invalidBlocks(problems);
    }
    return undefined;
  };

  type TriggerUse = { refused: JsonObject } | { refused?: undefined; viewId: string | undefined };

  const takeTrigger = (triggerId: string | undefined): TriggerUse => {
    if (!triggerId) {
      return {
        refused: invalidArguments([
          "missing required field: trigger_id [json-pointer:/trigger_id]",
        ]),
      };
    }
    if (options.allowAnyTrigger) return { viewId: triggers.get(triggerId)?.viewId };
    const trigger = triggers.get(triggerId);
    if (!trigger) return { refused: fail("invalid_trigger_id") };
    if (trigger.used) return { refused: fail("exchanged_trigger_id") };
    if (Date.now() - trigger.issuedAt > triggerTtlMs)
      return { refused: fail("expired_trigger_id") };
    trigger.used = true;
    return { viewId: trigger.viewId };
  };

  const checkViewArgs = (args: JsonObject, call: { badJson: string[] }): JsonObject | undefined => {
    if (call.badJson.includes("view")) {
      return invalidArguments(["invalid JSON [json-pointer:/view]"]);
    }
    if (args.view === undefined)
      return invalidArguments(["missing required field: view [json-pointer:/view]"]);
    if (JSON.stringify(args.view).length > 250_000) return fail("view_too_large");
    const problems = validateView(args.view);
    return problems.length > 0 ? invalidArguments(problems) : undefined;
  };

  const externalIdTaken = (externalId: string, exceptId?: string): boolean =>
    externalId !== "" &&
    [...views.values()].some((v) => v.external_id === externalId && v.id !== exceptId);

  const buildView = (input: JsonObject, id: string, previous: FakeView | undefined): FakeView => {
    const blocks = fillIds(Array.isArray(input.blocks) ? (input.blocks as JsonObject[]) : []);
    return {
      ...(clone(input) as JsonObject),
      id,
      team_id: team.id,
      type: String(input.type),
      title: isObject(input.title) ? clone(input.title) : undefined,
      submit: isObject(input.submit) ? clone(input.submit) : undefined,
      close: isObject(input.close) ? clone(input.close) : undefined,
      blocks,
      private_metadata: str(input.private_metadata) ?? "",
      callback_id: str(input.callback_id) ?? "",
      external_id: str(input.external_id) ?? "",
      state: { values: {} },
      hash: nextHash(),
      clear_on_close: truthy(input.clear_on_close),
      notify_on_close: truthy(input.notify_on_close),
      previous_view_id: previous?.id ?? null,
      root_view_id: previous?.root_view_id ?? id,
      app_id: appId,
      app_installed_team_id: team.id,
      bot_id: botId,
    };
  };

  const openView = (args: JsonObject, call: { badJson: string[] }, push: boolean): JsonObject => {
    const invalid = checkViewArgs(args, call);
    if (invalid) return invalid;
    const input = args.view as JsonObject;
    if (input.type !== "modal") {
      return invalidArguments([
        "must be modal for views.open and views.push [json-pointer:/view/type]",
      ]);
    }
    const externalId = str(input.external_id) ?? "";
    if (externalIdTaken(externalId)) return fail("duplicate_external_id");
    let previous: FakeView | undefined;
    // Check the stack before spending the trigger.
    const triggerId = str(args.trigger_id) ?? str(args.interactivity_pointer);
    if (push) {
      const parentId = triggerId ? triggers.get(triggerId)?.viewId : undefined;
      previous = parentId ? views.get(parentId) : undefined;
      let depth = 0;
      for (let v = previous; v; v = v.previous_view_id ? views.get(v.previous_view_id) : undefined)
        depth += 1;
      if (depth >= 3) return fail("push_limit_reached");
    }
    const trigger = takeTrigger(triggerId);
    if (trigger.refused) return trigger.refused;
    viewCounter += 1;
    const id = `V${String(viewCounter).padStart(4, "0")}${randomId("", 6)}`;
    const view = buildView(input, id, previous);
    views.set(id, view);
    return { ok: true, view: clone(view) };
  };

  const handlers: Record<string, Handler> = {
    "auth.test": () => ({
      ok: true,
      url: `https://${team.domain}.slack.com/`,
      team: fakeSlackDefaults.teamName,
      user: fakeSlackDefaults.botName,
      team_id: team.id,
      user_id: botUserId,
      bot_id: botId,
      is_enterprise_install: false,
    }),

    "chat.postMessage": (args, call) => {
      const requested = str(args.channel);
      if (!requested) return fail("channel_not_found");
      const channel = resolveChannel(requested);
      const facts = USER_ID.test(requested) ? {} : channelFacts(requested);
      if (!facts) return fail("channel_not_found");
      if (facts.is_archived) return fail("is_archived");
      if (facts.is_member === false) return fail("not_in_channel");
      const invalid = checkMessageContent(args, call);
      if (invalid) return invalid;
      const ts = nextTs();
      const threadTs = str(args.thread_ts);
      const message: FakeMessage = {
        type: "message",
        channel,
        ts,
        text: str(args.text) ?? "",
        ...botMessageFields(),
      };
      if (Array.isArray(args.blocks)) message.blocks = fillIds(args.blocks as JsonObject[]);
      if (Array.isArray(args.attachments)) message.attachments = clone(args.attachments);
      if (args.metadata !== undefined) message.metadata = clone(args.metadata);
      if (threadTs) {
        message.thread_ts = threadTs;
        const parent = messages.get(key(channel, threadTs));
        if (parent) {
          parent.thread_ts = threadTs;
          parent.reply_count = (parent.reply_count ?? 0) + 1;
          parent.reply_users = [...new Set([...(parent.reply_users ?? []), botUserId])];
          parent.latest_reply = ts;
        }
      }
      messages.set(key(channel, ts), message);
      const { channel: _channel, ...shown } = message;
      return { ok: true, channel, ts, message: clone(shown) };
    },

    "chat.update": (args, call) => {
      const channel = str(args.channel);
      const ts = str(args.ts);
      if (!channel || !channelFacts(channel)) return fail("channel_not_found");
      if (!ts) return fail("message_not_found");
      const message = messages.get(key(channel, ts));
      if (!message) return fail("message_not_found");
      const invalid = checkMessageContent(args, call);
      if (invalid) return invalid;
      if (args.text !== undefined) message.text = str(args.text) ?? "";
      // As in Slack, blocks or attachments left out keep their previous value; [] removes them.
      if (Array.isArray(args.blocks)) {
        if (args.blocks.length > 0) message.blocks = fillIds(args.blocks as JsonObject[]);
        else delete message.blocks;
      }
      if (Array.isArray(args.attachments)) message.attachments = clone(args.attachments);
      if (args.metadata !== undefined) message.metadata = clone(args.metadata);
      message.edited = { user: botUserId, ts: nextTs() };
      const { channel: _channel, ...shown } = message;
      return { ok: true, channel, ts, text: message.text, message: clone(shown) };
    },

    "chat.postEphemeral": (args, call) => {
      const channel = str(args.channel);
      const user = str(args.user);
      if (!channel || !channelFacts(resolveChannel(channel))) return fail("channel_not_found");
      if (!user) return fail("user_not_found");
      const invalid = checkMessageContent(args, call);
      if (invalid) return invalid;
      const messageTs = nextTs();
      const ephemeral: FakeEphemeral = {
        channel,
        user,
        text: str(args.text) ?? "",
        message_ts: messageTs,
        via: "chat.postEphemeral",
      };
      if (Array.isArray(args.blocks)) ephemeral.blocks = clone(args.blocks as JsonObject[]);
      const threadTs = str(args.thread_ts);
      if (threadTs) ephemeral.thread_ts = threadTs;
      ephemerals.push(ephemeral);
      return { ok: true, message_ts: messageTs };
    },

    "chat.getPermalink": (args) => {
      const channel = str(args.channel);
      const ts = str(args.message_ts);
      if (!channel || !channelFacts(channel)) return fail("channel_not_found");
      const message = ts ? messages.get(key(channel, ts)) : undefined;
      if (!message || !ts) return fail("message_not_found");
      let permalink = `https://${team.domain}.slack.com/archives/${channel}/p${ts.replace(".", "")}`;
      if (message.thread_ts && message.thread_ts !== ts) {
        permalink += `?thread_ts=${message.thread_ts}&cid=${channel}`;
      }
      return { ok: true, channel, permalink };
    },

    "views.open": (args, call) => openView(args, call, false),

    "views.push": (args, call) => openView(args, call, true),

    "views.update": (args, call) => {
      const viewId = str(args.view_id);
      const externalId = str(args.external_id);
      if (!viewId && !externalId) {
        return invalidArguments(["must provide view_id or external_id [json-pointer:/view_id]"]);
      }
      const existing = viewId
        ? views.get(viewId)
        : [...views.values()].find((v) => v.external_id === externalId);
      if (!existing) return fail("not_found");
      const invalid = checkViewArgs(args, call);
      if (invalid) return invalid;
      const hash = str(args.hash);
      if (hash !== undefined && hash !== existing.hash) return fail("hash_conflict");
      const input = args.view as JsonObject;
      const newExternalId = str(input.external_id) ?? existing.external_id;
      if (externalIdTaken(newExternalId, existing.id)) return fail("duplicate_external_id");
      const previous = existing.previous_view_id ? views.get(existing.previous_view_id) : undefined;
      const updated = buildView({ ...input, external_id: newExternalId }, existing.id, previous);
      updated.root_view_id = existing.root_view_id;
      // What a person typed survives an update for inputs that keep their block_id.
      const kept = new Set(updated.blocks.map((block) => block.block_id));
      for (const [blockId, value] of Object.entries(existing.state.values)) {
        if (kept.has(blockId)) updated.state.values[blockId] = value;
      }
      views.set(existing.id, updated);
      return { ok: true, view: clone(updated) };
    },

    "usergroups.users.list": (args) => {
      const usergroup = str(args.usergroup);
      const members = usergroup ? options.usergroups?.[usergroup] : undefined;
      if (!members) return fail("no_such_subteam");
      return { ok: true, users: [...members] };
    },

    "users.info": (args) => {
      const id = str(args.user);
      if (!id) return fail("user_not_found");
      const known = options.users?.[id];
      if (!known && !USER_ID.test(id)) return fail("user_not_found");
      const name = known?.name ?? id.toLowerCase();
      const realName = known?.real_name ?? `User ${id}`;
      const displayName = known?.display_name ?? realName;
      return {
        ok: true,
        user: {
          id,
          team_id: team.id,
          name,
          real_name: realName,
          deleted: known?.deleted ?? false,
          is_bot: known?.is_bot ?? false,
          tz: known?.tz ?? "Asia/Seoul",
          profile: {
            real_name: realName,
            real_name_normalized: realName,
            display_name: displayName,
            display_name_normalized: displayName,
            ...(known?.email ? { email: known.email } : {}),
          },
        },
      };
    },

    "conversations.info": (args) => {
      const id = str(args.channel);
      const facts = id ? channelFacts(id) : undefined;
      if (!id || !facts) return fail("channel_not_found");
      const isIm = id.startsWith("D");
      return {
        ok: true,
        channel: {
          id,
          name: facts.name ?? `channel-${id.toLowerCase()}`,
          is_channel: !isIm && !facts.is_private,
          is_group: !!facts.is_private,
          is_im: isIm,
          is_private: !!facts.is_private || isIm,
          is_member: facts.is_member ?? true,
          is_archived: facts.is_archived ?? false,
          created: 1_690_000_000,
        },
      };
    },

    "apps.connections.open": () => {
      const configured = options.socketModeUrl;
      const url =
        typeof configured === "function"
          ? configured()
          : (configured ??
            `wss://wss-primary.slack.com/link/?ticket=${randomId("", 16)}&app_id=${appId}`);
      return { ok: true, url };
    },
  };

  /** Slack's token rules: missing -> not_authed; an app-level token only opens sockets. */
  const checkAuth = (method: string, token: string | undefined): JsonObject | undefined => {
    if (!token) return fail("not_authed");
    const isAppToken = token.startsWith("xapp-");
    if (method === "apps.connections.open") {
      if (!isAppToken) return fail("not_allowed_token_type");
      if (options.appToken !== undefined && token !== options.appToken) return fail("invalid_auth");
      return undefined;
    }
    if (isAppToken) {
      if (method !== "auth.test") return fail("not_allowed_token_type");
      if (options.appToken !== undefined && token !== options.appToken) return fail("invalid_auth");
      return undefined;
    }
    if (options.botToken !== undefined && token !== options.botToken) return fail("invalid_auth");
    return undefined;
  };

  const injected = (failure: InjectedFailure): Answer => {
    if (typeof failure === "string") return { status: 200, body: fail(failure) };
    const headers: Record<string, string> = {};
    if (failure.retryAfter !== undefined) headers["retry-after"] = String(failure.retryAfter);
    return { status: failure.status, body: failure.body ?? fail("fatal_error"), headers };
  };

  const record = (call: SlackCall) => {
    calls.push(call);
    for (const waiter of [...waiters]) waiter(call);
  };

  const answerApi = (method: string, parsed: ParsedRequest): Answer => {
    const queued = failures.get(method);
    const failure = queued?.shift();
    if (failure !== undefined) return injected(failure);
    const handler = handlers[method];
    if (!handler) {
      return {
        status: 200,
        body: fail("unknown_method", {
          req_method: method,
          response_metadata: { messages: [`[ERROR] the fake Slack does not implement ${method}`] },
        }),
      };
    }
    const denied = checkAuth(method, parsed.token);
    if (denied) return { status: 200, body: denied };
    return { status: 200, body: handler(parsed.args, parsed) };
  };

  const answerResponseUrl = (id: string, body: JsonObject): Answer => {
    const target = responseUrls.get(id);
    if (!target) return { status: 404, body: fail("no_active_hooks") };
    const text = str(body.text) ?? "";
    const blocks = Array.isArray(body.blocks) ? (body.blocks as JsonObject[]) : undefined;
    if (blocks) {
      const problems = validateMessageBlocks(blocks);
      if (problems.length > 0) return { status: 400, body: invalidBlocks(problems) };
    }
    const existing =
      target.channel && target.messageTs
        ? messages.get(key(target.channel, target.messageTs))
        : undefined;
    if (truthy(body.delete_original)) {
      if (existing && target.channel && target.messageTs)
        messages.delete(key(target.channel, target.messageTs));
    } else if (truthy(body.replace_original) && existing) {
      existing.text = text;
      if (blocks) existing.blocks = fillIds(blocks);
      else delete existing.blocks;
      existing.edited = { user: botUserId, ts: nextTs() };
    } else if (body.response_type === "in_channel" && target.channel) {
      const ts = nextTs();
      const message: FakeMessage = {
        type: "message",
        channel: target.channel,
        ts,
        text,
        ...botMessageFields(),
      };
      if (blocks) message.blocks = fillIds(blocks);
      const threadTs = str(body.thread_ts);
      if (threadTs) message.thread_ts = threadTs;
      messages.set(key(target.channel, ts), message);
    } else {
      const ephemeral: FakeEphemeral = {
        channel: target.channel,
        user: target.userId,
        text,
        message_ts: nextTs(),
        via: "response_url",
      };
      if (blocks) ephemeral.blocks = clone(blocks);
      ephemerals.push(ephemeral);
    }
    return { status: 200, body: { ok: true } };
  };

  const send = (res: ServerResponse, answer: Answer) => {
    const payload = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      "content-type":
        typeof answer.body === "string"
          ? "text/plain; charset=utf-8"
          : "application/json; charset=utf-8",
      ...answer.headers,
    });
    res.end(payload);
  };

  const server = createServer((req, res) => {
    const at = Date.now();
    readBody(req)
      .then((raw) => {
        const url = new URL(req.url ?? "/", "http://127.0.0.1");
        const isApi = url.pathname.startsWith("/api/");
        const isResponseUrl = url.pathname.startsWith("/response/");
        const method = isApi
          ? decodeURIComponent(url.pathname.slice("/api/".length))
          : isResponseUrl
            ? "response_url"
            : url.pathname;
        let parsed: ParsedRequest = { args: {}, token: undefined, badJson: [] };
        let answer: Answer;
        try {
          parsed = parseRequest(req, raw, url.searchParams);
          if (isApi) answer = answerApi(method, parsed);
          else if (isResponseUrl) {
            answer = answerResponseUrl(url.pathname.slice("/response/".length), parsed.args);
          } else answer = { status: 404, body: "not found" };
        } catch (error) {
          // A JSON body that does not parse is the caller's fault; anything else is a bug here,
          // answered like a Slack outage so the test fails loudly rather than hanging.
          answer =
            error instanceof SyntaxError
              ? { status: 200, body: fail("invalid_json") }
              : { status: 500, body: fail("fatal_error", { detail: String(error) }) };
        }
        // Recorded before answering, so a test that awaited the client call sees it at once.
        record({
          method,
          args: parsed.args,
          token: parsed.token,
          at,
          status: answer.status,
          answer: answer.body,
        });
        send(res, answer);
      })
      .catch((error: unknown) => {
        send(res, { status: 500, body: fail("fatal_error", { detail: String(error) }) });
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  const describeCalls = (): string =>
    calls.length === 0
      ? "(none)"
      : calls
          .map((call) => {
            const body = isObject(call.answer) ? call.answer : {};
            const outcome =
              call.status !== 200
                ? `HTTP ${call.status}`
                : body.ok
                  ? "ok"
                  : `error ${String(body.error)}`;
            return `  ${call.method} -> ${outcome}`;
          })
          .join("\n");

  let closed = false;

  return {
    url: `${origin}/api/`,
    origin,
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method),
    waitFor: (method, predicate = () => true, timeoutMs = 2000) => {
      const matches = (call: SlackCall) => call.method === method && predicate(call);
      const found = calls.find(matches);
      if (found) return Promise.resolve(found);
      return new Promise<SlackCall>((resolve, reject) => {
        const waiter = (call: SlackCall) => {
          if (!matches(call)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(call);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(
              `fake Slack: no matching ${method} call within ${timeoutMs} ms. Calls seen so far:\n${describeCalls()}`,
            ),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    issueTriggerId: ({ ageMs = 0, viewId } = {}) => {
      const id = `${Date.now()}${randomBytes(2).readUInt16BE() % 1000}.${randomBytes(6).readUIntBE(0, 6)}.${randomBytes(16).toString("hex")}`;
      triggers.set(id, {
        issuedAt: Date.now() - ageMs,
        used: false,
        ...(viewId ? { viewId } : {}),
      });
      return id;
    },
    issueResponseUrl: (target = {}) => {
      const id = `${team.id}/${randomBytes(6).readUIntBE(0, 6)}/${randomBytes(12).toString("hex")}`;
      responseUrls.set(id, { ...target });
      return `${origin}/response/${id}`;
    },
    failNext: (method, failure) => {
      const queued = failures.get(method) ?? [];
      queued.push(failure);
      failures.set(method, queued);
    },
    messages: () => [...messages.values()].map(clone),
    message: (channel, ts) => {
      const found = messages.get(key(channel, ts));
      return found ? clone(found) : undefined;
    },
    threadReplies: (channel, threadTs) =>
      [...messages.values()]
        .filter((m) => m.channel === channel && m.thread_ts === threadTs && m.ts !== threadTs)
        .map(clone),
    ephemerals: () => ephemerals.map(clone),
    view: (id) => {
      const found = views.get(id);
      return found ? clone(found) : undefined;
    },
    views: () => [...views.values()].map(clone),
    clearCalls: () => {
      calls.length = 0;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      // WebClient's fetch keeps sockets alive; without this close() would wait for them to idle out.
      server.closeAllConnections();
      await stopped;
    },
  };
}
