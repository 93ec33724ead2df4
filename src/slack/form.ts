import {
  type CreateRequest,
  type FieldProblem,
  ownEntries,
  type ProblemParams,
} from "../dataforest/create-request.js";
import type { LimitProblem } from "../requests/limits.js";
import type { T } from "./i18n/catalog.js";
import { clip } from "./mrkdwn.js";

/**
 * The modal's fields, and the mapping between what a person types and the API's create request.
 * Every input block's id is the API field path it fills, so an API error that names a field lands
 * under that field. A parser that cannot read a field reports a code; the catalogs explain it.
 */

export const blockIds = [
  "name",
  "description",
  "accountId",
  "configuration.docker.image",
  "configuration.resource.gpuModel",
  "configuration.resource.gpuCount",
  "configuration.resource.cpuCount",
  "configuration.resource.memoryMb",
  "configuration.data.input",
  "configuration.data.output",
  "configuration.docker.command",
  "configuration.docker.args",
  "configuration.docker.workdir",
  "configuration.docker.env",
  "configuration.docker.exposeTcpPorts",
  "configuration.queueName",
  "configuration.userPackageUri",
] as const;
export type BlockId = (typeof blockIds)[number];

/** What the form holds: the text of each field, as typed or chosen. */
export type FormValues = Partial<Record<BlockId, string>>;

/** Why a field could not be read, in the format it expects; `problem.form.*` in the catalogs. */
export type FormCode =
  | "form.gpus.decimal"
  | "form.gpus.digits"
  | "form.cpus.decimal"
  | "form.cpus.digits"
  | "form.envLine"
  | "form.envDuplicate"
  | "form.port"
  | "form.portTooLarge"
  | "form.mountLine"
  | "form.mountLineOverwrite"
  | "form.memory.decimal"
  | "form.memory.digits";
export type FormProblem = { path: string; code: FormCode; params: ProblemParams };
/** Anything wrong with a submitted form: a field not read, a broken rule, a bound passed. */
export type Problem = FieldProblem | FormProblem | LimitProblem;

/** `lines`: for a field typed one entry per line, the line each entry came from. */
type Parsed = { value: unknown; lines?: number[] } | { problem: FormCode; params?: ProblemParams };
type Parser = (text: string) => Parsed;

const text: Parser = (t) => ({ value: t.trim() });

/** Echoes a bit of what was typed; a message must stay readable whatever was pasted. */
const shown = (v: string, max = 20) => (v.length <= max ? v : `${v.slice(0, max - 1)}…`);

/** Line numbers count every line, blank ones included, so they match what the person sees. */
const lines = (t: string) =>
  t
    .split(/\r?\n/)
    .map((l, i) => ({ line: l.trim(), n: i + 1 }))
    .filter((l) => l.line.length > 0);

/**
 * Plain digits only. `Number()` would read `0x10` as 16 and `1e3` as 1000, which nobody means in a
 * form; a fraction of a GPU does not exist.
 */
function digits(t: string, what: "gpus" | "cpus", example: string): Parsed {
  const v = t.trim();
  if (/^-?\d+$/.test(v)) {
    // Past 9 digits every bound is long passed; a capped value lets the bound's message say so.
    const n = Number(v);
    return { value: Math.sign(n) * Math.min(Math.abs(n), 9_999_999_999) };
  }
  if (/^-?\d*[.,]\d+$/.test(v)) {
    return { problem: `form.${what}.decimal`, params: { example } };
  }
  return { problem: `form.${what}.digits`, params: { example } };
}

const count =
  (what: "gpus" | "cpus", example: string): Parser =>
  (t) =>
    digits(t, what, example);

const env: Parser = (t): Parsed => {
  // A Map, not an object: `constructor` or `__proto__` are names like any other.
  const vars = new Map<string, string>();
  for (const { line, n } of lines(t)) {
    const eq = line.indexOf("=");
    if (eq <= 0) {
      return { problem: "form.envLine", params: { line: n } };
    }
    const key = line.slice(0, eq).trim();
    if (vars.has(key)) {
      return { problem: "form.envDuplicate", params: { line: n, key: shown(key) } };
    }
    vars.set(key, line.slice(eq + 1).trim());
  }
  return { value: ownEntries(vars) };
};

