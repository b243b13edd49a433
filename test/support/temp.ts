// Temporary folders of one test file, removed once the file's tests are done, so that a day of
// test runs does not fill the disk (KAM_KEEP_TEST_DIRS=1 keeps them, to look at after a failure).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

const made: string[] = [];

// Registered when a test file imports this module: vitest evaluates it again for every file.
afterAll(() => {
  if (process.env.KAM_KEEP_TEST_DIRS) return;
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder under the system's temp folder, named `<prefix>XXXXXX`. */
export function testDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
