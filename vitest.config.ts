import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The e2e suites start real servers; a generous timeout keeps a slow CI machine from flaking.
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    restoreMocks: true,
  },
});
