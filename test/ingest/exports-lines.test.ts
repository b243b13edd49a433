// Order lines as exports have them (loaders/ingest/derive_lines.ts): amounts derived from quantity
// and price, line numbers from positions, credit notes and non-product lines told apart, discounts
// given as rates, cost from profit or margin, lines without a customer id. Expected amounts are
// computed here in integer ten-thousandths (BigInt), independently of DuckDB's decimals.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../loaders/config/index.ts";
import { ingestSources } from "../../loaders/ingest/index.ts";
import { openDb } from "../../loaders/ingest/duck.ts";
import { formatSummary } from "../../loaders/ingest/summary.ts";
import { lenient, query, tempDir } from "./helpers.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Write a CSV (header + rows) and ingest it as order lines into a new warehouse. */
async function load(header: string, rows: string[], source: Record<string, unknown> = {}, thresholds: Record<string, number> | null = lenient) {
  const dir = tempDir();
  dirs.push(dir);
  const file = path.join(dir, "order_lines.csv");
  fs.writeFileSync(file, [header, ...rows, ""].join("\n"));
  const config = parseConfig({ ingest: { sample: false, ...(thresholds ? { reject_thresholds: thresholds } : {}), sources: [{ path: file, table: "order_lines", ...source }] } });
  const result = await ingestSources({ config, dbFile: path.join(dir, "kam.duckdb"), rejectsDir: path.join(dir, "rejects"), log: () => {} });
  const q = <T = Record<string, unknown>>(sql: string) => query<T>(dir, sql);
  return { dir, file, result, summary: result.files[0], q };
}

/** Exact decimal arithmetic on strings, in 1/10,000 (the warehouse's scale), rounding half away from zero. */
const SCALE = 10_000n;
const dec = (s: string): bigint => {
  const neg = s.startsWith("-");
  const [w, f = ""] = s.replace("-", "").split(".");
  const v = BigInt(w) * SCALE + BigInt((f + "0000").slice(0, 4));
  return neg ? -v : v;
};
const mul = (a: bigint, b: bigint) => {
  const p = a * b;
  const q = p / SCALE;
  const r = p % SCALE;
  return 2n * (r < 0n ? -r : r) >= SCALE ? q + (p < 0n ? -1n : 1n) : q;
};
const show = (v: bigint) => {
  const neg = v < 0n;
  const a = neg ? -v : v;
  return `${neg ? "-" : ""}${a / SCALE}.${String(a % SCALE).padStart(4, "0")}`;
};
/** A DECIMAL(18,4) read back as exact text. */
const text = (col: string) => `CAST(${col} AS VARCHAR)`;

