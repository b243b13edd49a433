// vitest globalSetup: give the run a temporary folder for the test site build (warehouse,
// sample exports, dist). The build itself is lazy: see test/support/site.ts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import "../support/provided-context.ts";

export default function setup(project: TestProject) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "kam-site-test-"));
  project.provide("siteWorkDir", work);
  return () => {
    if (!process.env.KAM_KEEP_TEST_SITE) fs.rmSync(work, { recursive: true, force: true });
  };
}
