import { describe, expect, it } from "vitest";
import { checkCreateRequest } from "../../src/dataforest/create-request.js";
import {
  blockFor,
  blockIds,
  formToRequest,
  problemsToErrors,
  problemText,
  requestToForm,
} from "../../src/slack/form.js";
import { translator } from "../../src/slack/i18n/catalog.js";

const en = translator("en");
const ja = translator("ja");

const typical = {
  name: "team-a-ws1",
  accountId: "acc1",
  "configuration.docker.image": "tensorflow:2.15.0-gpu",
  "configuration.docker.command": "jupyter",
} as const;

describe("form -> request", () => {
  it("fills only what was typed, and the schema applies the documented defaults", () => {
    const { input, problems } = formToRequest(typical);
    expect(problems).toEqual([]);
    const checked = checkCreateRequest(input);
    expect(checked).toEqual({
      ok: true,
      value: {
        name: "team-a-ws1",
        accountId: "acc1",
        configuration: { docker: { image: "tensorflow:2.15.0-gpu", command: "jupyter" } },
      },
    });
  });

  it("wants a command: DataForest's create takes one, and a form has no default of its own", () => {
    const { input, problems } = formToRequest({ ...typical, "configuration.docker.command": "  " });
    expect(problems).toEqual([]);
    const checked = checkCreateRequest(input);
    const missing = checked.ok ? [] : checked.problems;
    expect(missing.map((p) => ({ path: p.path, message: problemText(p, en) }))).toEqual([
      {
        path: "configuration.docker.command",
        message: "Say what to run when the workspace starts, for example jupyter.",
      },
    ]);
  });

  it("reads every list-like field in its documented format", () => {
    const { input, problems } = formToRequest({
      ...typical,
      description: "  for model training ",
      "configuration.resource.gpuModel": "V100",
      "configuration.resource.gpuCount": "2",
      "configuration.resource.cpuCount": "4",
      "configuration.resource.memoryMb": "16",
      "configuration.docker.env": "EPOCHS=10\n\nLR = 0.01\nURL=http://x?a=b",
      "configuration.docker.exposeTcpPorts": "8888, 6006\n7000",
      "configuration.data.input": "/user/alice/in -> /data/input\n/user/alice/more → /data/more",
      "configuration.data.output":
        "/user/alice/out -> /data/output (overwrite)\n/user/alice/log -> /data/log",
    });
    expect(problems).toEqual([]);
    expect(input).toEqual({
      name: "team-a-ws1",
      accountId: "acc1",
      description: "for model training",
      configuration: {
        docker: {
          image: "tensorflow:2.15.0-gpu",
          command: "jupyter",
          env: { EPOCHS: "10", LR: "0.01", URL: "http://x?a=b" },
          exposeTcpPorts: [8888, 6006, 7000],
        },
        resource: { gpuModel: "V100", gpuCount: 2, cpuCount: 4, memoryMb: 16384 },
        data: {
          input: [
            { hdfs: "/user/alice/in", path: "/data/input" },
            { hdfs: "/user/alice/more", path: "/data/more" },
          ],
          output: [
            { hdfs: "/user/alice/out", path: "/data/output", overwrite: true },
            { hdfs: "/user/alice/log", path: "/data/log", overwrite: false },
          ],
        },
      },
    });
  });

  it("uses the operator's account when the form has none", () => {
    const { input } = formToRequest({ name: "a" }, { accountId: "fixed1" });
    expect(input.accountId).toBe("fixed1");
  });

  it("uses the operator's account even when a submission carries another", () => {
    const { input } = formToRequest({ name: "a", accountId: "intruder" }, { accountId: "fixed1" });
    expect(input.accountId).toBe("fixed1");
  });

  it("takes memory as whole GB, with or without the unit", () => {
    for (const typed of ["16", " 16 GB", "16gb"]) {
      const { input, problems } = formToRequest({
        ...typical,
        "configuration.resource.memoryMb": typed,
      });
      expect(problems).toEqual([]);
      expect(input).toMatchObject({ configuration: { resource: { memoryMb: 16_384 } } });
    }
  });

  it("keeps variable names that are also names of object internals as ordinary names", () => {
    const { input, problems } = formToRequest({
      ...typical,
      "configuration.docker.env": "constructor=1\n__proto__=x\ntoString=2\nhasOwnProperty=3",
    });
    expect(problems).toEqual([]);
    const checked = checkCreateRequest(input);
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    const env = checked.value.configuration.docker.env ?? {};
    expect(Object.entries(env)).toEqual([
      ["constructor", "1"],
      ["__proto__", "x"],
      ["toString", "2"],
      ["hasOwnProperty", "3"],
    ]);
    expect(Object.getPrototypeOf(env)).toBe(Object.prototype);
    expect(JSON.stringify(env)).toBe(
      '{"constructor":"1","__proto__":"x","toString":"2","hasOwnProperty":"3"}',
    );
    expect(requestToForm(checked.value)["configuration.docker.env"]).toBe(
      "constructor=1\n__proto__=x\ntoString=2\nhasOwnProperty=3",
    );
  });

  it("numbers a line by what the person sees, blank lines included", () => {
    const { input, lines } = formToRequest({
      ...typical,
      "configuration.data.input": "\n\n/user/a -> /data/a\n\n/user/b -> data/b",
    });
    const checked = checkCreateRequest(input);
    if (checked.ok) throw new Error("expected a problem");
    expect(problemsToErrors(checked.problems, [...blockIds], en, lines)).toEqual({
      "configuration.data.input": expect.stringMatching(/^Line 5: The folder in the workspace/),
    });
  });

  it.each([
    [
      "configuration.docker.env",
      "EPOCHS",
      "Line 1: write each variable as NAME=value, for example EPOCHS=10.",
    ],
    ["configuration.docker.env", "A=1\nA=2", "Line 2: A is already set on an earlier line."],
    [
      "configuration.docker.exposeTcpPorts",
      "8888, web",
      "“web” is not a port number. List ports like 8888, 6006.",
    ],
    [
      "configuration.data.input",
      "/user/a /data",
      "Line 1: write it as hdfs_path -> folder_in_workspace, for example /user/alice/data -> /data/input.",
    ],
    [
      "configuration.data.output",
      "/a -> /b -> /c",
      "Line 1: write it as hdfs_path -> folder_in_workspace, for example /user/alice/data -> /data/input (overwrite).",
    ],
    ["configuration.docker.env", "\n\nA=1\n\nA=2", "Line 5: A is already set on an earlier line."],
    [
      "configuration.docker.env",
      "\n\n=1",
      "Line 3: write each variable as NAME=value, for example EPOCHS=10.",
    ],
    [
      "configuration.resource.gpuCount",
      "two",
      "Give the number of GPUs in plain digits, for example 1.",
    ],
    [
      "configuration.resource.gpuCount",
      "0x10",
      "Give the number of GPUs in plain digits, for example 1.",
    ],
    [
      "configuration.resource.gpuCount",
      "1e3",
      "Give the number of GPUs in plain digits, for example 1.",
    ],
    [
      "configuration.resource.gpuCount",
      "2.5",
      "Give a whole number of GPUs, without a decimal point, for example 1.",
    ],
    [
      "configuration.resource.cpuCount",
      "0x10",
      "Give the number of CPUs in plain digits, for example 4.",
    ],
    [
      "configuration.resource.cpuCount",
      "Infinity",
      "Give the number of CPUs in plain digits, for example 4.",
    ],
    [
      "configuration.resource.memoryMb",
      "lots",
      "Give the memory as a number of GB in plain digits, for example 16.",
    ],
    [
      "configuration.resource.memoryMb",
      "0x10",
      "Give the memory as a number of GB in plain digits, for example 16.",
    ],
    [
      "configuration.resource.memoryMb",
      "1e3",
      "Give the memory as a number of GB in plain digits, for example 16.",
    ],
    [
      "configuration.resource.memoryMb",
      "2.5",
      "Give the memory in whole GB, without a decimal point, for example 16.",
    ],
  ] as const)("explains a badly written %s", (field, text, message) => {
    const { problems } = formToRequest({ ...typical, [field]: text });
    expect(problems.map((p) => ({ path: p.path, message: problemText(p, en) }))).toEqual([
      { path: field, message },
    ]);
  });
});