describe("amount derived when absent", () => {
  const header = "Invoice,InvoiceDate,StockCode,Quantity,UnitPrice,CustomerID";
  const lines: [string, string][] = [
    ["6", "2.55"],
    ["3", "0.333"],
    ["12", "0.29"],
    ["-2", "4.25"],
    ["1.5", "3.3333"],
    ["100000", "1234.5678"],
  ];
  it("is quantity x unit price, exact, and recorded for the file", async () => {
    const { summary, q, file } = await load(header, lines.map(([qty, p], i) => `S${i},2024-01-05,P1,${qty},${p},C1`));
    expect(summary.error).toBeNull();
    expect(summary.loaded).toBe(lines.length);
    const got = await q<{ a: string }>(`SELECT ${text("amount")} AS a FROM order_lines ORDER BY source_row`);
    expect(got.map((r) => r.a)).toEqual(lines.map(([qty, p]) => show(mul(dec(qty), dec(p)))));
    expect(await q(`SELECT path, column_name, rule, "lines" FROM ingest_derivations ORDER BY column_name`)).toEqual([
      { path: file, column_name: "amount", rule: "quantity x unit_price", lines: 6 },
      { path: file, column_name: "line_no", rule: "position of the line within its order, in file order", lines: 6 },
      { path: file, column_name: "unit", rule: "'units' (the export has no unit column): quantity counts as volume", lines: 6 },
    ]);
    expect(await q(`SELECT DISTINCT unit FROM order_lines`)).toEqual([{ unit: "units" }]);
  });

  it("less the discount amount, or times one less the discount rate", async () => {
    const withAmount = await load("order_id,order_date,product_id,quantity,unit_price,discount_amount,customer_id", ["S1,2024-01-05,P1,6,2.55,1.3,C1", "S2,2024-01-05,P1,3,10,,C1"]);
    expect((await withAmount.q<{ a: string }>(`SELECT ${text("amount")} AS a FROM order_lines ORDER BY source_row`)).map((r) => r.a)).toEqual([
      show(mul(dec("6"), dec("2.55")) - dec("1.3")),
      "30.0000",
    ]);
    const withRate = await load("order_id,order_date,product_id,quantity,unit_price,discount rate,customer_id", ["S1,2024-01-05,P1,7,3.99,0.15,C1", "S2,2024-01-05,P1,3,10,20%,C1"]);
    const rows = await withRate.q<{ a: string; d: string; r: string }>(`SELECT ${text("amount")} AS a, ${text("discount")} AS d, ${text("discount_rate")} AS r FROM order_lines ORDER BY source_row`);
    const list1 = mul(dec("7"), dec("3.99"));
    expect(rows).toEqual([
      { a: show(list1 - mul(list1, dec("0.15"))), d: show(mul(list1, dec("0.15"))), r: "0.1500" },
      { a: "24.0000", d: "6.0000", r: "0.2000" },
    ]);
  });

  it("a line without a unit price is a reject with the reason; amount: export refuses the file, derive ignores the column", async () => {
    const { summary, q } = await load(header, ["S1,2024-01-05,P1,2,,C1", "S2,2024-01-05,P1,2,5,C1"]);
    expect(summary.rejectedBy).toEqual({ required: 1 });
    expect(await q(`SELECT column_name, reason FROM ingest_rejects`)).toEqual([
      { column_name: "amount", reason: "amount cannot be derived: the line has no unit price (amount = quantity x unit price)" },
    ]);
    const refused = await load(header, ["S1,2024-01-05,P1,2,5,C1"], { amount: "export" });
    expect(refused.summary.error).toContain("no column for order_lines.amount");
    const derived = await load("order_id,order_date,product_id,quantity,unit_price,amount,customer_id", ["S1,2024-01-05,P1,2,5,999,C1"], { amount: "derive" });
    expect(await derived.q(`SELECT ${text("amount")} AS a FROM order_lines`)).toEqual([{ a: "10.0000" }]);
    expect(derived.summary.ignoredHeaders).toEqual(["amount"]);
  });
});

describe("line numbers from positions", () => {
  it("number each order's lines in file order, so exact duplicate lines stay two rows", async () => {
    const rows = ["A1,2024-01-05,P1,1,10,C1", "A2,2024-01-05,P1,1,10,C1", "A1,2024-01-05,P2,1,10,C1", "A1,2024-01-05,P2,1,10,C1", "A1,bad,P3,1,10,C1", "A1,2024-01-05,P4,1,10,C1"];
    const { summary, q } = await load("order_id,order_date,product_id,quantity,amount,customer_id", rows);
    expect(summary.rejectedBy).toEqual({ required: 1 });
    // The rejected line keeps its position: line 5 of A1 is missing, line 6 is P4.
    expect(await q(`SELECT order_id, line_no, product_id FROM order_lines ORDER BY order_id, line_no`)).toEqual([
      { order_id: "A1", line_no: 1, product_id: "P1" },
      { order_id: "A1", line_no: 2, product_id: "P2" },
      { order_id: "A1", line_no: 3, product_id: "P2" },
      { order_id: "A1", line_no: 5, product_id: "P4" },
      { order_id: "A2", line_no: 1, product_id: "P1" },
    ]);
  });
});

describe("order ids from the customer and the day", () => {
  it("make a sales journal without order numbers one order per customer and day, its lines numbered in file order", async () => {
    // 5/1/2024 is settled as day-first by 22/1/2024 after the stage is read: the order id uses the settled date
    const rows = ["5/1/2024,C1,P1,1,10", "5/1/2024,C1,P2,2,20", "5/1/2024,C2,P1,1,10", "22/1/2024,C1,P1,1,10", ",C1,P3,1,10", "5/1/2024,C1,P1,1,10"];
    const { summary, q } = await load("日期,客户编码,商品编码,数量,金额", rows);
    expect(summary.rejectedBy).toEqual({ required: 1 });
    expect(await q(`SELECT order_id, line_no, product_id, CAST(order_date AS VARCHAR) AS d FROM order_lines ORDER BY order_id, line_no`)).toEqual([
      { order_id: "C1@2024-01-05", line_no: 1, product_id: "P1", d: "2024-01-05" },
      { order_id: "C1@2024-01-05", line_no: 2, product_id: "P2", d: "2024-01-05" },
      { order_id: "C1@2024-01-05", line_no: 3, product_id: "P1", d: "2024-01-05" },
      { order_id: "C1@2024-01-22", line_no: 1, product_id: "P1", d: "2024-01-22" },
      { order_id: "C2@2024-01-05", line_no: 1, product_id: "P1", d: "2024-01-05" },
    ]);
    expect(await q(`SELECT column_name, rule FROM ingest_derivations ORDER BY column_name`)).toEqual([
      { column_name: "line_no", rule: "position of the line within its order, in file order" },
      { column_name: "order_id", rule: "customer_id@order_date: one order per customer and day (the export has no order id)" },
      { column_name: "unit", rule: "'units' (the export has no unit column): quantity counts as volume" },
    ]);
  });

  it("still needs a customer and a date to make them from", async () => {
    const { summary } = await load("客户编码,商品编码,数量,金额", ["C1,P1,1,10"]);
    expect(summary.error).toMatch(/no column for order_lines\.order_id .*order_lines\.order_date/);
  });
});

