import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ruleCodes } from "../../src/dataforest/create-request.js";
import {
  catalogFor,
  format,
  fromSlackLocale,
  locales,
  type MessageKey,
  placeholdersOf,
} from "../../src/slack/i18n/catalog.js";
import { en } from "../../src/slack/i18n/en.js";
import { ja } from "../../src/slack/i18n/ja.js";
import {
  isForOperators,
  type Literal,
  looksLikeProse,
  stringLiterals,
} from "../support/string-literals.js";

const keys = Object.keys(en) as MessageKey[];

describe("the catalogs", () => {
  it("have the same keys in every language", () => {
    for (const locale of locales) {
      const catalog = catalogFor(locale);
      expect(Object.keys(catalog).sort(), `${locale} has exactly the English keys`).toEqual(
        [...keys].sort(),
      );
    }
  });

  it("give every key the same placeholders in every language", () => {
    const mismatched = keys.flatMap((key) =>
      locales
        .filter(
          (l) =>
            placeholdersOf(catalogFor(l)[key]).sort().join() !==
            placeholdersOf(en[key]).sort().join(),
        )
        .map(
          (l) =>
            `${l} ${key}: {${placeholdersOf(catalogFor(l)[key]).join("} {")}} vs en {${placeholdersOf(en[key]).join("} {")}}`,
        ),
    );
    expect(mismatched, mismatched.join("\n")).toEqual([]);
  });

  it("have a text for every rule the create-request schema can report", () => {
    for (const code of ruleCodes) {
      expect(keys, `problem.${code}`).toContain(`problem.${code}`);
    }
  });

  it("leave no text empty, except field placeholders English has none for either", () => {
    for (const locale of locales) {
      for (const key of keys) {
        if (catalogFor(locale)[key] !== "") continue;
        expect(
          (key.endsWith(".placeholder") && en[key] === "") ||
            key === "quote.separator" ||
            key === "sentence.separator",
          `${locale} ${key} is empty`,
        ).toBe(true);
      }
    }
  });

  it("are written in Japanese in ja, not left in English", () => {
    const japanese = /[\u3040-\u30ff\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/;
    // Texts that are the same in both languages: examples, units, product names.
    const same = (key: string) =>
      key.endsWith(".placeholder") ||
      key.startsWith("size.gpu") ||
      key.startsWith("size.cpu.") ||
      key.endsWith(".separator") ||
      key === "list.item" ||
      key === "problem.inField";
    const untranslated = keys.filter((key) => !same(key) && !japanese.test(ja[key]));
    expect(untranslated, untranslated.join("\n")).toEqual([]);
  });

  it("keep Slack's limits: titles and buttons of forms at most 24 characters", () => {
    const short: MessageKey[] = [
      "modal.title",
      "modal.submit",
      "modal.close",
      "sent.title",
      "sent.close",
      "reject.title",
      "reject.submit",
      "reject.close",
    ];
    for (const locale of locales) {
      for (const key of short) {
        expect([...catalogFor(locale)[key]].length, `${locale} ${key}`).toBeLessThanOrEqual(24);
      }
      for (const key of ["controls.approve", "controls.reject", "outcome.resubmit"] as const) {
        expect([...catalogFor(locale)[key]].length, `${locale} ${key}`).toBeLessThanOrEqual(75);
      }
    }
  });

  it("set Slack's *bold* and `code` marks apart from Japanese text, or Slack shows the marks", () => {
    // Slack formats a mark only next to a space, punctuation or the start or end of the text.
    const bad = keys.flatMap((key) =>
      [...ja[key].matchAll(/(\*|`)[^*`\n]+\1/g)]
        .filter((m) => {
          const before = ja[key][m.index - 1];
          const after = ja[key][m.index + m[0].length];
          const apart = (c: string | undefined) => c === undefined || /[\s.,:;!?()]/.test(c);
          return !apart(before) || !apart(after);
        })
        .map((m) => `${key}: ${m[0]}`),
    );
    expect(bad, bad.join("\n")).toEqual([]);
  });
});

describe("picking a language", () => {
  it("reads Japanese for any ja locale and English for everything else", () => {
    expect(fromSlackLocale("ja-JP")).toBe("ja");
    expect(fromSlackLocale("ja")).toBe("ja");
    for (const other of ["en-US", "en-GB", "ko-KR", "fr-FR", "jam", "", undefined]) {
      expect(fromSlackLocale(other), String(other)).toBe("en");
    }
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(format("{a} and {b}", { a: 1, b: "x" })).toBe("1 and x");
    expect(format("{a} and {c}", { a: 1 })).toBe("1 and {c}");
  });
});

const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Where texts for people could hide: the Slack side (bar the catalogs), the rules and the bounds. A literal
 * found there that reads like English words must be a log line, a thrown error, or listed below
 * with the reason it is not for people.
 */
const scanned = ["src/slack", "src/dataforest/create-request.ts", "src/requests/limits.ts"];
const notForPeople: { file: string; text: string; why: string }[] = [
  {
    file: "src/slack/signed-meta.ts",
    text: "aiworkspace private_metadata v1",
    why: "the label mixed into the HMAC of private_metadata, never shown",
  },
];

/** Files that speak only to operators (logs, start-up errors): English, and not in the catalogs. */
const forOperators = [
  "src/slack/bolt-logger.ts",
  "src/slack/bot-identity.ts",
  "src/slack/open-view.ts",
  "src/slack/socket-link.ts",
];

function sourceFiles(): string[] {
  return scanned.flatMap((entry) => {
    const path = join(root, entry);
    if (entry.endsWith(".ts")) return [path];
    return (readdirSync(path, { recursive: true }) as string[])
      .filter((f) => f.endsWith(".ts") && !f.startsWith("i18n"))
      .map((f) => join(path, f))
      .filter((f) => !forOperators.includes(relative(root, f)));
  });
}

function strays(file: string, source: string): string[] {
  return stringLiterals(source)
    .filter((l: Literal) => looksLikeProse(l.text) && !isForOperators(l))
    .filter((l) => !notForPeople.some((n) => n.file === file && n.text === l.text))
    .map((l) => `${file}:${l.line}: ${JSON.stringify(l.text)}`);
}

describe("texts for people live in the catalogs", () => {
  it("finds no English text outside them in src/slack, the rules and the bounds", () => {
    const files = sourceFiles();
    expect(files.length, "files scanned").toBeGreaterThan(10);
    const found = files.flatMap((f) => strays(relative(root, f), readFileSync(f, "utf8")));
    expect(found, `move these into src/slack/i18n/en.ts and ja.ts:\n${found.join("\n")}`).toEqual(
      [],
    );
  });

  it("would catch a text written in place, in a string or a template", () => {
    const source = [
      "// A comment with Some words is not a text.",
      'const a = { type: "plain_text", text: "Send for approval" };',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source of a template, on purpose
      "const b = `${who}, your workspace is ready`;",
      'const c = { text: { type: "plain_text", text: "Approve" }, action_id: "aiworkspace.approve" };',
      'logger.warn("could not open the request form", { error });',
      'throw new Error("the form is not open");',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source of a template, on purpose
      "const d = text.replace(/`/g, 'x'); const e = `<@${id}>`;",
    ].join("\n");
    expect(strays("x.ts", source)).toEqual([
      'x.ts:2: "Send for approval"',
      'x.ts:3: "{}, your workspace is ready"',
      'x.ts:4: "Approve"',
    ]);
  });
});
