// `kam ingest` as analysts and CI call it: exit codes, --json, and the warehouse left exactly
// as it was when a run fails or is killed.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateOrderLines } from "../../loaders/bench/ingest.ts";
import { root } from "../../loaders/paths.ts";
import { fixture, tempDir } from "./helpers.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function setup() {
  const dir = tempDir();
  dirs.push(dir);
  const config = path.join(dir, "kam.config.json");
  fs.writeFileSync(config, JSON.stringify({ ingest: { sample: false } }));
  const env = { ...process.env, KAM_DB: path.join(dir, "kam.duckdb"), KAM_REJECTS_DIR: path.join(dir, "rejects"), CI: "1" };
  const kam = (...args: string[]) => spawnSync(process.execPath, [path.join(root, "loaders/cli/kam.mjs"), "ingest", "--config", config, ...args], { env, encoding: "utf8" });
  return { dir, config, env, kam, db: env.KAM_DB };
}
const sha = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

describe("kam ingest", () => {
  it("exit 0 and one JSON summary on stdout", () => {
    const { kam, db } = setup();
    const r = kam(fixture("ol_gbk_total.csv"), "--json");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(true);
    expect(out.files).toHaveLength(1);
    expect(out.files[0]).toMatchObject({ path: fixture("ol_gbk_total.csv"), table: "order_lines", read: 4, loaded: 3, rejected: 1, replaced: 0 });
    expect(fs.existsSync(out.files[0].rejectsFile)).toBe(true);
    expect(fs.existsSync(db)).toBe(true);
  });

  it("plain lines in CI: read / loaded / rejected per file", () => {
    const { kam } = setup();
    const r = kam(fixture("ol_clean_zh.csv"));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("ol_clean_zh.csv -> order_lines: read 3, loaded 3, rejected 0");
  });

  it("exit 2 on a usage error or a wrong config", () => {
    const { kam, config } = setup();
    expect(kam("--frobnicate").status).toBe(2);
    expect(kam("--db").status).toBe(2);
    fs.writeFileSync(config, JSON.stringify({ ingest: { memory_limit: "lots", sources: [{ table: "orders" }] } }));
    const r = kam();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("ingest.memory_limit: expected a size such as 2GB or 512MB");
    expect(r.stderr).toContain("ingest.sources.0.path");
    expect(r.stderr).toContain("ingest.sources.0.table");
  });

  it("KAM_CONFIG naming a file that does not exist: exit 2, never the bundled sample instead", () => {
    const { dir, env } = setup();
    const missing = path.join(dir, "kam.confg.json"); // a typo in a CI job
    for (const cmd of [["ingest"], ["build", "--skip-site"]]) {
      const r = spawnSync(process.execPath, [path.join(root, "loaders/cli/kam.mjs"), ...cmd], { env: { ...env, KAM_CONFIG: missing, KAM_SAMPLE_DIR: path.join(dir, "sample") }, encoding: "utf8", timeout: 120_000 });
      expect(r.status, `${cmd[0]}: ${r.stdout}${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(`KAM_CONFIG=${missing}: no such file`);
      expect(fs.existsSync(env.KAM_DB), cmd[0]).toBe(false);
      expect(fs.existsSync(path.join(dir, "sample")), cmd[0]).toBe(false);
    }
  });

  it("exit 1 and the previous warehouse byte-identical when rejects exceed the threshold or a file is unusable", () => {
    const { kam, db, dir } = setup();
    expect(kam(fixture("ol_clean_zh.csv")).status).toBe(0);
    const before = sha(db);
    const bad = kam(fixture("ol_missing_values.csv"), "--json");
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout).files[0].error).toContain("required problems");
    expect(sha(db)).toBe(before);
    const unusable = kam(fixture("ol_duplicate_headers.csv"));
    expect(unusable.status).toBe(1);
    expect(unusable.stdout).toContain('header "金额" appears 2 times');
    expect(sha(db)).toBe(before);
    expect(fs.readdirSync(dir).filter((f) => f.includes(".building-"))).toEqual([]);
  });

  it("a run killed mid-way leaves the previous warehouse untouched", { timeout: 120_000 }, async () => {
    const { env, config, db, kam, dir } = setup();
    expect(kam(fixture("ol_clean_zh.csv")).status).toBe(0);
    const before = sha(db);
    const big = path.join(dir, "big_orders.csv");
    await generateOrderLines(big, 150_000);
    const profile = path.join(dir, "profile.jsonl");
    const child = spawn(process.execPath, [path.join(root, "loaders/cli/kam.mjs"), "ingest", "--config", config, big], { env: { ...env, KAM_PROFILE: profile }, stdio: "ignore" });
    // Kill it once it is writing into the warehouse (its transaction): the file has been read,
    // the parse into the warehouse has begun.
    const started = Date.now();
    const read = () => fs.existsSync(profile) && fs.readFileSync(profile, "utf8").includes('"ingest.read"');
    while (!read() && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 20));
    expect(read()).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(child.exitCode).toBe(null); // still running when killed
    const exited = new Promise((r) => child.on("exit", r));
    child.kill("SIGKILL");
    await exited;
    expect(sha(db)).toBe(before);
    const after = kam(fixture("ol_clean_zh.csv"), "--json");
    expect(JSON.parse(after.stdout).files[0].unchanged).toBe(true);
  });
});