describe("request -> form", () => {
  it("gives back what was typed, so edit-and-resubmit shows the person's own answers", () => {
    const form = {
      ...typical,
      description: "training",
      "configuration.resource.gpuModel": "T4",
      "configuration.resource.gpuCount": "2",
      "configuration.resource.cpuCount": "4",
      "configuration.resource.memoryMb": "16",
      "configuration.docker.env": "EPOCHS=10\nLR=0.01",
      "configuration.docker.exposeTcpPorts": "8888, 6006",
      "configuration.data.input": "/user/alice/in -> /data/input",
      "configuration.data.output": "/user/alice/out -> /data/output (overwrite)",
      "configuration.docker.command": "jupyter",
      "configuration.docker.args": "lab",
      "configuration.docker.workdir": "/workspace",
      "configuration.queueName": "gpu",
      "configuration.userPackageUri": "/user/alice/pkg.tar.gz",
    };
    const checked = checkCreateRequest(formToRequest(form).input);
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    expect(requestToForm(checked.value)).toEqual(form);
  });
});

describe("problems -> inline errors", () => {
  it("puts each problem under the block its API path names, every problem at once", () => {
    const problems = [
      { path: "name", code: "name.start", params: {} },
      { path: "name", code: "name.doubleHyphen", params: {} },
      { path: "configuration.docker.image", code: "image.colon", params: { example: "a:1" } },
      { path: "configuration.data.input.1.path", code: "path.absolute", params: { value: "x" } },
      {
        path: "configuration.docker.exposeTcpPorts.0",
        code: "port.tooLarge",
        params: { value: 70000 },
      },
    ] as const;
    const lines = { "configuration.data.input": [1, 2] };
    expect(problemsToErrors(problems, [...blockIds], en, lines)).toEqual({
      name: "Start the name with a lowercase letter (a to z). Use single hyphens only: replace “--” with “-”.",
      "configuration.docker.image":
        "Images look like name:version with one colon, for example a:1.",
      "configuration.data.input":
        "Line 2: The folder in the workspace must start with “/”, for example /data/input (got “x”).",
      "configuration.docker.exposeTcpPorts": "Ports go from 1 to 65535; 70000 is too large.",
    });
    expect(problemsToErrors(problems, [...blockIds], ja, lines)).toMatchObject({
      "configuration.data.input":
        "2 行目: ワークスペース内のフォルダは「/」で始めてください（例: /data/input）。入力された値: 「x」",
      "configuration.docker.exposeTcpPorts":
        "ポートは 1〜65535 の範囲で指定してください（70000 は大きすぎます）。",
    });
  });

  it("quotes the characters a rule names the way each language quotes, eight at most", () => {
    const problem = { path: "name", code: "name.chars", params: { chars: "_A" } } as const;
    expect(problemText(problem, en)).toBe(
      'Use only lowercase letters, digits and hyphens; remove or change "_", "A".',
    );
    expect(problemText(problem, ja)).toContain("「_」「A」を削除するか変更してください。");
    const many = { ...problem, params: { chars: "ABCDEFGHIJ" } };
    expect(problemText(many, en)).toContain('"A", "B", "C", "D", "E", "F", "G", "H" and others.');
    expect(problemText(many, ja)).toContain("「A」「B」「C」「D」「E」「F」「G」「H」など");
  });

  it("shows a problem whose field is not on the form under the first field, named", () => {
    const problems = [{ path: "accountId", code: "accountId.required", params: {} }] as const;
    expect(problemsToErrors(problems, ["name", "description"], en)).toEqual({
      name: "DataForest account: Choose the DataForest account the workspace belongs to.",
    });
    expect(problemsToErrors(problems, ["name", "description"], ja)).toEqual({
      name: "DataForest アカウント: ワークスペースが所属する DataForest アカウントを選んでください。",
    });
  });

  it("names no block at all when the view has none", () => {
    const problems = [{ path: "name", code: "name.required", params: {} }] as const;
    expect(problemsToErrors(problems, [], en)).toEqual({});
  });

  it("matches whole path segments only", () => {
    expect(blockFor("configuration.docker.imageX", ["configuration.docker.image"])).toBeUndefined();
    expect(blockFor("configuration.docker.env.KEY", [...blockIds])).toBe(
      "configuration.docker.env",
    );
  });
});