describe("returns and non-product lines", () => {
  const header = "InvoiceNo,InvoiceDate,StockCode,Quantity,UnitPrice,CustomerID";
  const rows = [
    "536365,2024-01-05,85123A,6,2.55,17850",
    "536365,2024-01-05,POST,1,18,17850",
    "C536379,2024-01-06,85123A,-1,2.55,17850",
    "C536380,2024-01-06,22423,2,12.75,17850", // a credit note written with a positive quantity
    "536381,2024-01-07,22423,-3,12.75,17850", // a return on an invoice number
    "536382,2024-01-07,bank charges,1,15,17850",
  ];
  it("types every line: credit notes by prefix or sign are returns, listed product ids are non-product", async () => {
    const { summary, q } = await load(header, rows, { returns: { order_prefixes: ["C"] }, non_product: { product_ids: ["POST", "BANK CHARGES"] } });
    expect(summary.error).toBeNull();
    expect(await q(`SELECT order_id, product_id, line_type FROM order_lines ORDER BY source_row`)).toEqual([
      { order_id: "536365", product_id: "85123A", line_type: "sale" },
      { order_id: "536365", product_id: "POST", line_type: "non_product" },
      { order_id: "C536379", product_id: "85123A", line_type: "return" },
      { order_id: "C536380", product_id: "22423", line_type: "return" },
      { order_id: "536381", product_id: "22423", line_type: "return" },
      { order_id: "536382", product_id: "bank charges", line_type: "non_product" },
    ]);
    // Without the settings only the signs tell.
    const plain = await load(header, rows);
    expect((await plain.q<{ t: string }>(`SELECT line_type AS t FROM order_lines ORDER BY source_row`)).map((r) => r.t)).toEqual(["sale", "sale", "return", "sale", "return", "sale"]);
  });

  it("excluded non-product lines are rejects of class excluded, which never fail the run", async () => {
    const { summary, q, result } = await load(header, rows, { non_product: { product_ids: ["POST", "BANK CHARGES"], action: "exclude" } }, null);
    expect(result.ok).toBe(true);
    expect(summary).toMatchObject({ read: 6, loaded: 4, rejected: 2, rejectedBy: { excluded: 2 } });
    expect(await q(`SELECT row_number, column_name, raw_value, reason FROM ingest_rejects ORDER BY row_number`)).toEqual([
      { row_number: 3, column_name: "product_id", raw_value: "POST", reason: "non-product line (product id POST): excluded by this source's non_product setting" },
      { row_number: 7, column_name: "product_id", raw_value: "bank charges", reason: "non-product line (product id bank charges): excluded by this source's non_product setting" },
    ]);
  });
});

