// Ingesting the same export twice changes nothing; a newer export replaces the rows it
// overlaps (same order id + line) and says how many; a changed file replaces its earlier rows.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixture, ingest, lenient, query, tempDir } from "./helpers.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const HEADER = "单据编号,行号,单据日期,客户编码,客户名称,商品编码,商品类别,数量,单位,单价,金额,成本,折扣额";
const row = (o: string, n: number, amount: number) => `${o},${n},2024-02-01,C001,甲公司,P01,钢材,1,t,${amount},${amount},,`;
const snapshot = (dir: string) =>
  query(dir, `SELECT (SELECT count(*) FROM order_lines) AS n, (SELECT sum(amount) FROM order_lines) AS total,
                     (SELECT count(*) FROM ingest_files) AS files, (SELECT count(*) FROM ingest_rejects) AS rejects`);

describe("idempotence and replacement", () => {
  it("ingesting the same export twice changes nothing and says it skipped it", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const sources = [{ path: fixture("ol_gbk_total.csv"), table: "order_lines" }];
    const first = await ingest(dir, sources);
    expect(first.ok).toBe(true);
    const before = await snapshot(dir);
    const second = await ingest(dir, sources);
    expect(second.files[0].unchanged).toBe(true);
    expect(second.files[0].loaded).toBe(0);
    expect(await snapshot(dir)).toEqual(before);
    expect(before).toEqual([{ n: 3, total: 1750, files: 1, rejects: 1 }]);
  });

  it("a newer export replaces the overlapping order lines and reports how many", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const older = path.join(dir, "orders_2024-01.csv");
    const newer = path.join(dir, "orders_2024-02.csv");
    fs.writeFileSync(older, [HEADER, row("SO1", 1, 100), row("SO1", 2, 200), row("SO2", 1, 300)].join("\n"));
    fs.writeFileSync(newer, [HEADER, row("SO2", 1, 999), row("SO3", 1, 50)].join("\n"));
    await ingest(dir, [{ path: older, table: "order_lines" }]);
    const r = await ingest(dir, [{ path: newer, table: "order_lines" }], { files: [newer] });
    expect(r.files[0]).toMatchObject({ read: 2, loaded: 2, replaced: 1 });
    const rows = await query(dir, `SELECT order_id, line_no, amount, source_file FROM order_lines ORDER BY order_id, line_no`);
    expect(rows).toEqual([
      { order_id: "SO1", line_no: 1, amount: 100, source_file: older },
      { order_id: "SO1", line_no: 2, amount: 200, source_file: older },
      { order_id: "SO2", line_no: 1, amount: 999, source_file: newer },
      { order_id: "SO3", line_no: 1, amount: 50, source_file: newer },
    ]);
    const files = await query(dir, `SELECT path, replaced FROM ingest_files ORDER BY ingested_seq`);
    expect(files).toEqual([
      { path: older, replaced: 0 },
      { path: newer, replaced: 1 },
    ]);
  });

  it("a changed export at the same path replaces everything loaded from it before", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, "orders.csv");
    fs.writeFileSync(file, [HEADER, row("SO1", 1, 100), row("SO1", 2, 200), row("SO2", 1, 300)].join("\n"));
    await ingest(dir, [{ path: file, table: "order_lines" }]);
    fs.writeFileSync(file, [HEADER, row("SO1", 1, 110), row("SO9", 1, 5)].join("\n"));
    const r = await ingest(dir, [{ path: file, table: "order_lines" }]);
    expect(r.files[0]).toMatchObject({ unchanged: false, read: 2, loaded: 2, replaced: 3 });
    expect(await query(dir, `SELECT order_id, amount FROM order_lines ORDER BY order_id`)).toEqual([
      { order_id: "SO1", amount: 110 },
      { order_id: "SO9", amount: 5 },
    ]);
    expect(await query(dir, `SELECT count(*) AS n FROM ingest_files`)).toEqual([{ n: 1 }]);
  });

  it("tables without a key (payments) are replaced per source file", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, "payments.csv");
    fs.writeFileSync(file, "customer_id,payment_date,amount\nC001,2024-02-01,100\nC001,2024-02-01,100\n");
    const first = await ingest(dir, [{ path: file, table: "payments" }]);
    // Two equal payments on one day are two payments: no key, no duplicate reject.
    expect(first.files[0]).toMatchObject({ read: 2, loaded: 2 });
    fs.writeFileSync(file, "customer_id,payment_date,amount\nC001,2024-02-01,100\nC001,2024-02-01,100\nC002,2024-02-02,7\n");
    const second = await ingest(dir, [{ path: file, table: "payments" }]);
    expect(second.files[0]).toMatchObject({ read: 3, loaded: 3, replaced: 2 });
    expect(await query(dir, `SELECT count(*) AS n, sum(amount) AS total FROM payments`)).toEqual([{ n: 3, total: 207 }]);
  });
});

