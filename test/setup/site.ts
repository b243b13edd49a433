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
  // Every test build of this run stamps the same build date ("report built …", a day in the
  // business time zone): a run that crosses midnight there (16:00 UTC for Asia/Shanghai) would
  // otherwise compare a site built on one day with one built on the next.
  project.provide("buildEpoch", Number(process.env.SOURCE_DATE_EPOCH ?? Math.floor(Date.now() / 1000)));
  return () => {
    if (!process.env.KAM_KEEP_TEST_SITE) fs.rmSync(work, { recursive: true, force: true });
  };
}
