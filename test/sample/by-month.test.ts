// `byMonth`: the order lines as one export per month carry exactly the lines of the single
// export, each month file with its header and its own 合计 row; the other exports are the same
// bytes; the ground truth's dirty and total rows point into the month files.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSample, generateSample, monthlyOrderLinesFile, sampleFiles } from "../../loaders/sample/index.ts";
import { csvText, dataRow, tempDir } from "./helpers.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const dir = (label: string) => {
  const d = tempDir(label);
  dirs.push(d);
  return d;
};

const LINES = 20_000;
const rows = (text: string) => text.split("\r\n").slice(0, -1); // CRLF after every row, the last included

describe("order lines by month", () => {
  let single: string;
  let monthly: string;
  beforeAll(async () => {
    single = dir("single");
    monthly = dir("monthly");
    await generateSample({ dir: single, lines: LINES, seed: 11 });
    await generateSample({ dir: monthly, lines: LINES, seed: 11, byMonth: true });
  });

  it("writes 69 monthly exports holding the single export's lines in the same order", () => {
    expect(fs.readdirSync(monthly).sort()).toEqual(sampleFiles(true).slice().sort());
    const whole = rows(csvText(single, "order_lines.csv"));
    const header = whole[0];
    const parts: string[] = [];
    for (let m = 0; m < 69; m++) {
      const file = monthlyOrderLinesFile(m);
      const lines = rows(csvText(monthly, file));
      expect(lines[0], file).toBe(header);
      expect(lines.at(-1)!.startsWith("合计,"), file).toBe(true);
      parts.push(...lines.slice(1, -1));
    }
    expect(monthlyOrderLinesFile(0)).toBe("order_lines-2021-01.csv");
    expect(monthlyOrderLinesFile(68)).toBe("order_lines-2026-09.csv");
    expect(parts).toEqual(whole.slice(1, -1));
  });

  it("closes each month with the totals of its own lines", () => {
    const cents = (s: string) => Math.round(Number(s.replace(/,/g, "")) * 100);
    const file = monthlyOrderLinesFile(41);
    const text = csvText(monthly, file);
    const n = rows(text).length - 1; // data rows, 合计 included
    let amount = 0;
    for (let r = 1; r < n; r++) amount += cents(dataRow(text, r)[10]);
    expect(cents(dataRow(text, n)[10])).toBe(amount);
  });

  it("keeps the other exports byte for byte and points the truth's dirty and total rows into the month files", () => {
    const bytes = (d: string, f: string) => fs.readFileSync(path.join(d, f));
    for (const f of ["customers.xlsx", "payments.csv", "visits.csv", "quality_claims.csv"]) expect(bytes(monthly, f).equals(bytes(single, f)), f).toBe(true);
    const truth = JSON.parse(fs.readFileSync(path.join(monthly, "ground_truth.json"), "utf8"));
    const planted = Object.entries(truth.dirty_rows as Record<string, { row: number; raw: string; column: string }[]>).filter(([f, l]) => f.startsWith("order_lines") && l.length);
    expect(planted.length).toBe(5);
    const columns = ["order_id", "line_no", "order_date", "customer_id", "customer_name", "product_id", "category", "quantity", "unit", "unit_price", "amount", "cost", "discount"];
    for (const [file, [d]] of planted) expect(dataRow(csvText(monthly, file), d.row)[columns.indexOf(d.column)], `${file} row ${d.row}`).toBe(d.raw);
    for (const [file, row] of Object.entries(truth.total_rows as Record<string, number>)) expect(dataRow(csvText(monthly, file), row)[0], file).toBe("合计");
    expect(Object.keys(truth.total_rows)).toHaveLength(69);
  });

  it("ensureSample keeps one layout in a folder and stamps which", async () => {
    const d = dir("switch");
    const quiet = () => {};
    await ensureSample(undefined, { dir: d, lines: 10_000, log: quiet });
    expect(await ensureSample(undefined, { dir: d, lines: 10_000, byMonth: true, log: quiet })).toBe(true);
    expect(fs.existsSync(path.join(d, "order_lines.csv"))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(d, ".sample-stamp.json"), "utf8"))).toMatchObject({ order_lines: "by_month" });
    expect(await ensureSample(undefined, { dir: d, lines: 10_000, byMonth: true, log: quiet })).toBe(false);
    expect(await ensureSample(undefined, { dir: d, lines: 10_000, log: quiet })).toBe(true);
    expect(fs.readdirSync(d).filter((f) => f.startsWith("order_lines"))).toEqual(["order_lines.csv"]);
  });
});
