import { describe, expect, it } from "vitest";
import { checkCreateRequest, explainRefusedValue } from "../../src/dataforest/create-request.js";
import { problemText } from "../../src/slack/form.js";
import { translator } from "../../src/slack/i18n/catalog.js";

const valid = () => ({
  accountId: "AcTeamA000000000000001",
  name: "team-a-ws1",
  description: "for model training",
  configuration: {
    docker: {
      image: "tensorflow:2.15.0-gpu",
      command: "python",
      args: "train.py --epochs 10",
      workdir: "/workspace",
      env: { EPOCHS: "10", _PRIVATE: "x" },
      exposeTcpPorts: [8888, 6006],
    },
    resource: { cpuCount: 4, gpuCount: 1, gpuModel: "T4", memoryMb: 16384 },
    queueName: "gpu",
    data: {
      input: [{ hdfs: "/user/alice/input", path: "/data/input" }],
      output: [{ hdfs: "/user/alice/output", path: "/data/output", overwrite: true }],
    },
    userPackageUri: "/user/alice/pkg.tar.gz",
  },
});

/** A valid request with one value replaced (or removed, for undefined) at a dotted path. */
function changed(path: string, value: unknown): unknown {
  const request: Record<string, unknown> = valid();
  const keys = path.split(".");
  const last = keys.pop() as string;
  let target = request;
  for (const key of keys) target = target[key] as Record<string, unknown>;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return request;
}

const en = translator("en");

/** The problems as an English-speaking person reads them, each under its API path. */
function problemsOf(input: unknown): { path: string; message: string }[] {
  const result = checkCreateRequest(input);
  if (result.ok) throw new Error("expected the request to be refused");
  return result.problems.map((p) => ({ path: p.path, message: problemText(p, en) }));
}

describe("create request: a valid request", () => {
  it("passes, and cpuCount defaults to 1", () => {
    expect(checkCreateRequest(valid()).ok).toBe(true);
    const result = checkCreateRequest(changed("configuration.resource", { gpuCount: 2 }));
    expect(result.ok && result.value.configuration.resource).toEqual({ cpuCount: 1, gpuCount: 2 });
  });

  it("accepts the minimum: account, name, image and command", () => {
    const result = checkCreateRequest({
      accountId: "A1",
      name: "a",
      configuration: { docker: { image: "dataforest/pytorch:1.13", command: "ls" } },
    });
    expect(result.ok).toBe(true);
  });
});

const IMAGE_EXAMPLE = "tensorflow:2.15.0-gpu";

