// Issue #14, byte-identical rebuilds: a second `kam build` of the same inputs (the same
// sample exports and config), in another time zone, gives a dist/ equal to the first one
// file by file and byte by byte: data loaders, the mart archive, Framework's hashed names.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { builtSite, hermeticEnv, repoRoot, runKamBuild } from "../support/site.ts";

function digests(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    const full = path.join(dir, file);
    if (fs.statSync(full).isFile()) out.set(file, crypto.createHash("sha256").update(fs.readFileSync(full)).digest("hex"));
  }
  return out;
}

describe("rebuild", () => {
  it("two builds of the same inputs, in two time zones, give byte-identical sites", { timeout: 900_000 }, async () => {
    const first = await builtSite();
    const work = inject("siteWorkDir");
    const again = path.join(work, "rebuild");
    fs.rmSync(again, { recursive: true, force: true });
    fs.mkdirSync(again, { recursive: true });
    const tz = process.env.TZ === "Asia/Shanghai" ? "UTC" : "Asia/Shanghai";
    const fixture = path.join(repoRoot, "test/fixtures/site/kam.config.json");
    const log = path.join(again, "build.log");
    const code = await runKamBuild(
      hermeticEnv({
        TZ: tz,
        SOURCE_DATE_EPOCH: String(inject("buildEpoch")), // the first build's date, even after midnight
        KAM_DB: path.join(again, "warehouse", "kam.duckdb"),
        KAM_SAMPLE_DIR: path.join(work, "sample"), // the same exports as the first build
        KAM_DIST: path.join(again, "dist"),
        ...(fs.existsSync(fixture) ? { KAM_CONFIG: fixture } : {}),
      }),
      log,
    );
    expect(code, fs.readFileSync(log, "utf8").slice(-3000)).toBe(0);
    const a = digests(first.dist);
    const b = digests(path.join(again, "dist"));
    expect(a.size).toBeGreaterThan(20);
    expect([...b.keys()]).toEqual([...a.keys()]);
    const differ = [...a].filter(([file, hash]) => b.get(file) !== hash).map(([file]) => file);
    expect(differ).toEqual([]);
  });
});
