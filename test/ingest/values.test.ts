// What the parsed values are, read back from the warehouse: every date form gives the same
// day, every number form the same amount, ids keep their zeros, returns stay negative.
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { formulaReason } from "../../loaders/ingest/values.ts";
import { fixture, ingest, lenient, query, tempDir } from "./helpers.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function load(file: string, source: Record<string, unknown> = {}) {
  const dir = tempDir();
  dirs.push(dir);
  const r = await ingest(dir, [{ path: fixture(file), table: "order_lines", ...source }], { thresholds: lenient });
  expect(r.files[0].error).toBeNull();
  return dir;
}

describe("parsed values", () => {
  it("reads nine ways of writing 5 January 2024 as the same date", async () => {
    const dir = await load("ol_dates.csv");
    const rows = await query<{ d: string; n: number }>(dir, `SELECT strftime(order_date, '%Y-%m-%d') AS d, count(*) AS n FROM order_lines GROUP BY ALL`);
    expect(rows).toEqual([{ d: "2024-01-05", n: 9 }]);
  });

  it("reads thousands separators, ¥ ￥ RMB, full-width digits, (x), x- and exponents", async () => {
    const dir = await load("ol_numbers.csv");
    const rows = await query<{ line_no: number; amount: number }>(dir, `SELECT line_no, amount FROM order_lines ORDER BY line_no`);
    expect(rows.map((r) => r.amount)).toEqual([1234.5, 1234.5, 1234.5, 1234.5, 1234.5, -1234.5, -1234.5, -1234.5, 1234.5, 1234.5]);
  });

  it("keeps leading zeros of ids as text", async () => {
    const dir = await load("ol_leading_zeros.csv");
    const rows = await query(dir, `SELECT DISTINCT order_id, customer_id FROM order_lines`);
    expect(rows).toEqual([{ order_id: "0001", customer_id: "000123" }]);
  });

  it("keeps returns negative", async () => {
    const dir = await load("ol_returns.csv");
    const rows = await query(dir, `SELECT order_id, quantity, amount FROM order_lines ORDER BY order_id`);
    expect(rows).toEqual([
      { order_id: "RT1", quantity: -1, amount: -500 },
      { order_id: "SO1", quantity: 2, amount: 1000 },
    ]);
  });

  it("decodes GB18030 (a character GBK lacks) and keeps quoted commas and quotes", async () => {
    expect(await query(await load("ol_gb18030.utf8.csv"), `SELECT customer_name FROM order_lines`)).toEqual([{ customer_name: "䶮昇公司" }]);
    const rows = await query(await load("ol_quotes.csv"), `SELECT customer_name, amount FROM order_lines ORDER BY line_no`);
    expect(rows).toEqual([
      { customer_name: "甲, 乙公司", amount: 1000 },
      { customer_name: 'He said "hi"', amount: 500 },
    ]);
  });

  it("records each row's line in the file, counting blank lines", async () => {
    const dir = await load("ol_blank_lines.csv");
    const rows = await query(dir, `SELECT order_id, line_no, source_row FROM order_lines ORDER BY source_row`);
    expect(rows).toEqual([
      { order_id: "SO1", line_no: 1, source_row: 2 },
      { order_id: "SO2", line_no: 1, source_row: 6 },
    ]);
  });

  it("reads XLSX dates and cached formula results", async () => {
    const dir = await load("orders.xlsx");
    const rows = await query(dir, `SELECT strftime(order_date, '%Y-%m-%d') AS d, amount, source_row FROM order_lines`);
    expect(rows).toEqual([{ d: "2024-01-05", amount: 1000, source_row: 2 }]);
  });

  it("a formula without a calculated value (a workbook saved by a program that does not calculate) is a reject that says so", async () => {
    const dir = tempDir();
    const file = path.join(dir, "orders.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("orders");
    ws.addRow(["order_id", "line_no", "order_date", "customer_id", "product_id", "quantity", "unit_price", "amount"]);
    ws.addRow(["SO1", 1, "2024-01-05", "C1", "P1", 2, 5, { formula: "F2*G2", result: 10 }]);
    ws.addRow(["SO2", 1, { formula: "DATE(2024,1,6)" }, "C1", "P1", 2, 5, { formula: "F3*G3" }]);
    await wb.xlsx.writeFile(file);
    await ingest(dir, [{ path: file, table: "order_lines" }], { thresholds: lenient });
    expect(await query(dir, `SELECT order_id, amount FROM order_lines`)).toEqual([{ order_id: "SO1", amount: 10 }]);
    const rejects = await query(dir, `SELECT row_number, column_name, raw_value, reason FROM ingest_rejects ORDER BY column_name`);
    expect(rejects).toEqual([
      { row_number: 3, column_name: "amount", raw_value: "=F3*G3", reason: formulaReason },
      { row_number: 3, column_name: "order_date", raw_value: "=DATE(2024,1,6)", reason: formulaReason },
    ]);
  });

  it("reads Parquet typed columns", async () => {
    const dir = await load("orders.parquet");
    const rows = await query(dir, `SELECT customer_id, strftime(order_date, '%Y-%m-%d') AS d, amount, source_row FROM order_lines ORDER BY line_no`);
    expect(rows).toEqual([
      { customer_id: "007", d: "2024-01-05", amount: 1000, source_row: 1 },
      { customer_id: "007", d: "2024-01-05", amount: 500.5, source_row: 2 },
    ]);
  });

  it("reads a customer XLSX: text ids with zeros, rich text, 优 as A, formula influence", async () => {
    const dir = tempDir();
    dirs.push(dir);
    await ingest(dir, [{ path: fixture("customers.xlsx"), table: "customers", sheet: "客户档案" }], { thresholds: lenient });
    const rows = await query(dir, `SELECT customer_id, name, credit_rating, industry_influence, phone FROM customers ORDER BY customer_id`);
    expect(rows).toEqual([
      { customer_id: "000123", name: "甲公司", credit_rating: "A", industry_influence: 4, phone: "13800000000" },
      { customer_id: "C001", name: "甲公司", credit_rating: "A", industry_influence: 5, phone: null },
    ]);
  });

  it("maps visit types from Chinese and English words", async () => {
    const dir = tempDir();
    dirs.push(dir);
    await ingest(dir, [{ path: fixture("visits_types.csv"), table: "visits" }], { thresholds: lenient });
    const rows = await query<{ visit_type: string }>(dir, `SELECT visit_type FROM visits ORDER BY visit_date`);
    expect(rows.map((r) => r.visit_type)).toEqual(["leadership", "technical", "business", "leadership", "business"]);
  });

  it("derives customers from order lines when there is no customer export", async () => {
    const dir = await load("ol_clean_zh.csv");
    const rows = await query(dir, `SELECT customer_id, name, region FROM customers ORDER BY customer_id`);
    expect(rows).toEqual([
      { customer_id: "C001", name: "甲公司", region: null },
      { customer_id: "C002", name: "甲公司", region: null },
    ]);
  });
});

describe("the loaded table", () => {
  it("has exactly the DDL's columns, types and NOT NULLs whichever way it was loaded", async () => {
    const shape = (dir: string) =>
      query(dir, `SELECT column_name, data_type, is_nullable FROM duckdb_columns() WHERE table_name = 'order_lines' AND schema_name = 'main' ORDER BY column_index`);
    const fresh = await load("ol_clean_zh.csv"); // into an empty table: the stage becomes the table
    const merged = await load("ol_clean_zh.csv");
    await ingest(merged, [{ path: fixture("ol_returns.csv"), table: "order_lines" }], { thresholds: lenient }); // merged into it
    const { warehouseDdl } = await import("../../loaders/schema/ddl.ts");
    const dir = tempDir();
    dirs.push(dir);
    const { openDb } = await import("../../loaders/ingest/duck.ts");
    const db = await openDb(`${dir}/kam.duckdb`);
    for (const sql of warehouseDdl()) await db.exec(sql);
    db.close();
    const expected = await shape(dir);
    expect(expected).toHaveLength(21);
    expect(await shape(fresh)).toEqual(expected);
    expect(await shape(merged)).toEqual(expected);
  });
});
