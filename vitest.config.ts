import { defineConfig } from "vitest/config";
import SiteLastSequencer from "./test/setup/sequencer.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    // DuckDB and the site build are CPU-heavy; two cores here and in CI.
    maxWorkers: 2,
    // A temporary folder for the test site build; the build runs only when a test asks (test/support/site.ts).
    globalSetup: ["test/setup/site.ts"],
    // One site-building file first, the other site files last (test/setup/sequencer.ts).
    sequence: { sequencer: SiteLastSequencer },
  },
});