const ports: Parser = (t) => {
  const parts = t.split(/[\s,]+/).filter((p) => p.length > 0);
  const bad = parts.find((p) => !/^\d+$/.test(p));
  if (bad !== undefined) {
    return { problem: "form.port", params: { value: shown(bad) } };
  }
  const huge = parts.find((p) => p.length > 5);
  if (huge !== undefined) {
    return { problem: "form.portTooLarge", params: { value: shown(huge) } };
  }
  return { value: parts.map(Number) };
};

const ARROW = /\s*(?:->|→)\s*/;
const OVERWRITE = /\s*\(overwrite\)\s*$/i;

const mounts =
  (withOverwrite: boolean): Parser =>
  (t) => {
    const out: Record<string, unknown>[] = [];
    const at: number[] = [];
    for (const { line, n } of lines(t)) {
      const overwrite = withOverwrite && OVERWRITE.test(line);
      const [hdfs, path, ...rest] = line.replace(OVERWRITE, "").split(ARROW);
      if (!hdfs || !path || rest.length > 0) {
        return {
          problem: withOverwrite ? "form.mountLineOverwrite" : "form.mountLine",
          params: { line: n },
        };
      }
      out.push(withOverwrite ? { hdfs, path, overwrite } : { hdfs, path });
      at.push(n);
    }
    return { value: out, lines: at };
  };

const MB_PER_GB = 1024;

/** Whole GB, with or without the unit: "16" and "16 GB" both mean 16 GB. */
const gigabytes: Parser = (t) => {
  const v = t.trim().replace(/\s*gb$/i, "");
  if (/^-?\d+$/.test(v)) return { value: Math.min(Number(v), 9_999_999_999) * MB_PER_GB };
  if (/^-?\d*[.,]\d+$/.test(v)) {
    return { problem: "form.memory.decimal" };
  }
  return { problem: "form.memory.digits" };
};

const parsers: Record<BlockId, Parser> = {
  name: text,
  description: text,
  accountId: text,
  "configuration.docker.image": text,
  "configuration.resource.gpuModel": text,
  "configuration.resource.gpuCount": count("gpus", "1"),
  "configuration.resource.cpuCount": count("cpus", "4"),
  "configuration.resource.memoryMb": gigabytes,
  "configuration.data.input": mounts(false),
  "configuration.data.output": mounts(true),
  "configuration.docker.command": text,
  "configuration.docker.args": text,
  "configuration.docker.workdir": text,
  "configuration.docker.env": env,
  "configuration.docker.exposeTcpPorts": ports,
  "configuration.queueName": text,
  "configuration.userPackageUri": text,
};

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
}

/** For fields typed one entry per line: the line each entry came from, for error messages. */
export type EntryLines = Partial<Record<BlockId, number[]>>;

/**
 * Turns the form into a create request to be checked by the shared schema. Fields left empty are
 * left out, so the API's defaults apply; the required ones (the command among them: the preset
 * gives one, More settings asks for it) are then reported by the schema. The operator's account,
 * when set, replaces whatever account a submission carries.
 */
export function formToRequest(
  values: FormValues,
  fixed: { accountId?: string | undefined } = {},
): { input: Record<string, unknown>; problems: FormProblem[]; lines: EntryLines } {
  const input: Record<string, unknown> = { configuration: { docker: {} } };
  const problems: FormProblem[] = [];
  const lines: EntryLines = {};
  const filled: FormValues = { ...values };
  if (fixed.accountId) filled.accountId = fixed.accountId;
  for (const id of blockIds) {
    const raw = filled[id];
    if (typeof raw !== "string" || raw.trim() === "") continue;
    const parsed = parsers[id](raw);
    if ("problem" in parsed) {
      problems.push({ path: id, code: parsed.problem, params: parsed.params ?? {} });
      continue;
    }
    setPath(input, id, parsed.value);
    if (parsed.lines) lines[id] = parsed.lines;
  }
  return { input, problems, lines };
}

