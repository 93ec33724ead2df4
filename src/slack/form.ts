import type { CreateRequest, FieldProblem } from "../dataforest/create-request.js";

/**
 * The modal's fields, and the mapping between what a person types and the API's create request.
 * Every input block's id is the API field path it fills, so an API error that names a field lands
 * under that field. Each parser's error texts sit next to the format they explain.
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

type Parsed = { value: unknown } | { problem: string };
type Parser = (text: string) => Parsed;

const text: Parser = (t) => ({ value: t });

const lines = (t: string) =>
  t
    .split(/\r?\n/)
    .map((l, i) => ({ line: l.trim(), n: i + 1 }))
    .filter((l) => l.line.length > 0);

const wholeNumber =
  (example: string): Parser =>
  (t) => {
    const n = Number(t);
    return /^[+-]?\d+(\.\d+)?$/.test(t) && Number.isFinite(n)
      ? { value: n }
      : { problem: `Give a number here, for example ${example}.` };
  };

const env: Parser = (t) => {
  const vars: Record<string, string> = {};
  for (const { line, n } of lines(t)) {
    const eq = line.indexOf("=");
    if (eq <= 0) {
      return {
        problem: `Line ${n}: write each variable as NAME=value, for example EPOCHS=10.`,
      };
    }
    const key = line.slice(0, eq).trim();
    if (key in vars) return { problem: `Line ${n}: ${key} is already set on an earlier line.` };
    vars[key] = line.slice(eq + 1).trim();
  }
  return { value: vars };
};

const ports: Parser = (t) => {
  const parts = t.split(/[\s,]+/).filter((p) => p.length > 0);
  const bad = parts.find((p) => !/^\d+$/.test(p));
  if (bad !== undefined) {
    return { problem: `“${bad}” is not a port number. List ports like 8888, 6006.` };
  }
  return { value: parts.map(Number) };
};

const ARROW = /\s*(?:->|→)\s*/;
const OVERWRITE = /\s*\(overwrite\)\s*$/i;

const mounts =
  (withOverwrite: boolean): Parser =>
  (t) => {
    const out: Record<string, unknown>[] = [];
    for (const { line, n } of lines(t)) {
      const overwrite = withOverwrite && OVERWRITE.test(line);
      const [hdfs, path, ...rest] = line.replace(OVERWRITE, "").split(ARROW);
      if (!hdfs || !path || rest.length > 0) {
        return {
          problem: `Line ${n}: write it as hdfs_path -> folder_in_workspace, for example /user/alice/data -> /data/input${withOverwrite ? " (overwrite)" : ""}.`,
        };
      }
      out.push(withOverwrite ? { hdfs, path, overwrite } : { hdfs, path });
    }
    return { value: out };
  };

const gigabytes: Parser = (t) => {
  const gb = Number(t.replace(/\s*gb$/i, ""));
  if (!Number.isFinite(gb) || t.trim() === "") {
    return { problem: "Give the memory as a number of GB, for example 16." };
  }
  return { value: Math.round(gb * 1024) };
};

const parsers: Record<BlockId, Parser> = {
  name: text,
  description: text,
  accountId: text,
  "configuration.docker.image": text,
  "configuration.resource.gpuModel": text,
  "configuration.resource.gpuCount": wholeNumber("1"),
  "configuration.resource.cpuCount": wholeNumber("4"),
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

/**
 * Turns the form into a create request to be checked by the shared schema. Fields left empty are
 * left out, so the API's defaults apply; the required ones are then reported by the schema.
 */
export function formToRequest(
  values: FormValues,
  defaults: { accountId?: string | undefined } = {},
): { input: Record<string, unknown>; problems: FieldProblem[] } {
  const input: Record<string, unknown> = { configuration: { docker: {} } };
  const problems: FieldProblem[] = [];
  const filled: FormValues = { ...values };
  if (defaults.accountId && !filled.accountId?.trim()) filled.accountId = defaults.accountId;
  for (const id of blockIds) {
    const raw = filled[id]?.trim();
    if (!raw) continue;
    const parsed = parsers[id](raw);
    if ("problem" in parsed) problems.push({ path: id, message: parsed.problem });
    else setPath(input, id, parsed.value);
  }
  return { input, problems };
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
    return mb === undefined ? undefined : String(Math.round((mb / 1024) * 100) / 100);
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

/** Fields typed one entry per line, whose problems are easier to find by line number. */
const lineFields: readonly string[] = ["configuration.data.input", "configuration.data.output"];

/** The block a problem belongs under: the longest block id its path starts with. */
export function blockFor(path: string, present: readonly string[]): string | undefined {
  return present
    .filter((id) => path === id || path.startsWith(`${id}.`))
    .sort((a, b) => b.length - a.length)[0];
}

/**
 * Problems as Slack's inline errors: one text per block, every problem at once. A problem whose
 * block is not in the view (say, the accounts had not loaded yet) goes under the first block, so
 * it is still seen.
 */
export function problemsToErrors(
  problems: readonly FieldProblem[],
  present: readonly string[],
): Record<string, string> {
  const grouped = new Map<string, string[]>();
  for (const p of problems) {
    const block = blockFor(p.path, present) ?? present[0] ?? "name";
    const item = p.path.slice(block.length + 1).split(".")[0] ?? "";
    const message =
      lineFields.includes(block) && /^\d+$/.test(item)
        ? `Line ${Number(item) + 1}: ${p.message}`
        : p.message;
    const list = grouped.get(block) ?? [];
    if (!list.includes(message)) list.push(message);
    grouped.set(block, list);
  }
  return Object.fromEntries([...grouped].map(([block, list]) => [block, list.join(" ")]));
}
