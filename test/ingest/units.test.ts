// The small pure pieces of the ingest, and the DuckDB settings it runs with.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDb } from "../../loaders/ingest/duck.ts";
import { normalizeHeader, guessTable } from "../../loaders/ingest/headers.ts";
import { headerWidth } from "../../loaders/ingest/read_csv.ts";
import { cellText } from "../../loaders/ingest/read_xlsx.ts";
import { lineSegments } from "../../loaders/ingest/stage.ts";
import { emptySummary } from "../../loaders/ingest/summary.ts";
import { thresholdBreach } from "../../loaders/ingest/thresholds.ts";
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
  it("fails on one required reject by default, never on totals", () => {
    const s = { ...emptySummary("f.csv", "order_lines"), read: 1000, rejectedBy: { required: 1, total: 5 } };
    expect(thresholdBreach(s, max)).toContain("1 rows rejected for required problems");
    expect(thresholdBreach({ ...s, rejectedBy: { total: 5, optional: 10 } }, max)).toBeNull();
    expect(thresholdBreach({ ...s, rejectedBy: { optional: 11 } }, max)).toContain("optional");
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
