import {
  type CreateRequest,
  checkCreateRequest,
  type FieldProblem,
  type ProblemParams,
} from "../dataforest/create-request.js";

/**
 * The operator's bounds on what one request may ask for. They are policy, not API rules, so they
 * live apart from the create schema: the API would accept 64 CPUs, this team may not want to.
 */
export type Limits = {
  maxGpuCount: number;
  maxCpuCount: number;
  maxMemoryGb: number;
  /** The GPU models people may choose; the first is the default. */
  gpuModels: string[];
  /** How many requests one person may have waiting for a decision at once. */
  maxPendingPerUser: number;
};

/**
 * 8 GPUs is the API's own ceiling. 32 CPUs and 256 GB is one large GPU server: a workspace is one
 * container, so it cannot be bigger than the machine it lands on, and anything above that is more
 * likely a slip of the finger (megabytes typed into a GB field) than a real need.
 */
export const DEFAULT_LIMITS: Limits = {
  maxGpuCount: 8,
  maxCpuCount: 32,
  maxMemoryGb: 256,
  gpuModels: ["T4", "V100"],
  maxPendingPerUser: 5,
};

const MB_PER_GB = 1024;

/** Why a request breaks a bound; the Slack side has the words for each (`problem.limit.*`). */
export type LimitCode =
  | "limit.gpuCount"
  | "limit.cpuCount"
  | "limit.cpuMillicores"
  | "limit.memory"
  | "limit.memoryMegabytes"
  | "limit.gpuModel";
export type LimitProblem = { path: string; code: LimitCode; params: ProblemParams };

type Found = { code: LimitCode; params: ProblemParams } | undefined;

function memoryProblem(mb: number, l: Limits): Found {
  const gb = mb / MB_PER_GB;
  const max = l.maxMemoryGb;
  if (gb <= max) return undefined;
  // 16384 "GB" is 16 TB; far more likely someone typed megabytes.
  if (gb >= MB_PER_GB && gb / MB_PER_GB <= max) {
    const suggestion = Math.max(1, Math.round(gb / MB_PER_GB));
    return { code: "limit.memoryMegabytes", params: { gb, tb: gb / MB_PER_GB, suggestion, max } };
  }
  return { code: "limit.memory", params: { gb, max } };
}

function cpuProblem(cpus: number, l: Limits): Found {
  const max = l.maxCpuCount;
  if (cpus <= max) return undefined;
  // Kubernetes-style millicores: 4000 meaning 4 CPUs.
  if (cpus % 1000 === 0 && cpus / 1000 <= max) {
    return { code: "limit.cpuMillicores", params: { value: cpus, cpus: cpus / 1000, max } };
  }
  return { code: "limit.cpuCount", params: { value: cpus, max } };
}

const numberAt = (r: Record<string, unknown>, key: string) =>
  typeof r[key] === "number" ? (r[key] as number) : undefined;

/**
 * Problems of a request with the operator's bounds. It reads the request as submitted, before the
 * API's rules, so a count above the bound is explained by the bound people were shown.
 */
export function limitProblems(input: unknown, l: Limits): LimitProblem[] {
  const configuration = (input as { configuration?: { resource?: unknown } } | null)?.configuration;
  const resource = configuration?.resource;
  if (typeof resource !== "object" || resource === null) return [];
  const r = resource as Record<string, unknown>;
  const problems: LimitProblem[] = [];
  const add = (path: string, found: Found) => {
    if (found) problems.push({ path: `configuration.resource.${path}`, ...found });
  };
  const gpus = numberAt(r, "gpuCount");
  if (gpus !== undefined && gpus > l.maxGpuCount) {
    add("gpuCount", { code: "limit.gpuCount", params: { value: gpus, max: l.maxGpuCount } });
  }
  const cpus = numberAt(r, "cpuCount");
  if (cpus !== undefined) add("cpuCount", cpuProblem(cpus, l));
  const mb = numberAt(r, "memoryMb");
  if (mb !== undefined) add("memoryMb", memoryProblem(mb, l));
  if (typeof r.gpuModel === "string" && r.gpuModel !== "" && !l.gpuModels.includes(r.gpuModel)) {
    add("gpuModel", { code: "limit.gpuModel", params: { models: l.gpuModels.join(", ") } });
  }
  return problems;
}

/** A request checked against the API's rules and the operator's bounds. */
export type Checked =
  | { ok: true; value: CreateRequest }
  | { ok: false; problems: (FieldProblem | LimitProblem)[] };

/**
 * The API's rules and the operator's bounds, every problem at once. Where both speak about one
 * field, the bound does: it is the one people were shown.
 */
export function checkWithLimits(input: unknown, limits: Limits): Checked {
  const checked = checkCreateRequest(input);
  const bounds = limitProblems(input, limits);
  if (bounds.length === 0) return checked;
  const bounded = new Set(bounds.map((p) => p.path));
  const rest = checked.ok ? [] : checked.problems.filter((p) => !bounded.has(p.path));
  return { ok: false, problems: [...rest, ...bounds] };
}
