/**
 * The Web API methods the fake Slack answers, and the workspace state they act on: messages,
 * ephemerals, views, trigger ids and response URLs. Answers are Slack's JSON bodies; the HTTP
 * around them (parsing, failure injection, recording calls) is fake-slack.ts's job.
 */

import { randomBytes } from "node:crypto";
import type {
  FakeChannel,
  FakeEphemeral,
  FakeMessage,
  FakeSlack,
  FakeSlackOptions,
  FakeView,
  JsonObject,
} from "./fake-slack.js";
import { isObject, validateMessageBlocks, validateView } from "./slack-block-kit-limits.js";

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

/** A Web API request as the server read it; `badJson` names JSON form fields that did not parse. */
export type ParsedRequest = { args: JsonObject; token: string | undefined; badJson: string[] };

/** An HTTP answer; a string body is sent as text, anything else as JSON. */
export type Answer = { status: number; body: unknown; headers?: Record<string, string> };

type Handler = (
  args: JsonObject,
  call: { token: string | undefined; badJson: string[] },
) => JsonObject;

export const fail = (error: string, extra: JsonObject = {}): JsonObject => ({
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

export function str(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

function truthy(value: unknown): boolean {
  return value === true || value === "true" || value === "1" || value === 1;
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

type ResponseTarget = { channel?: string; messageTs?: string; userId?: string };

export type FakeSlackMethods = Pick<
  FakeSlack,
  | "issueTriggerId"
  | "messages"
  | "message"
  | "threadReplies"
  | "ephemerals"
  | "view"
  | "views"
  | "home"
> & {
  /** Drops every message, ephemeral, view, trigger id and response URL. */
  forgetState(): void;
  /** Slack's answer to a Web API call: unknown_method, an auth refusal, or the method's own. */
  answerMethod(method: string, request: ParsedRequest): JsonObject;
  /** What a post to the response URL with this id does, and the HTTP answer it gets. */
  answerResponseUrl(id: string, body: JsonObject): Answer;
  /** Registers a response URL for `target`; returns the id its path ends with. */
  addResponseUrl(target: ResponseTarget): string;
};

export function createFakeSlackMethods(options: FakeSlackOptions): FakeSlackMethods {
  const team = {
    id: options.teamId ?? fakeSlackDefaults.teamId,
    domain: options.teamDomain ?? fakeSlackDefaults.teamDomain,
  };
  const appId = options.appId ?? fakeSlackDefaults.appId;
  const botUserId = options.botUserId ?? fakeSlackDefaults.botUserId;
  const botId = options.botId ?? fakeSlackDefaults.botId;
  const triggerTtlMs = options.triggerTtlMs ?? 3000;

  const messages = new Map<string, FakeMessage>();
  const ephemerals: FakeEphemeral[] = [];
  const views = new Map<string, FakeView>();
  /** Each user's App Home, by user id: one view per user, replaced by every views.publish. */
  const homes = new Map<string, FakeView>();
  const triggers = new Map<string, { issuedAt: number; used: boolean; viewId?: string }>();
  const responseUrls = new Map<string, ResponseTarget>();
  let tsCounter = 0;
  let viewCounter = 0;

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
      // A private channel the bot is not in is invisible to it, so Slack says it does not exist.
      if (facts.is_member === false) {
        return fail(facts.is_private ? "channel_not_found" : "not_in_channel");
      }
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

    "views.publish": (args, call) => {
      const userId = str(args.user_id);
      if (!userId) {
        return invalidArguments(["missing required field: user_id [json-pointer:/user_id]"]);
      }
      if (!options.users?.[userId] && !USER_ID.test(userId)) return fail("user_not_found");
      const invalid = checkViewArgs(args, call);
      if (invalid) return invalid;
      const input = args.view as JsonObject;
      if (input.type !== "home") {
        return invalidArguments(["must be home for views.publish [json-pointer:/view/type]"]);
      }
      const existing = homes.get(userId);
      const hash = str(args.hash);
      if (hash !== undefined && existing && hash !== existing.hash) return fail("hash_conflict");
      let id = existing?.id;
      if (!id) {
        viewCounter += 1;
        id = `V${String(viewCounter).padStart(4, "0")}${randomId("", 6)}`;
      }
      const view = buildView(input, id, undefined);
      homes.set(userId, view);
      return { ok: true, view: clone(view) };
    },

    "usergroups.users.list": (args) => {
      const usergroup = str(args.usergroup);
      const members = usergroup ? options.usergroups?.[usergroup] : undefined;
      if (!members) return fail("no_such_subteam");
      return { ok: true, users: [...members] };
    },

    "usergroups.list": (args) => {
      const withDisabled = args.include_disabled === true || args.include_disabled === "true";
      const groups = [
        ...Object.entries(options.usergroups ?? {}).map(([id, members]) => ({
          id,
          members,
          disabled: false,
        })),
        ...(options.disabledUsergroups ?? []).map((id) => ({ id, members: [], disabled: true })),
      ];
      return {
        ok: true,
        usergroups: groups
          .filter((g) => withDisabled || !g.disabled)
          .map((g) => ({
            id: g.id,
            team_id: team.id,
            is_usergroup: true,
            name: `Group ${g.id}`,
            handle: g.id.toLowerCase(),
            date_delete: g.disabled ? 1_700_000_000 : 0,
            ...(args.include_count === true || args.include_count === "true"
              ? { user_count: g.members.length }
              : {}),
          })),
      };
    },

    "users.info": (args) => {
      const id = str(args.user);
      if (!id || options.unknownUsers?.includes(id)) return fail("user_not_found");
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
          // Slack says the locale only when asked for it.
          ...(truthy(args.include_locale) ? { locale: known?.locale ?? "en-US" } : {}),
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

  const answerMethod = (method: string, request: ParsedRequest): JsonObject => {
    const handler = handlers[method];
    if (!handler) {
      return fail("unknown_method", {
        req_method: method,
        response_metadata: { messages: [`[ERROR] the fake Slack does not implement ${method}`] },
      });
    }
    const denied = checkAuth(method, request.token);
    if (denied) return denied;
    return handler(request.args, request);
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

  return {
    answerMethod,
    answerResponseUrl,
    forgetState: () => {
      messages.clear();
      ephemerals.length = 0;
      views.clear();
      triggers.clear();
      responseUrls.clear();
    },
    addResponseUrl: (target) => {
      const id = `${team.id}/${randomBytes(6).readUIntBE(0, 6)}/${randomBytes(12).toString("hex")}`;
      responseUrls.set(id, { ...target });
      return id;
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
    home: (userId) => {
      const found = homes.get(userId);
      return found ? clone(found) : undefined;
    },
  };
}
