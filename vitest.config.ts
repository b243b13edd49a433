import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    // DuckDB and the site build are CPU-heavy; two cores here and in CI.
    maxWorkers: 2,
  },
});
