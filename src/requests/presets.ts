import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { z } from "zod";
import { type CreateRequest, type FieldProblem, ownEntries } from "../dataforest/create-request.js";
import { checkWithLimits, type LimitProblem, type Limits } from "./limits.js";

/**
 * Presets: the kinds of workspace a team asks for most, from a YAML file the operator keeps. Each
 * one is checked at start-up against the create rules and the operator's bounds, so a choice in the
 * form can never lead to a request that is refused for the preset's sake.
 */

/** The file shipped with the app, at the package's root (beside src/ and dist/). */
export const SHIPPED_PRESETS = fileURLToPath(new URL("../../presets.yml", import.meta.url));

const MB_PER_GB = 1024;

const count = z.number().int({ error: "must be a whole number" });
const text = z.string({
  error: (i) => (i.input === undefined ? "is missing" : "must be text"),
});

const presetSchema = z.strictObject({
  id: text.regex(/^[a-z0-9][a-z0-9-]{0,29}$/, {
    error: "must be 1 to 30 lowercase letters, digits and “-”",
  }),
  name: text.min(1, { error: "is required" }).max(75, { error: "must be at most 75 characters" }),
  about: text
    .min(1, { error: "is required" })
    .max(150, { error: "must be at most 150 characters" }),
  // What Japanese readers see instead of name and about; without it they read the English.
  ja: z
    .strictObject({
      name: text
        .min(1, { error: "is required" })
        .max(75, { error: "must be at most 75 characters" }),
      about: text
        .min(1, { error: "is required" })
        .max(150, { error: "must be at most 150 characters" }),
    })
    .optional(),
  image: text,
  command: z
    .string({
      error: (i) =>
        i.input === undefined
          ? "is missing: every preset needs the command that runs when the workspace starts"
          : "must be text",
    })
    .min(1, {
      error: "is empty: every preset needs the command that runs when the workspace starts",
    }),
  args: text.optional(),
  workdir: text.optional(),
  resources: z.strictObject({
    gpuModel: text.optional(),
    gpus: count.optional(),
    cpus: count.optional(),
    memoryGb: count.optional(),
  }),
  ports: z.array(count).optional(),
  // YAML reads `EPOCHS: 10` as a number; a variable's value is text either way.
  variables: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    .transform((vars) => ownEntries(Object.entries(vars).map(([k, v]) => [k, String(v)])))
    .optional(),
  data: z
    .strictObject({
      input: z.array(z.strictObject({ hdfs: text, path: text })).optional(),
      output: z
        .array(z.strictObject({ hdfs: text, path: text, overwrite: z.boolean().optional() }))
        .optional(),
    })
    .optional(),
  queue: text.optional(),
});

const presetsFile = z.strictObject({
  presets: z
    .array(z.unknown(), { error: "must be a list of presets" })
    .min(1, { error: "must list at least one preset" })
    .max(100, { error: "can list at most 100 presets (the form's choice holds 100)" }),
});

export type Preset = {
  id: string;
  name: string;
  about: string;
  /** Name and about in Japanese, when the file gives them. */
  ja?: { name: string; about: string };
  configuration: CreateRequest["configuration"];
};

/** Where a create-rule problem's path is written in the presets file. */
const presetFields: [apiPath: string, field: string][] = [
  ["configuration.docker.image", "image"],
  ["configuration.docker.command", "command"],
  ["configuration.docker.args", "args"],
  ["configuration.docker.workdir", "workdir"],
  ["configuration.docker.env", "variables"],
  ["configuration.docker.exposeTcpPorts", "ports"],
  ["configuration.resource.gpuModel", "resources.gpuModel"],
  ["configuration.resource.gpuCount", "resources.gpus"],
  ["configuration.resource.cpuCount", "resources.cpus"],
  ["configuration.resource.memoryMb", "resources.memoryGb"],
  ["configuration.data", "data"],
  ["configuration.queueName", "queue"],
];

const fieldOf = (apiPath: string) => {
  const found = presetFields.find(([p]) => apiPath === p || apiPath.startsWith(`${p}.`));
  return found ? `${found[1]}${apiPath.slice(found[0].length)}` : apiPath;
};

type PresetValues = z.output<typeof presetSchema>;
type SomeValues = Partial<Omit<PresetValues, "resources">> & {
  resources?: Partial<PresetValues["resources"]>;
};

