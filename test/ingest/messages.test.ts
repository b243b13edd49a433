// What a user who gets something wrong sees: a clear message naming the problem and the
// setting to change (exit 2 for usage and config, 1 for data), never a stack trace, and never
// more of a file than its header row.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../loaders/config/index.ts";
import { root } from "../../loaders/paths.ts";
import { tempDir } from "./helpers.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function setup(config: unknown = { ingest: { sample: false } }) {
  const dir = tempDir();
  dirs.push(dir);
  const file = path.join(dir, "kam.config.json");
  fs.writeFileSync(file, JSON.stringify(config));
  const env = { ...process.env, KAM_DB: path.join(dir, "wh", "kam.duckdb"), KAM_REJECTS_DIR: path.join(dir, "rejects"), CI: "1" };
  const kam = (...args: string[]) => spawnSync(process.execPath, [path.join(root, "loaders/cli/kam.mjs"), "ingest", ...args], { env, encoding: "utf8" });
  return { dir, file, env, kam };
}
/** No stack trace: no "    at f (file:line)" frames, no Error class names. */
const noTrace = (s: string) => expect(s).not.toMatch(/^\s+at .+:\d+|\b(TypeError|RangeError|ReferenceError)\b/m);

describe("config", () => {
  it("a --config path that does not exist fails with exit 2 (it does not ingest the sample)", () => {
    const { kam, dir } = setup();
    const r = kam("--config", path.join(dir, "nope.json"));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("nope.json: no such file");
    noTrace(r.stderr);
    expect(fs.existsSync(path.join(dir, "wh"))).toBe(false);
  });

  it("a source named twice is refused; one workbook needs a sheet per source", () => {
    const twice = () => parseConfig({ ingest: { sources: [{ path: "/x/a.xlsx" }, { path: "/x/b.csv" }, { path: "/x/a.xlsx" }] } });
    expect(twice).toThrow(ConfigError);
    expect(twice).toThrow("ingest.sources.2: /x/a.xlsx is already ingest.sources.0");
    expect(() => parseConfig({ ingest: { sources: [{ path: "/x/a.xlsx", sheet: "A" }, { path: "/x/a.xlsx", sheet: "B" }] } })).not.toThrow();
  });
});

describe("the data folder of a fresh clone", () => {
  it("exists, says what goes where, and keeps own exports out of git", () => {
    expect(fs.readFileSync(path.join(root, "data/README.md"), "utf8")).toContain("kam.config.json");
    expect(fs.readFileSync(path.join(root, ".gitignore"), "utf8").split("\n")).toContain("data/exports/");
  });
});
