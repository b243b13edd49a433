// `kam build` on an export over the reject threshold: the run fails, nothing is published,
// and (because the failed run's file hashes were not kept) the next run fails again instead
// of skipping the file as "unchanged".
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kam-build-fail-"));
const config = path.join(work, "kam.config.json");
const db = path.join(work, "warehouse", "kam.duckdb");
fs.writeFileSync(
  config,
  JSON.stringify({ ingest: { sample: false, sources: [{ path: path.join(root, "test/fixtures/ingest/files/ol_bad_dates.csv"), table: "order_lines" }] } }),
);

const build = () =>
  spawnSync(process.execPath, [path.join(root, "loaders/cli/kam.mjs"), "build", "--skip-site"], {
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, KAM_CONFIG: config, KAM_DB: db, KAM_DIST: path.join(work, "dist") },
  });

describe("a build whose ingest fails", () => {
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it("publishes no warehouse, and fails again on the next run", () => {
    for (const run of [1, 2]) {
      const r = build();
      expect(r.status, `run ${run}: ${r.stdout}${r.stderr}`).toBe(1);
      expect(r.stdout + r.stderr).toContain("5 rows rejected for required problems");
      expect(fs.existsSync(db), `run ${run} left a warehouse`).toBe(false);
    }
  });
});
