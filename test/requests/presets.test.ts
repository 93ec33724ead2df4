import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { DEFAULT_LIMITS } from "../../src/requests/limits.js";
import { readPresets, SHIPPED_PRESETS } from "../../src/requests/presets.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "aiworkspace-presets-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const env = {
  SLACK_BOT_TOKEN: "xoxb-test-bot-token-123",
  SLACK_SIGNING_SECRET: "signing-secret-abcdef",
  DATAFOREST_DRY_RUN: "true",
  APPROVER_USER_IDS: "U012ABCDEF",
};

async function file(text: string): Promise<string> {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.yml`);
  await writeFile(path, text);
  return path;
}

const problemsOf = (extra: Record<string, string>): string[] => {
  try {
    loadConfig({ ...env, ...extra });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
};

describe("presets", () => {
  it("ships a notebook, a TensorFlow and a PyTorch training job, each a valid request", () => {
    const read = readPresets(SHIPPED_PRESETS, DEFAULT_LIMITS, (p) => p.code);
    if (!read.ok) throw new Error(read.problems.join("\n"));
    expect(read.presets.map((p) => p.id)).toEqual(["notebook", "tf-train", "torch-train"]);
    for (const p of read.presets) {
      expect(p.configuration.docker.command).toBeTruthy();
      expect(p.about.length).toBeGreaterThan(10);
      // Japanese readers get their own words for each.
      expect(p.ja?.name).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(p.ja?.about).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
    expect(loadConfig(env).presets).toEqual(read.presets);
  });

  it("stops start-up naming the preset and the field of every problem", async () => {
    const path = await file(`
presets:
  - id: fine
    name: Fine
    about: Works.
    image: tensorflow:2.15.0-gpu
    command: python
    resources: { gpus: 1 }
  - id: broken
    name: Broken
    about: Has it all wrong.
    image: tensorflow/r2.3.1-py3
    comand: python
    resources: { gpus: 12, memoryGb: 16384 }
    variables: { 1BAD: x }
  - id: fine
    name: Again
    about: Same id.
    image: pytorch:2.1.0-cuda12
    command: torchrun
    resources: { gpuModel: H100 }
  - id: half-gpu
    name: Half a GPU
    about: A broken resource hides neither the others nor the rest.
    image: tensorflow:2.15.0-gpu
    command: python
    resources: { gpus: 0.5, cpus: 999 }
`);
    const problems = problemsOf({ PRESETS_FILE: path });
    const where = `PRESETS_FILE (${path})`;
    expect(problems).toEqual([
      `${where}: preset 2 (broken): command is missing: every preset needs the command that runs when the workspace starts`,
      `${where}: preset 2 (broken): unknown field comand`,
      // The misspelt command does not hide the values: they are checked all the same, and the
      // missing command is not named twice.
      expect.stringMatching(/: preset 2 \(broken\): image: Images look like name:version/),
      `${where}: preset 2 (broken): variables: “1BAD” cannot be a variable name: use letters, digits and “_”, starting with a letter or “_”.`,
      `${where}: preset 2 (broken): resources.gpus: A workspace can have at most 8 GPUs; 12 is too many.`,
      `${where}: preset 2 (broken): resources.memoryGb: 16384 GB would be 16 TB: that looks like megabytes. This field is in GB, so for 16384 MB type 16. The most is 256 GB.`,
      `${where}: preset 3 (fine): id fine is used by an earlier preset`,
      `${where}: preset 3 (fine): resources.gpuModel: Choose one of the GPU models on offer: T4, V100.`,
      `${where}: preset 4 (half-gpu): resources.gpus must be a whole number`,
      `${where}: preset 4 (half-gpu): resources.cpus: A workspace can have at most 32 CPUs; 999 is too many.`,
    ]);
  });

  it("checks a preset's values against the create rules and the configured bounds", async () => {
    const path = await file(`
presets:
  - id: broken
    name: Broken
    about: Has it all wrong.
    image: tensorflow/r2.3.1-py3
    command: python
    resources: { gpus: 12, memoryGb: 16384 }
    variables: { 1BAD: x }
`);
    const problems = problemsOf({ PRESETS_FILE: path });
    const where = `PRESETS_FILE (${path}): preset 1 (broken)`;
    expect(problems).toEqual([
      expect.stringMatching(
        new RegExp(`^${where.replace(/[()]/g, "\\$&")}: image: Images look like name:version`),
      ),
      `${where}: variables: “1BAD” cannot be a variable name: use letters, digits and “_”, starting with a letter or “_”.`,
      `${where}: resources.gpus: A workspace can have at most 8 GPUs; 12 is too many.`,
      `${where}: resources.memoryGb: 16384 GB would be 16 TB: that looks like megabytes. This field is in GB, so for 16384 MB type 16. The most is 256 GB.`,
    ]);
    // The shipped PyTorch job asks for 2 GPUs: an operator who allows 1 hears which preset to change.
    expect(problemsOf({ MAX_GPU_COUNT: "1" })).toEqual([
      "presets.yml (shipped): preset 3 (torch-train): resources.gpus: A workspace can have at most 1 GPUs; 2 is too many.",
    ]);
  });

  it("takes a Japanese name and line, and names what is wrong with them", async () => {
    const path = await file(`
presets:
  - id: half
    name: Half done
    about: Its Japanese has no line.
    ja: { name: 半分 }
    image: tensorflow:2.15.0-gpu
    command: python
    resources: { gpus: 1 }
  - id: other
    name: Other
    about: Its Japanese has a field presets do not have.
    ja: { name: 他, about: 説明, tone: polite }
    image: tensorflow:2.15.0-gpu
    command: python
    resources: { gpus: 1 }
`);
    const where = `PRESETS_FILE (${path})`;
    expect(problemsOf({ PRESETS_FILE: path })).toEqual([
      `${where}: preset 1 (half): ja.about is missing`,
      `${where}: preset 2 (other): ja: unknown field tone`,
    ]);
  });

  it("says so when the file is missing, is not YAML, or lists no presets", async () => {
    expect(problemsOf({ PRESETS_FILE: join(dir, "missing.yml") })[0]).toMatch(
      /^PRESETS_FILE \(.*missing\.yml\): cannot be read as YAML \(ENOENT/,
    );
    const broken = await file("presets: [\n  - id: x\n");
    expect(problemsOf({ PRESETS_FILE: broken })[0]).toContain("cannot be read as YAML");
    const empty = await file("presets: []\n");
    expect(problemsOf({ PRESETS_FILE: empty })).toEqual([
      `PRESETS_FILE (${empty}): presets must list at least one preset`,
    ]);
  });
});
