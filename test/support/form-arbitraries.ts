import fc from "fast-check";
import { blockIds } from "../../src/slack/form.js";

/**
 * Random submissions of the request form, from the plausible to the hostile: what a person might
 * type, what a careless paste holds, and what a crafted request could carry. Shared by the
 * in-process fuzzer and the one that goes through the real app over HTTP.
 */

const SOME_IMAGES = ["tensorflow:2.15.0-gpu", "pytorch:2.1.0-cuda12", "dataforest/jupyter:1.0"];

/** Text with every kind of character, including astral ones, controls and lone surrogates. */
const anyText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: fc.constantFrom("-", "=", ">", "→", "\n", "\r", " ", "\t", ":", "/", ",") }),
);

const longText = fc.string({ maxLength: 4000, minLength: 1000 });

const numberLike = fc.oneof(
  fc.integer({ min: -5, max: 100 }).map(String),
  fc.integer().map(String),
  fc.bigInt({ min: 0n, max: 10n ** 40n }).map(String),
  fc.constantFrom("0x10", "0X1f", "1e3", "2.5", "1,5", ".5", "-0", "+3", "Infinity", "NaN", " 4 "),
  fc.double().map(String),
  fc.integer({ min: 1, max: 40000 }).map((n) => `${n} GB`),
);

/** Values that pass, so that accepted submissions are common enough to check. */
const plausible: Record<string, fc.Arbitrary<string>> = {
  name: fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,6})?$/),
  description: fc.string({ maxLength: 60 }),
  accountId: fc.constantFrom("AcTeamA000000000000001", "acc1", "OtherAccount"),
  preset: fc.constantFrom("notebook", "tf-train", "torch-train", "gone"),
  "configuration.docker.image": fc.constantFrom(...SOME_IMAGES),
  "configuration.docker.command": fc.constantFrom("jupyter", "python", "torchrun", ""),
  "configuration.resource.gpuModel": fc.constantFrom("T4", "V100", "A100", ""),
  "configuration.resource.gpuCount": fc.integer({ min: 1, max: 10 }).map(String),
  "configuration.resource.cpuCount": fc.integer({ min: 1, max: 40 }).map(String),
  "configuration.resource.memoryMb": fc.constantFrom("16", "64", "300", "16384", "16 GB"),
  "configuration.docker.env": fc.constantFrom(
    "EPOCHS=10",
    "constructor=1\n__proto__=x",
    "\n\nA=1\n\nA=2",
    "1BAD=x",
  ),
  "configuration.docker.exposeTcpPorts": fc.constantFrom("8888, 6006", "70000", "0", "8888 8888"),
  "configuration.data.input": fc.constantFrom("/user/a -> /data/in", "\n/user/a -> data", "x"),
  "configuration.data.output": fc.constantFrom("/u/o -> /data/out (overwrite)", "/a -> /b -> /c"),
};

const textFor = (blockId: string) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary:
        (Object.hasOwn(plausible, blockId) && plausible[blockId]) || fc.string({ maxLength: 30 }),
    },
    { weight: 2, arbitrary: anyText },
    { weight: 1, arbitrary: longText },
    { weight: 1, arbitrary: numberLike },
    { weight: 1, arbitrary: fc.constant("") },
  );

/** One element's state: the right shape, the wrong shape, or no shape at all. */
const elementState = (blockId: string): fc.Arbitrary<unknown> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: textFor(blockId).map((value) => ({ type: "plain_text_input", value })),
    },
    { weight: 3, arbitrary: textFor(blockId).map((value) => ({ type: "number_input", value })) },
    {
      weight: 3,
      arbitrary: textFor(blockId).map((value) => ({
        type: "static_select",
        selected_option: { text: { type: "plain_text", text: "x" }, value },
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(
        { type: "plain_text_input", value: null },
        { type: "static_select", selected_option: null },
        { type: "number_input" },
        {},
        null,
        42,
        "text",
        [],
        { value: 7 },
        { value: ["a"] },
        { selected_option: { value: { nested: true } } },
        { selected_options: [{ value: "T4" }] },
      ),
    },
  );

/** A block's entry in `state.values`: usually one element, sometimes none, several or junk. */
const blockState = (blockId: string): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 10, arbitrary: elementState(blockId).map((e) => ({ value: e })) },
    { weight: 1, arbitrary: elementState(blockId).map((e) => ({ typed: e, other: e })) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>({}, null, "x", 1, []) },
  );

