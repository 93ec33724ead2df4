import { z } from "zod";

/**
 * The one schema of a DataForest create request. The modal's checks, the client and the fake
 * DataForest in the tests all use it, so a rule lives here once, next to the words that explain it.
 * Messages are written for people who are not engineers: they say what to type, not which regex failed.
 */

type Rule<T> = readonly [fails: (value: T) => boolean, message: (value: T) => string];

/** Reports every rule that fails, each as its own issue, so a person sees all problems at once. */
function withRules<S extends z.ZodType>(schema: S, rules: readonly Rule<z.output<S>>[]) {
  return schema.superRefine((value, ctx) => {
    for (const [fails, message] of rules) {
      if (fails(value)) ctx.addIssue({ code: "custom", message: message(value), input: value });
    }
  });
}

/** Echoes a bit of what was typed; a message must stay readable whatever was pasted. */
const shown = (v: string, max = 40) => (v.length <= max ? v : `${v.slice(0, max - 1)}…`);
const quoted = (chars: Iterable<string>) => {
  const distinct = [...new Set(chars)];
  const listed = distinct
    .slice(0, 8)
    .map((c) => `"${c}"`)
    .join(", ");
  return distinct.length > 8 ? `${listed} and others` : listed;
};

export const NAME_MAX = 15;
export const NAME_EXAMPLE = "team-a-ws1";

export const workspaceName = z
  .string({ error: "Give the workspace a name." })
  .superRefine((v, ctx) => {
    const add = (message: string) => ctx.addIssue({ code: "custom", message, input: v });
    if (v.length === 0) {
      add(`Give the workspace a name, for example ${NAME_EXAMPLE}.`);
      return;
    }
    if (v.length > NAME_MAX) add(`Use at most ${NAME_MAX} characters; this name has ${v.length}.`);
    if (!/^[a-z]/.test(v)) add("Start the name with a lowercase letter (a to z).");
    const bad = v.match(/[^a-z0-9-]/g);
    if (bad) {
      add(`Use only lowercase letters, digits and hyphens; remove or change ${quoted(bad)}.`);
    }
    if (v.includes("--")) add("Use single hyphens only: replace “--” with “-”.");
    if (v.endsWith("-")) add("End the name with a letter or a digit, not a hyphen.");
  });

export const accountId = withRules(
  z.string({ error: "Choose the DataForest account the workspace belongs to." }),
  [
    [(v) => v.length === 0, () => "Choose the DataForest account the workspace belongs to."],
    [
      (v) => v.length > 22,
      (v) => `An account id has at most 22 characters; this one has ${v.length}.`,
    ],
    [
      (v) => /[^A-Za-z0-9]/.test(v),
      () => "An account id has only letters and digits. Copy it again from the DataForest console.",
    ],
  ],
);

export const DESCRIPTION_MAX = 255;
export const description = withRules(z.string(), [
  [
    (v) => v.length > DESCRIPTION_MAX,
    (v) => `Keep this to ${DESCRIPTION_MAX} characters; it has ${v.length}.`,
  ],
]);

export const IMAGE_PATTERN = /^(dataforest\/)?([a-z0-9._-]{1,30}):([a-z0-9._-]{1,20})$/;
export const IMAGE_EXAMPLE = "tensorflow:2.15.0-gpu";