// [rule, path changed, bad value, path reported, plain message]
const cases: [string, string, unknown, string, string][] = [
  ["name is required", "name", undefined, "name", "Give the workspace a name."],
  ["name is not empty", "name", "", "name", "Give the workspace a name, for example team-a-ws1."],
  [
    "name has at most 15 characters",
    "name",
    "abcdefghijklmnop",
    "name",
    "Use at most 15 characters; this name has 16.",
  ],
  [
    "name starts with a lowercase letter",
    "name",
    "1team",
    "name",
    "Start the name with a lowercase letter (a to z).",
  ],
  [
    "name uses lowercase letters, digits and -",
    "name",
    "team_a",
    "name",
    'Use only lowercase letters, digits and hyphens; remove or change "_".',
  ],
  ["name has no --", "name", "team--a", "name", "Use single hyphens only: replace “--” with “-”."],
  [
    "name does not end with -",
    "name",
    "team-a-",
    "name",
    "End the name with a letter or a digit, not a hyphen.",
  ],
  [
    "accountId is required",
    "accountId",
    undefined,
    "accountId",
    "Choose the DataForest account the workspace belongs to.",
  ],
  [
    "accountId is not empty",
    "accountId",
    "",
    "accountId",
    "Choose the DataForest account the workspace belongs to.",
  ],
  [
    "accountId has at most 22 characters",
    "accountId",
    "A".repeat(23),
    "accountId",
    "An account id has at most 22 characters; this one has 23.",
  ],
  [
    "accountId is base62",
    "accountId",
    "acc-1",
    "accountId",
    "An account id has only letters and digits. Copy it again from the DataForest console.",
  ],
  [
    "description has at most 255 characters",
    "description",
    "x".repeat(256),
    "description",
    "Keep this to 255 characters; it has 256.",
  ],
  [
    "configuration is required",
    "configuration",
    undefined,
    "configuration",
    "Choose the software (image) to run.",
  ],
  [
    "docker is required",
    "configuration.docker",
    undefined,
    "configuration.docker",
    "Choose the software (image) to run.",
  ],
  [
    "command is required",
    "configuration.docker.command",
    undefined,
    "configuration.docker.command",
    "Say what to run when the workspace starts, for example jupyter.",
  ],
  [
    "command is not blank",
    "configuration.docker.command",
    "  ",
    "configuration.docker.command",
    "Say what to run when the workspace starts, for example jupyter.",
  ],
  [
    "image is required",
    "configuration.docker.image",
    undefined,
    "configuration.docker.image",
    `Choose the software to run, for example ${IMAGE_EXAMPLE}.`,
  ],
  [
    "image is not blank",
    "configuration.docker.image",
    " ",
    "configuration.docker.image",
    `Choose the software to run, for example ${IMAGE_EXAMPLE}.`,
  ],
  [
    "image has no registry path",
    "configuration.docker.image",
    "tensorflow/r2.3.1-py3",
    "configuration.docker.image",
    `Images look like name:version, for example ${IMAGE_EXAMPLE}, or dataforest/name:version. Remove the “/” part.`,
  ],
  [
    "image is lowercase",
    "configuration.docker.image",
    "TensorFlow:2.15",
    "configuration.docker.image",
    'Use only lowercase letters, digits, “.”, “_” and “-” in the image; change "T", "F".',
  ],
  [
    "image has a version",
    "configuration.docker.image",
    "tensorflow",
    "configuration.docker.image",
    `Images look like name:version with one colon, for example ${IMAGE_EXAMPLE}.`,
  ],
  [
    "image has one colon",
    "configuration.docker.image",
    "a:b:c",
    "configuration.docker.image",
    `Images look like name:version with one colon, for example ${IMAGE_EXAMPLE}.`,
  ],
  [
    "image name has 1 to 30 characters",
    "configuration.docker.image",
    `${"a".repeat(31)}:1`,
    "configuration.docker.image",
    "The part before the colon (the image name) must have 1 to 30 characters.",
  ],
  [
    "image version has 1 to 20 characters",
    "configuration.docker.image",
    "tensorflow:",
    "configuration.docker.image",
    "The part after the colon (the version) must have 1 to 20 characters.",
  ],
  [
    "env keys are variable names",
    "configuration.docker.env",
    { "1BAD": "x" },
    "configuration.docker.env",
    "“1BAD” cannot be a variable name: use letters, digits and “_”, starting with a letter or “_”.",
  ],
  [
    "ports are numbers",
    "configuration.docker.exposeTcpPorts",
    ["8888"],
    "configuration.docker.exposeTcpPorts.0",
    "A port is a whole number from 1 to 65535, for example 8888.",
  ],
  [
    "ports are whole numbers",
    "configuration.docker.exposeTcpPorts",
    [8888.5],
    "configuration.docker.exposeTcpPorts.0",
    "A port is a whole number; 8888.5 is not.",
  ],
  [
    "ports are at least 1",
    "configuration.docker.exposeTcpPorts",
    [0],
    "configuration.docker.exposeTcpPorts.0",
    "Ports go from 1 to 65535; 0 is too small.",
  ],
  [
    "ports are at most 65535",
    "configuration.docker.exposeTcpPorts",
    [70000],
    "configuration.docker.exposeTcpPorts.0",
    "Ports go from 1 to 65535; 70000 is too large.",
  ],
  [
    "ports are listed once",
    "configuration.docker.exposeTcpPorts",
    [8888, 8888],
    "configuration.docker.exposeTcpPorts",
    "Each port can be listed only once.",
  ],
  [
    "gpuCount is whole",
    "configuration.resource.gpuCount",
    1.5,
    "configuration.resource.gpuCount",
    "Choose a whole number of GPUs, from 1 to 8.",
  ],
  [
    "gpuCount is at least 1",
    "configuration.resource.gpuCount",
    0,
    "configuration.resource.gpuCount",
    "A workspace has 1 to 8 GPUs; 0 is too few.",
  ],
  [
    "gpuCount is at most 8",
    "configuration.resource.gpuCount",
    9,
    "configuration.resource.gpuCount",
    "A workspace has 1 to 8 GPUs; 9 is too many.",
  ],
  [
    "cpuCount is whole",
    "configuration.resource.cpuCount",
    2.5,
    "configuration.resource.cpuCount",
    "Give the number of CPUs as a whole number, for example 4.",
  ],
  [
    "cpuCount is at least 1",
    "configuration.resource.cpuCount",
    0,
    "configuration.resource.cpuCount",
    "A workspace needs at least 1 CPU.",
  ],
  [
    "memoryMb is whole",
    "configuration.resource.memoryMb",
    1.5,
    "configuration.resource.memoryMb",
    "Give the memory in whole GB, for example 16.",
  ],
  [
    "memoryMb is positive",
    "configuration.resource.memoryMb",
    0,
    "configuration.resource.memoryMb",
    "Give the memory as a number of GB greater than 0, for example 16.",
  ],
  [
    "gpuModel is not empty",
    "configuration.resource.gpuModel",
    "",
    "configuration.resource.gpuModel",
    "The GPU model cannot be empty.",
  ],
  [
    "queueName is not empty",
    "configuration.queueName",
    "",
    "configuration.queueName",
    "The queue cannot be empty.",
  ],
  [
    "userPackageUri is not empty",
    "configuration.userPackageUri",
    "",
    "configuration.userPackageUri",
    "The package location cannot be empty.",
  ],
  [
    "input HDFS path is not empty",
    "configuration.data.input",
    [{ hdfs: "", path: "/data/input" }],
    "configuration.data.input.0.hdfs",
    "The HDFS path cannot be empty.",
  ],
  [
    "output folder starts with /",
    "configuration.data.output",
    [{ hdfs: "/out", path: "data/out" }],
    "configuration.data.output.0.path",
    "The folder in the workspace must start with “/”, for example /data/input (got “data/out”).",
  ],
];

