import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { webApi } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { EVENTS_PATH } from "../src/app.js";
import { COMMAND } from "../src/slack/listeners/command.js";

/**
 * manifest.yml against the code: an admin creates the app from that file alone, so it must
 * declare every slash command the code answers, turn on interactivity when the code has buttons or
 * forms, and ask for exactly the bot scopes the code's Web API calls need: a missing scope fails in
 * production with `missing_scope`, an extra one asks admins for more than the app uses.
 */

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * The bot scopes each Web API method needs, from Slack's method reference. An empty list: no
 * scope. Several: any one of them, depending on the kind of conversation. A method the code calls
 * that is missing here fails the test: look its scope up at https://docs.slack.dev/reference/methods
 * and add it.
 */
const SCOPES_BY_METHOD: Readonly<Record<string, readonly string[]>> = {
  "auth.test": [],
  "chat.postMessage": ["chat:write"],
  "chat.postEphemeral": ["chat:write"],
  "chat.update": ["chat:write"],
  "chat.delete": ["chat:write"],
  "chat.meMessage": ["chat:write"],
  "chat.scheduleMessage": ["chat:write"],
  "chat.deleteScheduledMessage": ["chat:write"],
  "chat.getPermalink": [],
  "chat.unfurl": ["links:write"],
  "views.open": [],
  "views.update": [],
  "views.push": [],
  "views.publish": [],
  "usergroups.list": ["usergroups:read"],
  "usergroups.users.list": ["usergroups:read"],
  "usergroups.create": ["usergroups:write"],
  "usergroups.update": ["usergroups:write"],
  "usergroups.disable": ["usergroups:write"],
  "usergroups.enable": ["usergroups:write"],
  "usergroups.users.update": ["usergroups:write"],
  "users.info": ["users:read"],
  "users.list": ["users:read"],
  "users.getPresence": ["users:read"],
  "users.lookupByEmail": ["users:read.email"],
  "users.profile.get": ["users.profile:read"],
  "users.conversations": ["channels:read", "groups:read", "im:read", "mpim:read"],
  "conversations.info": ["channels:read", "groups:read", "im:read", "mpim:read"],
  "conversations.list": ["channels:read", "groups:read", "im:read", "mpim:read"],
  "conversations.members": ["channels:read", "groups:read", "im:read", "mpim:read"],
  "conversations.history": ["channels:history", "groups:history", "im:history", "mpim:history"],
  "conversations.replies": ["channels:history", "groups:history", "im:history", "mpim:history"],
  "conversations.open": ["im:write", "mpim:write"],
  "conversations.join": ["channels:join"],
  "reactions.add": ["reactions:write"],
  "reactions.remove": ["reactions:write"],
  "reactions.get": ["reactions:read"],
  "reactions.list": ["reactions:read"],
  "files.uploadV2": ["files:write"],
  "files.getUploadURLExternal": ["files:write"],
  "files.completeUploadExternal": ["files:write"],
  "files.delete": ["files:write"],
  "files.info": ["files:read"],
  "files.list": ["files:read"],
  "im.open": ["im:write"],
  "im.history": ["im:history"],
  "im.list": ["im:read"],
};

/** The Web API families looked for; `<anything>.<family>.<method>(` is a candidate call. */
const FAMILIES = [
  "chat",
  "views",
  "usergroups",
  "users",
  "conversations",
  "reactions",
  "files",
  "im",
  "auth",
] as const;

type Call = { method: string; where: string };

/** Every .ts file under src/, with comments removed so examples in them are not counted. */
function sourceFiles(): { path: string; text: string }[] {
  const dir = join(root, "src");
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      const text = readFileSync(path, "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " "))
        .replace(/^[ \t]*\/\/.*$/gm, "");
      return { path: relative(root, path), text };
    });
}

const lineOf = (text: string, index: number) => text.slice(0, index).split("\n").length;

