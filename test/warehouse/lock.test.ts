// One run at a time per warehouse: two ingests started together both land (the second waits for
// the first and builds on its warehouse), a build holds the warehouse until its site is swapped
// in, a lock left by a killed run is taken over, and a run that may not wait says who holds it.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateOrderLines } from "../../loaders/bench/ingest.ts";
import { openDb } from "../../loaders/ingest/duck.ts";
import { root } from "../../loaders/paths.ts";
import { WarehouseBusyError, withWarehouseLock } from "../../loaders/warehouse/lock.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const fresh = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "kam-lock-test-"));
  dirs.push(d);
  return d;
};
const kamArgs = (config: string, ...args: string[]) => [path.join(root, "loaders/cli/kam.mjs"), "ingest", "--config", config, ...args];

describe("the warehouse lock", () => {
  it("two ingests at once into one warehouse: both land, the second after the first", { timeout: 180_000 }, async () => {
    const dir = fresh();
    const config = path.join(dir, "kam.config.json");
    fs.writeFileSync(config, JSON.stringify({ ingest: { sample: false } }));
    const a = path.join(dir, "orders_a.csv");
    const b = path.join(dir, "orders_b.csv");
    await generateOrderLines(a, 120_000);
    fs.writeFileSync(b, "order_id,line_no,order_date,customer_id,product_id,quantity,amount\nB1,1,2024-01-05,C1,P1,1,5\n");
    const db = path.join(dir, "wh", "kam.duckdb");
    const env = { ...process.env, KAM_DB: db, CI: "1" };
    const run = (file: string) =>
      new Promise<{ code: number; out: string }>((resolve) => {
        const child = spawn(process.execPath, kamArgs(config, file), { env });
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (out += d));
        child.on("close", (code) => resolve({ code: code ?? 1, out }));
      });
    const first = run(a);
    // the second starts while the first holds the lock
    for (let i = 0; i < 400 && !fs.existsSync(`${db}.lock`); i++) await new Promise((r) => setTimeout(r, 25));
    const second = run(b);
    const [ra, rb] = await Promise.all([first, second]);
    expect([ra.code, rb.code]).toEqual([0, 0]);
    expect(rb.out).toContain("waiting for another run to finish with");
    const w = await openDb(db);
    const [n] = await w.rows<{ a: number; b: number }>(`SELECT count(*) FILTER (source_file = '${a}') AS a, count(*) FILTER (source_file = '${b}') AS b FROM order_lines`);
    w.close();
    expect(n).toEqual({ a: 120_000, b: 1 });
    expect(fs.existsSync(`${db}.lock`)).toBe(false);
  });

  it("a run that may not wait fails with who holds the warehouse; a killed holder's lock is taken over", async () => {
    const dir = fresh();
    const db = path.join(dir, "kam.duckdb");
    let inner: unknown;
    await withWarehouseLock(db, "kam build", async () => {
      // another process holds it: pretend with a live pid that is not ours (our parent)
      fs.writeFileSync(`${db}.lock`, JSON.stringify({ pid: process.ppid, what: "kam build", since: "2026-01-01T00:00:00.000Z" }));
      inner = await withWarehouseLock(db, "kam ingest", async () => 1, { waitMs: 0, log: () => {} }).catch((e) => e);
      fs.writeFileSync(`${db}.lock`, JSON.stringify({ pid: process.pid, what: "kam build", since: "now" }));
    });
    expect(inner).toBeInstanceOf(WarehouseBusyError);
    expect((inner as Error).message).toContain(`the warehouse ${db} is in use by another run (kam build, pid ${process.ppid}`);
    // a lock of a process that is gone
    fs.writeFileSync(`${db}.lock`, JSON.stringify({ pid: 999_999_999, what: "kam ingest", since: "then" }));
    expect(await withWarehouseLock(db, "kam ingest", async () => 42, { waitMs: 0 })).toBe(42);
    expect(fs.existsSync(`${db}.lock`)).toBe(false);
  });

  it("the CLI says so and exits 1 when the warehouse stays busy (KAM_LOCK_WAIT=0)", () => {
    const dir = fresh();
    const config = path.join(dir, "kam.config.json");
    fs.writeFileSync(config, JSON.stringify({ ingest: { sample: false } }));
    const db = path.join(dir, "kam.duckdb");
    fs.writeFileSync(`${db}.lock`, JSON.stringify({ pid: process.pid, what: "kam build", since: "2026-01-01T00:00:00.000Z" }));
    const r = spawnSync(process.execPath, kamArgs(config, path.join(dir, "x.csv")), { env: { ...process.env, KAM_DB: db, KAM_LOCK_WAIT: "0", CI: "1" }, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`kam ingest: the warehouse ${db} is in use by another run (kam build, pid ${process.pid}`);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it("a build or a transform while an ingest holds the warehouse: exit 1, said plainly, the warehouse untouched", () => {
    const dir = fresh();
    const config = path.join(dir, "kam.config.json");
    const orders = path.join(dir, "orders.csv");
    fs.writeFileSync(orders, "order_id,line_no,order_date,customer_id,product_id,quantity,amount\nSO1,1,2024-01-05,C1,P1,1,7\n");
    fs.writeFileSync(config, JSON.stringify({ ingest: { sample: false, sources: [{ path: orders, table: "order_lines" }] } }));
    const db = path.join(dir, "kam.duckdb");
    const env = { ...process.env, KAM_CONFIG: config, KAM_DB: db, KAM_DIST: path.join(dir, "dist"), KAM_LOCK_WAIT: "0", CI: "1" };
    expect(spawnSync(process.execPath, kamArgs(config), { env, encoding: "utf8" }).status).toBe(0);
    const before = fs.readFileSync(db);
    fs.writeFileSync(`${db}.lock`, JSON.stringify({ pid: process.pid, what: "kam ingest", since: "2026-01-01T00:00:00.000Z" }));
    for (const [cmd, args] of [["build", ["--skip-site"]], ["transform", ["--db", db]]] as const) {
      const r = spawnSync(process.execPath, [path.join(root, "loaders/cli/kam.mjs"), cmd, ...args], { env, encoding: "utf8", timeout: 120_000 });
      expect(r.status, `${cmd}: ${r.stdout}${r.stderr}`).toBe(1);
      expect(r.stderr).toContain(`the warehouse ${db} is in use by another run (kam ingest, pid ${process.pid}`);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(fs.readFileSync(db).equals(before), `${cmd} changed the warehouse`).toBe(true);
      // and no working copy left beside it
      expect(fs.readdirSync(dir).sort()).toEqual(["kam.config.json", "kam.duckdb", "kam.duckdb.lock", "orders.csv", "rejects"].filter((f) => fs.existsSync(path.join(dir, f))));
    }
  });
});
