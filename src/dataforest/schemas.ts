import { z } from "zod";

/**
 * Requests and answers of the DataForest API, except the create request, which lives in
 * create-request.ts. Answers are lenient about fields the public reference marks optional or that a
 * real server may leave out, and strict only about what the app relies on: ids and the
 * availability flag. Unknown fields are ignored.
 */

export const operationPaths = {
  create: "/api/v2/aiworkspaces/create",
  checkAvailableName: "/api/v2/aiworkspaces/checkAvailableName",
  getList: "/api/v2/aiworkspaces/getList",
  getDetail: "/api/v2/aiworkspaces/getDetail",
  getConfigurationList: "/api/v2/aiworkspaces/getConfigurationList",
  getDockerImageList: "/api/v2/aiworkspaces/getDockerImageList",
  delete: "/api/v2/aiworkspaces/delete",
  listAccounts: "/api/v2/accounts/getList",
} as const;

export type Operation = keyof typeof operationPaths;

const id = z.string().min(1);
const text = z.string().nullish();
// The reference types dates as strings; a number (epoch ms) is accepted rather than refused.
const time = z.union([z.string(), z.number()]).nullish();

// Requests

export const checkAvailableNameRequest = z.object({ accountId: z.string(), name: z.string() });
export const getListRequest = z.object({ search: z.object({ accountId: z.string() }) });
export const idRequest = z.object({ id: z.string() });
export const dockerImageTypes = ["tensorflow", "pytorch"] as const;
export type DockerImageType = (typeof dockerImageTypes)[number];
export const getDockerImageListRequest = z.object({
  search: z.object({ typeName: z.enum(dockerImageTypes) }),
});

// Answers

/** `success` is documented as always present, but only `success: false` changes what we do. */
const success = z.boolean().optional();

/**
 * A flag the reference types as a String on one page and shows as a boolean on another: both
 * spellings are read, any other value makes the item unreadable rather than guessed.
 */
const flag = z
  .union([z.boolean(), z.string().regex(/^\s*(true|false)\s*$/i)])
  .transform((v) => (typeof v === "boolean" ? v : v.trim().toLowerCase() === "true"));

/**
 * The raw items of a list answer. Each item is read on its own by the client (see `readItems`), so
 * one odd item is skipped and logged instead of making the whole answer unreadable. The reference
 * shows `contents` as a list in its examples and as a single object in its data-type pages.
 */
const items = z
  .union([z.array(z.unknown()), z.record(z.string(), z.unknown())])
  .nullish()
  .transform((c) => (c === null || c === undefined ? [] : Array.isArray(c) ? c : [c]));

export const createAnswer = z.object({ id, message: text, success });
export const deleteAnswer = z.object({ id, message: text, success });

export const checkAvailableNameAnswer = z.object({
  availableName: flag,
  message: text,
  success,
});

export const workspaceSummary = z.object({
  id,
  name: z.string().nullish(),
  description: text,
  accountName: text,
  imageVersion: text,
  disabled: flag.nullish(),
  createdAt: time,
  modifiedAt: time,
});
export type WorkspaceSummary = z.output<typeof workspaceSummary>;

/** `total` is Required in the reference and no paging is documented: it is how a list proves whole. */
export const getListAnswer = z.object({
  contents: items,
  total: z.number().int().nonnegative(),
  success,
});

/**
 * The configuration as DataForest reports it. Loose on purpose: it is shown to people, never sent
 * back, so a field the app does not know must not make the whole answer unreadable.
 */
export const configurationAnswer = z.looseObject({
  docker: z
    .looseObject({
      image: text,
      command: text,
      args: text,
      workdir: text,
      env: z.record(z.string(), z.string()).nullish(),
      exposeTcpPorts: z.array(z.number()).nullish(),
    })
    .nullish(),
  resource: z
    .looseObject({
      cpuCount: z.number().nullish(),
      gpuCount: z.number().nullish(),
      gpuModel: text,
      memoryMb: z.number().nullish(),
    })
    .nullish(),
  queueName: text,
  data: z
    .looseObject({
      input: z.array(z.looseObject({ hdfs: text, path: text })).nullish(),
      output: z
        .array(z.looseObject({ hdfs: text, path: text, overwrite: flag.nullish() }))
        .nullish(),
    })
    .nullish(),
  userPackageUri: text,
  name: text,
});
export type ConfigurationAnswer = z.output<typeof configurationAnswer>;

export const configurationEntry = z.object({
  configuration: configurationAnswer,
  createdAt: time,
  modifiedAt: time,
});
export type ConfigurationEntry = z.output<typeof configurationEntry>;

export const getConfigurationListAnswer = z.object({
  contents: items,
  total: z.number().int().nonnegative().optional(),
  success,
});

export const getDetailAnswer = z.object({
  id,
  name: z.string().nullish(),
  accountId: text,
  accountName: text,
  description: text,
  imageVersion: text,
  createdAt: time,
  modifiedAt: time,
  contents: items,
  message: text,
  success,
});
export type WorkspaceDetail = Omit<
  z.output<typeof getDetailAnswer>,
  "success" | "message" | "contents"
> & { contents: ConfigurationEntry[] };

/**
 * Keyed by framework (`tensorflow`). The reference does not say whether the strings are whole
 * references (`tensorflow:2.15.0-gpu`) or versions under the key (`2.15.0-gpu`); both are read,
 * see `imageReferences`. An entry that is not a string is dropped, not the whole list.
 */
export const getDockerImageListAnswer = z.object({
  dockerImages: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((images) => images ?? {}),
  success,
});

/** Every image of an answer as `framework:version`, whichever of the two shapes it came in. */
export function imageReferences(dockerImages: Record<string, unknown>): string[] {
  const references = Object.entries(dockerImages).flatMap(([framework, entries]) =>
    (Array.isArray(entries) ? entries : [entries])
      .filter((e): e is string => typeof e === "string")
      .map((e) => e.trim())
      .filter((e) => e.length > 0)
      .map((e) => (e.includes(":") ? e : `${framework}:${e}`)),
  );
  return [...new Set(references)];
}

export const account = z.object({
  id,
  name: text,
  principal: text,
  status: text,
  /** "true" when the service account has no resource permission in this account. */
  disabled: flag.nullish(),
  createdAt: time,
});
export type Account = z.output<typeof account>;

/**
 * Whether a workspace can be created in the account now. `disabled` means the service account has
 * no resource permission there. Of the statuses, only RUNNING (the documented default, so also a
 * missing status) is a settled, working account: ACCEPTED is an account still being set up and
 * CHANGING one being changed, and an unknown status is not guessed at.
 */
export function isUsableAccount(a: Account): boolean {
  if (a.disabled === true) return false;
  const status = a.status?.trim().toUpperCase();
  return status === undefined || status === "" || status === "RUNNING";
}

export const listAccountsAnswer = z.object({
  contents: items,
  total: z.number().int().nonnegative().optional(),
  success,
});

// Error shapes

/** DataForest's own refusal: HTTP 400/403/404/500 with `success: false`. */
export const dataForestErrorBody = z.object({
  success: z.literal(false),
  message: z.string().nullish(),
});

/** The API Gateway's refusal (401, 429, 503, 504), before DataForest saw the request. */
export const gatewayErrorBody = z.object({
  error: z.object({
    errorCode: z.union([z.string(), z.number()]).transform(String),
    message: text,
    details: text,
  }),
});