/** One message for a bad image: the most helpful explanation of why it does not fit `name:version`. */
export function imageProblem(v: string): string | undefined {
  if (IMAGE_PATTERN.test(v)) return undefined;
  if (v.trim().length === 0) return `Choose the software to run, for example ${IMAGE_EXAMPLE}.`;
  const bad = v.replace(/^dataforest\//, "").match(/[^a-z0-9._:-]/g);
  if (bad?.includes("/")) {
    return `Images look like name:version, for example ${IMAGE_EXAMPLE}, or dataforest/name:version. Remove the “/” part.`;
  }
  if (bad) {
    return `Use only lowercase letters, digits, “.”, “_” and “-” in the image; change ${quoted(bad)}.`;
  }
  const [name = "", version, ...rest] = v.replace(/^dataforest\//, "").split(":");
  if (version === undefined || rest.length > 0) {
    return `Images look like name:version with one colon, for example ${IMAGE_EXAMPLE}.`;
  }
  if (name.length === 0 || name.length > 30) {
    return "The part before the colon (the image name) must have 1 to 30 characters.";
  }
  return "The part after the colon (the version) must have 1 to 20 characters.";
}

export const image = z
  .string({ error: `Choose the software to run, for example ${IMAGE_EXAMPLE}.` })
  .superRefine((v, ctx) => {
    const message = imageProblem(v);
    if (message) ctx.addIssue({ code: "custom", message, input: v });
  });

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Sets a key as an own property, so names like `__proto__` or `constructor` stay plain names. */
export function ownEntries(entries: Iterable<readonly [string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(out, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

// Not z.record: it assigns keys, and assigning `__proto__` changes the prototype instead of
// keeping the variable. Keys are checked on the whole record so the problem lands on the env field.
export const env = z
  .custom<Record<string, string>>(
    (v) =>
      typeof v === "object" &&
      v !== null &&
      !Array.isArray(v) &&
      Object.values(v).every((x) => typeof x === "string"),
    { error: "Write each variable as NAME=value, one per line." },
  )
  .transform((vars) => ownEntries(Object.entries(vars)))
  .superRefine((vars, ctx) => {
    for (const key of Object.keys(vars)) {
      if (!ENV_KEY.test(key)) {
        ctx.addIssue({
          code: "custom",
          message: `“${shown(key)}” cannot be a variable name: use letters, digits and “_”, starting with a letter or “_”.`,
          input: key,
        });
      }
    }
  });

export const port = z
  .number({ error: "A port is a whole number from 1 to 65535, for example 8888." })
  .int({ error: (i) => `A port is a whole number; ${String(i.input)} is not.` })
  .min(1, { error: (i) => `Ports go from 1 to 65535; ${String(i.input)} is too small.` })
  .max(65535, { error: (i) => `Ports go from 1 to 65535; ${String(i.input)} is too large.` });

export const exposeTcpPorts = withRules(z.array(port), [
  [(v) => new Set(v).size !== v.length, () => "Each port can be listed only once."],
]);

export const GPU_COUNT_MIN = 1;
export const GPU_COUNT_MAX = 8;
export const gpuCount = z
  .number({
    error: `Choose how many GPUs: a whole number from ${GPU_COUNT_MIN} to ${GPU_COUNT_MAX}.`,
  })
  .int({ error: `Choose a whole number of GPUs, from ${GPU_COUNT_MIN} to ${GPU_COUNT_MAX}.` })
  .min(GPU_COUNT_MIN, {
    error: (i) =>
      `A workspace has ${GPU_COUNT_MIN} to ${GPU_COUNT_MAX} GPUs; ${String(i.input)} is too few.`,
  })
  .max(GPU_COUNT_MAX, {
    error: (i) =>
      `A workspace has ${GPU_COUNT_MIN} to ${GPU_COUNT_MAX} GPUs; ${String(i.input)} is too many.`,
  });

export const cpuCount = z
  .number({ error: "Give the number of CPUs as a whole number, for example 4." })
  .int({ error: "Give the number of CPUs as a whole number, for example 4." })
  .min(1, { error: "A workspace needs at least 1 CPU." });

export const memoryMb = z
  .number({ error: "Give the memory as a number of GB, for example 16." })
  .int({ error: "Give the memory in whole megabytes." })
  .min(1, { error: "Give the memory as a number of GB greater than 0, for example 16." });

const nonEmpty = (what: string) => z.string().min(1, { error: `${what} cannot be empty.` });

const containerPath = z.string().superRefine((v, ctx) => {
  if (!v.startsWith("/")) {
    ctx.addIssue({
      code: "custom",
      message: `The folder in the workspace must start with “/”, for example /data/input (got “${shown(v)}”).`,
      input: v,
    });
  }
});

export const dataInput = z.object({
  hdfs: nonEmpty("The HDFS path"),
  path: containerPath,
});
export const dataOutput = z.object({
  hdfs: nonEmpty("The HDFS path"),
  path: containerPath,
  overwrite: z.boolean().optional(),
});

// Required in the AiAppDocker type: DataForest runs it when the workspace starts.
export const command = z
  .string({ error: "Say what to run when the workspace starts, for example jupyter." })
  .refine((v) => v.trim().length > 0, {
    error: "Say what to run when the workspace starts, for example jupyter.",
  });

export const docker = z.object({
  image,
  command,
  args: z.string().optional(),
  workdir: z.string().optional(),
  env: env.optional(),
  exposeTcpPorts: exposeTcpPorts.optional(),
});

export const resource = z.object({
  cpuCount: cpuCount.default(1),
  gpuCount: gpuCount.optional(),
  gpuModel: nonEmpty("The GPU model").optional(),
  memoryMb: memoryMb.optional(),
});

export const configuration = z.object({
  docker: z.object(docker.shape, { error: "Choose the software (image) to run." }),
  resource: resource.optional(),
  queueName: nonEmpty("The queue").optional(),
  data: z
    .object({
      input: z.array(dataInput).optional(),
      output: z.array(dataOutput).optional(),
    })
    .optional(),
  userPackageUri: nonEmpty("The package location").optional(),
  name: z.string().optional(),
});

export const createRequest = z.object({
  accountId,
  name: workspaceName,
  description: description.optional(),
  configuration: z.object(configuration.shape, {
    error: "Choose the software (image) to run.",
  }),
});

/** What the modal collects and the API is sent. */
export type CreateRequest = z.output<typeof createRequest>;
export type CreateRequestInput = z.input<typeof createRequest>;

/** A problem with one field, named by its API path (`configuration.docker.image`). */
export type FieldProblem = { path: string; message: string };

export type CheckResult =
  | { ok: true; value: CreateRequest }
  | { ok: false; problems: FieldProblem[] };

export function pathOf(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/** Checks a request against every rule at once; problems come in field order. */
export function checkCreateRequest(input: unknown): CheckResult {
  const parsed = createRequest.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message })),
  };
}

/** The schema of each field the API may name in a refusal, to explain a value it quoted. */
const fieldRules: Record<string, { schema: z.ZodType; number?: boolean }> = {
  accountId: { schema: accountId },
  name: { schema: workspaceName },
  description: { schema: description },
  "configuration.docker.image": { schema: image },
  "configuration.resource.gpuCount": { schema: gpuCount, number: true },
  "configuration.resource.cpuCount": { schema: cpuCount, number: true },
  "configuration.resource.memoryMb": { schema: memoryMb, number: true },
};

/**
 * Why a value DataForest refused breaks a rule, in the words the form would use; undefined when
 * the app's own rules have nothing against it (DataForest then knows a rule the app does not).
 */
export function explainRefusedValue(field: string, value: string): string | undefined {
  const rule = fieldRules[field];
  if (!rule) return undefined;
  const input = rule.number ? Number(value) : value;
  const parsed = rule.schema.safeParse(input);
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
}
