import {
  type CheckResult,
  checkCreateRequest,
  type FieldProblem,
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

/** The words that state each limit on the form, before anyone hits it. */
export const limitHints = (l: Limits) => ({
  gpuCount: `From 1 to ${l.maxGpuCount}.`,
  cpuCount: `From 1 to ${l.maxCpuCount}.`,
  memoryGb: `In GB, whole numbers up to ${l.maxMemoryGb}.`,
});

function memoryProblem(mb: number, l: Limits): string | undefined {
  const gb = mb / MB_PER_GB;
  if (gb <= l.maxMemoryGb) return undefined;
  // 16384 "GB" is 16 TB; far more likely someone typed megabytes.
  if (gb >= MB_PER_GB && gb / MB_PER_GB <= l.maxMemoryGb) {
    return `${gb} GB would be ${gb / MB_PER_GB} TB: that looks like megabytes. This field is in GB, so for ${gb} MB type ${Math.max(1, Math.round(gb / MB_PER_GB))}. The most is ${l.maxMemoryGb} GB.`;
  }
  return `A workspace can have at most ${l.maxMemoryGb} GB of memory; ${gb} GB is too much. Ask an admin if you really need more.`;
}

function cpuProblem(cpus: number, l: Limits): string | undefined {
  if (cpus <= l.maxCpuCount) return undefined;
  // Kubernetes-style millicores: 4000 meaning 4 CPUs.
  if (cpus % 1000 === 0 && cpus / 1000 <= l.maxCpuCount) {
    return `${cpus} CPUs looks like thousandths of a CPU. Count whole CPUs here: for ${cpus / 1000} CPUs type ${cpus / 1000}. The most is ${l.maxCpuCount}.`;
  }
  return `A workspace can have at most ${l.maxCpuCount} CPUs; ${cpus} is too many.`;
}

const numberAt = (r: Record<string, unknown>, key: string) =>
  typeof r[key] === "number" ? (r[key] as number) : undefined;

/**
 * Problems of a request with the operator's bounds. It reads the request as submitted, before the
 * API's rules, so a count above the bound is explained by the bound people were shown.
 */
export function limitProblems(input: unknown, l: Limits): FieldProblem[] {
  const configuration = (input as { configuration?: { resource?: unknown } } | null)?.configuration;
  const resource = configuration?.resource;
  if (typeof resource !== "object" || resource === null) return [];
  const r = resource as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string | undefined) => {
    if (message) problems.push({ path: `configuration.resource.${path}`, message });
  };
  const gpus = numberAt(r, "gpuCount");
  if (gpus !== undefined && gpus > l.maxGpuCount) {
    add("gpuCount", `A workspace can have at most ${l.maxGpuCount} GPUs; ${gpus} is too many.`);
  }
  const cpus = numberAt(r, "cpuCount");
  if (cpus !== undefined) add("cpuCount", cpuProblem(cpus, l));
  const mb = numberAt(r, "memoryMb");
  if (mb !== undefined) add("memoryMb", memoryProblem(mb, l));
  if (typeof r.gpuModel === "string" && r.gpuModel !== "" && !l.gpuModels.includes(r.gpuModel)) {
    add("gpuModel", `Choose one of the GPU models on offer: ${l.gpuModels.join(", ")}.`);
  }
  return problems;
}

/**
 * The API's rules and the operator's bounds, every problem at once. Where both speak about one
 * field, the bound does: it is the one people were shown.
 */
export function checkWithLimits(input: unknown, limits: Limits): CheckResult {
  const checked = checkCreateRequest(input);
  const bounds = limitProblems(input, limits);
  if (bounds.length === 0) return checked;
  const bounded = new Set(bounds.map((p) => p.path));
  const rest = checked.ok ? [] : checked.problems.filter((p) => !bounded.has(p.path));
  return { ok: false, problems: [...rest, ...bounds] };
}
