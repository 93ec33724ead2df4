import { z } from "zod";

/**
 * The one schema of a DataForest create request. The modal's checks, the client and the fake
 * DataForest in the tests all use it, so a rule lives here once. A broken rule is reported as a
 * stable code with the values that explain it (`{path: "name", code: "name.tooLong", params:
 * {max: 15, length: 16}}`); the words, in each person's language, are the Slack side's business.
 */

export type ProblemParams = Readonly<Record<string, string | number>>;

/** Every code a rule can report; the Slack catalogs have a text for each. */
export const ruleCodes = [
  "invalid",
  "name.required",
  "name.empty",
  "name.tooLong",
  "name.start",
  "name.chars",
  "name.doubleHyphen",
  "name.end",
  "accountId.required",
  "accountId.tooLong",
  "accountId.chars",
  "description.tooLong",
  "image.required",
  "image.registry",
  "image.chars",
  "image.colon",
  "image.nameLength",
  "image.versionLength",
  "docker.required",
  "command.required",
  "env.format",
  "env.key",
  "port.type",
  "port.whole",
  "port.tooSmall",
  "port.tooLarge",
  "ports.duplicate",
  "gpuCount.type",
  "gpuCount.whole",
  "gpuCount.tooFew",
  "gpuCount.tooMany",
  "cpuCount.whole",
  "cpuCount.min",
  "memoryMb.type",
  "memoryMb.whole",
  "memoryMb.min",
  "hdfs.empty",
  "gpuModel.empty",
  "queueName.empty",
  "userPackageUri.empty",
  "path.absolute",
] as const;
export type RuleCode = (typeof ruleCodes)[number];

const isRuleCode = (code: string): code is RuleCode =>
  (ruleCodes as readonly string[]).includes(code);

type Rule<T> = readonly [
  fails: (value: T) => boolean,
  code: RuleCode,
  params?: (value: T) => ProblemParams,
];

/** Adds one issue per failing rule, so a person sees every problem at once. */
function report<T>(ctx: z.RefinementCtx, value: T, rules: readonly Rule<T>[]): void {
  for (const [fails, code, params] of rules) {
    if (fails(value))
      ctx.addIssue({ code: "custom", message: code, params: params?.(value) ?? {}, input: value });
  }
}

function withRules<S extends z.ZodType>(schema: S, rules: readonly Rule<z.output<S>>[]) {
  return schema.superRefine((value, ctx) => report(ctx, value, rules));
}

/** The distinct characters that broke a rule, in the order they appear. */
const distinct = (chars: Iterable<string>) => [...new Set(chars)].join("");
/** Echoes a bit of what was typed; a message must stay readable whatever was pasted. */
const shown = (v: string, max = 40) => (v.length <= max ? v : `${v.slice(0, max - 1)}…`);

export const NAME_MAX = 15;
export const NAME_EXAMPLE = "team-a-ws1";

export const workspaceName = z.string({ error: "name.required" }).superRefine((v, ctx) => {
  if (v.length === 0) {
    report(ctx, v, [[() => true, "name.empty", () => ({ example: NAME_EXAMPLE })]]);
    return;
  }
  report(ctx, v, [
    [(s) => s.length > NAME_MAX, "name.tooLong", (s) => ({ max: NAME_MAX, length: s.length })],
    [(s) => !/^[a-z]/.test(s), "name.start"],
    [
      (s) => /[^a-z0-9-]/.test(s),
      "name.chars",
      (s) => ({ chars: distinct(s.match(/[^a-z0-9-]/g) ?? []) }),
    ],
    [(s) => s.includes("--"), "name.doubleHyphen"],
    [(s) => s.endsWith("-"), "name.end"],
  ]);
});

export const ACCOUNT_ID_MAX = 22;
export const accountId = withRules(z.string({ error: "accountId.required" }), [
  [(v) => v.length === 0, "accountId.required"],
  [
    (v) => v.length > ACCOUNT_ID_MAX,
    "accountId.tooLong",
    (v) => ({ max: ACCOUNT_ID_MAX, length: v.length }),
  ],
  [(v) => /[^A-Za-z0-9]/.test(v), "accountId.chars"],
]);

export const DESCRIPTION_MAX = 255;
export const description = withRules(z.string(), [
  [
    (v) => v.length > DESCRIPTION_MAX,
    "description.tooLong",
    (v) => ({ max: DESCRIPTION_MAX, length: v.length }),
  ],
]);

export const IMAGE_PATTERN = /^(dataforest\/)?([a-z0-9._-]{1,30}):([a-z0-9._-]{1,20})$/;
export const IMAGE_EXAMPLE = "tensorflow:2.15.0-gpu";
const IMAGE_NAME_MAX = 30;
const IMAGE_VERSION_MAX = 20;

export type Problem = { code: RuleCode; params?: ProblemParams };

