// A source is its path (and sheet) plus its settings: an unchanged file is skipped only when
// its settings are unchanged too, one workbook read sheet by sheet is several sources, and the
// warehouse holds exactly the sources the config names (a source removed, the sample switched
// off, a source now feeding another table: their rows leave).
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../loaders/config/index.ts";
import { ingestSources } from "../../loaders/ingest/index.ts";
import { openDb } from "../../loaders/ingest/duck.ts";
import { ingest, lenient, query, tempDir } from "./helpers.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
const HEAD = "单据编号,行号,单据日期,客户编码,商品编码,数量,金额,成本";
const line = (o: string, n: number, c: string, amount: string, cost = "") => `${o},${n},2024-02-01,${c},P1,1,${amount},${cost}`;
const write = (file: string, lines: string[]) => fs.writeFileSync(file, lines.join("\n") + "\n");
const total = async (dir: string, table = "order_lines") => (await query<{ s: number | null }>(dir, `SELECT sum(amount) AS s FROM ${table}`))[0].s;

async function workbook(file: string, sheets: Record<string, (string | number)[][]>, hidden: string[] = []) {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name, hidden.includes(name) ? { state: "hidden" } : {});
    rows.forEach((r) => ws.addRow(r));
  }
  await wb.xlsx.writeFile(file);
}

describe("skip only what is unchanged, file and settings", () => {
  it("a corrected mapping on an unchanged file takes effect", async () => {
    const dir = fresh();
    const file = path.join(dir, "orders.csv");
    write(file, [HEAD, line("SO1", 1, "C1", "100", "60"), line("SO1", 2, "C1", "50", "30")]);
    const src = { path: file, table: "order_lines" };
    await ingest(dir, [{ ...src, mapping: { amount: "成本" } }]); // the wrong column
    expect(await total(dir)).toBe(90);
    const again = await ingest(dir, [{ ...src, mapping: { amount: "金额" } }]);
    expect(again.files[0]).toMatchObject({ unchanged: false, read: 2, loaded: 2, replaced: 2 });
    expect(await total(dir)).toBe(150);
    // and now, with file and settings unchanged, it is skipped
    expect((await ingest(dir, [{ ...src, mapping: { amount: "金额" } }])).files[0].unchanged).toBe(true);
  });

  it("a changed decimal separator or date range re-reads the file", async () => {
    const dir = fresh();
    const file = path.join(dir, "orders.csv");
    write(file, [HEAD, `SO1,1,2024-02-01,C1,P1,1,"1,5",`]);
    const first = await ingest(dir, [{ path: file, table: "order_lines" }], { thresholds: lenient });
    expect(first.files[0]).toMatchObject({ loaded: 0, rejected: 1 });
    const second = await ingest(dir, [{ path: file, table: "order_lines", decimal_separator: "," }], { thresholds: lenient });
    expect(second.files[0]).toMatchObject({ unchanged: false, loaded: 1, rejected: 0 });
    expect(await total(dir)).toBe(1.5);
    expect(await query(dir, `SELECT count(*) AS n FROM ingest_rejects`)).toEqual([{ n: 0 }]);
    const config = parseConfig({ ingest: { sample: false, sources: [{ path: file, table: "order_lines", decimal_separator: "," }], date_range: { max: "2024-01-31" } } });
    const third = await ingestSources({ config, dbFile: path.join(dir, "kam.duckdb"), rejectsDir: path.join(dir, "rejects"), log: () => {} });
    expect(third.files[0]).toMatchObject({ unchanged: false, loaded: 0, rejected: 1 });
  });

  it("one workbook configured as three sources, one per sheet, loads all three", async () => {
    const dir = fresh();
    const file = path.join(dir, "orders.xlsx");
    const head = HEAD.split(",");
    await workbook(file, {
      "2024-01": [head, ["SO1", 1, "2024-01-05", "C1", "P1", 1, 100]],
      "2024-02": [head, ["SO2", 1, "2024-02-05", "C1", "P1", 1, 20]],
      "2024-03": [head, ["SO3", 1, "2024-03-05", "C1", "P1", 1, 3]],
    });
    const sources = ["2024-01", "2024-02", "2024-03"].map((sheet) => ({ path: file, table: "order_lines", sheet }));
    const r = await ingest(dir, sources);
    expect(r.ok).toBe(true);
    expect(r.files.map((f) => [f.path, f.loaded])).toEqual(sources.map((s, i) => [`${file}#${s.sheet}`, [1, 1, 1][i]]));
    expect(await total(dir)).toBe(123);
    expect(await query(dir, `SELECT order_id, source_file FROM order_lines ORDER BY 1`)).toEqual(
      sources.map((s, i) => ({ order_id: `SO${i + 1}`, source_file: `${file}#${s.sheet}` })),
    );
    const again = await ingest(dir, sources);
    expect(again.files.map((f) => f.unchanged)).toEqual([true, true, true]);
    expect(await total(dir)).toBe(123);
  });

  it("order lines are checked again when the customers they were checked against change", async () => {
    const dir = fresh();
    const customers = path.join(dir, "customers.csv");
    const orders = path.join(dir, "orders.csv");
    write(orders, [HEAD, line("SO1", 1, "C1", "100"), line("SO2", 1, "C2", "7")]);
    write(customers, ["客户编码,客户名称", "C1,甲"]);
    const sources = [
      { path: customers, table: "customers" },
      { path: orders, table: "order_lines" },
    ];
    const first = await ingest(dir, sources, { thresholds: lenient });
    expect(first.files[1]).toMatchObject({ loaded: 1, rejectedBy: { reference: 1 } });
    write(customers, ["客户编码,客户名称", "C1,甲", "C2,乙"]);
    const second = await ingest(dir, sources, { thresholds: lenient });
    expect(second.files[1]).toMatchObject({ unchanged: false, loaded: 2, rejected: 0 });
    expect(await total(dir)).toBe(107);
  });
});