// A real WebClient tells a Web API method (`client.users.info(`) from an ordinary call on a field
// that happens to share a family's name (`answer.users.map(`).
const webClient = new webApi.WebClient();
function isWebApiMethod(method: string): boolean {
  let node: unknown = webClient;
  for (const key of method.split(".")) {
    if (node === null || (typeof node !== "object" && typeof node !== "function")) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === "function";
}

/** The Web API calls in the source: `x.chat.postMessage(`, `apiCall("chat.postMessage"`, `say(`. */
function findWebApiCalls(files: { path: string; text: string }[]): Call[] {
  const calls: Call[] = [];
  const member = new RegExp(
    String.raw`\.\s*(${FAMILIES.join("|")})((?:\s*\.\s*[A-Za-z_$][\w$]*)+)\s*(?:<[^()]*>)?\s*\(`,
    "g",
  );
  const byName = /\bapiCall\s*\(\s*["'`]([\w.]+)["'`]/g;
  // Bolt's `say` posts with chat.postMessage.
  const say = /\bsay\s*\(/g;
  for (const { path, text } of files) {
    for (const m of text.matchAll(member)) {
      const method = `${m[1]}${(m[2] ?? "").replace(/\s+/g, "")}`;
      if (isWebApiMethod(method)) calls.push({ method, where: `${path}:${lineOf(text, m.index)}` });
    }
    for (const m of text.matchAll(byName)) {
      calls.push({ method: m[1] ?? "", where: `${path}:${lineOf(text, m.index)}` });
    }
    for (const m of text.matchAll(say)) {
      calls.push({ method: "chat.postMessage", where: `${path}:${lineOf(text, m.index)} (say)` });
    }
  }
  return calls;
}

/**
 * What is wrong between the calls and the declared scopes: a call whose method is not in the table,
 * a call no declared scope covers, a declared scope no call (or slash command) needs.
 */
function scopeProblems(
  calls: readonly Call[],
  declared: readonly string[],
  hasSlashCommands: boolean,
): string[] {
  const problems: string[] = [];
  const used = new Set<string>(hasSlashCommands ? ["commands"] : []);
  if (hasSlashCommands && !declared.includes("commands")) {
    problems.push("the code registers a slash command, but the bot scope `commands` is missing");
  }
  for (const call of calls) {
    const needs = SCOPES_BY_METHOD[call.method];
    if (needs === undefined) {
      problems.push(
        `${call.method} (${call.where}) is not in SCOPES_BY_METHOD: add the scope Slack's docs give for it`,
      );
      continue;
    }
    if (needs.length === 0) continue;
    const covering = needs.filter((s) => declared.includes(s));
    if (covering.length === 0) {
      problems.push(
        `${call.method} (${call.where}) needs the bot scope ${needs.map((s) => `\`${s}\``).join(" or ")}, which manifest.yml does not declare`,
      );
    }
    for (const s of covering) used.add(s);
  }
  for (const scope of declared) {
    if (!used.has(scope)) {
      problems.push(`the bot scope \`${scope}\` is declared, but no Web API call in src/ needs it`);
    }
  }
  return problems;
}

/** The names given to `app.command(...)`, resolved through the constants the code uses. */
function registeredCommands(files: { path: string; text: string }[]): {
  names: string[];
  unresolved: string[];
} {
  const constants: Record<string, string> = { COMMAND };
  const names: string[] = [];
  const unresolved: string[] = [];
  for (const { path, text } of files) {
    for (const m of text.matchAll(/\bapp\s*\.\s*command\s*(?:<[^()]*>)?\s*\(\s*([^,)]+?)\s*,/g)) {
      const arg = m[1] ?? "";
      const literal = /^(["'`])(.*)\1$/.exec(arg);
      const name = literal ? literal[2] : constants[arg];
      if (name) names.push(name);
      else unresolved.push(`${arg} at ${path}:${lineOf(text, m.index)}`);
    }
  }
  return { names, unresolved };
}

/** The event types given to `app.event("...")`; events need no scope of their own here. */
function registeredEvents(files: { path: string; text: string }[]): {
  names: string[];
  unresolved: string[];
} {
  const names: string[] = [];
  const unresolved: string[] = [];
  for (const { path, text } of files) {
    for (const m of text.matchAll(/\bapp\s*\.\s*event\s*(?:<[^()]*>)?\s*\(\s*([^,)]+?)\s*,/g)) {
      const literal = /^(["'`])([a-z_]+)\1$/.exec(m[1] ?? "");
      if (literal?.[2]) names.push(literal[2]);
      else unresolved.push(`${m[1]} at ${path}:${lineOf(text, m.index)}`);
    }
  }
  return { names, unresolved };
}

function registrations(files: { path: string; text: string }[], kind: string): string[] {
  const re = new RegExp(String.raw`\bapp\s*\.\s*${kind}\s*(?:<[^()]*>)?\s*\(`, "g");
  return files.flatMap(({ path, text }) =>
    [...text.matchAll(re)].map((m) => `${path}:${lineOf(text, m.index)}`),
  );
}

type Manifest = {
  _metadata?: { major_version?: number };
  display_information?: { name?: string; description?: string };
  features?: {
    bot_user?: { display_name?: string; always_online?: boolean };
    app_home?: { home_tab_enabled?: boolean };
    slash_commands?: {
      command?: string;
      description?: string;
      usage_hint?: string;
      url?: string;
    }[];
    shortcuts?: unknown[];
  };
  oauth_config?: { scopes?: { bot?: string[]; user?: string[] } };
  settings?: {
    interactivity?: { is_enabled?: boolean; request_url?: string };
    event_subscriptions?: { bot_events?: string[]; request_url?: string };
    socket_mode_enabled?: boolean;
    org_deploy_enabled?: boolean;
    token_rotation_enabled?: boolean;
  };
};

const manifest = parse(readFileSync(join(root, "manifest.yml"), "utf8")) as Manifest;
const files = sourceFiles();

describe("manifest.yml", () => {
  it("has the fields Slack requires, within Slack's limits", () => {
    expect(manifest._metadata?.major_version).toBe(1);
    const name = manifest.display_information?.name;
    expect(name, "display_information.name").toBeTruthy();
    expect((name ?? "").length, "display_information.name is at most 35 characters").toBeLessThan(
      36,
    );
    expect(
      (manifest.display_information?.description ?? "").length,
      "display_information.description is at most 140 characters",
    ).toBeLessThan(141);
    expect(
      manifest.features?.bot_user?.display_name,
      "features.bot_user.display_name",
    ).toBeTruthy();
    expect(Array.isArray(manifest.oauth_config?.scopes?.bot), "oauth_config.scopes.bot").toBe(true);
    expect(manifest.settings, "settings").toBeTruthy();
    expect(manifest.settings?.org_deploy_enabled).toBe(false);
    expect(manifest.settings?.token_rotation_enabled).toBe(false);
    expect(manifest.oauth_config?.scopes?.user ?? [], "the app needs no user scopes").toEqual([]);
  });

  it("declares exactly the slash commands the code registers", () => {
    const { names, unresolved } = registeredCommands(files);
    expect(unresolved, "app.command(...) arguments this test cannot read").toEqual([]);
    expect(names, "the code registers /aiworkspace").toContain(COMMAND);
    const declared = (manifest.features?.slash_commands ?? []).map((c) => c.command);
    for (const name of names) {
      expect(
        declared,
        `slash command ${name} is registered in src/ but not in manifest.yml`,
      ).toContain(name);
    }
    for (const name of declared) {
      expect(
        names,
        `slash command ${name} is in manifest.yml but src/ does not answer it`,
      ).toContain(name);
    }
    for (const c of manifest.features?.slash_commands ?? []) {
      expect(
        c.command ?? "",
        "a command is lowercase, starts with / and has at most 32 characters",
      ).toMatch(/^\/[a-z0-9_-]{1,31}$/);
      expect(c.description, `${c.command} has a description`).toBeTruthy();
      expect(c.usage_hint, `${c.command} has a usage hint`).toBeTruthy();
    }
  });

  it("turns on interactivity, because the code handles buttons and forms", () => {
    const handlers = [...registrations(files, "action"), ...registrations(files, "view")];
    expect(handlers.length, "app.action / app.view registrations found in src/").toBeGreaterThan(0);
    expect(
      manifest.settings?.interactivity?.is_enabled,
      `settings.interactivity.is_enabled must be true: src/ handles interactions at ${handlers.join(", ")}`,
    ).toBe(true);
    const shortcuts = registrations(files, "shortcut");
    if (shortcuts.length > 0) {
      expect(
        manifest.features?.shortcuts?.length ?? 0,
        "shortcuts registered in src/",
      ).toBeGreaterThan(0);
    }
  });

  it("subscribes to exactly the events the code listens to", () => {
    const { names, unresolved } = registeredEvents(files);
    expect(unresolved, "app.event(...) arguments this test cannot read").toEqual([]);
    expect(registrations(files, "message"), "app.message needs message.* events").toEqual([]);
    expect(names, "the code draws App Home when it is opened").toContain("app_home_opened");
    const events = manifest.settings?.event_subscriptions?.bot_events ?? [];
    expect([...events].sort(), "settings.event_subscriptions.bot_events").toEqual(
      [...new Set(names)].sort(),
    );
  });

  it("enables the Home tab only if the code publishes one", () => {
    const publishes = findWebApiCalls(files).some((c) => c.method === "views.publish");
    expect(
      manifest.features?.app_home?.home_tab_enabled ?? false,
      "features.app_home.home_tab_enabled follows whether src/ calls views.publish",
    ).toBe(publishes);
  });

  it("uses Socket Mode, or gives request URLs at the path the app serves", () => {
    if (manifest.settings?.socket_mode_enabled === true) return;
    for (const c of manifest.features?.slash_commands ?? []) {
      expect(c.url ?? "", `${c.command} needs a url in HTTP mode`).toMatch(
        new RegExp(`^https://[^/]+${EVENTS_PATH}$`),
      );
    }
    expect(manifest.settings?.interactivity?.request_url ?? "").toMatch(
      new RegExp(`^https://[^/]+${EVENTS_PATH}$`),
    );
    if ((manifest.settings?.event_subscriptions?.bot_events ?? []).length > 0) {
      expect(manifest.settings?.event_subscriptions?.request_url ?? "").toMatch(
        new RegExp(`^https://[^/]+${EVENTS_PATH}$`),
      );
    }
  });

  it("asks for exactly the bot scopes the code's Web API calls need", () => {
    const calls = findWebApiCalls(files);
    expect(
      calls.length,
      "Web API calls found in src/ (is the scan still working?)",
    ).toBeGreaterThan(0);
    const declared = manifest.oauth_config?.scopes?.bot ?? [];
    expect(new Set(declared).size, "no scope is listed twice").toBe(declared.length);
    const problems = scopeProblems(calls, declared, registeredCommands(files).names.length > 0);
    expect(problems, problems.join("\n")).toEqual([]);
  });
});

describe("the scope check itself", () => {
  const calls: Call[] = [
    { method: "chat.postMessage", where: "a.ts:1" },
    { method: "views.open", where: "a.ts:2" },
    { method: "usergroups.users.list", where: "a.ts:3" },
  ];

  it("passes when the scopes match the calls", () => {
    expect(scopeProblems(calls, ["commands", "chat:write", "usergroups:read"], true)).toEqual([]);
  });

  it("names the method and the missing scope", () => {
    expect(scopeProblems(calls, ["commands", "usergroups:read"], true)).toEqual([
      "chat.postMessage (a.ts:1) needs the bot scope `chat:write`, which manifest.yml does not declare",
    ]);
  });

  it("refuses a scope nothing needs, and a method not in the table", () => {
    const problems = scopeProblems(
      [...calls, { method: "admin.users.list", where: "b.ts:9" }],
      ["commands", "chat:write", "usergroups:read", "im:write"],
      true,
    );
    expect(problems).toContain(
      "the bot scope `im:write` is declared, but no Web API call in src/ needs it",
    );
    expect(problems.some((p) => p.startsWith("admin.users.list (b.ts:9) is not in"))).toBe(true);
  });

  it("finds calls however they are written, and not look-alikes", () => {
    const found = findWebApiCalls([
      {
        path: "x.ts",
        text: [
          "await slack.app.client.usergroups.users.list({ usergroup });",
          "await client.chat\n  .postMessage({ channel });",
          "const ids = answer.users.map((u) => u.id);",
          'await client.apiCall("reactions.add", {});',
        ].join("\n"),
      },
    ]);
    expect(found.map((c) => c.method)).toEqual([
      "usergroups.users.list",
      "chat.postMessage",
      "reactions.add",
    ]);
  });
});
