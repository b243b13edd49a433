// Numbers are exact: text is parsed straight to DECIMAL(18,4), thousands separators only in
// groups of three, a decimal comma only where the source says so, and NaN, infinities and
// numbers too large for the column are rejects (from CSV, XLSX and Parquet alike).
// The SQL parser is checked against an independent reference written here with BigInt.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "../../loaders/ingest/duck.ts";
import { reasonSql, valueMacros, type DecimalSeparator } from "../../loaders/ingest/values.ts";
import { ingest, lenient, query, tempDir } from "./helpers.ts";
import { FULL, HALF, reference } from "./number-reference.ts";

// ---- the SQL parser in DuckDB ------------------------------------------------------------

let db: Db;
beforeAll(async () => {
  db = await openDb(":memory:");
  for (const sql of valueMacros) await db.exec(sql);
});
afterAll(() => db.close());

const fn = (dec: DecimalSeparator) => (dec === "." ? "kam_num_p" : "kam_num_c");
async function parse(values: string[], dec: DecimalSeparator): Promise<(string | null)[]> {
  const rows = await db.rows<{ v: string | null }>(
    `SELECT CAST(${fn(dec)}(s) AS VARCHAR) AS v FROM unnest(CAST(CAST(? AS JSON) AS VARCHAR[])) WITH ORDINALITY AS u(s, i) ORDER BY i`,
    [JSON.stringify(values)],
  );
  return rows.map((r) => r.v);
}
async function reasons(values: string[], dec: DecimalSeparator): Promise<string[]> {
  const rows = await db.rows<{ r: string }>(`SELECT ${reasonSql("number", "s", { decimal: dec })} AS r FROM unnest(CAST(CAST(? AS JSON) AS VARCHAR[])) WITH ORDINALITY AS u(s, i) ORDER BY i`, [JSON.stringify(values)]);
  return rows.map((r) => r.r);
}

