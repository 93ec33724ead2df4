import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, type Limits, limitProblems } from "../../src/requests/limits.js";
import { problemText } from "../../src/slack/form.js";
import { translator } from "../../src/slack/i18n/catalog.js";

const en = translator("en");

const limits: Limits = { ...DEFAULT_LIMITS, maxGpuCount: 4, gpuModels: ["T4", "A100"] };
const withResource = (resource: Record<string, unknown>) => ({
  accountId: "acc1",
  name: "ws",
  configuration: { docker: { image: "a:b" }, resource },
});
/** The problems as an English-speaking person reads them. */
const problemsOf = (resource: Record<string, unknown>) =>
  limitProblems(withResource(resource), limits).map((p) => ({
    path: p.path,
    message: problemText(p, en),
  }));

describe("the operator's bounds", () => {
  it("lets through a request inside every bound", () => {
    expect(
      problemsOf({ gpuCount: 4, cpuCount: 32, memoryMb: 256 * 1024, gpuModel: "A100" }),
    ).toEqual([]);
    expect(limitProblems({}, limits)).toEqual([]);
    expect(limitProblems(null, limits)).toEqual([]);
  });

  it.each([
    [{ gpuCount: 5 }, "gpuCount", "A workspace can have at most 4 GPUs; 5 is too many."],
    [{ cpuCount: 33 }, "cpuCount", "A workspace can have at most 32 CPUs; 33 is too many."],
    [
      { cpuCount: 4000 },
      "cpuCount",
      "4000 CPUs looks like thousandths of a CPU. Count whole CPUs here: for 4 CPUs type 4. The most is 32.",
    ],
    [
      { memoryMb: 16384 * 1024 },
      "memoryMb",
      "16384 GB would be 16 TB: that looks like megabytes. This field is in GB, so for 16384 MB type 16. The most is 256 GB.",
    ],
    [
      { memoryMb: 512 * 1024 },
      "memoryMb",
      "A workspace can have at most 256 GB of memory; 512 GB is too much. Ask an admin if you really need more.",
    ],
    [{ gpuModel: "V100" }, "gpuModel", "Choose one of the GPU models on offer: T4, A100."],
  ])("refuses %j with a plain message", (resource, field, message) => {
    expect(problemsOf(resource)).toEqual([{ path: `configuration.resource.${field}`, message }]);
  });

  it("reports every bound at once", () => {
    expect(problemsOf({ gpuCount: 9, cpuCount: 99, memoryMb: 1e9, gpuModel: "X" })).toHaveLength(4);
  });
});
