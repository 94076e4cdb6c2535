import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Sandbox tests spawn real processes; two cores are shared by every worker.
    maxWorkers: 2,
    pool: "forks",
  },
});
