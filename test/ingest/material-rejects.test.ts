// Rejects stop the run only when they are material (issue #16): with the defaults a user gets, a
// big export with a handful of bad rows loads, and those rows reach the data quality page's data;
// a file half of which is bad, or whose few bad rows carry most of its money, stops the run.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { root } from "../../loaders/paths.ts";
import { sampleSources } from "../../loaders/ingest/sources.ts";
import { formatSummary } from "../../loaders/ingest/summary.ts";
import { ingest, query, tempDir } from "./helpers.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};

const HEAD = "order_id,line_no,order_date,customer_id,product_id,quantity,amount";
/** `n` good lines of amount 10 (a day in 2024 each), then the given lines, as a CSV in `dir`. */
function orders(dir: string, n: number, extra: (i: number) => string | null) {
  const lines = [HEAD];
  for (let i = 0; i < n; i++) lines.push(extra(i) ?? `SO${i},1,2024-01-${String(1 + (i % 28)).padStart(2, "0")},C${i % 50},P1,1,10`);
  const file = path.join(dir, "orders.csv");
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

describe("rejects stop the run only when material (default thresholds)", () => {
  it("a 20,000-line export with five bad rows loads, and the five rows are on the data quality page", async () => {
    const dir = fresh();
    // five lines of ordinary size, spread through the file: two dates that do not exist, two
    // amounts that are no number, a date that is no date
    const bad: Record<number, string> = {
      1_000: "SO1000,1,2024-02-30,C1,P1,1,10",
      5_000: "SO5000,1,2024-01-05,C2,P1,1,待核对",
      9_000: "SO9000,1,2024-13-01,C3,P1,1,10",
      14_000: "SO14000,1,2024-01-06,C4,P1,1,N/A",
      19_999: "SO19999,1,yesterday,C5,P1,1,10",
    };
    const file = orders(dir, 20_000, (i) => bad[i] ?? null);
    const r = await ingest(dir, [{ path: file, table: "order_lines" }]);
    expect(r.ok, r.files[0].error ?? "").toBe(true);
    expect(r.files[0]).toMatchObject({ read: 20_000, loaded: 19_995, rejected: 5, rejectedBy: { required: 5 }, error: null });
    // the three bad lines with a readable amount carry 30 of the file's 19,995 x 10 + 30
    expect(r.files[0].rejectedAmountShare?.required).toBeCloseTo(30 / 199_980, 12);
    expect(formatSummary(r.files[0])).toContain("rejected 5 (required 5: 0.015% of the amount)");
    expect(await query(dir, `SELECT row_number FROM ingest_rejects ORDER BY row_number`)).toEqual(
      Object.keys(bad).map((i) => ({ row_number: Number(i) + 2 })),
    );
    // The data quality page's own loader, on this warehouse: the file and the reasons of its rejects.
    const page = spawnSync(process.execPath, [path.join(root, "src/data/ingest-log.json.js")], {
      encoding: "utf8",
      env: { ...process.env, KAM_DB: path.join(dir, "kam.duckdb") },
    });
    expect(page.status, page.stderr).toBe(0);
    const log = JSON.parse(page.stdout) as { files: { file: string; read: number; loaded: number; rejected: number }[]; reasons: { rows: number; example_row: number; column_name: string }[] };
    expect(log.files).toEqual([expect.objectContaining({ file: "orders.csv", read: 20_000, loaded: 19_995, rejected: 5 })]);
    expect(log.reasons.reduce((a, x) => a + x.rows, 0)).toBe(5);
    expect(log.reasons.map((x) => x.example_row).sort((a, b) => a - b)).toEqual(expect.arrayContaining([1_002, 5_002]));
  });

  it("a file with half its rows bad stops, saying the share", async () => {
    const dir = fresh();
    const file = orders(dir, 2_000, (i) => (i % 2 ? `SO${i},1,2024-01-05,C1,P1,1,oops` : null));
    const r = await ingest(dir, [{ path: file, table: "order_lines" }]);
    expect(r.ok).toBe(false);
    expect(r.files[0].error).toContain("1000 rows rejected for required problems: 50.0% of 2000 rows (allowed 3 rows or 0.5%)");
    // ... and why, without opening the rejects: the class's most frequent problem, with an example
    expect(r.files[0].error).toMatch(/\(allowed 3 rows or 0\.5%\), most often amount \(all of them, e\.g\. row \d+ "oops"\): expected a number \(e\.g\. 1,234\.50/);
    expect(r.files[0].topReasons?.required).toMatchObject({ column: "amount", raw: "oops", rows: 1000 });
  });

  it("a few bad rows that carry most of the amount stop the run, however few", async () => {
    const dir = fresh();
    // 1,998 lines of 10 and two big orders whose dates cannot be read: 100,000 of 119,980
    const file = orders(dir, 2_000, (i) => (i === 10 || i === 20 ? `SO${i},1,2024-02-31,C1,P1,1,50000` : null));
    const r = await ingest(dir, [{ path: file, table: "order_lines" }]);
    expect(r.ok).toBe(false);
    expect(r.files[0].rejectedAmountShare?.required).toBeCloseTo(100_000 / 119_980, 12);
    expect(r.files[0].error).toContain("2 rows rejected for required problems carry 83.3% of the file's amount (allowed 2.0%)");
    // the same two rows with ordinary amounts are a handful: the run goes on
    const small = orders(fresh(), 2_000, (i) => (i === 10 || i === 20 ? `SO${i},1,2024-02-31,C1,P1,1,10` : null));
    expect((await ingest(path.dirname(small), [{ path: small, table: "order_lines" }])).ok).toBe(true);
  });

  it("payments are judged by their amount too", async () => {
    const dir = fresh();
    const lines = ["customer_id,payment_date,amount"];
    for (let i = 0; i < 500; i++) lines.push(`C${i % 20},2024-03-${String(1 + (i % 28)).padStart(2, "0")},100`);
    lines.push("C1,2024-02-30,90000"); // one payment with a date that does not exist, carrying 64% of the money
    const file = path.join(dir, "payments.csv");
    fs.writeFileSync(file, lines.join("\n") + "\n");
    const r = await ingest(dir, [{ path: orders(dir, 10, () => null), table: "order_lines" }, { path: file, table: "payments" }]);
    expect(r.ok).toBe(false);
    expect(r.files.find((f) => f.table === "payments")!.error).toContain("1 rows rejected for required problems carry 64.3% of the file's amount");
  });

  it("limits are per class, settable as rows and amount, per source over the run's", async () => {
    const dir = fresh();
    const file = orders(dir, 2_000, (i) => (i === 10 || i === 20 ? `SO${i},1,2024-02-31,C1,P1,1,50000` : null));
    // the amount limit raised for this source only: the two rows no longer stop the run
    expect((await ingest(dir, [{ path: file, table: "order_lines", reject_thresholds: { required: { amount: 0.9 } } }])).ok).toBe(true);
    // the run's floor set to 0 and the source's amount limit raised: the row share (0.1%) is under 0.5%
    const again = await ingest(fresh(), [{ path: file, table: "order_lines", reject_thresholds: { required: { amount: 0.9 } } }], { thresholds: { min_rows: 0 } });
    expect(again.ok).toBe(true);
    // ... and a source's row limit of 0 with the floor at 0: any required reject stops it
    const strict = await ingest(fresh(), [{ path: file, table: "order_lines", reject_thresholds: { min_rows: 0, required: { rows: 0, amount: 0.9 } } }]);
    expect(strict.ok).toBe(false);
    expect(strict.files[0].error).toContain("2 rows rejected for required problems: 0.1% of 2000 rows (allowed 0 rows or 0.0%)");
  });
});

describe("a folder of monthly exports is judged as one source", () => {
  /** 12 monthly files of 100 lines of amount 10; `bad(month, i)` may replace a line. */
  function months(dir: string, bad: (m: number, i: number) => string | null) {
    const folder = path.join(dir, "orders");
    fs.mkdirSync(folder, { recursive: true });
    for (let m = 1; m <= 12; m++) {
      const lines = [HEAD];
      for (let i = 0; i < 100; i++) lines.push(bad(m, i) ?? `SO${m}-${i},1,2024-${String(m).padStart(2, "0")}-05,C${i % 20},P1,1,10`);
      fs.writeFileSync(path.join(folder, `orders-2024-${String(m).padStart(2, "0")}.csv`), lines.join("\n") + "\n");
    }
    return folder;
  }

  it("one ordinary bad line in four of its months loads (each month alone would stop: 3% of its amount)", async () => {
    const dir = fresh();
    const folder = months(dir, (m, i) => (m % 3 === 0 && i === 50 ? `SO${m}-${i},1,2024-02-30,C1,P1,1,30` : null));
    const r = await ingest(dir, [{ path: folder, table: "order_lines" }]);
    expect(r.ok, r.errors.join("; ")).toBe(true);
    expect(r.files.filter((f) => f.rejected).map((f) => [path.basename(f.path), f.rejectedAmountShare?.required])).toEqual(
      [3, 6, 9, 12].map((m) => [`orders-2024-${String(m).padStart(2, "0")}.csv`, 30 / 1020]),
    );
    // the same file as a source of its own stops the run
    const one = await ingest(fresh(), [{ path: path.join(folder, "orders-2024-03.csv"), table: "order_lines" }]);
    expect(one.files[0].error).toContain("1 rows rejected for required problems carry 2.9% of the file's amount (allowed 2.0%)");
  });

  it("bad lines that carry much of the folder's money stop the run, naming the folder", async () => {
    const dir = fresh();
    const folder = months(dir, (m, i) => (m === 7 && i === 1 ? `SO${m}-${i},1,2024-07-32,C1,P1,1,5000` : null));
    const r = await ingest(dir, [{ path: folder, table: "order_lines" }]);
    expect(r.ok).toBe(false);
    // 5,000 of 11,990 + 5,000
    expect(r.errors).toEqual([expect.stringContaining(`${folder} (12 files): 1 rows rejected for required problems carry 29.4% of the folder's amount (allowed 2.0%)`)]);
  });
});

describe("the bundled sample", () => {
  it("is read with exactly the thresholds a user gets (no looser sample-only settings)", () => {
    const sources = sampleSources("/nowhere");
    expect(sources.length).toBe(5);
    for (const s of sources) expect(s.reject_thresholds, s.path).toBeUndefined();
  });
});