describe("the warehouse holds exactly what the config names", () => {
  it("a source removed from the config leaves the warehouse with its rejects", async () => {
    const dir = fresh();
    const orders = path.join(dir, "orders.csv");
    const payments = path.join(dir, "payments.csv");
    write(orders, [HEAD, line("SO1", 1, "C1", "100")]);
    write(payments, ["customer_id,payment_date,amount", "C1,2024-02-10,100", "C1,2024-02-11,oops"]);
    await ingest(dir, [
      { path: orders, table: "order_lines" },
      { path: payments, table: "payments" },
    ], { thresholds: lenient });
    expect(await query(dir, `SELECT (SELECT count(*) FROM payments) AS p, (SELECT count(*) FROM ingest_rejects) AS r, (SELECT count(*) FROM ingest_files) AS f`)).toEqual([{ p: 1, r: 1, f: 2 }]);
    const messages: string[] = [];
    const config = parseConfig({ ingest: { sample: false, sources: [{ path: orders, table: "order_lines" }] } });
    const r = await ingestSources({ config, dbFile: path.join(dir, "kam.duckdb"), rejectsDir: path.join(dir, "rejects"), log: (e) => e.kind === "message" && messages.push(e.text) });
    expect(r.ok).toBe(true);
    expect(messages).toEqual([`${payments} -> payments: no longer in the config; its 1 rows left the warehouse`]);
    expect(await query(dir, `SELECT (SELECT count(*) FROM payments) AS p, (SELECT count(*) FROM ingest_rejects) AS r, (SELECT count(*) FROM ingest_files) AS f`)).toEqual([{ p: 0, r: 0, f: 1 }]);
  });

  it("files given on the command line are added, not a new config", async () => {
    const dir = fresh();
    const a = path.join(dir, "orders_a.csv");
    const b = path.join(dir, "orders_b.csv");
    write(a, [HEAD, line("SO1", 1, "C1", "100")]);
    write(b, [HEAD, line("SO2", 1, "C1", "5")]);
    await ingest(dir, [{ path: a, table: "order_lines" }]);
    await ingest(dir, [{ path: a, table: "order_lines" }], { files: [b] });
    expect(await total(dir)).toBe(105);
  });

  it("switching from the sample to own exports leaves only the own rows, checked against no sample customer", async () => {
    const dir = fresh();
    const sample = path.join(dir, "sample");
    fs.mkdirSync(sample);
    await workbook(path.join(sample, "customers.xlsx"), { 客户档案: [["客户编码", "客户名称"], ["S1", "样本公司"]] });
    write(path.join(sample, "order_lines.csv"), [HEAD, line("SAMPLE1", 1, "S1", "1000")]);
    write(path.join(sample, "payments.csv"), ["customer_id,payment_date,amount", "S1,2024-02-10,1000"]);
    write(path.join(sample, "quality_claims.csv"), ["customer_id,claim_date,amount", "S1,2024-02-10,10"]);
    write(path.join(sample, "visits.csv"), ["customer_id,visit_date,visit_type", "S1,2024-02-10,business"]);
    const own = path.join(dir, "own.csv");
    write(own, [HEAD, line("MINE1", 1, "X9", "42")]);
    const before = process.env.KAM_SAMPLE_DIR;
    process.env.KAM_SAMPLE_DIR = sample;
    try {
      const db = path.join(dir, "kam.duckdb");
      const run = (cfg: unknown) => ingestSources({ config: parseConfig(cfg), dbFile: db, rejectsDir: path.join(dir, "rejects"), log: () => {} });
      expect((await run({})).ok).toBe(true);
      expect(await total(dir)).toBe(1000);
      const r = await run({ ingest: { sample: false, sources: [{ path: own, table: "order_lines" }] } });
      expect(r.ok).toBe(true); // X9 is not "unknown": there is no customers export any more
      expect(r.files[0]).toMatchObject({ loaded: 1, rejected: 0 });
      const left = await query(dir, `SELECT
        (SELECT string_agg(order_id, ',') FROM order_lines) AS orders, (SELECT string_agg(customer_id, ',') FROM customers) AS customers,
        (SELECT count(*) FROM payments) + (SELECT count(*) FROM quality_claims) + (SELECT count(*) FROM visits) AS others,
        (SELECT count(*) FROM ingest_files) AS files`);
      expect(left).toEqual([{ orders: "MINE1", customers: "X9", others: 0, files: 1 }]);
    } finally {
      if (before === undefined) delete process.env.KAM_SAMPLE_DIR;
      else process.env.KAM_SAMPLE_DIR = before;
    }
  });

  it("a source now configured for another table leaves the first one", async () => {
    const dir = fresh();
    const file = path.join(dir, "export.csv");
    write(file, ["customer_id,payment_date,amount,order_id,line_no,order_date,product_id,quantity", "C1,2024-02-01,9,SO1,1,2024-02-01,P1,1"]);
    await ingest(dir, [{ path: file, table: "payments" }], { thresholds: lenient });
    expect(await query(dir, `SELECT count(*) AS n FROM payments`)).toEqual([{ n: 1 }]);
    await ingest(dir, [{ path: file, table: "order_lines" }]);
    expect(await query(dir, `SELECT (SELECT count(*) FROM payments) AS p, (SELECT count(*) FROM order_lines) AS o, (SELECT string_agg(table_name, ',') FROM ingest_files) AS t`)).toEqual([{ p: 0, o: 1, t: "order_lines" }]);
  });

  it("a warehouse of an older shape (DOUBLE money) is rebuilt and every export read again", async () => {
    const dir = fresh();
    const file = path.join(dir, "orders.csv");
    write(file, [HEAD, line("SO1", 1, "C1", "0.1"), line("SO1", 2, "C1", "0.2")]);
    await ingest(dir, [{ path: file, table: "order_lines" }]);
    // make it look like an old warehouse: DOUBLE amounts, the same file recorded as loaded
    const db = await openDb(path.join(dir, "kam.duckdb"));
    await db.exec(`ALTER TABLE order_lines ALTER amount TYPE DOUBLE`);
    db.close();
    const r = await ingest(dir, [{ path: file, table: "order_lines" }]);
    expect(r.files[0]).toMatchObject({ unchanged: false, loaded: 2 });
    expect(await query(dir, `SELECT typeof(amount) AS t, CAST(sum(amount) AS VARCHAR) AS s FROM order_lines GROUP BY 1`)).toEqual([{ t: "DECIMAL(18,4)", s: "0.3000" }]);
  });
});
