import { defineConfig } from "vitest/config";

// The benchmark is its own run (`npm run bench`), not part of `npm test`: it measures, and fails
// only when a goal is missed.
export default defineConfig({
  test: {
    include: ["bench/**/*.bench.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Lets the memory check collect garbage before it measures.
    execArgv: ["--expose-gc"],
  },
});
