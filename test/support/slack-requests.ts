/**
 * Requests as Slack sends them to an app in HTTP mode: signed with the signing secret, with
 * payloads shaped like the real ones (slash command form fields; `payload=<json>` for
 * interactions), so the real Bolt receiver verifies and parses them exactly as in production.
 */

import { createHmac, randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { fakeSlackDefaults, type JsonObject, type StateValues } from "./fake-slack.js";

export type SignatureHeaders = {
  "x-slack-signature": string;
  "x-slack-request-timestamp": string;
};

/** Slack's v0 signature: `v0=` + hex HMAC-SHA256(signingSecret, `v0:${timestamp}:${body}`). */
export function signSlackRequest(
  signingSecret: string,
  body: string,
  timestampSec: number = Math.floor(Date.now() / 1000),
): SignatureHeaders {
  const digest = createHmac("sha256", signingSecret)
    .update(`v0:${timestampSec}:${body}`)
    .digest("hex");
  return {
    "x-slack-signature": `v0=${digest}`,
    "x-slack-request-timestamp": String(timestampSec),
  };
}

/** A request body ready to send, with the object it encodes (for assertions and debugging). */
export type SlackRequestBody = {
  body: string;
  contentType: string;
  payload: JsonObject;
};

export type PostOptions = {
  /** Defaults to the built body's type, or JSON for a string starting with `{`, else form. */
  contentType?: string;
  /** Seconds; defaults to now. An old one exercises Bolt's replay check. */
  timestamp?: number;
  /** Sent instead of the computed signature (to check that bad signatures are refused). */
  signature?: string;
  headers?: Record<string, string>;
};

export type SlackResponse = {
  status: number;
  body: string;
  /** The body parsed as JSON, or undefined when it is not JSON (Bolt acks with an empty body). */
  json: unknown;
  headers: Record<string, string | string[] | undefined>;
};

/**
 * POSTs a signed request to the app (e.g. `http://127.0.0.1:3000/slack/events`). Uses a fresh
 * connection that closes after the answer, so no keep-alive socket holds the app's server open.
 */
export function postToSlackEvents(
  url: string,
  signingSecret: string,
  body: string | SlackRequestBody,
  options: PostOptions = {},
): Promise<SlackResponse> {
  const raw = typeof body === "string" ? body : body.body;
  const contentType =
    options.contentType ??
    (typeof body === "string"
      ? raw.trimStart().startsWith("{")
        ? "application/json"
        : "application/x-www-form-urlencoded"
      : body.contentType);
  const signed = signSlackRequest(signingSecret, raw, options.timestamp);
  const headers: Record<string, string> = {
    "content-type": contentType,
    "content-length": String(Buffer.byteLength(raw)),
    "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    connection: "close",
    ...signed,
    ...(options.signature !== undefined ? { "x-slack-signature": options.signature } : {}),
    ...options.headers,
  };
  const target = new URL(url);
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(target, { method: "POST", headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try {
          json = text === "" ? undefined : JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, body: text, json, headers: res.headers });
      });
    });
    req.on("error", reject);
    req.end(raw);
  });
}

// ---------------------------------------------------------------------------------------------
// Payload builders.
// ---------------------------------------------------------------------------------------------

const VERIFICATION_TOKEN = "fakeVerificationToken0000";

const digits = (count: number): string =>
  Array.from(randomBytes(count), (byte) => String(byte % 10)).join("");

/**
 * A trigger id shaped like Slack's. The fake Slack only accepts ids it issued
 * (`fake.issueTriggerId()`) unless started with `allowAnyTrigger`.
 */
export function randomTriggerId(): string {
  return `${digits(13)}.${digits(13)}.${randomBytes(16).toString("hex")}`;
}

function defaultResponseUrl(teamId: string, kind: "commands" | "actions"): string {
  return `https://hooks.slack.com/${kind}/${teamId}/${digits(13)}/${randomBytes(12).toString("hex")}`;
}

function userObject(userId: string, teamId: string): JsonObject {
  const name = userId.toLowerCase();
  return { id: userId, username: name, name, team_id: teamId };
}

function teamObject(teamId: string): JsonObject {
  return { id: teamId, domain: fakeSlackDefaults.teamDomain };
}

function formPayload(payload: JsonObject): SlackRequestBody {
  return {
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    contentType: "application/x-www-form-urlencoded",
    payload,
  };
}

export type SlashCommandOptions = {
  command?: string;
  text?: string;
  userId?: string;
  userName?: string;
  channelId?: string;
  channelName?: string;
  teamId?: string;
  /** Use `fake.issueTriggerId()` so views.open accepts it. */
  triggerId?: string;
  /** Use `fake.issueResponseUrl({channel, userId})` to capture `respond()` calls. */
  responseUrl?: string;
};

