// The corpus of awkward exports (test/fixtures/ingest/files, made by make.ts): for each file,
// the exact rows loaded and rejected, and every reject's row, column and reason.
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { counts, fixture, ingest, lenient, query, tempDir } from "./helpers.ts";

type Reject = [row: number, column: string | null, raw: string | null, reason: string];
interface Case {
  file: string;
  table?: string;
  source?: Record<string, unknown>;
  read: number;
  loaded: number;
  rejectedBy?: Record<string, number>;
  rejects?: Reject[];
  ignored?: string[];
}

const NUM = "expected a number";
const DATE = "expected a date";
const cases: Case[] = [
  { file: "ol_clean_zh.csv", read: 3, loaded: 3 },
  { file: "ol_bom.csv", read: 2, loaded: 2 },
  // GBK with a final 合计 row: the total row is rejected as such and never fails the run.
  { file: "ol_gbk_total.csv", read: 4, loaded: 3, rejectedBy: { total: 1 }, rejects: [[5, null, "合计", "total row (合计)"]] },
  // GB18030 (with a character GBK lacks) named .utf8.csv: detected by strict UTF-8 failing.
  { file: "ol_gb18030.utf8.csv", read: 1, loaded: 1 },
  // CRLF, a blank CRLF line, a header with a space inside (客户 编码).
  { file: "ol_crlf.csv", read: 3, loaded: 3 },
  { file: "ol_dates.csv", read: 9, loaded: 9 },
  { file: "ol_numbers.csv", read: 10, loaded: 10 },
  {
    file: "ol_bad_numbers.csv",
    read: 6,
    loaded: 1,
    rejectedBy: { required: 5 },
    rejects: [
      [2, "amount", "abc", NUM],
      [3, "amount", "12..3", NUM],
      [4, "amount", "一百", NUM],
      [5, "amount", "1.2.3", NUM],
      [6, "amount", "#DIV/0!", NUM],
    ],
  },
  {
    file: "ol_bad_dates.csv",
    read: 6,
    loaded: 1,
    rejectedBy: { required: 5 },
    rejects: [
      [2, "order_date", "2024-02-30", DATE],
      [3, "order_date", "2024/13/01", DATE],
      [4, "order_date", "yesterday", DATE],
      // No value of the column settles the day/month order (dates.ts).
      [5, "order_date", "05/01/2024", "ambiguous date: day and month order cannot be told"],
      [6, "order_date", "2024-1-32", DATE],
    ],
  },
  {
    // The range ends at the build date by default: 2099 is a future date.
    file: "ol_dates_out_of_range.csv",
    read: 3,
    loaded: 0,
    rejectedBy: { required: 3 },
    rejects: [
      [2, "order_date", "1899-12-31", "date out of range (1990-01-01 to "],
      [3, "order_date", "2204-01-01", "date after the build date ("],
      [4, "order_date", "2099-12-31", "date after the build date ("],
    ],
  },
  {
    file: "ol_missing_values.csv",
    read: 4,
    loaded: 1,
    // A blank customer id is its own class (derive_lines.ts).
    rejectedBy: { required: 2, no_customer: 1 },
    rejects: [
      [2, "customer_id", null, "no customer id: the line cannot be given to a customer"],
      [3, "amount", null, "required value is missing"],
      [4, "order_date", null, "required value is missing"],
    ],
  },
  { file: "ol_duplicate_unused_header.csv", read: 3, loaded: 3, ignored: ["备注", "备注"] },
  {
    file: "ol_ragged.csv",
    read: 4,
    loaded: 2,
    rejectedBy: { structure: 2 },
    rejects: [
      [3, null, "SO1,2,2024-01-05,C001,甲公司,P01", "row does not fit the header's 13 columns"],
      [5, null, "SO1,2,2024-01-05,C001,甲公司,P01,钢材,2,t,500,500,800,0,extra,more", "row does not fit the header's 13 columns"],
    ],
  },
  { file: "ol_header_only.csv", read: 0, loaded: 0 },
  // Blank lines are not rows, but row numbers stay those of the file (line 5 here).
  { file: "ol_blank_lines.csv", read: 3, loaded: 2, rejectedBy: { required: 1 }, rejects: [[5, "amount", "bad", NUM]] },
  {
    file: "ol_totals.csv",
    read: 6,
    loaded: 3,
    rejectedBy: { total: 3 },
    rejects: [
      [5, null, "合计", "total row (合计)"],
      [6, null, "总计：", "total row (总计：)"],
      [7, null, "Total", "total row (Total)"],
    ],
  },
  { file: "ol_leading_zeros.csv", read: 2, loaded: 2 },
  { file: "ol_returns.csv", read: 2, loaded: 2 },
  { file: "ol_english.csv", read: 2, loaded: 2 },
  { file: "ol_tabs.tsv", read: 3, loaded: 3 },
  {
    file: "ol_duplicate_keys.csv",
    read: 3,
    loaded: 2,
    rejectedBy: { duplicate: 1 },
    rejects: [[2, "order_id, line_no", "SO1, 1", "duplicate key (order_id, line_no) in this file: row 3 has the same key"]],
  },
  { file: "ol_optional_bad.csv", read: 3, loaded: 2, rejectedBy: { optional: 1 }, rejects: [[2, "cost", "n/a", NUM]] },
  { file: "ol_line_no_fraction.csv", read: 2, loaded: 1, rejectedBy: { required: 1 }, rejects: [[2, "line_no", "1.5", "expected a whole number"]] },
  {
    file: "ol_custom_headers.csv",
    source: {
      table: "order_lines",
      mapping: { order_id: "Beleg", line_no: "Pos", order_date: "Datum", customer_id: "Kunde", product_id: "Artikel", quantity: "Menge", amount: "Betrag" },
    },
    read: 2,
    loaded: 2,
  },
  { file: "ol_quotes.csv", read: 2, loaded: 2 },
  {
    file: "customers.xlsx",
    table: "customers",
    source: { sheet: "客户档案" },
    read: 5,
    loaded: 2,
    rejectedBy: { optional: 2, required: 1 },
    rejects: [
      [4, "industry_influence", "7", "expected a whole number from 1 to 5"],
      [6, "credit_rating", "E", "expected a credit rating A, B, C or D"],
      [7, "customer_id", null, "required value is missing"],
    ],
  },
  {
    file: "orders.xlsx",
    read: 4,
    loaded: 1,
    rejectedBy: { required: 1, structure: 1, total: 1 },
    rejects: [
      [3, "amount", "=H3*J3", "a formula without a calculated value"], // no cached result in the workbook
      [4, null, "SO2,1,45299,C002,乙公司,P01,钢材,3,t,100,300,,,stray", "row does not fit the header's 13 columns"],
      [5, null, "合计", "total row (合计)"],
    ],
  },
  { file: "orders.parquet", read: 3, loaded: 2, rejectedBy: { required: 1 }, rejects: [[3, "order_date", null, "required value is missing"]] },
  {
    file: "visits_types.csv",
    table: "visits",
    read: 6,
    loaded: 5,
    rejectedBy: { required: 1 },
    rejects: [[7, "visit_type", "电话回访", "expected a visit type: leadership (高层拜访), technical (技术交流) or business (商务拜访)"]],
  },
  { file: "quality_claims.csv", table: "quality_claims", read: 2, loaded: 1, rejectedBy: { required: 1 }, rejects: [[3, "amount", "约5000元", NUM]] },
  { file: "payments_en.csv", table: "payments", read: 3, loaded: 3 },
];

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("ingest corpus: rows loaded and rejected, with reasons", () => {
  it.each(cases.map((c) => [c.file, c] as const))("%s", async (_name, c) => {
    const dir = tempDir();
    dirs.push(dir);
    const table = c.table ?? "order_lines";
    const result = await ingest(dir, [{ path: fixture(c.file), table, ...c.source }], { thresholds: lenient });
    const [s] = result.files;
    expect(s.error).toBeNull();
    expect(s.table).toBe(table);
    const rejectedBy = c.rejectedBy ?? {};
    const rejected = Object.values(rejectedBy).reduce((a, b) => a + b, 0);
    expect(counts(s)).toEqual({ read: c.read, loaded: c.loaded, rejected, rejectedBy });
    expect(s.loaded + s.rejected).toBe(s.read);
    if (c.ignored) expect(s.ignoredHeaders).toEqual(c.ignored);
    const [{ n }] = await query<{ n: number }>(dir, `SELECT count(*) AS n FROM ${table}`);
    expect(n).toBe(c.loaded);
    const rejects = await query<{ row_number: number; column_name: string | null; raw_value: string | null; reason: string }>(
      dir,
      `SELECT row_number, column_name, raw_value, reason FROM ingest_rejects ORDER BY row_number, column_name`,
    );
    expect(rejects.map((r) => [r.row_number, r.column_name, r.raw_value])).toEqual((c.rejects ?? []).map(([row, col, raw]) => [row, col, raw]));
    rejects.forEach((r, i) => expect(r.reason.startsWith(c.rejects![i][3]), `${r.reason} starts with ${c.rejects![i][3]}`).toBe(true));
    // The rejects CSV holds the same rows (plus a header), or does not exist when there are none.
    if (rejects.length) expect(fs.readFileSync(s.rejectsFile!, "utf8").trim().split("\n")).toHaveLength(rejects.length + 1);
    else expect(s.rejectsFile).toBeNull();
  });
});