describe("create request: one rule at a time", () => {
  it.each(cases)("%s", (_rule, path, value, reported, message) => {
    expect(problemsOf(changed(path, value))).toEqual([{ path: reported, message }]);
  });
});

describe("create request: every problem at once", () => {
  it("reports all problems of a request together, in field order", () => {
    const request = {
      accountId: "",
      name: "Team--",
      description: "x".repeat(300),
      configuration: {
        docker: { image: "tensorflow/r2.3.1-py3", exposeTcpPorts: [0, 8888, 8888] },
        resource: { gpuCount: 12 },
      },
    };
    expect(problemsOf(request)).toEqual([
      { path: "accountId", message: "Choose the DataForest account the workspace belongs to." },
      { path: "name", message: "Start the name with a lowercase letter (a to z)." },
      {
        path: "name",
        message: 'Use only lowercase letters, digits and hyphens; remove or change "T".',
      },
      { path: "name", message: "Use single hyphens only: replace “--” with “-”." },
      { path: "name", message: "End the name with a letter or a digit, not a hyphen." },
      { path: "description", message: "Keep this to 255 characters; it has 300." },
      {
        path: "configuration.docker.image",
        message: `Images look like name:version, for example ${IMAGE_EXAMPLE}, or dataforest/name:version. Remove the “/” part.`,
      },
      {
        path: "configuration.docker.command",
        message: "Say what to run when the workspace starts, for example jupyter.",
      },
      {
        path: "configuration.docker.exposeTcpPorts.0",
        message: "Ports go from 1 to 65535; 0 is too small.",
      },
      {
        path: "configuration.docker.exposeTcpPorts",
        message: "Each port can be listed only once.",
      },
      {
        path: "configuration.resource.gpuCount",
        message: "A workspace has 1 to 8 GPUs; 12 is too many.",
      },
    ]);
  });
});

describe("explainRefusedValue: a value DataForest refused, in the form's words", () => {
  it.each([
    ["configuration.docker.image", "tensorflow/r2.3.1-py3", "Remove the “/” part."],
    ["name", "Team-A", "Start the name with a lowercase letter (a to z)."],
    ["configuration.resource.gpuCount", "9", "A workspace has 1 to 8 GPUs; 9 is too many."],
  ])("explains %s = %j", (field, value, words) => {
    const problem = explainRefusedValue(field, value);
    expect(problem && problemText(problem, en)).toContain(words);
  });

  it("says nothing when the app's rules accept the value, or know no rule for the field", () => {
    expect(
      explainRefusedValue("configuration.docker.image", "tensorflow:2.15.0-gpu"),
    ).toBeUndefined();
    expect(explainRefusedValue("configuration.queueName", "anything")).toBeUndefined();
  });
});
