import { z } from "zod";

/**
 * Requests and answers of the DataForest API, except the create request, which lives in
 * create-request.ts. Answers are lenient about fields the public reference marks optional or that a
 * real server may leave out, and strict about what the app relies on: ids, names, the availability
 * flag and the image lists.
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
export const operations = Object.keys(operationPaths) as Operation[];

const id = z.string().min(1);
const text = z.string().nullish();
// The reference types dates as strings; a number (epoch ms) is accepted rather than refused.
const time = z.union([z.string(), z.number()]).nullish();
// An empty list may plausibly come back as null or not at all.
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((items) => items ?? []);

// Requests

export const checkAvailableNameRequest = z.object({ accountId: z.string(), name: z.string() });
export const getListRequest = z.object({ search: z.object({ accountId: z.string() }) });
export const idRequest = z.object({ id: z.string() });
export const dockerImageTypes = ["tensorflow", "pytorch"] as const;
export type DockerImageType = (typeof dockerImageTypes)[number];
export const getDockerImageListRequest = z.object({
  search: z.object({ typeName: z.enum(dockerImageTypes) }),
});
export const listAccountsRequest = z.object({});

// Answers

/** `success` is documented as always present, but only `success: false` changes what we do. */
const success = z.boolean().optional();

export const createAnswer = z.object({ id, message: text, success });
export const deleteAnswer = z.object({ id, message: text, success });

export const checkAvailableNameAnswer = z.object({
  availableName: z.boolean(),
  message: text,
  success,
});

export const workspaceSummary = z.object({
  id,
  name: z.string(),
  description: text,
  accountName: text,
  imageVersion: text,
  disabled: z.boolean().nullish(),
  createdAt: time,
  modifiedAt: time,
});
export type WorkspaceSummary = z.output<typeof workspaceSummary>;

export const getListAnswer = z.object({
  contents: list(workspaceSummary),
  total: z.number().int().nonnegative().optional(),
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
        .array(z.looseObject({ hdfs: text, path: text, overwrite: z.boolean().nullish() }))
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
  contents: list(configurationEntry),
  total: z.number().int().nonnegative().optional(),
  success,
});

// The reference shows `contents` both as a list and as a single AiWorkspaceConfig.
const oneOrMany = z
  .union([z.array(configurationEntry), configurationEntry])
  .transform((c) => (Array.isArray(c) ? c : [c]));

export const getDetailAnswer = z.object({
  id,
  name: z.string().nullish(),
  accountId: text,
  accountName: text,
  description: text,
  imageVersion: text,
  createdAt: time,
  modifiedAt: time,
  contents: oneOrMany.nullish().transform((c) => c ?? []),
  message: text,
  success,
});
export type WorkspaceDetail = Omit<z.output<typeof getDetailAnswer>, "success" | "message">;

/** Keyed by image name (`tensorflow`), each with its versions or full references. */
export const getDockerImageListAnswer = z.object({
  dockerImages: z
    .record(z.string(), z.array(z.string()))
    .nullish()
    .transform((images) => images ?? {}),
  success,
});

export const account = z.object({
  id,
  name: z.string(),
  principal: text,
  status: text,
  disabled: z.boolean().nullish(),
  createdAt: time,
});
export type Account = z.output<typeof account>;

export const listAccountsAnswer = z.object({
  contents: list(account),
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