const unusable: [file: string, source: Record<string, unknown>, message: string][] = [
  ["ol_empty.csv", { table: "order_lines" }, "is empty: expected a header row and data rows"],
  // (without "amount": "export" the amount would be derived from 数量 x 单价)
  ["ol_no_amount_column.csv", { amount: "export" }, "no column for order_lines.amount (expected a header such as 金额"],
  ["ol_duplicate_headers.csv", { table: "order_lines" }, 'header "金额" appears 2 times (columns 11, 14)'],
  ["ol_custom_headers.csv", {}, "cannot tell which table it feeds"],
  ["ol_custom_headers.csv", { table: "order_lines" }, "no column for order_lines.order_id"],
  ["ol_not_excel.xlsx", {}, "has the extension .xlsx but is not an XLSX (zip) file"],
  ["ol_old_excel.xls", {}, "is an old binary Excel (.xls) file"],
  ["ol_binary.csv", {}, "is a binary file of unknown format"],
  ["ol_gbk_total.csv", { table: "order_lines", encoding: "utf-8" }, "is set to UTF-8 in the config but is not valid UTF-8"],
  ["customers.xlsx", { table: "customers", sheet: "客户" }, 'has no sheet named "客户"; sheets: "说明", "客户档案"'],
  ["ol_clean_zh.csv", { table: "order_lines", mapping: { amount: "净额合计" } }, 'the mapping says order_lines.amount is in column "净额合计"'],
];

describe("unusable files: one clear message naming the file and what was expected", () => {
  it.each(unusable)("%s %j", async (file, source, message) => {
    const dir = tempDir();
    dirs.push(dir);
    const result = await ingest(dir, [{ path: fixture(file), ...source }], { thresholds: lenient });
    expect(result.ok).toBe(false);
    const [s] = result.files;
    expect(s.error).toContain(message);
    expect(s.read).toBe(0);
    const [{ n }] = await query<{ n: number }>(dir, `SELECT count(*) AS n FROM ingest_files`);
    expect(n).toBe(0);
  });

  it("lists the headers it found when a required column is missing", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const [s] = (await ingest(dir, [{ path: fixture("ol_no_amount_column.csv"), amount: "export" }])).files;
    expect(s.error).toContain('headers found: "单据编号", "行号", "单据日期", "客户编码", "客户名称", "商品编码", "商品类别", "数量", "单位", "单价", "备注", "成本", "折扣额"');
  });
});