/**
 * The fields of a preset that pass on their own, from one that does not pass as a whole (a missing
 * command, a misspelt field): their values can still be checked, so one start-up names every
 * problem. Answers the values and the fields they fill (`image`, `resources.gpus`…).
 */
function passingFields(item: unknown): { values: SomeValues; fields: string[] } {
  if (typeof item !== "object" || item === null) return { values: {}, fields: [] };
  const own = item as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  const fields: string[] = [];
  for (const [key, schema] of Object.entries(presetSchema.shape)) {
    if (key === "resources") continue;
    const field = (schema as z.ZodType).safeParse(own[key]);
    if (field.success && field.data !== undefined) {
      values[key] = field.data;
      fields.push(key);
    }
  }
  const resources: Record<string, unknown> = {};
  const given = own.resources;
  if (typeof given === "object" && given !== null) {
    for (const [key, schema] of Object.entries(presetSchema.shape.resources.shape)) {
      const field = schema.safeParse((given as Record<string, unknown>)[key]);
      if (field.success && field.data !== undefined) {
        resources[key] = field.data;
        fields.push(`resources.${key}`);
      }
    }
  }
  return { values: { ...values, resources }, fields };
}

function toConfiguration(p: SomeValues): Record<string, unknown> {
  const r = p.resources ?? {};
  const defined = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return defined({
    docker: defined({
      image: p.image,
      command: p.command,
      args: p.args,
      workdir: p.workdir,
      env: p.variables,
      exposeTcpPorts: p.ports,
    }),
    resource: defined({
      gpuModel: r.gpuModel,
      gpuCount: r.gpus,
      cpuCount: r.cpus,
      memoryMb: r.memoryGb === undefined ? undefined : r.memoryGb * MB_PER_GB,
    }),
    data: p.data,
    queueName: p.queue,
  });
}

/**
 * Reads and checks the presets. Answers them, or every problem found, each naming the preset and
 * the field, so an operator fixes the file in one go.
 */
export function readPresets(
  file: string,
  limits: Limits,
  /** A broken rule in words, for the operator's start-up message. */
  describe: (problem: FieldProblem | LimitProblem) => string,
): { ok: true; presets: Preset[] } | { ok: false; problems: string[] } {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { ok: false, problems: [`cannot be read as YAML (${reason})`] };
  }
  const listed = presetsFile.safeParse(raw);
  if (!listed.success) {
    return {
      ok: false,
      problems: listed.error.issues.map(
        (i) => `${i.path.map(String).join(".") || "the file"} ${i.message}`,
      ),
    };
  }
  const problems: string[] = [];
  const presets: Preset[] = [];
  const ids = new Set<string>();
  listed.data.presets.forEach((item, index) => {
    const id = (item as { id?: unknown } | null)?.id;
    const label = `preset ${index + 1}${typeof id === "string" ? ` (${id})` : ""}`;
    const parsed = presetSchema.safeParse(item);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const field = i.path.map(String).join(".");
        problems.push(
          i.code === "unrecognized_keys"
            ? `${label}: ${field ? `${field}: ` : ""}unknown field ${i.keys.join(", ")}`
            : `${label}: ${field || "the preset"} ${i.message}`,
        );
      }
    }
    const { values, fields } = parsed.success
      ? { values: parsed.data, fields: undefined }
      : passingFields(item);
    if (typeof values.id === "string") {
      if (ids.has(values.id)) {
        problems.push(`${label}: id ${values.id} is used by an earlier preset`);
      }
      ids.add(values.id);
    }
    const checked = checkWithLimits(
      { accountId: "preset", name: "preset", configuration: toConfiguration(values) },
      limits,
    );
    if (!checked.ok) {
      for (const problem of checked.problems) {
        const field = fieldOf(problem.path);
        // A field missing or broken is already named above; its create rule would say it twice.
        const checkable =
          fields === undefined || fields.some((f) => field === f || field.startsWith(`${f}.`));
        if (checkable) problems.push(`${label}: ${field}: ${describe(problem)}`);
      }
    }
    if (!parsed.success || !checked.ok) return;
    const p = parsed.data;
    presets.push({
      id: p.id,
      name: p.name,
      about: p.about,
      ...(p.ja ? { ja: p.ja } : {}),
      configuration: checked.value.configuration,
    });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, presets };
}