/** A slash command as Slack posts it: form fields, not a JSON payload. */
export function slashCommand(options: SlashCommandOptions = {}): SlackRequestBody {
  const teamId = options.teamId ?? fakeSlackDefaults.teamId;
  const userId = options.userId ?? "U0REQUESTR";
  const channelId = options.channelId ?? "C0REQUESTS";
  const fields: Record<string, string> = {
    token: VERIFICATION_TOKEN,
    team_id: teamId,
    team_domain: fakeSlackDefaults.teamDomain,
    channel_id: channelId,
    channel_name: options.channelName ?? "requests",
    user_id: userId,
    user_name: options.userName ?? userId.toLowerCase(),
    command: options.command ?? "/aiworkspace",
    text: options.text ?? "",
    api_app_id: fakeSlackDefaults.appId,
    is_enterprise_install: "false",
    response_url: options.responseUrl ?? defaultResponseUrl(teamId, "commands"),
    trigger_id: options.triggerId ?? randomTriggerId(),
  };
  return {
    body: new URLSearchParams(fields).toString(),
    contentType: "application/x-www-form-urlencoded",
    payload: fields,
  };
}

/** An Events API delivery as Slack posts it: a JSON `event_callback` wrapping the event. */
export function eventCallback(
  event: JsonObject,
  options: { teamId?: string } = {},
): SlackRequestBody {
  const teamId = options.teamId ?? fakeSlackDefaults.teamId;
  const now = Date.now();
  const payload: JsonObject = {
    token: VERIFICATION_TOKEN,
    team_id: teamId,
    api_app_id: fakeSlackDefaults.appId,
    event: { event_ts: `${Math.floor(now / 1000)}.${digits(6)}`, ...event },
    type: "event_callback",
    event_id: `Ev${digits(10)}`,
    event_time: Math.floor(now / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: fakeSlackDefaults.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
  return { body: JSON.stringify(payload), contentType: "application/json", payload };
}

/** A person opens the app's Home (or Messages) tab; `view` is the Home last published for them. */
export function appHomeOpened(options: {
  userId: string;
  tab?: "home" | "messages";
  view?: JsonObject;
  teamId?: string;
}): SlackRequestBody {
  return eventCallback(
    {
      type: "app_home_opened",
      user: options.userId,
      channel: `D${options.userId.slice(1)}`,
      tab: options.tab ?? "home",
      ...(options.view ? { view: options.view } : {}),
    },
    options.teamId ? { teamId: options.teamId } : {},
  );
}

/** The parts of a view that a submission or a click carries back; a FakeView fits. */
export type ViewLike = {
  id: string;
  hash?: string;
  type?: string;
  callback_id?: string;
  private_metadata?: string;
  external_id?: string;
  blocks?: readonly unknown[];
  title?: unknown;
  submit?: unknown;
  close?: unknown;
  state?: { values: StateValues };
  previous_view_id?: string | null;
  root_view_id?: string;
};

/** The view as Slack echoes it in a payload: everything the app sent, plus ids and state. */
function echoedView(view: ViewLike, values: StateValues, teamId: string): JsonObject {
  return {
    type: "modal",
    team_id: teamId,
    private_metadata: "",
    callback_id: "",
    external_id: "",
    clear_on_close: false,
    notify_on_close: false,
    previous_view_id: null,
    root_view_id: view.id,
    app_id: fakeSlackDefaults.appId,
    app_installed_team_id: teamId,
    bot_id: fakeSlackDefaults.botId,
    hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString("hex")}`,
    ...view,
    blocks: view.blocks ?? [],
    state: { values },
  };
}

export type ViewSubmissionOptions = {
  /** The view as the app opened it, e.g. `fake.view(id)` or the views.open call's answer. */
  view: ViewLike;
  /** `view.state.values`; defaults to what Slack would send untouched: the initial values. */
  values?: StateValues;
  userId?: string;
  teamId?: string;
  triggerId?: string;
};

/** A modal submission as Slack posts it: form-encoded `payload=<json>`. */
export function viewSubmission(options: ViewSubmissionOptions): SlackRequestBody {
  const teamId = options.teamId ?? fakeSlackDefaults.teamId;
  const values = options.values ?? stateValuesFromView(options.view, {});
  return formPayload({
    type: "view_submission",
    team: teamObject(teamId),
    user: userObject(options.userId ?? "U0REQUESTR", teamId),
    api_app_id: fakeSlackDefaults.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: options.triggerId ?? randomTriggerId(),
    view: echoedView(options.view, values, teamId),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  });
}

export type BlockActionsOptions = {
  actionId: string;
  value?: string;
  blockId?: string;
  userId?: string;
  teamId?: string;
  /** For a click on a message. */
  channelId?: string;
  messageTs?: string;
  threadTs?: string;
  /** The clicked message as stored by the fake (`fake.message(channel, ts)`), echoed in full. */
  message?: JsonObject;
  /** For a click inside a modal: the container is the view, and no channel is sent. */
  view?: ViewLike;
  /** With `view`: what the modal's inputs hold at the click; defaults to their initial values. */
  values?: StateValues;
  triggerId?: string;
  responseUrl?: string;
};

/**
 * Finds the clicked element in the echoed blocks, so the action carries its real type and text.
 * Buttons may share an action id (one per request in a list); `value` then tells them apart.
 */
function findElement(blocks: unknown, actionId: string, value?: string): JsonObject | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const block of blocks as JsonObject[]) {
    const candidates = [
      block.element,
      block.accessory,
      ...(Array.isArray(block.elements) ? block.elements : []),
    ];
    for (const element of candidates) {
      if (
        typeof element === "object" &&
        element !== null &&
        (element as JsonObject).action_id === actionId &&
        (value === undefined ||
          (element as JsonObject).type !== "button" ||
          (element as JsonObject).value === value)
      ) {
        return { ...(element as JsonObject), block_id: block.block_id };
      }
    }
  }
  return undefined;
}

/** A click (button etc.) as Slack posts it: form-encoded `payload=<json>`. */
export function blockActions(options: BlockActionsOptions): SlackRequestBody {
  const teamId = options.teamId ?? fakeSlackDefaults.teamId;
  const blocks = options.view ? options.view.blocks : options.message?.blocks;
  const element =
    findElement(blocks, options.actionId, options.value) ?? findElement(blocks, options.actionId);
  const actionTs = `${Math.floor(Date.now() / 1000)}.${digits(6)}`;
  const action: JsonObject = {
    type: element?.type ?? "button",
    action_id: options.actionId,
    block_id: options.blockId ?? element?.block_id ?? "actions",
    action_ts: actionTs,
  };
  if (action.type === "button") {
    action.text = element?.text ?? { type: "plain_text", text: options.actionId, emoji: true };
    action.value = options.value ?? element?.value;
    if (element?.style) action.style = element.style;
  } else if (action.type === "conversations_select") {
    action.selected_conversation = options.value ?? null;
  } else if (options.value !== undefined) {
    action.selected_option = {
      text: { type: "plain_text", text: options.value },
      value: options.value,
    };
  }

  const payload: JsonObject = {
    type: "block_actions",
    user: userObject(options.userId ?? "U0APPROVER", teamId),
    api_app_id: fakeSlackDefaults.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: options.triggerId ?? randomTriggerId(),
    team: teamObject(teamId),
    enterprise: null,
    is_enterprise_install: false,
    actions: [action],
  };
  if (options.view) {
    const values = options.values ?? stateValuesFromView(options.view, {});
    payload.container = { type: "view", view_id: options.view.id };
    payload.view = echoedView(options.view, values, teamId);
    payload.state = { values };
  } else {
    const channelId = options.channelId ?? "C0REQUESTS";
    const messageTs = options.messageTs ?? String(options.message?.ts ?? "");
    const threadTs = options.threadTs ?? (options.message?.thread_ts as string | undefined);
    payload.container = {
      type: "message",
      message_ts: messageTs,
      channel_id: channelId,
      is_ephemeral: false,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    };
    payload.channel = { id: channelId, name: "requests" };
    const { channel: _channel, ...message } = options.message ?? {};
    payload.message = {
      type: "message",
      user: fakeSlackDefaults.botUserId,
      bot_id: fakeSlackDefaults.botId,
      text: "",
      ...message,
      ts: messageTs,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    };
    payload.state = { values: {} };
    payload.response_url = options.responseUrl ?? defaultResponseUrl(teamId, "actions");
  }
  return formPayload(payload);
}

// ---------------------------------------------------------------------------------------------
// Filling in a modal like a person.
// ---------------------------------------------------------------------------------------------

export type Answer = string | string[] | number;

function optionsOf(element: JsonObject): JsonObject[] {
  const direct = Array.isArray(element.options) ? (element.options as JsonObject[]) : [];
  const grouped = Array.isArray(element.option_groups)
    ? (element.option_groups as JsonObject[]).flatMap((group) =>
        Array.isArray(group.options) ? (group.options as JsonObject[]) : [],
      )
    : [];
  return [...direct, ...grouped];
}

function pickOption(element: JsonObject, value: string, blockId: string): JsonObject {
  // External selects load options at run time; Slack echoes back what the person picked.
  if (element.type === "external_select" || element.type === "multi_external_select") {
    return { text: { type: "plain_text", text: value, emoji: true }, value };
  }
  const options = optionsOf(element);
  const found = options.find((option) => option.value === value);
  if (!found) {
    const offered = options.map((option) => JSON.stringify(option.value)).join(", ");
    throw new Error(
      `block ${blockId}: no option with value ${JSON.stringify(value)} (offered: ${offered || "none"})`,
    );
  }
  return structuredClone(found);
}

function asList(answer: Answer): string[] {
  return Array.isArray(answer) ? answer : [String(answer)];
}

function asSingle(answer: Answer, blockId: string): string {
  if (Array.isArray(answer)) {
    throw new Error(`block ${blockId} takes a single answer, got a list`);
  }
  return String(answer);
}

/** What an untouched element submits: its initial value, as Slack sends it. */
function initialValue(element: JsonObject): JsonObject {
  const type = String(element.type);
  switch (type) {
    case "plain_text_input":
    case "number_input":
    case "email_text_input":
    case "url_text_input":
      return {
        type,
        value: typeof element.initial_value === "string" ? element.initial_value : null,
      };
    case "static_select":
    case "external_select":
    case "radio_buttons":
      return { type, selected_option: element.initial_option ?? null };
    case "multi_static_select":
    case "multi_external_select":
    case "checkboxes":
      return { type, selected_options: element.initial_options ?? [] };
    case "users_select":
      return { type, selected_user: element.initial_user ?? null };
    case "multi_users_select":
      return { type, selected_users: element.initial_users ?? [] };
    case "conversations_select":
      return { type, selected_conversation: element.initial_conversation ?? null };
    case "channels_select":
      return { type, selected_channel: element.initial_channel ?? null };
    case "datepicker":
      return { type, selected_date: element.initial_date ?? null };
    case "timepicker":
      return { type, selected_time: element.initial_time ?? null };
    default:
      return { type };
  }
}

function answered(element: JsonObject, answer: Answer, blockId: string): JsonObject {
  const type = String(element.type);
  switch (type) {
    case "plain_text_input":
    case "email_text_input":
    case "url_text_input": {
      // Slack sends null, not "", for a field left empty.
      const value = asSingle(answer, blockId);
      return { type, value: value === "" ? null : value };
    }
    case "number_input": {
      const value = asSingle(answer, blockId);
      return { type, value: value === "" ? null : value };
    }
    case "static_select":
    case "external_select":
    case "radio_buttons":
      return { type, selected_option: pickOption(element, asSingle(answer, blockId), blockId) };
    case "multi_static_select":
    case "multi_external_select":
    case "checkboxes":
      return {
        type,
        selected_options: asList(answer).map((value) => pickOption(element, value, blockId)),
      };
    case "users_select":
      return { type, selected_user: asSingle(answer, blockId) };
    case "multi_users_select":
      return { type, selected_users: asList(answer) };
    case "conversations_select":
      return { type, selected_conversation: asSingle(answer, blockId) };
    case "channels_select":
      return { type, selected_channel: asSingle(answer, blockId) };
    case "datepicker":
      return { type, selected_date: asSingle(answer, blockId) };
    case "timepicker":
      return { type, selected_time: asSingle(answer, blockId) };
    default:
      throw new Error(
        `block ${blockId}: answering a ${type} is not supported by stateValuesFromView`,
      );
  }
}

/**
 * `view.state.values` as Slack would submit them after a person typed `answers` (block_id ->
 * answer) into the modal the app opened. Inputs not answered keep their initial values, as in
 * Slack. Throws on an answer for a block that is not an input of this view, or a select value the
 * select does not offer, so a typo in a test fails at once rather than as a confusing app error.
 */
export function stateValuesFromView(view: ViewLike, answers: Record<string, Answer>): StateValues {
  const values: StateValues = {};
  const inputs = (view.blocks ?? []).filter(
    (block): block is JsonObject =>
      typeof block === "object" && block !== null && (block as JsonObject).type === "input",
  );
  const unknown = Object.keys(answers).filter(
    (blockId) => !inputs.some((block) => block.block_id === blockId),
  );
  if (unknown.length > 0) {
    const known = inputs.map((block) => String(block.block_id)).join(", ");
    throw new Error(
      `not input blocks of view ${view.id}: ${unknown.join(", ")} (inputs: ${known})`,
    );
  }
  for (const block of inputs) {
    const blockId = String(block.block_id);
    const element = block.element as JsonObject | undefined;
    if (!element || typeof element.action_id !== "string") {
      throw new Error(`input block ${blockId} has no element with an action_id`);
    }
    const answer = answers[blockId];
    values[blockId] = {
      [element.action_id]:
        answer === undefined ? initialValue(element) : answered(element, answer, blockId),
    };
  }
  return values;
}
