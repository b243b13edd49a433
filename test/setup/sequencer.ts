// The order test files start in. Files that need the built site (builtSite(), test/support/site.ts)
// wait for one shared `kam build` of about a minute and a half; with the default order (largest
// files first, on a fresh clone) both workers took such files and sat idle while one built. So:
// one site file first (it starts the build), then every file that does not need the site (they run
// on the other worker meanwhile), then the remaining site files.
import fs from "node:fs";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const needsSite = (file: string) => /\bbuiltSite\(|site-zh\.ts/.test(fs.readFileSync(file, "utf8"));

export default class SiteLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const site = sorted.filter((f) => needsSite(f.moduleId));
    const rest = sorted.filter((f) => !needsSite(f.moduleId));
    return [...site.slice(0, 1), ...rest, ...site.slice(1)];
  }
}
