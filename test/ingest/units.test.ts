// The small pure pieces of the ingest, and the DuckDB settings it runs with.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDb } from "../../loaders/ingest/duck.ts";
import { normalizeHeader, guessTable } from "../../loaders/ingest/headers.ts";
import { headerWidth } from "../../loaders/ingest/read_csv.ts";
import { cellText } from "../../loaders/ingest/read_xlsx.ts";
import { lineSegments } from "../../loaders/ingest/stage.ts";
import { emptySummary, percent } from "../../loaders/ingest/summary.ts";
import { sourceThresholds, thresholdBreach } from "../../loaders/ingest/thresholds.ts";
import { RejectThresholds } from "../../loaders/config/ingest.ts";
import { tempDir } from "./helpers.ts";

/** Brute force: the lines that are neither the header nor skipped, in order. */
function linesOf(skipped: number[], rows: number): number[] {
  const out: number[] = [];
  for (let line = 2; out.length < rows; line++) if (!skipped.includes(line)) out.push(line);
  return out;
}
const viaSegments = (skipped: number[], rows: number) => {
  const segs = lineSegments(skipped);
  return Array.from({ length: rows }, (_, r) => r + segs.filter((s) => s.from <= r).at(-1)!.off);
};

describe("line numbers of CSV rows", () => {
  it.each([[[]], [[3]], [[2]], [[3, 4]], [[5, 9, 10, 11, 20]], [[2, 3, 4, 7]], [[30]]])("skipped lines %j", (skipped) => {
    expect(viaSegments(skipped, 25)).toEqual(linesOf(skipped, 25));
  });
});

describe("headers", () => {
  it("compares headers without case, spaces, full-width forms or BOM", () => {
    expect(normalizeHeader("\uFEFF客户 编码")).toBe("客户编码");
    expect(normalizeHeader("Customer_ID")).toBe("customerid");
    expect(normalizeHeader("ＡＭＯＵＮＴ（元）")).toBe("amount元");
  });

  it("counts header fields with DuckDB's quoting rules", () => {
    expect(headerWidth('a,"b,c",d', ",")).toBe(3);
    expect(headerWidth("a\tb", "\t")).toBe(2);
    expect(headerWidth("a,b,", ",")).toBe(3);
  });

  it("guesses the table from the file name, else from the headers", () => {
    expect(guessTable("/x/order_lines_2024.csv", null)).toBe("order_lines");
    expect(guessTable("/x/回款明细.csv", null)).toBe("payments");
    expect(guessTable("/x/export.csv", ["客户编码", "走访日期", "走访类型"])).toBe("visits");
    expect(guessTable("/x/export.csv", ["foo", "bar"])).toBeNull();
  });
});

describe("XLSX cells", () => {
  it("gives formulas' cached results, rich text, dates as ISO text", () => {
    expect(cellText({ formula: "A1*2", result: 84 })).toBe("84");
    expect(cellText({ formula: "A1*2" })).toBe("=A1*2");
    expect(cellText({ richText: [{ text: "甲" }, { text: "乙" }] })).toBe("甲乙");
    expect(cellText(new Date(Date.UTC(2024, 0, 5)))).toBe("2024-01-05");
    expect(cellText(new Date(Date.UTC(2024, 0, 5, 9, 30)))).toBe("2024-01-05 09:30:00");
    expect(cellText({ error: "#DIV/0!" })).toBe("#DIV/0!");
    expect(cellText(null)).toBeNull();
  });
});

