// Against an independent source of truth: the sample generator (loaders/sample) plants bad
// rows and lists them in ground_truth.json; the ingest must reject exactly those (plus the
// 合计 row) and load exactly the counts the generator reports, with no config at all.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../loaders/config/index.ts";
import { ingestSources, type FileSummary } from "../../loaders/ingest/index.ts";
import { generateSample } from "../../loaders/sample/index.ts";
import { query, tempDir } from "./helpers.ts";

interface Truth {
  counts: Record<string, number>;
  dirty_rows: Record<string, { row: number; column: string; reason: string; raw: string }[]>;
  data_rows: Record<string, number>;
}

const dir = tempDir();
let truth: Truth;
let files: FileSummary[];
let ok: boolean;

beforeAll(async () => {
  const sample = path.join(dir, "sample");
  await generateSample({ dir: sample, lines: 20_000 });
  truth = JSON.parse(fs.readFileSync(path.join(sample, "ground_truth.json"), "utf8"));
  process.env.KAM_SAMPLE_DIR = sample;
  const result = await ingestSources({ config: parseConfig({}), dbFile: path.join(dir, "kam.duckdb"), rejectsDir: path.join(dir, "rejects"), log: () => {} });
  files = result.files;
  ok = result.ok;
}, 300_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const tableOf: Record<string, string> = {
  "order_lines.csv": "order_lines",
  "customers.xlsx": "customers",
  "payments.csv": "payments",
  "visits.csv": "visits",
  "quality_claims.csv": "quality_claims",
};

describe("the bundled sample, with the default config", () => {
  it("ingests successfully, customers first", () => {
    expect(ok).toBe(true);
    expect(files.map((f) => path.basename(f.path))).toEqual(["customers.xlsx", "order_lines.csv", "payments.csv", "quality_claims.csv", "visits.csv"]);
  });

  it("loads exactly the rows the generator wrote as good", () => {
    for (const f of files) expect([path.basename(f.path), f.loaded]).toEqual([path.basename(f.path), truth.counts[tableOf[path.basename(f.path)]]]);
  });

  it("reads every data row and rejects exactly the planted bad rows, on their rows and columns", async () => {
    for (const f of files) {
      const name = path.basename(f.path);
      expect([name, f.read]).toEqual([name, truth.data_rows[name]]);
      const rejects = await query<{ row_number: number; column_name: string | null; raw_value: string | null; reason_class: string }>(
        dir,
        `SELECT row_number, column_name, raw_value, reason_class FROM ingest_rejects WHERE table_name = '${tableOf[name]}' AND reason_class <> 'total' ORDER BY row_number`,
      );
      // ground_truth rows count data rows from 1; the rejects give the line in the file (header = 1).
      const expected = truth.dirty_rows[name].map((d) => ({
        row_number: d.row + 1,
        column_name: d.column,
        raw_value: d.raw === "" ? null : d.raw,
        reason_class: d.reason === "unknown_customer_id" ? "reference" : ["industry_influence"].includes(d.column) ? "optional" : d.column === "hours" ? "optional" : "required",
      }));
      expect(rejects).toEqual(expected);
    }
  });

  it("rejects the final 合计 row of the order lines as a total row", async () => {
    const totals = await query(dir, `SELECT table_name, row_number, raw_value FROM ingest_rejects WHERE reason_class = 'total'`);
    expect(totals).toEqual([{ table_name: "order_lines", row_number: truth.data_rows["order_lines.csv"] + 1, raw_value: "合计" }]);
  });
});
