import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Dependencies point one way: slack -> requests -> store, dataforest. Slack and DataForest are
 * adapters at the edges and the workflow owns the domain, so a shortcut across (a listener writing
 * to the store, the store knowing Slack) is refused here rather than noticed in review.
 */

const SRC = join(dirname(fileURLToPath(import.meta.url)), "..", "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every module a file imports, as a path under src/ ("store/sqlite-store.ts"); packages left out. */
function importsOf(file: string, text: string): string[] {
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+"([^"]+)"/gms),
    ...text.matchAll(/^\s*import\s+"([^"]+)"/gm),
    ...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g),
  ].map((m) => m[1] as string);
  return specifiers
    .filter((s) => s.startsWith("."))
    .map((s) =>
      posix
        .normalize(posix.join(posix.dirname(file), s.replace(/\.js$/, ".ts")))
        .replace(/^\.\//, ""),
    );
}

/** The rules, each as: files it applies to, modules they may not import, and why. */
const RULES: { from: RegExp; not: RegExp; why: string }[] = [
  {
    from: /^(requests|store|dataforest)\//,
    not: /^slack\//,
    why: "only the Slack adapter knows Slack",
  },
  {
    from: /^slack\//,
    not: /^store\/|^dataforest\/(?!create-request\.ts$)/,
    why: "Slack reaches the store and the DataForest API only through requests/ (the settings' rules in dataforest/create-request.ts are shared)",
  },
  {
    from: /^(store|dataforest)\//,
    not: /^requests\/(?!domain\.ts$)/,
    why: "the store and the DataForest client know the domain's vocabulary, not the workflow",
  },
  { from: /^dataforest\//, not: /^store\//, why: "the DataForest client keeps nothing" },
  {
    from: /^store\//,
    not: /^dataforest\/(?!create-request\.ts$)/,
    why: "the store keeps requests, it does not call DataForest",
  },
  {
    from: /^requests\//,
    not: /^store\/(?!request-store\.ts$)/,
    why: "the workflow uses the store's interface, never one database",
  },
  {
    from: /^(slack|requests|store|dataforest)\//,
    not: /^[^/]+\.ts$/,
    why: "the layers are put together at the top (start.ts, app.ts), not the other way round",
  },
];

/** Top-level helpers every layer may use: they know nothing of any layer. */
const SHARED = new Set(["log.ts", "proxy.ts"]);

describe("the direction of dependencies", () => {
  it("holds in every source file", () => {
    const broken: string[] = [];
    for (const path of sourceFiles(SRC)) {
      const file = relative(SRC, path).split("\\").join("/");
      for (const target of importsOf(file, readFileSync(path, "utf8"))) {
        if (SHARED.has(target)) continue;
        for (const rule of RULES) {
          if (rule.from.test(file) && rule.not.test(target)) {
            broken.push(`${file} imports ${target}: ${rule.why}`);
          }
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it("sees imports of every form, so a rule cannot pass for want of reading them", () => {
    const text = [
      'import { a } from "../store/sqlite-store.js";',
      'import type { B } from "../store/rows.js";',
      'import {\n  c,\n  type D,\n} from "../dataforest/client.js";',
      'export { e } from "./card.js";',
      'const f = await import("../app.js");',
      'import "../log.js";',
      'import { App } from "@slack/bolt";',
    ].join("\n");
    expect(importsOf("slack/listeners/x.ts", text)).toEqual([
      "slack/store/sqlite-store.ts",
      "slack/store/rows.ts",
      "slack/dataforest/client.ts",
      "slack/listeners/card.ts",
      "slack/log.ts",
      "slack/app.ts",
    ]);
    expect(importsOf("slack/x.ts", text)).toContain("store/sqlite-store.ts");
  });
});