export type FuzzCase = {
  /** Which input blocks of the real view to drop, as if the view had been tampered with. */
  drop: string[];
  /** `state.values`: a subset of the view's blocks, plus unknown ones. */
  values: Record<string, unknown>;
  /** Replaces private_metadata when set. */
  metadata: unknown;
};

const extraBlockIds = fc.constantFrom(
  "preset",
  "preset",
  "__proto__",
  "constructor",
  "configuration",
  "configuration.docker",
  "unknown.block",
  "",
);

/** What a careful person would send: valid in every field the view has. */
const careful: Record<string, fc.Arbitrary<string>> = {
  name: fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,6})?$/),
  accountId: fc.constant("AcTeamA000000000000001"),
  "configuration.docker.image": fc.constantFrom(...SOME_IMAGES),
  "configuration.resource.gpuModel": fc.constantFrom("T4", "V100"),
  "configuration.resource.gpuCount": fc.integer({ min: 1, max: 4 }).map(String),
  "configuration.resource.cpuCount": fc.integer({ min: 1, max: 16 }).map(String),
  "configuration.resource.memoryMb": fc.constantFrom("16", "64", ""),
  "configuration.docker.command": fc.constantFrom("jupyter", "python"),
};

const carefulState = (blockId: string) =>
  (Object.hasOwn(careful, blockId) && careful[blockId]
    ? (careful[blockId] as fc.Arbitrary<string>)
    : fc.constant("")
  ).map((value) => ({ value: { type: "plain_text_input", value } }));

/**
 * A submission of a view whose input blocks are `present`: a careful one with a few fields (none,
 * often) replaced by anything at all, some left out, and unknown blocks added.
 */
export function fuzzCase(present: readonly string[]): fc.Arbitrary<FuzzCase> {
  const known = [...new Set([...present, ...blockIds])];
  const base = fc.tuple(...present.map((id) => carefulState(id).map((v) => [id, v] as const)));
  const changed = fc
    .tuple(
      fc.oneof(
        { weight: 1, arbitrary: fc.constant<string[]>([]) },
        { weight: 3, arbitrary: fc.subarray(known, { maxLength: 4 }) },
      ),
      fc.oneof(
        { weight: 6, arbitrary: fc.constant<string[]>([]) },
        { weight: 1, arbitrary: fc.uniqueArray(extraBlockIds, { maxLength: 2 }) },
      ),
    )
    .chain(([ids, extra]) =>
      fc.tuple(...[...ids, ...extra].map((id) => blockState(id).map((v) => [id, v] as const))),
    );
  return fc.record({
    drop: fc.oneof(
      { weight: 12, arbitrary: fc.constant<string[]>([]) },
      { weight: 1, arbitrary: fc.subarray([...present]) },
    ),
    values: fc
      .tuple(
        base,
        changed,
        fc.oneof(
          { weight: 8, arbitrary: fc.constant<string[]>([]) },
          { weight: 1, arbitrary: fc.subarray([...present]) },
        ),
      )
      .map(([careful, wild, missing]) => {
        const values: Record<string, unknown> = {};
        for (const [id, v] of [...careful, ...wild]) {
          if (missing.includes(id)) continue;
          Object.defineProperty(values, id, {
            value: v,
            enumerable: true,
            configurable: true,
            writable: true,
          });
        }
        return values;
      }),
    metadata: fc.oneof(
      { weight: 20, arbitrary: fc.constant(undefined) },
      {
        weight: 1,
        arbitrary: fc.constantFrom<unknown>("", "{", "null", "[]", '{"channelId":5}', 7, null),
      },
    ),
  });
}