describe("numbers by example", () => {
  const point: [string, string | null][] = [
    ["1234.5", "1234.5000"],
    ["1,234.50", "1234.5000"],
    ["1,234,567.891", "1234567.8910"],
    ["1 234 567", "1234567.0000"],
    ["1\u00a0234,5", null],
    ["¥1,234", "1234.0000"],
    ["RMB 12", "12.0000"],
    ["１２３４.５", "1234.5000"],
    ["(1,234.50)", "-1234.5000"],
    ["1234.5-", "-1234.5000"],
    ["\u2212120", "-120.0000"], // the minus sign of typeset reports and web pages (U+2212)
    ["\u22121,234.50", "-1234.5000"],
    ["\u2013120", null], // an en dash is no minus
    ["1.2345e3", "1234.5000"],
    ["1.23455", "1.2346"], // a fifth decimal: half away from zero
    ["-1.23455", "-1.2346"],
    ["0.00004999", "0.0000"],
    ["99999999999999.9999", "99999999999999.9999"],
    // refused
    ["1.234,56", null],
    ["1,2,3", null],
    ["12,34", null],
    ["1_000", null],
    ["NaN", null],
    ["Infinity", null],
    ["-inf", null],
    ["1e400", null],
    ["100000000000000", null],
    ["1e14", null],
    ["--1", null],
    ["1.2.3", null],
  ];
  it("reads exports' forms with a decimal point and refuses the rest", async () => {
    expect(await parse(point.map((p) => p[0]), ".")).toEqual(point.map((p) => p[1]));
    expect(point.map((p) => reference(p[0], "."))).toEqual(point.map((p) => p[1]));
  });

  const comma: [string, string | null][] = [
    ["1.234,56", "1234.5600"],
    ["1 234,56", "1234.5600"],
    ["1\u00a0234,56", "1234.5600"],
    ["1,5", "1.5000"],
    ["1.234", "1234.0000"],
    ["-0,5", "-0.5000"],
    ["1234", "1234.0000"],
    ["1,234.56", null],
    ["1.5", null],
    ["1e3", null],
  ];
  it("reads a decimal comma where the source sets it", async () => {
    expect(await parse(comma.map((p) => p[0]), ",")).toEqual(comma.map((p) => p[1]));
    expect(comma.map((p) => reference(p[0], ","))).toEqual(comma.map((p) => p[1]));
  });

  it("says why a number was refused", async () => {
    expect(await reasons(["NaN", "-Infinity", "1e400", "100000000000000", "1.234,56", "1,2,3", "abc"], ".")).toEqual([
      "not a finite number (NaN or infinity)",
      "not a finite number (NaN or infinity)",
      "number too large: at most 14 digits before the decimal point (below 100,000,000,000,000)",
      "number too large: at most 14 digits before the decimal point (below 100,000,000,000,000)",
      expect.stringContaining(`set "decimal_separator": "," for this source`),
      "expected a number: thousands separators group exactly three digits (1,234,567.89)",
      expect.stringMatching(/^expected a number \(e\.g\./),
    ]);
    expect(await reasons(["1,234.56", "1.2.3"], ",")).toEqual([
      expect.stringContaining("this looks like a decimal point"),
      "expected a number: thousands separators group exactly three digits (1.234.567,89)",
    ]);
  });
});

describe("numbers, properties", () => {
  // An exact value: up to 14 integer digits and 4 decimals.
  const exact = fc.record({
    neg: fc.boolean(),
    int: fc.bigInt({ min: 0n, max: 10n ** 14n - 1n }),
    frac: fc.integer({ min: 0, max: 9999 }),
    places: fc.integer({ min: 0, max: 4 }),
  });
  const group = (int: bigint, sep: string) => int.toString().replace(/\B(?=(\d{3})+(?!\d))/g, sep);

  it("every way of writing a value gives exactly that value", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(exact, fc.integer({ min: 0, max: 7 }), async ({ neg, int, frac, places }, form) => {
        const fracText = places ? String(frac).padStart(4, "0").slice(0, places) : "";
        const value = reference(`${neg ? "-" : ""}${int}${places ? `.${fracText}` : ""}`, ".")!;
        const pt = places ? `.${fracText}` : "";
        const cm = places ? `,${fracText}` : "";
        const texts: [string, DecimalSeparator][] = [
          [`${neg ? "-" : ""}${int}${pt}`, "."],
          [`${neg ? "-" : ""}${group(int, ",")}${pt}`, "."],
          [neg ? `(${group(int, ",")}${pt})` : `¥${group(int, ",")}${pt}`, "."],
          [`${group(int, " ")}${pt}${neg ? "-" : ""}`, "."],
          [`${neg ? "-" : ""}${group(int, ".")}${cm}`, ","],
          [`${neg ? "-" : ""}${group(int, "\u00a0")}${cm}`, ","],
          [`${neg ? "-" : ""}${int}${cm}`, ","],
          [`${neg ? "－" : ""}${[...`${int}${pt}`].map((c) => (HALF.includes(c) ? FULL[HALF.indexOf(c)] : c)).join("")}`, "."],
        ];
        const [text, dec] = texts[form];
        expect(value).toBe(`${neg && (int > 0n || (places > 0 && Number(fracText) > 0)) ? "-" : ""}${int}.${fracText.padEnd(4, "0")}`);
        expect(await parse([text], dec)).toEqual([value]);
      }),
      { numRuns: 400, seed: 14 },
    );
  });

  // Strings of number-like characters: the SQL (DuckDB's own cast as the fast path, then the
  // grammar) reads exactly what the reference reads, to the last digit, and nothing else.
  const chars = fc.constantFrom(..."0123456789", "0", "1", ".", ",", " ", "-", "+", "(", ")", "e", "E", "_", "¥", "\u00a0", "１", "NaN", "inf", "\t", "\v", "\u3000", "\u202f", "元", "RMB", "－");
  it("reads exactly what the grammar accepts, with either separator", { timeout: 120_000 }, async () => {
    const text = fc.array(chars, { maxLength: 14 }).map((a) => a.join(""));
    await fc.assert(
      // Many strings per query: one DuckDB round trip per batch.
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 200 }), fc.constantFrom<DecimalSeparator>(".", ","), async (batch, dec) => {
        expect(await parse(batch, dec)).toEqual(batch.map((s) => reference(s, dec)));
      }),
      { numRuns: 150, seed: 1404 },
    );
  });

  // The fast path (one regex, then DuckDB's cast) takes strings of digits, separators and a
  // sign: those strings, long enough to overflow and to carry a fifth decimal, read exactly
  // what the reference reads (values it must refuse included: 1,2,3, 12,34, 1.2.3, --1).
  it("the fast path for plain and grouped numbers reads what the grammar reads", { timeout: 120_000 }, async () => {
    const digitsAndSeparators = fc.constantFrom(..."0123456789", "0", "1", "9", "9", ",", ",", ".", "-");
    const text = fc.array(digitsAndSeparators, { minLength: 1, maxLength: 24 }).map((a) => a.join(""));
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 200 }), fc.constantFrom<DecimalSeparator>(".", ","), async (batch, dec) => {
        expect(await parse(batch, dec)).toEqual(batch.map((s) => reference(s, dec)));
      }),
      { numRuns: 150, seed: 1605 },
    );
  });
});

