/**
 * The create rules as NCP's public DataForest reference states them (the create page, the data
 * types AiAppTypeSpec, AiAppDocker and AiAppResource), written here on their own so that the fake
 * DataForest never shares a rule with the app: a rule the app gets wrong then fails a test.
 *
 * Refusals are worded like the real API's. The create page's example error shows the shape:
 *   invalid request parameter (configuration.docker.image, 'tensorflow/r2.3.1-py3'). "<pattern>"と一致する必要があります
 * that is, the field path, the refused value, then the validator's sentence in Japanese. The
 * other sentences follow the same validator's wording for its other checks.
 */

const IMAGE_PATTERN_TEXT = "^(dataforest/)?([a-z0-9._-]{1,30}):([a-z0-9._-]{1,20})$";
const IMAGE = new RegExp(IMAGE_PATTERN_TEXT);
const NAME_PATTERN_TEXT = "^[a-z]([a-z0-9]|-(?!-))*(?<!-)$";
const NAME = new RegExp(NAME_PATTERN_TEXT);
const BASE62 = /^[0-9A-Za-z]+$/;

type Problem = { path: string; sentence: string };

const sentences = {
  required: "null は許可されていません",
  blank: "空白は許可されていません",
  pattern: (p: string) => `"${p}"と一致する必要があります`,
  size: (min: number, max: number) => `${min} から ${max} の間のサイズにしてください`,
  min: (n: number) => `${n} 以上の値にしてください`,
  max: (n: number) => `${n} 以下の値にしてください`,
  type: "型が正しくありません",
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isWhole = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

/** Every rule break in a create body, in the order the reference lists the fields. */
export function createProblems(body: unknown): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, sentence: string) => problems.push({ path, sentence });
  if (!isObject(body)) return [{ path: "", sentence: sentences.required }];

  const { accountId, name, description, configuration } = body;
  if (typeof accountId !== "string") add("accountId", sentences.required);
  else if (accountId.length < 1 || accountId.length > 22) add("accountId", sentences.size(1, 22));
  else if (!BASE62.test(accountId)) add("accountId", sentences.pattern("^[0-9A-Za-z]+$"));

  if (typeof name !== "string") add("name", sentences.required);
  else if (name.length < 1 || name.length > 15) add("name", sentences.size(1, 15));
  else if (!NAME.test(name)) add("name", sentences.pattern(NAME_PATTERN_TEXT));

  if (description !== undefined && description !== null) {
    if (typeof description !== "string") add("description", sentences.type);
    else if (description.length > 255) add("description", sentences.size(0, 255));
  }

  if (!isObject(configuration)) {
    add("configuration", sentences.required);
    return problems;
  }
  const { docker, resource, queueName, data, userPackageUri } = configuration;
  if (!isObject(docker)) add("configuration.docker", sentences.required);
  else {
    const { image, command, args, workdir, env, exposeTcpPorts } = docker;
    if (typeof image !== "string") add("configuration.docker.image", sentences.required);
    else if (!IMAGE.test(image)) {
      add("configuration.docker.image", sentences.pattern(IMAGE_PATTERN_TEXT));
    }
    // Required in the AiAppDocker data type.
    if (typeof command !== "string") add("configuration.docker.command", sentences.required);
    else if (command.trim() === "") add("configuration.docker.command", sentences.blank);
    for (const [key, value] of Object.entries({ args, workdir })) {
      if (value !== undefined && typeof value !== "string") {
        add(`configuration.docker.${key}`, sentences.type);
      }
    }
    if (env !== undefined) {
      if (!isObject(env) || Object.values(env).some((v) => typeof v !== "string")) {
        add("configuration.docker.env", sentences.type);
      }
    }
    if (exposeTcpPorts !== undefined) {
      if (!Array.isArray(exposeTcpPorts))
        add("configuration.docker.exposeTcpPorts", sentences.type);
      else {
        exposeTcpPorts.forEach((port, i) => {
          const path = `configuration.docker.exposeTcpPorts[${i}]`;
          if (!isWhole(port)) add(path, sentences.type);
          else if (port < 1) add(path, sentences.min(1));
          else if (port > 65535) add(path, sentences.max(65535));
        });
      }
    }
  }

  if (resource !== undefined) {
    if (!isObject(resource)) add("configuration.resource", sentences.type);
    else {
      const { cpuCount, gpuCount, gpuModel, memoryMb } = resource;
      if (cpuCount !== undefined) {
        if (!isWhole(cpuCount)) add("configuration.resource.cpuCount", sentences.type);
        else if (cpuCount < 1) add("configuration.resource.cpuCount", sentences.min(1));
      }
      if (gpuCount !== undefined) {
        if (!isWhole(gpuCount)) add("configuration.resource.gpuCount", sentences.type);
        else if (gpuCount < 1) add("configuration.resource.gpuCount", sentences.min(1));
        else if (gpuCount > 8) add("configuration.resource.gpuCount", sentences.max(8));
      }
      if (gpuModel !== undefined && typeof gpuModel !== "string") {
        add("configuration.resource.gpuModel", sentences.type);
      }
      if (memoryMb !== undefined) {
        if (!isWhole(memoryMb)) add("configuration.resource.memoryMb", sentences.type);
        else if (memoryMb < 1) add("configuration.resource.memoryMb", sentences.min(1));
      }
    }
  }
  for (const [key, value] of Object.entries({ queueName, userPackageUri })) {
    if (value !== undefined && typeof value !== "string")
      add(`configuration.${key}`, sentences.type);
  }
  if (data !== undefined) {
    if (!isObject(data)) add("configuration.data", sentences.type);
    else {
      for (const direction of ["input", "output"] as const) {
        const list = data[direction];
        if (list === undefined) continue;
        if (!Array.isArray(list)) {
          add(`configuration.data.${direction}`, sentences.type);
          continue;
        }
        list.forEach((entry, i) => {
          const path = `configuration.data.${direction}[${i}]`;
          if (!isObject(entry)) {
            add(path, sentences.type);
            return;
          }
          if (typeof entry.hdfs !== "string") add(`${path}.hdfs`, sentences.required);
          if (typeof entry.path !== "string") add(`${path}.path`, sentences.required);
          if (entry.overwrite !== undefined && typeof entry.overwrite !== "boolean") {
            add(`${path}.overwrite`, sentences.type);
          }
        });
      }
    }
  }
  return problems;
}

function valueAt(body: unknown, path: string): unknown {
  let value = body;
  for (const key of path.split(/[.[\]]/).filter(Boolean)) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The refusal's message, in the shape of the create page's example error. */
export function invalidParameterMessage(body: unknown, problem: Problem): string {
  const value = valueAt(body, problem.path);
  const shown = typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
  return `invalid request parameter (${problem.path}, '${shown}'). ${problem.sentence}`;
}
