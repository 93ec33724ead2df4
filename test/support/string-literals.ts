/**
 * The string and template literals of TypeScript source, comments skipped, with what comes just
 * before each (to tell a log line from a text people read). Small on purpose: it knows strings,
 * templates with `${}` inside, comments and regular expression literals, which is all it takes to
 * find texts in our own code.
 */

export type Literal = {
  /** The literal's text; a template's `${...}` parts become `{}`. */
  text: string;
  line: number;
  /** The code just before the literal, up to 60 characters. */
  before: string;
};

/** A `/` here starts a regular expression rather than a division. */
const REGEX_AFTER = /(?:^|[(,=:[!&|?{};+\-*%<>~^]|\breturn|\btypeof|\bcase)\s*$/;

export function stringLiterals(source: string): Literal[] {
  const found: Literal[] = [];
  const lineAt = (at: number) => source.slice(0, at).split("\n").length;

  // Reads a quoted string starting at `i` (the quote); returns the index after its end.
  const readQuoted = (start: number): number => {
    const quote = source[start];
    let j = start + 1;
    let text = "";
    while (j < source.length && source[j] !== quote) {
      if (source[j] === "\\") {
        text += source[j + 1] ?? "";
        j += 2;
      } else {
        text += source[j];
        j += 1;
      }
    }
    found.push({ text, line: lineAt(start), before: source.slice(Math.max(0, start - 60), start) });
    return j + 1;
  };

  // Reads a template starting at `start` (the backtick); nested code inside `${}` is scanned too.
  const readTemplate = (start: number): number => {
    let j = start + 1;
    let text = "";
    while (j < source.length && source[j] !== "`") {
      if (source[j] === "\\") {
        text += source[j + 1] ?? "";
        j += 2;
      } else if (source[j] === "$" && source[j + 1] === "{") {
        text += "{}";
        j = readCode(j + 2, "}");
      } else {
        text += source[j];
        j += 1;
      }
    }
    found.push({ text, line: lineAt(start), before: source.slice(Math.max(0, start - 60), start) });
    return j + 1;
  };

  const readRegex = (start: number): number => {
    let j = start + 1;
    let inClass = false;
    while (j < source.length && source[j] !== "\n") {
      const c = source[j];
      if (c === "\\") j += 2;
      else {
        if (c === "[") inClass = true;
        else if (c === "]") inClass = false;
        else if (c === "/" && !inClass) break;
        j += 1;
      }
    }
    return j + 1;
  };

  // Scans code from `start` until the unmatched `close` (or the end); returns the index after it.
  function readCode(start: number, close?: string): number {
    let j = start;
    let depth = 0;
    while (j < source.length) {
      const c = source[j] as string;
      const next = source[j + 1];
      if (c === "/" && next === "/") {
        j = source.indexOf("\n", j);
        if (j < 0) return source.length;
      } else if (c === "/" && next === "*") {
        const end = source.indexOf("*/", j + 2);
        j = end < 0 ? source.length : end + 2;
      } else if (c === '"' || c === "'") {
        j = readQuoted(j);
      } else if (c === "`") {
        j = readTemplate(j);
      } else if (c === "/" && REGEX_AFTER.test(source.slice(Math.max(0, j - 20), j))) {
        j = readRegex(j);
      } else {
        if (c === "{") depth += 1;
        if (c === "}") {
          if (depth === 0 && close === "}") return j + 1;
          depth -= 1;
        }
        j += 1;
      }
    }
    return j;
  }

  readCode(0);
  return found;
}

/**
 * A literal that reads like words for people: two words in a row, or one capitalised word (a
 * button label). Identifiers, ids, block types and mrkdwn around placeholders do not.
 */
export function looksLikeProse(text: string): boolean {
  return /[A-Za-z]{2,}[,;:'’]?\s+[A-Za-z]{2,}/.test(text) || /^[A-Z][a-z]{2,}[.!?]?$/.test(text);
}

/** Literals that go to operators, not to people in Slack: log lines and thrown errors. */
export function isForOperators(literal: Literal): boolean {
  return /(?:\.(?:debug|info|warn|error)|new \w*Error)\(\s*$/.test(literal.before);
}
