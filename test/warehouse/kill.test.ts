// kill -9 in the middle of the models: the run changes the warehouse in one transaction
// (loaders/warehouse/atomic.ts), so the killed run's dropped and half-rebuilt schemas never
// reach the file a reader opens: every table holds what it held before, and the next run
// (which reuses the blocks the killed one had written ahead) builds the same marts again.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateOrderLines } from "../../loaders/bench/ingest.ts";
import { root } from "../../loaders/paths.ts";
import { withDuckDb } from "../../loaders/warehouse/open.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kam-kill-models-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const config = path.join(dir, "kam.config.json");
const db = path.join(dir, "kam.duckdb");
const env = { ...process.env, KAM_CONFIG: config, KAM_DB: db, KAM_REJECTS_DIR: path.join(dir, "rejects"), CI: "1" };
const kam = (...args: string[]) => spawnSync(process.execPath, [path.join(root, "loaders/cli/kam.mjs"), ...args], { env, encoding: "utf8", timeout: 240_000 });

/** Every table of every schema: its name, row count and a digest of its rows in a fixed order. */
async function contents(file: string): Promise<string[]> {
  return withDuckDb(file, { readOnly: true }, async (con) => {
    const tables = (await con.runAndReadAll(`select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE' order by 1, 2`)).getRows();
    const out: string[] = [];
    for (const [schema, name] of tables) {
      const t = `"${schema}"."${name}"`;
      const [[n, digest]] = (await con.runAndReadAll(`select count(*), md5(coalesce(string_agg(r, '|' order by r), '')) from (select cast(x as varchar) as r from ${t} x)`)).getRows();
      out.push(`${schema}.${name} ${n} ${digest}`);
    }
    return out;
  });
}

describe("kill -9 in the middle of the models", () => {
  it("leaves the last committed warehouse readable and unchanged; the next run builds it again", { timeout: 600_000 }, async () => {
    fs.writeFileSync(config, JSON.stringify({ ingest: { sample: false } }));
    const orders = path.join(dir, "orders.csv");
    await generateOrderLines(orders, 100_000);
    expect(kam("ingest", orders).status).toBe(0);
    const built = kam("transform");
    expect(built.status, built.stderr).toBe(0);
    const before = await contents(db);
    expect(before.some((t) => t.startsWith("marts.customer_metrics "))).toBe(true);

    const profile = path.join(dir, "profile.jsonl");
    const child = spawn(process.execPath, [path.join(root, "loaders/cli/kam.mjs"), "transform"], { env: { ...env, KAM_PROFILE: profile }, stdio: "ignore" });
    const exited = new Promise((r) => child.on("exit", r));
    // Mid-models: the derived schemas were dropped and the first marts rebuilt, in the run's new file.
    const marts = () => (fs.existsSync(profile) ? fs.readFileSync(profile, "utf8").split("\n").filter((l) => l.includes('"models.marts"')).length : 0);
    const t0 = Date.now();
    while (marts() < 3 && Date.now() - t0 < 120_000) await new Promise((r) => setTimeout(r, 20));
    expect(marts()).toBeGreaterThanOrEqual(3);
    expect(child.exitCode).toBe(null); // still running
    child.kill("SIGKILL");
    await exited;

    expect(await contents(db)).toEqual(before);
    const again = kam("transform");
    expect(again.status, again.stderr).toBe(0);
    expect(fs.existsSync(`${db}.wal`)).toBe(false);
    expect(await contents(db)).toEqual(before); // same inputs, same marts
    expect(fs.readdirSync(dir).filter((f) => f.includes(".building-"))).toEqual([]);
  });
});
