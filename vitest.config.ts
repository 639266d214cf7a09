import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // 2-core CI machine: two forks keep both cores busy without oversubscribing.
    pool: "forks",
    maxWorkers: 2,
  },
});