describe("discounts given as rates", () => {
  it("a plain Discount column of shares is a rate; its amount is derived from the net amount", async () => {
    const { q, file } = await load("order_id,order_date,product_id,quantity,amount,discount,customer_id", [
      "S1,2024-01-05,P1,2,80,0.2,C1",
      "S2,2024-01-05,P1,1,50,0,C1",
      "S3,2024-01-05,P1,1,25,0.5,C1",
      "S4,2024-01-05,P1,1,0,1,C1",
    ]);
    expect(await q(`SELECT ${text("discount")} AS d, ${text("discount_rate")} AS r FROM order_lines ORDER BY source_row`)).toEqual([
      { d: "20.0000", r: "0.2000" },
      { d: "0.0000", r: "0.0000" },
      { d: "25.0000", r: "0.5000" },
      { d: null, r: "1.0000" }, // a 100% discount of a net 0: its amount cannot be known
    ]);
    expect(await q(`SELECT column_name, rule FROM ingest_derivations WHERE path = '${file}' AND column_name = 'discount'`)).toEqual([
      { column_name: "discount", rule: "amount x discount_rate / (1 - discount_rate)" },
    ]);
  });

  it("a Discount column with amounts stays an amount; discount: rate or amount says so explicitly", async () => {
    const header = "order_id,order_date,product_id,quantity,amount,discount,customer_id";
    const amounts = await load(header, ["S1,2024-01-05,P1,2,80,5,C1", "S2,2024-01-05,P1,1,50,0.5,C1"]);
    expect(await amounts.q(`SELECT ${text("discount")} AS d, discount_rate AS r FROM order_lines ORDER BY source_row`)).toEqual([
      { d: "5.0000", r: null },
      { d: "0.5000", r: null },
    ]);
    const small = await load(header, ["S1,2024-01-05,P1,2,80,0.2,C1"], { discount: "amount" });
    expect(await small.q(`SELECT ${text("discount")} AS d, discount_rate AS r FROM order_lines`)).toEqual([{ d: "0.2000", r: null }]);
    const pct = await load(header, ["S1,2024-01-05,P1,2,75,25%,C1"]);
    expect(await pct.q(`SELECT ${text("discount")} AS d, ${text("discount_rate")} AS r FROM order_lines`)).toEqual([{ d: "25.0000", r: "0.2500" }]);
    // A rate outside 0..1 is a reject, not a negative amount.
    const wrong = await load("order_id,order_date,product_id,quantity,unit_price,discount rate,customer_id", ["S1,2024-01-05,P1,2,10,1.5,C1", "S2,2024-01-05,P1,2,10,-0.1,C1", "S3,2024-01-05,P1,2,10,0.1,C1"]);
    expect(wrong.summary.rejectedBy).toEqual({ optional: 2 });
    expect(await wrong.q(`SELECT raw_value, reason FROM ingest_rejects ORDER BY row_number`)).toEqual([
      { raw_value: "1.5", reason: "expected a discount rate between 0 and 1 (0.2 or 20%)" },
      { raw_value: "-0.1", reason: "expected a discount rate between 0 and 1 (0.2 or 20%)" },
    ]);
  });
});

describe("cost from profit or margin", () => {
  it("cost = amount - profit; or amount x (1 - margin); a cost column wins in auto", async () => {
    const profit = await load("order_id,order_date,product_id,quantity,sales,profit,customer_id", ["S1,2024-01-05,P1,2,261.96,41.9136,C1", "S2,2024-01-05,P1,1,22.368,-5.5,C1"]);
    expect(await profit.q(`SELECT ${text("amount")} AS a, ${text("cost")} AS c FROM order_lines ORDER BY source_row`)).toEqual([
      { a: "261.9600", c: show(dec("261.96") - dec("41.9136")) },
      { a: "22.3680", c: "27.8680" },
    ]);
    expect(profit.summary.ignoredHeaders).toEqual([]);
    const margin = await load("order_id,order_date,product_id,quantity,amount,毛利率,customer_id", ["S1,2024-01-05,P1,2,200,25%,C1", "S2,2024-01-05,P1,1,30,0.1,C1"]);
    expect(await margin.q(`SELECT ${text("cost")} AS c FROM order_lines ORDER BY source_row`)).toEqual([{ c: "150.0000" }, { c: "27.0000" }]);
    const both = await load("order_id,order_date,product_id,quantity,amount,cost,profit,customer_id", ["S1,2024-01-05,P1,2,200,120,70,C1"]);
    expect(await both.q(`SELECT ${text("cost")} AS c FROM order_lines`)).toEqual([{ c: "120.0000" }]);
    expect(both.summary.ignoredHeaders).toEqual(["profit"]);
    const forced = await load("order_id,order_date,product_id,quantity,amount,cost,profit,customer_id", ["S1,2024-01-05,P1,2,200,120,70,C1"], { cost: "profit" });
    expect(await forced.q(`SELECT ${text("cost")} AS c FROM order_lines`)).toEqual([{ c: "130.0000" }]);
  });
});