describe("thresholds", () => {
  const max = RejectThresholds.parse({});
  const s = { ...emptySummary("f.csv", "order_lines"), read: 1000 };
  it("by rows: more than the floor (3) and more than 0.5% of the rows; totals never count", () => {
    expect(thresholdBreach({ ...s, rejectedBy: { required: 3 } }, max)).toBeNull(); // the floor
    expect(thresholdBreach({ ...s, rejectedBy: { required: 5 } }, max)).toBeNull(); // 0.5%, not more
    expect(thresholdBreach({ ...s, rejectedBy: { required: 6 } }, max)).toBe(
      "6 rows rejected for required problems: 0.6% of 1000 rows (allowed 3 rows or 0.5%) — see ingest_rejects",
    );
    expect(thresholdBreach({ ...s, read: 4, rejectedBy: { required: 3 } }, max)).toBeNull(); // a handful, even of a tiny file
    expect(thresholdBreach({ ...s, rejectedBy: { total: 500, excluded: 500, optional: 10 } }, max)).toBeNull();
    expect(thresholdBreach({ ...s, rejectedBy: { optional: 11 } }, max)).toContain("11 rows rejected for optional problems: 1.1%");
    expect(thresholdBreach({ ...s, rejectedBy: { reference: 50 } }, max)).toBeNull();
    expect(thresholdBreach({ ...s, rejectedBy: { reference: 51 } }, max)).toContain("reference");
  });
  it("by amount: a share of the file's amount, whatever the count; both said when both hold", () => {
    expect(thresholdBreach({ ...s, rejectedBy: { required: 1 }, rejectedAmountShare: { required: 0.02 } }, max)).toBeNull();
    expect(thresholdBreach({ ...s, rejectedBy: { required: 1 }, rejectedAmountShare: { required: 0.0251 } }, max)).toBe(
      "1 rows rejected for required problems carry 2.5% of the file's amount (allowed 2.0%) — see ingest_rejects",
    );
    expect(thresholdBreach({ ...s, rejectedBy: { duplicate: 600 }, rejectedAmountShare: { duplicate: 0.6 } }, max)).toBe(
      "600 rows rejected for duplicate problems: 60.0% of 1000 rows (allowed 3 rows or 0.5%) and carry 60.0% of the file's amount (allowed 2.0%) — see ingest_rejects",
    );
    // lines without a customer id: never by their count, by half of the money
    expect(thresholdBreach({ ...s, rejectedBy: { no_customer: 900 }, rejectedAmountShare: { no_customer: 0.5 } }, max)).toBeNull();
    expect(thresholdBreach({ ...s, rejectedBy: { no_customer: 1 }, noCustomerShare: 0.51 }, max)).toContain("1 rows without a customer id carry 51.0%");
  });
  it("shares are printed so that a small one is never 0", () => {
    expect([percent(0), percent(0.5), percent(0.00015), percent(0.0000005)]).toEqual(["0.0%", "50.0%", "0.015%", "<0.001%"]);
  });
  it("config: one number sets both limits, an object either (the other keeps its default); a source's over the run's", () => {
    expect(max.required).toEqual({ rows: 0.005, amount: 0.02 });
    expect(max.no_customer).toEqual({ rows: 1, amount: 0.5 });
    const run = RejectThresholds.parse({ min_rows: 0, required: { rows: 0.1 }, optional: 0.2 });
    expect([run.min_rows, run.required, run.optional]).toEqual([0, { rows: 0.1, amount: 0.02 }, { rows: 0.2, amount: 0.2 }]);
    const own = sourceThresholds(run, { required: { amount: 0.3 }, reference: 0.4 });
    expect([own.min_rows, own.required, own.reference, own.optional]).toEqual([0, { rows: 0.1, amount: 0.3 }, { rows: 0.4, amount: 0.4 }, { rows: 0.2, amount: 0.2 }]);
    expect(() => RejectThresholds.parse({ required: { row: 0.1 } })).toThrow();
    expect(() => RejectThresholds.parse({ required: 2 })).toThrow();
  });
});

describe("DuckDB settings", () => {
  it("never installs or autoloads an extension, and keeps the memory limit", async () => {
    const dir = tempDir();
    const db = await openDb(path.join(dir, "x.duckdb"), "512MB");
    const [s] = await db.rows<Record<string, unknown>>(
      `SELECT current_setting('autoinstall_known_extensions') AS install, current_setting('autoload_known_extensions') AS load, current_setting('memory_limit') AS mem`,
    );
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    expect(s).toEqual({ install: false, load: false, mem: "488.2 MiB" });
  });
});

describe("formats", () => {
  it("an .xlsx that is an Office compound file (saved with a password) is said to be one, not an old .xls", async () => {
    const { detectFormat } = await import("../../loaders/ingest/formats.ts");
    const cfb = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    expect(() => detectFormat("/x/销售.xlsx", cfb)).toThrow(/销售\.xlsx: is a password-protected \(encrypted\) workbook, or an old \.xls renamed: remove the password/);
    expect(() => detectFormat("/x/old.xls", cfb)).toThrow(/is an old binary Excel \(\.xls\) file/);
  });
});