/** One problem for a bad image: the most helpful explanation of why it does not fit `name:version`. */
export function imageProblem(v: string): Problem | undefined {
  if (IMAGE_PATTERN.test(v)) return undefined;
  const example = { example: IMAGE_EXAMPLE };
  if (v.trim().length === 0) return { code: "image.required", params: example };
  const bad = v.replace(/^dataforest\//, "").match(/[^a-z0-9._:-]/g);
  if (bad?.includes("/")) return { code: "image.registry", params: example };
  if (bad) return { code: "image.chars", params: { chars: distinct(bad) } };
  const [name = "", version, ...rest] = v.replace(/^dataforest\//, "").split(":");
  if (version === undefined || rest.length > 0) return { code: "image.colon", params: example };
  if (name.length === 0 || name.length > IMAGE_NAME_MAX) {
    return { code: "image.nameLength", params: { max: IMAGE_NAME_MAX } };
  }
  return { code: "image.versionLength", params: { max: IMAGE_VERSION_MAX } };
}

export const image = z.string({ error: "image.required" }).superRefine((v, ctx) => {
  const problem = imageProblem(v);
  if (problem)
    ctx.addIssue({ code: "custom", message: problem.code, params: problem.params ?? {}, input: v });
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
    { error: "env.format" },
  )
  .transform((vars) => ownEntries(Object.entries(vars)))
  .superRefine((vars, ctx) => {
    for (const key of Object.keys(vars)) {
      if (!ENV_KEY.test(key)) {
        ctx.addIssue({
          code: "custom",
          message: "env.key",
          params: { key: shown(key) },
          input: key,
        });
      }
    }
  });

export const PORT_MIN = 1;
export const PORT_MAX = 65535;
export const port = withRules(z.number({ error: "port.type" }), [
  [(v) => !Number.isInteger(v), "port.whole", (v) => ({ value: v })],
  [(v) => v < PORT_MIN, "port.tooSmall", (v) => ({ value: v })],
  [(v) => v > PORT_MAX, "port.tooLarge", (v) => ({ value: v })],
]);

export const exposeTcpPorts = withRules(z.array(port), [
  [(v) => new Set(v).size !== v.length, "ports.duplicate"],
]);

export const GPU_COUNT_MIN = 1;
export const GPU_COUNT_MAX = 8;
const gpuRange = { min: GPU_COUNT_MIN, max: GPU_COUNT_MAX };
export const gpuCount = withRules(z.number({ error: "gpuCount.type" }), [
  [(v) => !Number.isInteger(v), "gpuCount.whole", () => gpuRange],
  [(v) => v < GPU_COUNT_MIN, "gpuCount.tooFew", (v) => ({ ...gpuRange, value: v })],
  [(v) => v > GPU_COUNT_MAX, "gpuCount.tooMany", (v) => ({ ...gpuRange, value: v })],
]);

export const cpuCount = withRules(z.number({ error: "cpuCount.whole" }), [
  [(v) => !Number.isInteger(v), "cpuCount.whole"],
  [(v) => v < 1, "cpuCount.min"],
]);

export const memoryMb = withRules(z.number({ error: "memoryMb.type" }), [
  [(v) => !Number.isInteger(v), "memoryMb.whole"],
  [(v) => v < 1, "memoryMb.min"],
]);

const nonEmpty = (code: RuleCode) => withRules(z.string(), [[(v) => v.length === 0, code]]);

const containerPath = withRules(z.string(), [
  [(v) => !v.startsWith("/"), "path.absolute", (v) => ({ value: shown(v) })],
]);

export const dataInput = z.object({
  hdfs: nonEmpty("hdfs.empty"),
  path: containerPath,
});
export const dataOutput = z.object({
  hdfs: nonEmpty("hdfs.empty"),
  path: containerPath,
  overwrite: z.boolean().optional(),
});

// Required in the AiAppDocker type: DataForest runs it when the workspace starts.
export const command = withRules(z.string({ error: "command.required" }), [
  [(v) => v.trim().length === 0, "command.required"],
]);

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
  gpuModel: nonEmpty("gpuModel.empty").optional(),
  memoryMb: memoryMb.optional(),
});

export const configuration = z.object({
  docker: z.object(docker.shape, { error: "docker.required" }),
  resource: resource.optional(),
  queueName: nonEmpty("queueName.empty").optional(),
  data: z
    .object({
      input: z.array(dataInput).optional(),
      output: z.array(dataOutput).optional(),
    })
    .optional(),
  userPackageUri: nonEmpty("userPackageUri.empty").optional(),
  name: z.string().optional(),
});

export const createRequest = z.object({
  accountId,
  name: workspaceName,
  description: description.optional(),
  configuration: z.object(configuration.shape, { error: "docker.required" }),
});

/** What the modal collects and the API is sent. */
export type CreateRequest = z.output<typeof createRequest>;
export type CreateRequestInput = z.input<typeof createRequest>;

/** A broken rule on one field, named by its API path (`configuration.docker.image`). */
export type FieldProblem = { path: string; code: RuleCode; params: ProblemParams };

/** What a code's text needs when the rule that reports it has no value to add (a missing field). */
const fixedParams: Partial<Record<RuleCode, ProblemParams>> = {
  "image.required": { example: IMAGE_EXAMPLE },
  "gpuCount.type": gpuRange,
};

export type CheckResult =
  | { ok: true; value: CreateRequest }
  | { ok: false; problems: FieldProblem[] };

export function pathOf(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/** A zod issue as a problem: its code, and the values its text needs. */
function toProblem(i: z.core.$ZodIssue): FieldProblem {
  const code = isRuleCode(i.message) ? i.message : "invalid";
  const params =
    (i.code === "custom" ? (i.params as ProblemParams | undefined) : undefined) ??
    fixedParams[code] ??
    {};
  return { path: pathOf(i.path), code, params };
}

/**
 * Checks a request against every rule at once; problems come in field order. An issue no rule
 * names (a value of the wrong type from a caller that skipped the form) is reported as `invalid`.
 */
export function checkCreateRequest(input: unknown): CheckResult {
  const parsed = createRequest.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problems: parsed.error.issues.map(toProblem) };
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
 * Why a value DataForest refused breaks a rule, as the form would report it; undefined when the
 * app's own rules have nothing against it (DataForest then knows a rule the app does not).
 */
export function explainRefusedValue(field: string, value: string): FieldProblem | undefined {
  const rule = fieldRules[field];
  if (!rule) return undefined;
  const parsed = rule.schema.safeParse(rule.number ? Number(value) : value);
  const first = parsed.success ? undefined : parsed.error.issues[0];
  return first ? { ...toProblem(first), path: field } : undefined;
}