const formatters: Partial<Record<BlockId, (r: CreateRequest) => string | undefined>> = {
  name: (r) => r.name,
  description: (r) => r.description,
  accountId: (r) => r.accountId,
  "configuration.docker.image": (r) => r.configuration.docker.image,
  "configuration.resource.gpuModel": (r) => r.configuration.resource?.gpuModel,
  "configuration.resource.gpuCount": (r) => r.configuration.resource?.gpuCount?.toString(),
  "configuration.resource.cpuCount": (r) => r.configuration.resource?.cpuCount?.toString(),
  "configuration.resource.memoryMb": (r) => {
    const mb = r.configuration.resource?.memoryMb;
    // The form takes whole GB; a workspace made elsewhere with 3000 MB is shown as 3 GB.
    return mb === undefined ? undefined : String(Math.max(1, Math.ceil(mb / MB_PER_GB)));
  },
  "configuration.data.input": (r) =>
    r.configuration.data?.input?.map((m) => `${m.hdfs} -> ${m.path}`).join("\n"),
  "configuration.data.output": (r) =>
    r.configuration.data?.output
      ?.map((m) => `${m.hdfs} -> ${m.path}${m.overwrite ? " (overwrite)" : ""}`)
      .join("\n"),
  "configuration.docker.command": (r) => r.configuration.docker.command,
  "configuration.docker.args": (r) => r.configuration.docker.args,
  "configuration.docker.workdir": (r) => r.configuration.docker.workdir,
  "configuration.docker.env": (r) => {
    const vars = r.configuration.docker.env;
    return (
      vars &&
      Object.entries(vars)
        .map(([k, v]) => `${k}=${v}`)
        .join("\n")
    );
  },
  "configuration.docker.exposeTcpPorts": (r) => r.configuration.docker.exposeTcpPorts?.join(", "),
  "configuration.queueName": (r) => r.configuration.queueName,
  "configuration.userPackageUri": (r) => r.configuration.userPackageUri,
};

/** The form a request came from: what "Edit and resubmit" fills the modal with. */
export function requestToForm(request: CreateRequest): FormValues {
  const values: FormValues = {};
  for (const id of blockIds) {
    const v = formatters[id]?.(request);
    if (v !== undefined && v !== "") values[id] = v;
  }
  return values;
}

/** The block a problem belongs under: the longest block id its path starts with. */
export function blockFor(path: string, present: readonly string[]): string | undefined {
  return present
    .filter((id) => path === id || path.startsWith(`${id}.`))
    .sort((a, b) => b.length - a.length)[0];
}

/** Slack shows an error under its field; a long one would push the form around. */
const ERROR_MAX = 1000;

/** Characters a rule names, at most this many, so a pasted paragraph still gets a short message. */
const CHARS_SHOWN = 8;

/** A problem in words; the characters a rule names are quoted the way the language quotes. */
export function problemText(p: Problem, t: T): string {
  const params: Record<string, string | number> = { ...p.params };
  if (typeof params.chars === "string") {
    const chars = [...params.chars];
    const listed = chars
      .slice(0, CHARS_SHOWN)
      .map((char) => t("quote.char", { char }))
      .join(t("quote.separator"));
    params.chars = chars.length > CHARS_SHOWN ? t("quote.andOthers", { listed }) : listed;
  }
  return t(`problem.${p.code}`, params as never);
}

/**
 * Problems as Slack's inline errors: one text per block, every problem at once, keyed only by
 * blocks in the view. A problem whose field is not in the view goes under the first field, with the
 * missing field's name in front so it still makes sense. No input block at all: no errors.
 */
export function problemsToErrors(
  problems: readonly Problem[],
  present: readonly string[],
  t: T,
  lines: EntryLines = {},
): Record<string, string> {
  const grouped = new Map<string, string[]>();
  const first = present[0];
  for (const p of problems) {
    const own = blockFor(p.path, present);
    const block = own ?? first;
    if (block === undefined) continue;
    let message = problemText(p, t);
    if (own) {
      const item = p.path.slice(own.length + 1).split(".")[0] ?? "";
      const line = /^\d+$/.test(item) ? lines[own as BlockId]?.[Number(item)] : undefined;
      if (line !== undefined) message = t("problem.line", { line, text: message });
    } else {
      const field = blockIds.find((id) => p.path === id || p.path.startsWith(`${id}.`));
      if (field) {
        message = t("problem.inField", { field: t(`field.${field}.label`), text: message });
      }
    }
    const list = grouped.get(block) ?? [];
    if (!list.includes(message)) list.push(message);
    grouped.set(block, list);
  }
  return Object.fromEntries(
    [...grouped].map(([block, list]) => [block, clip(list.join(" "), ERROR_MAX)]),
  );
}
