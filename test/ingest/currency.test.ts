// Money in another currency (loaders/ingest/currency.ts): amounts a row's currency column or a
// header's unit puts in another currency than the report's are converted at ingest.exchange_rates,
// exactly (DECIMAL, to the stored 4 decimals), or refused naming the setting; never summed as if
// they were the report's. The expected amounts are worked out by hand below.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../loaders/config/index.ts";
import { currencyCode } from "../../loaders/ingest/currency_codes.ts";
import { counts, ingest, lenient, query, tempDir } from "./helpers.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const folder = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
const write = (dir: string, name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};
const LINES = `order_id,line_no,order_date,customer_id,product_id,quantity,unit_price,amount,cost,currency
A1,1,2024-01-05,C1,P1,2,10.5,21.00,15.00,EUR
A1,2,2024-01-05,C1,P2,1,99,99.00,60,
A2,1,2024-02-01,C2,P1,3,0.3333,1.0000,0.50,美元
A3,1,2024-02-02,C2,P1,1,5,5,4,usd
A4,1,2024-02-03,C2,P1,1,5,5,4,CNY
`;

describe("amounts in another currency", () => {
  it("converts each row at its currency's rate, exactly, and records the conversion", async () => {
    const dir = folder();
    const file = write(dir, "lines.csv", LINES);
    const r = await ingest(dir, [{ path: file, table: "order_lines" }], { ingest: { exchange_rates: { EUR: 7.7, USD: 7.1234 } } });
    expect(r.files[0].error).toBeNull();
    expect(counts(r.files[0])).toMatchObject({ read: 5, loaded: 5, rejected: 0 });
    const rows = await query<{ order_id: string; unit_price: string; amount: string; cost: string }>(
      dir,
      `SELECT order_id, CAST(unit_price AS VARCHAR) AS unit_price, CAST(amount AS VARCHAR) AS amount, CAST(cost AS VARCHAR) AS cost FROM order_lines ORDER BY order_id, line_no`,
    );
    expect(rows).toEqual([
      // EUR: 10.5 x 7.7 = 80.85, 21 x 7.7 = 161.7, 15 x 7.7 = 115.5
      { order_id: "A1", unit_price: "80.8500", amount: "161.7000", cost: "115.5000" },
      // blank: the report's currency (CNY), as written
      { order_id: "A1", unit_price: "99.0000", amount: "99.0000", cost: "60.0000" },
      // 美元 = USD: 0.3333 x 7.1234 = 2.37422922 -> 2.3742; 1 x 7.1234; 0.5 x 7.1234 = 3.5617
      { order_id: "A2", unit_price: "2.3742", amount: "7.1234", cost: "3.5617" },
      // usd: 5 x 7.1234 = 35.617, 4 x 7.1234 = 28.4936
      { order_id: "A3", unit_price: "35.6170", amount: "35.6170", cost: "28.4936" },
      { order_id: "A4", unit_price: "5.0000", amount: "5.0000", cost: "4.0000" },
    ]);
    expect(await query(dir, `SELECT column_name, rule FROM ingest_derivations WHERE column_name = 'currency'`)).toEqual([
      { column_name: "currency", rule: "rows in EUR, USD (column currency) converted to CNY at EUR 7.7, USD 7.1234 (ingest.exchange_rates)" },
    ]);
  });

  it("refuses rows in a currency the config has no rate for, naming the setting, and rows with no currency at all", async () => {
    const dir = folder();
    const file = write(dir, "lines.csv", LINES.replace("A4,1,2024-02-03,C2,P1,1,5,5,4,CNY", "A4,1,2024-02-03,C2,P1,1,5,5,4,dollars") + "A5,1,2024-02-03,C2,P1,1,,99999999999999,,EUR\n");
    const r = await ingest(dir, [{ path: file, table: "order_lines" }], { thresholds: lenient, ingest: { exchange_rates: { EUR: 7.7 } } });
    expect(counts(r.files[0])).toMatchObject({ read: 6, loaded: 2, rejected: 4, rejectedBy: { required: 4 } });
    const reasons = await query<{ row_number: number; raw_value: string; reason: string }>(
      dir,
      `SELECT CAST(row_number AS INTEGER) AS row_number, raw_value, reason FROM ingest_rejects WHERE column_name = 'currency' ORDER BY row_number`,
    );
    const noUsd =
      "amounts in USD, not in CNY (the report's currency, site.currency): set ingest.exchange_rates.USD (CNY per 1 USD) to convert them, or export in CNY";
    expect(reasons).toEqual([
      { row_number: 4, raw_value: "美元", reason: noUsd },
      { row_number: 5, raw_value: "usd", reason: noUsd },
      { row_number: 6, raw_value: "dollars", reason: "expected a currency: an ISO code such as CNY, USD or EUR (or 人民币, 美元, 欧元)" },
      // 99,999,999,999,999 EUR is more than DECIMAL(18,4) holds in CNY
      { row_number: 7, raw_value: "EUR", reason: "amount too large once converted to CNY: at most 14 digits before the decimal point" },
    ]);
    // what loaded is in CNY: the EUR line converted, the blank one as written
    expect(await query(dir, `SELECT CAST(sum(amount) AS VARCHAR) AS s FROM order_lines`)).toEqual([{ s: "260.7000" }]);
  });

  it("reads a blank currency cell in the source's currency when the source names one", async () => {
    const dir = folder();
    const file = write(dir, "lines.csv", LINES);
    const r = await ingest(dir, [{ path: file, table: "order_lines", currency: "EUR" }], { ingest: { exchange_rates: { EUR: 7.7, USD: 7.1234 } } });
    expect(r.files[0].error).toBeNull();
    // the blank line (99) is EUR now: 99 x 7.7 = 762.3; the CNY line stays 5
    expect(await query(dir, `SELECT order_id, CAST(amount AS VARCHAR) AS amount FROM order_lines WHERE order_id IN ('A1', 'A4') ORDER BY order_id, line_no`)).toEqual([
      { order_id: "A1", amount: "161.7000" },
      { order_id: "A1", amount: "762.3000" },
      { order_id: "A4", amount: "5.0000" },
    ]);
  });

  it("reads a report in USD: its own currency as written, CNY converted", async () => {
    const dir = folder();
    const file = write(dir, "lines.csv", LINES);
    const r = await ingest(dir, [{ path: file, table: "order_lines" }], { site: { currency: "USD" }, ingest: { exchange_rates: { EUR: 1.08, CNY: 0.14 } } });
    expect(r.files[0].error).toBeNull();
    expect(await query(dir, `SELECT order_id, CAST(amount AS VARCHAR) AS amount FROM order_lines ORDER BY order_id, line_no`)).toEqual([
      { order_id: "A1", amount: "22.6800" }, // 21 x 1.08
      { order_id: "A1", amount: "99.0000" }, // blank: the report's currency
      { order_id: "A2", amount: "1.0000" },
      { order_id: "A3", amount: "5.0000" },
      { order_id: "A4", amount: "0.7000" }, // 5 x 0.14
    ]);
  });

  it("takes the currency a header names for the whole file", async () => {
    const dir = folder();
    const text = "单据编号,行号,日期,客户编码,商品编码,数量,金额（美元）\nA1,1,2024-01-05,C1,P1,2,21.5\nA2,1,2024-01-06,C1,P1,1,-3\n";
    const file = write(dir, "lines.csv", text);
    const without = await ingest(dir, [{ path: file, table: "order_lines" }]);
    expect(without.files[0].error).toMatch(
      /header "金额（美元）": amounts in USD, not in CNY \(the report's currency, site\.currency\): set ingest\.exchange_rates\.USD \(CNY per 1 USD\) to convert them/,
    );
    const dir2 = folder();
    const r = await ingest(dir2, [{ path: write(dir2, "lines.csv", text), table: "order_lines" }], { ingest: { exchange_rates: { USD: 7.2 } } });
    expect(r.files[0].error).toBeNull();
    expect(await query(dir2, `SELECT CAST(amount AS VARCHAR) AS amount, line_type FROM order_lines ORDER BY order_id`)).toEqual([
      { amount: "154.8000", line_type: "sale" }, // 21.5 x 7.2
      { amount: "-21.6000", line_type: "return" },
    ]);
    expect(await query(dir2, `SELECT rule FROM ingest_derivations WHERE column_name = 'currency'`)).toEqual([
      { rule: "converted from USD to CNY at 7.2 (ingest.exchange_rates; the file is in USD)" },
    ]);
    // a header in the report's own currency changes nothing
    const dir3 = folder();
    const r3 = await ingest(dir3, [{ path: write(dir3, "lines.csv", text.replace("金额（美元）", "金额（元）")), table: "order_lines" }]);
    expect(r3.files[0].error).toBeNull();
    expect(await query(dir3, `SELECT CAST(sum(amount) AS VARCHAR) AS s FROM order_lines`)).toEqual([{ s: "18.5000" }]);
    expect(await query(dir3, `SELECT count(*) AS n FROM ingest_derivations WHERE column_name = 'currency'`)).toEqual([{ n: 0 }]);
  });

  it("refuses a file whose headers name two currencies, or a unit and a currency column", async () => {
    const dir = folder();
    const two = write(dir, "two.csv", "order_id,line_no,order_date,customer_id,product_id,quantity,Amount (USD),Cost (EUR)\nA1,1,2024-01-05,C1,P1,1,1,1\n");
    const both = write(dir, "both.csv", "order_id,line_no,order_date,customer_id,product_id,quantity,Amount (USD),Currency\nA1,1,2024-01-05,C1,P1,1,1,USD\n");
    const r = await ingest(dir, [{ path: two, table: "order_lines" }, { path: both, table: "order_lines" }], { ingest: { exchange_rates: { USD: 7, EUR: 8 } } });
    expect(r.files[0].error).toMatch(/its money columns are in different currencies \("Amount \(USD\)", "Cost \(EUR\)"\): export them in one/);
    expect(r.files[1].error).toMatch(/header "Amount \(USD\)" says the amounts are in USD, and column "Currency" gives each row's currency: say which holds/);
  });

  it("converts payments, and reads a file again when a rate changes (the rates are part of its identity)", async () => {
    const dir = folder();
    const lines = write(dir, "lines.csv", "order_id,line_no,order_date,customer_id,product_id,quantity,amount\nA1,1,2024-01-05,C1,P1,1,100\n");
    const pays = write(dir, "payments.csv", "customer_id,payment_date,amount,币种\nC1,2024-02-01,10,欧元\nC1,2024-02-02,5,人民币\n");
    const sources = [{ path: lines, table: "order_lines" }, { path: pays, table: "payments" }];
    await ingest(dir, sources, { ingest: { exchange_rates: { EUR: 7.5 } } });
    const paid = () => query(dir, `SELECT CAST(amount AS VARCHAR) AS amount FROM payments ORDER BY payment_date`);
    expect(await paid()).toEqual([{ amount: "75.0000" }, { amount: "5.0000" }]);
    const again = await ingest(dir, sources, { ingest: { exchange_rates: { EUR: 7.75 } } });
    expect(again.files.find((f) => f.table === "payments")!.unchanged).toBeFalsy();
    expect(await paid()).toEqual([{ amount: "77.5000" }, { amount: "5.0000" }]);
    const same = await ingest(dir, sources, { ingest: { exchange_rates: { EUR: 7.75 } } });
    expect(same.files.find((f) => f.table === "payments")!.unchanged).toBe(true);
  });

  it("refuses an amount written with another currency's sign, and reads a file the source says is in that currency", async () => {
    const text = "order_id,line_no,order_date,customer_id,product_id,quantity,amount,cost\nA1,1,2024-01-05,C1,P1,1,$12.50,¥3\nA2,1,2024-01-05,C1,P1,1,¥20,\nA3,1,2024-01-06,C1,P1,1,30 元,$5\n";
    const dir = folder();
    const r = await ingest(dir, [{ path: write(dir, "lines.csv", text), table: "order_lines" }], { thresholds: lenient });
    expect(counts(r.files[0])).toMatchObject({ read: 3, loaded: 1, rejected: 2 });
    expect(await query(dir, `SELECT CAST(row_number AS INTEGER) AS row_number, column_name, raw_value, reason FROM ingest_rejects ORDER BY row_number`)).toEqual([
      {
        row_number: 2,
        column_name: "amount",
        raw_value: "$12.50",
        reason: `written with $, the sign of another currency than CNY (the report's currency, site.currency): set the source's "currency" (e.g. "USD") and its rate in ingest.exchange_rates, or export the amounts in CNY without the sign`,
      },
      {
        row_number: 4,
        column_name: "cost",
        raw_value: "$5",
        reason: `written with $, the sign of another currency than CNY (the report's currency, site.currency): set the source's "currency" (e.g. "USD") and its rate in ingest.exchange_rates, or export the amounts in CNY without the sign`,
      },
    ]);
    // the source says the file is in USD: its $ amounts are dollars, converted; its ¥ ones are refused
    const usd = "order_id,line_no,order_date,customer_id,product_id,quantity,amount\nA1,1,2024-01-05,C1,P1,1,$12.50\nA2,1,2024-01-05,C1,P1,1,¥20\n";
    const dir2 = folder();
    const source = { path: write(dir2, "lines.csv", usd), table: "order_lines", currency: "USD" };
    const missing = await ingest(dir2, [source]);
    expect(missing.files[0].error).toMatch(/the source's "currency" is USD: amounts in USD, not in CNY .*set ingest\.exchange_rates\.USD/);
    const r2 = await ingest(dir2, [source], { thresholds: lenient, ingest: { exchange_rates: { USD: 7.2 } } });
    expect(counts(r2.files[0])).toMatchObject({ read: 2, loaded: 1, rejected: 1 });
    expect(await query(dir2, `SELECT CAST(amount AS VARCHAR) AS amount FROM order_lines`)).toEqual([{ amount: "90.0000" }]); // 12.5 x 7.2
    expect(await query(dir2, `SELECT reason FROM ingest_rejects`)).toEqual([
      { reason: `written with ¥, the sign of another currency than USD: export the amounts in USD (the file's currency), or set the source's "currency"` },
    ]);
    expect(await query(dir2, `SELECT rule FROM ingest_derivations WHERE column_name = 'currency'`)).toEqual([
      { rule: "converted from USD to CNY at 7.2 (ingest.exchange_rates; the file is in USD)" },
    ]);
  });

  it("says which rate in the config is wrong", () => {
    expect(() => parseConfig({ ingest: { exchange_rates: { usd: 7.1 } } })).toThrow(/ingest\.exchange_rates\.usd: "usd" is not a currency code: expected three capital letters such as USD or EUR/);
    expect(() => parseConfig({ ingest: { exchange_rates: { USD: 0 } } })).toThrow(/ingest\.exchange_rates\.USD/);
    expect(parseConfig({ ingest: { exchange_rates: { USD: 7.1 } } }).ingest.exchange_rates).toEqual({ USD: 7.1 });
  });

  it("knows the usual ways of writing a currency, and no header's other words", () => {
    expect(["USD", "usd", " 美元 ", "US$"].map(currencyCode)).toEqual(["USD", "USD", "USD", "USD"]);
    expect(["人民币", "RMB", "￥", "元", "cny"].map(currencyCode)).toEqual(["CNY", "CNY", "CNY", "CNY", "CNY"]);
    expect(["VAT", "NET", "含税", "$", "dollars"].map(currencyCode)).toEqual([null, null, null, null, null]);
  });
});
