// The duplicate-key check takes shortcuts (keys increasing down the file, then distinct key
// hashes) before grouping the keys; every path must find exactly the duplicates a plain
// GROUP BY finds, with the last row winning.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { counts, ingest, lenient, query, tempDir } from "./helpers.ts";

const header = "order_id,line_no,order_date,customer_id,product_id,quantity,amount";
const row = (order: string, line: number) => `${order},${line},2024-01-05,C1,P1,1,10`;

async function load(lines: string[]) {
  const dir = tempDir();
  const file = path.join(dir, "order_lines.csv");
  fs.writeFileSync(file, [header, ...lines, ""].join("\n"));
  const r = await ingest(dir, [{ path: file, table: "order_lines" }], { thresholds: lenient });
  const dups = await query<{ row_number: number }>(dir, `SELECT row_number FROM ingest_rejects WHERE reason_class = 'duplicate' ORDER BY row_number`);
  return { summary: counts(r.files[0]), dupRows: dups.map((d) => d.row_number) };
}

const sorted = (n: number) => Array.from({ length: n }, (_, i) => row(`SO${String(Math.floor(i / 3)).padStart(6, "0")}`, (i % 3) + 1));

describe("duplicate keys", () => {
  it("in a file in key order: a repeated key right after itself", async () => {
    const lines = sorted(20);
    lines.splice(5, 0, lines[4]); // line 6 (data row 5) repeated as line 7
    const { summary, dupRows } = await load(lines);
    expect(summary).toEqual({ read: 21, loaded: 20, rejected: 1, rejectedBy: { duplicate: 1 } });
    expect(dupRows).toEqual([6]);
  });

  it("in a file whose first rows are in key order: a repeat far after the sample", async () => {
    const lines = sorted(12_000);
    lines.push(lines[0]); // the first data row (line 2) again, as line 12002
    const { summary, dupRows } = await load(lines);
    expect(summary).toEqual({ read: 12_001, loaded: 12_000, rejected: 1, rejectedBy: { duplicate: 1 } });
    expect(dupRows).toEqual([2]);
  });

  it("a replaced row is a duplicate only, never also an unknown customer; the kept row is checked", async () => {
    const dir = tempDir();
    const customers = path.join(dir, "customers.csv");
    fs.writeFileSync(customers, "customer_id,customer_name\nC1,甲公司\n");
    const file = path.join(dir, "order_lines.csv");
    const line = (order: string, customer: string) => `${order},1,2024-01-05,${customer},P1,1,10`;
    // line 2 (unknown C9) is replaced by line 4 (C1); line 3 (C1) by line 5 (unknown C8); line 6 is unknown C7
    fs.writeFileSync(file, [header, line("SO2", "C9"), line("SO1", "C1"), line("SO2", "C1"), line("SO1", "C8"), line("SO3", "C7"), ""].join("\n"));
    const r = await ingest(dir, [{ path: customers, table: "customers" }, { path: file, table: "order_lines" }], { thresholds: lenient });
    expect(counts(r.files[1])).toEqual({ read: 5, loaded: 1, rejected: 4, rejectedBy: { duplicate: 2, reference: 2 } });
    const rejects = await query<{ row_number: number; reason_class: string }>(dir, `SELECT row_number, reason_class FROM ingest_rejects WHERE table_name = 'order_lines' ORDER BY ALL`);
    expect(rejects.map((x) => [x.row_number, x.reason_class])).toEqual([
      [2, "duplicate"],
      [3, "duplicate"],
      [5, "reference"],
      [6, "reference"],
    ]);
  });

  it("in a file not in key order: none when every key differs, found when one repeats", async () => {
    const lines = sorted(30).reverse();
    expect((await load(lines)).summary).toEqual({ read: 30, loaded: 30, rejected: 0, rejectedBy: {} });
    const { summary, dupRows } = await load([...lines, lines[10]]);
    expect(summary).toEqual({ read: 31, loaded: 30, rejected: 1, rejectedBy: { duplicate: 1 } });
    expect(dupRows).toEqual([12]);
  });
});