describe("lines without a customer id", () => {
  const header = "order_id,order_date,product_id,quantity,amount,customer_id";
  it("are rejects of class no_customer; the run fails only when they carry more than half the amount", async () => {
    const some = await load(header, ["S1,2024-01-05,P1,1,300,C1", "S2,2024-01-05,P1,1,100,", "S3,2024-01-05,P1,-1,-50,", "S4,2024-01-05,P1,1,50,C2"], {}, null);
    expect(some.result.ok).toBe(true);
    expect(some.summary.rejectedBy).toEqual({ no_customer: 2 });
    expect(some.summary.noCustomerShare).toBeCloseTo(150 / 500, 12);
    expect(formatSummary(some.summary)).toContain("rejected 2 (no_customer 2: 30.0% of the amount)");
    expect(await some.q(`SELECT DISTINCT column_name, reason, reason_class FROM ingest_rejects`)).toEqual([
      { column_name: "customer_id", reason: "no customer id: the line cannot be given to a customer (walk-in sale?); counted by its share of the amount", reason_class: "no_customer" },
    ]);
    const most = await load(header, ["S1,2024-01-05,P1,1,100,C1", "S2,2024-01-05,P1,1,101,"], {}, null);
    expect(most.result.ok).toBe(false);
    expect(most.summary.error).toContain("1 rows without a customer id carry 50.2% of the file's amount (allowed 50.0%)");
    const stricter = await load(header, ["S1,2024-01-05,P1,1,300,C1", "S2,2024-01-05,P1,1,100,"], { reject_thresholds: { no_customer: 0.2 } }, null);
    expect(stricter.result.ok).toBe(false);
  });
});

describe("customer attributes from the order lines", () => {
  it("the most frequent value over a customer's orders, a tie to the latest order; counted for the data quality page", async () => {
    const header = "order_id,line_no,order_date,customer_id,customer_name,product_id,quantity,amount,region,segment";
    const rows = [
      // C1: East on two orders (one with two lines), West on one: East.
      "O1,1,2024-01-01,C1,Acme,P1,1,10,East,Consumer",
      "O1,2,2024-01-01,C1,Acme,P2,1,10,East,Consumer",
      "O2,1,2024-01-02,C1,Acme,P1,1,10,West,Consumer",
      "O3,1,2024-01-03,C1,Acme Ltd,P1,1,10,East,Consumer",
      // C2: one order each, West is the latest: West (a tie).
      "O4,1,2024-02-01,C2,Beta,P1,1,10,East,Corporate",
      "O5,1,2024-03-01,C2,Beta,P1,1,10,West,Corporate",
      // C3: no region.
      "O6,1,2024-03-01,C3,Gamma,P1,1,10,,Home Office",
    ];
    const { q } = await load(header, rows);
    expect(await q(`SELECT customer_id, name, region, channel, country FROM customers ORDER BY customer_id`)).toEqual([
      { customer_id: "C1", name: "Acme Ltd", region: "East", channel: "Consumer", country: null },
      { customer_id: "C2", name: "Beta", region: "West", channel: "Corporate", country: null },
      { customer_id: "C3", name: "Gamma", region: null, channel: "Home Office", country: null },
    ]);
    expect(await q(`SELECT attribute, customers, with_value, varying, tied FROM derived_attributes ORDER BY attribute`)).toEqual([
      { attribute: "channel", customers: 3, with_value: 3, varying: 0, tied: 0 },
      { attribute: "region", customers: 3, with_value: 2, varying: 2, tied: 1 },
    ]);
    // The lines keep their own region, for a filter that follows the lines.
    expect(await q(`SELECT region, count(*) AS n FROM order_lines WHERE customer_id = 'C1' GROUP BY ALL ORDER BY ALL`)).toEqual([
      { region: "East", n: 3 },
      { region: "West", n: 1 },
    ]);
  });
});

describe("a warehouse an older version made", () => {
  it("is rebuilt: every export is read again under today's rules", async () => {
    const first = await load("order_id,order_date,product_id,quantity,amount,customer_id", ["S1,2024-01-05,P1,-1,-10,C1"]);
    // Make it look old: order_lines without line_type.
    const db = await openDb(path.join(first.dir, "kam.duckdb"));
    await db.exec(`ALTER TABLE order_lines DROP COLUMN line_type`);
    db.close();
    const messages: string[] = [];
    const config = parseConfig({ ingest: { sample: false, reject_thresholds: lenient, sources: [{ path: first.file, table: "order_lines" }] } });
    const r = await ingestSources({ config, dbFile: path.join(first.dir, "kam.duckdb"), rejectsDir: path.join(first.dir, "rejects"), log: (e) => e.kind === "message" && messages.push(e.text) });
    expect(messages).toEqual(["the warehouse was built by an older version (order_lines changed shape): every export is loaded again"]);
    expect(r.files[0]).toMatchObject({ unchanged: false, loaded: 1 });
    expect(await first.q(`SELECT line_type FROM order_lines`)).toEqual([{ line_type: "return" }]);
  });
});