describe("numbers through the readers", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const HEAD = "单据编号,行号,单据日期,客户编码,商品编码,数量,金额";
  const bad = ["NaN", "Infinity", "-inf", "1e400", "100000000000000", "1.234,56", "1,2,3", "1_000"];

  async function rejectsOf(dir: string) {
    return query<{ row_number: number; raw_value: string; reason: string }>(
      dir,
      `SELECT row_number, raw_value, reason FROM ingest_rejects WHERE column_name = 'amount' ORDER BY row_number`,
    );
  }

  it("CSV: sums are exact, non-finite and oversized numbers are rejects", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, "orders.csv");
    const good = Array.from({ length: 10 }, (_, i) => `SO1,${i + 1},2024-01-05,C1,P1,1,0.1`);
    const rows = bad.map((v, i) => `SO2,${i + 1},2024-01-05,C1,P1,1,"${v}"`);
    fs.writeFileSync(file, [HEAD, ...good, ...rows].join("\n") + "\n");
    const r = await ingest(dir, [{ path: file, table: "order_lines" }], { thresholds: lenient });
    expect(r.files[0]).toMatchObject({ read: 18, loaded: 10, rejected: 8 });
    const [sum] = await query<{ t: string; s: string; d: number }>(
      dir,
      `SELECT typeof(amount) AS t, CAST(sum(amount) AS VARCHAR) AS s, sum(amount::DOUBLE) AS d FROM order_lines GROUP BY 1`,
    );
    // DECIMAL: ten times 0.1 is 1; as DOUBLE it is not.
    expect(sum).toEqual({ t: "DECIMAL(18,4)", s: "1.0000", d: 0.9999999999999999 });
    expect((await rejectsOf(dir)).map((x) => [x.row_number, x.raw_value])).toEqual(bad.map((v, i) => [12 + i, v]));
  });

  it("CSV with decimal_separator ',': 1.234,56 is 1234.56", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, "orders.csv");
    fs.writeFileSync(file, [HEAD.replaceAll(",", ";"), "SO1;1;2024-01-05;C1;P1;1,5;1.234,56", "SO1;2;2024-01-05;C1;P1;2;1 000", "SO1;3;2024-01-05;C1;P1;2;1,234.56"].join("\n") + "\n");
    const r = await ingest(dir, [{ path: file, table: "order_lines", delimiter: ";", decimal_separator: "," }], { thresholds: lenient });
    expect(r.files[0]).toMatchObject({ read: 3, loaded: 2, rejected: 1 });
    const rows = await query(dir, `SELECT line_no, CAST(quantity AS VARCHAR) AS q, CAST(amount AS VARCHAR) AS a FROM order_lines ORDER BY line_no`);
    expect(rows).toEqual([
      { line_no: 1, q: "1.5000", a: "1234.5600" },
      { line_no: 2, q: "2.0000", a: "1000.0000" },
    ]);
  });

  it("XLSX: text cells with NaN, Infinity, 1e400 are rejects; numeric cells are exact", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, "orders.xlsx");
    const { default: ExcelJS } = await import("exceljs");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("orders");
    ws.addRow(HEAD.split(","));
    ws.addRow(["SO1", 1, "2024-01-05", "C1", "P1", 1, 0.1]);
    ws.addRow(["SO1", 2, "2024-01-05", "C1", "P1", 1, 0.2]);
    ws.addRow(["SO1", 3, "2024-01-05", "C1", "P1", 1, 1e20]);
    bad.slice(0, 4).forEach((v, i) => ws.addRow(["SO2", i + 1, "2024-01-05", "C1", "P1", 1, v]));
    await wb.xlsx.writeFile(file);
    const r = await ingest(dir, [{ path: file, table: "order_lines" }], { thresholds: lenient });
    expect(r.files[0]).toMatchObject({ read: 7, loaded: 2, rejected: 5 });
    expect(await query(dir, `SELECT CAST(sum(amount) AS VARCHAR) AS s FROM order_lines`)).toEqual([{ s: "0.3000" }]);
    expect((await rejectsOf(dir)).map((x) => [x.row_number, x.raw_value])).toEqual([[4, "100000000000000000000"], ...bad.slice(0, 4).map((v, i) => [5 + i, v])]);
  });

  it("Parquet: DOUBLE NaN, ±inf and 1e300 are rejects; DECIMAL and DOUBLE values are exact", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, "orders.parquet");
    const setup = await openDb(":memory:");
    await setup.exec(
      `COPY (SELECT 'SO1' AS order_id, i::INTEGER AS line_no, DATE '2024-01-05' AS order_date, 'C1' AS customer_id, 'P1' AS product_id,
               1.5::DECIMAL(10,2) AS quantity,
               [0.1::DOUBLE, 0.2::DOUBLE, 'nan'::DOUBLE, 'inf'::DOUBLE, '-inf'::DOUBLE, 1e300::DOUBLE][i] AS amount
             FROM range(1, 7) t(i)) TO '${file}' (FORMAT parquet)`,
    );
    setup.close();
    const r = await ingest(dir, [{ path: file, table: "order_lines" }], { thresholds: lenient });
    expect(r.files[0]).toMatchObject({ read: 6, loaded: 2, rejected: 4 });
    expect(await query(dir, `SELECT CAST(sum(amount) AS VARCHAR) AS s, CAST(sum(quantity) AS VARCHAR) AS q FROM order_lines`)).toEqual([{ s: "0.3000", q: "3.0000" }]);
    const rej = await rejectsOf(dir);
    expect(rej.map((x) => x.row_number)).toEqual([3, 4, 5, 6]);
    expect(rej.map((x) => x.reason)).toEqual([
      "not a finite number (NaN or infinity)",
      "not a finite number (NaN or infinity)",
      "not a finite number (NaN or infinity)",
      "number too large: at most 14 digits before the decimal point (below 100,000,000,000,000)",
    ]);
  });
});
