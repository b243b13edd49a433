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

describe("clear messages instead of stack traces", () => {
  const orders = "order_id,line_no,order_date,customer_id,product_id,quantity,amount\nSO1,1,2024-01-05,C1,P1,1,5\n";

  it("a misspelt config key is named, with the nearest known one (exit 2)", () => {
    const { kam, file } = setup({ ingest: { sample: false, soruces: [] }, analysis: { window_month: 6 }, site: { locale: "en" } });
    const r = kam("--config", file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`ingest.soruces: unknown setting, did you mean "sources"?`);
    expect(r.stderr).toContain(`analysis.window_month: unknown setting, did you mean "window_months"?`);
    noTrace(r.stderr);
    expect(() => parseConfig({ ingest: { sources: [{ path: "/x.csv", tabel: "order_lines" }] } })).toThrow(`ingest.sources.0.tabel: unknown setting, did you mean "table"?`);
  });

  it("dates and memory limits that are no such thing are config errors (exit 2)", () => {
    for (const [cfg, text] of [
      [{ ingest: { sample: false, date_range: { min: "2024-13-45" } } }, "ingest.date_range.min: not a date of the calendar"],
      [{ ingest: { sample: false }, analysis: { analysis_date: "2024-02-30" } }, "analysis.analysis_date: not a date of the calendar"],
      [{ ingest: { sample: false, memory_limit: "1KB" } }, "ingest.memory_limit: too small"],
      [{ ingest: { sample: false, memory_limit: "100TB" } }, "ingest.memory_limit: more than this machine's memory"],
    ] as const) {
      const { kam, file } = setup(cfg);
      const r = kam("--config", file);
      expect(r.status, text).toBe(2);
      expect(r.stderr).toContain(text);
      noTrace(r.stderr);
    }
  });

  it("--db a folder, a file that is not DuckDB: exit 2, said plainly", () => {
    const { kam, file, dir } = setup();
    const data = path.join(dir, "orders.csv");
    fs.writeFileSync(data, orders);
    const folder = path.join(dir, "db-folder");
    fs.mkdirSync(folder);
    const a = kam("--config", file, "--db", folder, data);
    expect(a.status).toBe(2);
    expect(a.stderr).toContain(`the warehouse ${folder} is a folder: give the warehouse's file, e.g. ${path.join(folder, "kam.duckdb")}`);
    noTrace(a.stderr);
    const notDuck = path.join(dir, "notes.duckdb");
    fs.writeFileSync(notDuck, "these are my notes, not a database\n");
    const b = kam("--config", file, "--db", notDuck, data);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain(`${notDuck} is not a DuckDB database`);
    expect(b.stderr).not.toContain("building-");
    noTrace(b.stderr);
    expect(fs.readFileSync(notDuck, "utf8")).toContain("my notes");
  });

  it("a warehouse folder that cannot be written: exit 2, said plainly", () => {
    const { file, dir, env } = setup();
    const data = path.join(dir, "orders.csv");
    fs.writeFileSync(data, orders);
    const ro = path.join(dir, "readonly");
    fs.mkdirSync(ro);
    fs.chmodSync(ro, 0o555);
    fs.chmodSync(dir, 0o777);
    fs.chmodSync(file, 0o644);
    fs.chmodSync(data, 0o644);
    // root writes anywhere: run the command as root without the capabilities that override file
    // permissions (still root, so it reads a checkout other users may not enter, e.g. one in mktemp -d)
    const noOverride = "-dac_override,-dac_read_search";
    const asUser = process.getuid?.() === 0 ? ["setpriv", `--bounding-set=${noOverride}`, `--inh-caps=${noOverride}`, process.execPath] : [process.execPath];
    const r = spawnSync(asUser[0], [...asUser.slice(1), path.join(root, "loaders/cli/kam.mjs"), "ingest", "--config", file, "--db", path.join(ro, "kam.duckdb"), data], {
      env: { ...env, HOME: dir, TMPDIR: dir },
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`cannot write in the warehouse folder ${ro}`);
    noTrace(r.stderr);
  });

  it("never echoes a line of a file that is not an export (a path pointing at a password file)", () => {
    const { kam, file, dir } = setup();
    const secret = path.join(dir, "shadow");
    fs.writeFileSync(secret, "root:$6$s3cr3tHash$abcdef:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n");
    const link = path.join(dir, "orders.csv");
    fs.symlinkSync(secret, link);
    const r = kam("--config", file, link);
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).not.toContain("s3cr3t");
    expect(r.stdout + r.stderr).not.toContain("root:");
    expect(r.stdout).toContain("its first line is not a header row of an export");
    noTrace(r.stderr);
  });
});
