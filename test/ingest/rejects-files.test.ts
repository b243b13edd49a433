// The rejects CSV files: one per source, never overwritten by a namesake, safe to open in a
// spreadsheet (no live formulas), and always those of the warehouse that was kept.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { root } from "../../loaders/paths.ts";
import { fixture, ingest, lenient, tempDir } from "./helpers.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
const HEAD = "单据编号,行号,单据日期,客户编码,商品编码,数量,金额";
const write = (file: string, lines: string[]) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, lines.join("\n") + "\n");
};
const csvLines = (file: string) => fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "").trim().split("\n");

describe("rejects files", () => {
  it("neutralise formulas as the site's downloads do", async () => {
    const dir = fresh();
    const file = path.join(dir, "orders.csv");
    write(file, [HEAD, `SO1,1,2024-01-05,C1,P1,1,"=HYPERLINK(""http://x"",""y"")"`, "SO1,2,2024-01-05,C1,P1,1,@SUM(1+1)|cmd", "SO1,3,2024-01-05,C1,P1,1,+1+1x", "SO1,4,2024-01-05,C1,P1,1,7"]);
    const r = await ingest(dir, [{ path: file, table: "order_lines" }], { thresholds: lenient });
    const text = fs.readFileSync(r.files[0].rejectsFile!, "utf8");
    expect(text).toContain(`'=HYPERLINK`);
    expect(text).toContain(`'@SUM(1+1)|cmd`);
    expect(text).toContain(`'+1+1x`);
    // no cell of the file starts with a formula character
    const cells = csvLines(r.files[0].rejectsFile!).flatMap((l) => l.split(",").map((c) => c.replace(/^"/, "")));
    expect(cells.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
  });

  it("two sources with the same file name get a file each", async () => {
    const dir = fresh();
    const a = path.join(dir, "north", "orders.csv");
    const b = path.join(dir, "south", "orders.csv");
    write(a, [HEAD, "N1,1,2024-01-05,C1,P1,1,x", "N1,2,2024-01-05,C1,P1,1,1"]);
    write(b, [HEAD, "S1,1,2024-01-05,C1,P1,1,y", "S1,2,2024-01-05,C1,P1,1,y2", "S1,3,2024-01-05,C1,P1,1,1"]);
    const r = await ingest(dir, [{ path: a, table: "order_lines" }, { path: b, table: "order_lines" }], { thresholds: lenient });
    const [fa, fb] = r.files.map((f) => f.rejectsFile!);
    expect(fa).not.toBe(fb);
    expect(path.basename(fa)).toMatch(/^order_lines\.orders\.csv\.[0-9a-f]{8}\.rejects\.csv$/);
    expect(csvLines(fa)).toHaveLength(2);
    expect(csvLines(fb)).toHaveLength(3);
    expect(fs.readdirSync(path.join(dir, "rejects")).sort()).toEqual([path.basename(fa), path.basename(fb)].sort());
  });

  it("follow the kept warehouse: a failed run leaves them, a removed source takes its file away, litter of killed runs goes", () => {
    const dir = fresh();
    const orders = path.join(dir, "orders.csv");
    const bad = path.join(dir, "bad.csv");
    const payments = path.join(dir, "payments.csv");
    write(orders, [HEAD, "SO1,1,2024-01-05,C1,P1,1,5"]);
    write(payments, ["customer_id,payment_date,amount", "C1,2024-02-01,5", "C1,2024-02-02,oops"]);
    write(bad, [HEAD, "SO9,1,2024-02-30,C1,P1,1,7"]);
    const rejects = path.join(dir, "wh", "rejects");
    const config = path.join(dir, "kam.config.json");
    const env = { ...process.env, KAM_DB: path.join(dir, "wh", "kam.duckdb"), KAM_REJECTS_DIR: rejects, CI: "1" };
    const kam = (cfg: unknown) => {
      fs.writeFileSync(config, JSON.stringify(cfg));
      return spawnSync(process.execPath, [path.join(root, "loaders/cli/kam.mjs"), "ingest", "--config", config], { env, encoding: "utf8" });
    };
    const both = { ingest: { sample: false, reject_thresholds: { optional: 1, required: 0.5 }, sources: [{ path: orders, table: "order_lines" }, { path: payments, table: "payments" }] } };
    expect(kam(both).status).toBe(0);
    expect(fs.readdirSync(rejects)).toEqual(["payments.payments.csv.rejects.csv"]);
    // litter of a killed run (a pid that cannot exist)
    fs.mkdirSync(`${rejects}.building-999999999`);
    // a failing run (bad.csv: its one row a required reject, carrying all of its amount): nothing changes
    const failing = { ingest: { ...both.ingest, reject_thresholds: {}, sources: [...both.ingest.sources, { path: bad, table: "order_lines" }] } };
    const failed = kam(failing);
    expect(failed.status).toBe(1);
    expect(fs.readdirSync(rejects)).toEqual(["payments.payments.csv.rejects.csv"]);
    // ... but the rows it refused can be read: the message points at the failed run's own files, beside
    const failedDir = `${rejects}-failed`;
    expect(fs.readdirSync(failedDir).sort()).toEqual(["order_lines.bad.csv.rejects.csv", "payments.payments.csv.rejects.csv"]);
    expect(failed.stdout).toContain(`— see ${path.join(failedDir, "order_lines.bad.csv.rejects.csv")}`);
    expect(csvLines(path.join(failedDir, "order_lines.bad.csv.rejects.csv"))[1]).toContain("2024-02-30");
    // payments removed from the config: its rejects file goes with its rows
    expect(kam({ ingest: { sample: false, sources: [{ path: orders, table: "order_lines" }] } }).status).toBe(0);
    expect(fs.readdirSync(rejects)).toEqual([]);
    expect(fs.readdirSync(path.dirname(rejects)).filter((n) => n.startsWith("rejects."))).toEqual([]);
    expect(fs.existsSync(failedDir)).toBe(false); // a kept run: the failed one's files are gone
  });

  it("decoded temp files of killed runs are removed, and a run leaves none of its own", async () => {
    const dir = fresh();
    const dead = [path.join(dir, "kam-decode-999999998-1.csv"), path.join(os.tmpdir(), "kam-ingest-999999998-1.csv")];
    for (const f of dead) fs.writeFileSync(f, "x");
    const r = await ingest(dir, [{ path: fixture("ol_gbk_total.csv"), table: "order_lines" }]);
    expect(r.files[0]).toMatchObject({ encoding: "gb18030", loaded: 3 });
    expect(dead.filter((f) => fs.existsSync(f))).toEqual([]);
    expect(fs.readdirSync(dir).filter((n) => n.startsWith("kam-decode-"))).toEqual([]);
  });
});
