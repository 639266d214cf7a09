import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // a private TMPDIR per run, checked empty at the end; each test file's tempDir()s are removed after it
    globalSetup: ["test/setup/tmpdirCheck.ts"],
    setupFiles: ["test/setup/cleanTempDirs.ts"],
    testTimeout: 600_000, // a guard against hangs, not a speed check: eight test runs may share two cores
    hookTimeout: 600_000,
    // 2-core CI machine: two forks keep both cores busy without oversubscribing.
    pool: "forks",
    maxWorkers: 2,
  },
});
