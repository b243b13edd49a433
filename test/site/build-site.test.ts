// A failed site build leaves the previous dist/ as it was and no staging folder behind.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { repoRoot } from "../support/site.ts";

it("keeps the previous dist when Framework's build fails (here: a data loader finds no warehouse)", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kam-failed-site-"));
  try {
    const dist = path.join(tmp, "dist");
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, "index.html"), "previous report");
    const r = spawnSync(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", "const { buildSite } = await import('./loaders/site/build.ts'); await buildSite();"],
      {
        cwd: repoRoot,
        encoding: "utf8",
        timeout: 120_000,
        env: { ...process.env, KAM_DIST: dist, KAM_DB: path.join(tmp, "no-such-warehouse.duckdb"), KAM_CONFIG: path.join(tmp, "none.json") },
      },
    );
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`the previous ${dist} is unchanged`);
    expect(fs.readFileSync(path.join(dist, "index.html"), "utf8")).toBe("previous report");
    expect(fs.readdirSync(tmp).sort()).toEqual(["dist"]);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