describe("reject thresholds and the customer check", () => {
  const one = async (file: string, extra: Record<string, unknown> = {}, thresholds?: Record<string, number>) => {
    const dir = tempDir();
    dirs.push(dir);
    return ingest(dir, [{ path: fixture(file), table: "order_lines", ...extra }], { thresholds });
  };

  it("by default required rejects that carry more than 2% of the file's amount fail the run", async () => {
    const r = await one("ol_missing_values.csv");
    expect(r.ok).toBe(false);
    // Two of four rows (under the floor of 3 rows), but the one with a readable amount carries 1 of
    // the file's 1 + 1 + 5 (row 1, without a customer id, counts by its share of the amount: 1/7).
    expect(r.files[0].error).toContain("2 rows rejected for required problems carry 14.3% of the file's amount (allowed 2.0%)");
  });

  it("total rows never fail the run", async () => {
    expect((await one("ol_totals.csv")).ok).toBe(true);
  });

  it("optional-column rejects fail only above their share (default 1%)", async () => {
    expect((await one("ol_optional_bad.csv")).ok).toBe(false);
    expect((await one("ol_optional_bad.csv", {}, { optional: 0.5 })).ok).toBe(true);
  });

  it("a source can set its own thresholds", async () => {
    expect((await one("ol_missing_values.csv", { reject_thresholds: { required: 0.5 } })).ok).toBe(true);
    expect((await one("ol_missing_values.csv", { reject_thresholds: { required: 0.4 } })).ok).toBe(true); // 2 rows: the floor
    expect((await one("ol_missing_values.csv", { reject_thresholds: { min_rows: 0, required: 0.4 } })).ok).toBe(false);
  });

  it("rejects rows whose customer id the customers export does not have", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const r = await ingest(
      dir,
      [
        { path: fixture("payments_en.csv"), table: "payments" },
        { path: fixture("customers.xlsx"), table: "customers", sheet: "客户档案" },
      ],
      { thresholds: lenient },
    );
    // Customers go first whatever the order in the config. C002's own row is rejected
    // (influence 7), so C002 is as unknown as C404, and its reason points at that row.
    expect(r.files.map((f) => f.table)).toEqual(["customers", "payments"]);
    expect(r.files[1]).toMatchObject({ read: 3, loaded: 1, rejected: 2, rejectedBy: { reference: 2 } });
    const rejects = await query(dir, `SELECT row_number, column_name, raw_value, reason FROM ingest_rejects WHERE table_name = 'payments' ORDER BY row_number`);
    expect(rejects).toEqual([
      {
        row_number: 3,
        column_name: "customer_id",
        raw_value: "C002",
        reason: `unknown customer id: the customers export has it, but its row there was rejected (${fixture("customers.xlsx")}#客户档案 row 4; see that file's rejects)`,
      },
      { row_number: 4, column_name: "customer_id", raw_value: "C404", reason: "unknown customer id: not in the customers export" },
    ]);
  });

  it("fails when no order lines were ever loaded", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const r = await ingest(dir, [{ path: fixture("payments_en.csv"), table: "payments" }]);
    expect(r.ok).toBe(false);
    expect(r.errors[0]).toContain("no order_lines export has been loaded");
  });
});
