// The sample against the real ingest: with no config, every export is read, the rows the
// ground truth plants as dirty are exactly the ones rejected (same row, same column), the
// 合计 row is recognised, and everything else loads.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../loaders/config/index.ts";
import { ingestSources, type IngestResult } from "../../loaders/ingest/index.ts";
import { generateSample } from "../../loaders/sample/index.ts";
import { duckdb, rows, tempDir } from "./helpers.ts";

const TABLES: Record<string, string> = {
  "order_lines.csv": "order_lines",
  "customers.xlsx": "customers",
  "payments.csv": "payments",
  "visits.csv": "visits",
  "quality_claims.csv": "quality_claims",
};

let dir: string;
let truth: any;
let result: IngestResult;
let rejects: { file: string; row_number: number; column_name: string }[];
let loaded: Record<string, number>;

beforeAll(async () => {
  dir = tempDir("ingest");
  const sample = path.join(dir, "sample");
  await generateSample({ dir: sample });
  truth = JSON.parse(fs.readFileSync(path.join(sample, "ground_truth.json"), "utf8"));
  const saved = process.env.KAM_SAMPLE_DIR;
  process.env.KAM_SAMPLE_DIR = sample; // the default sources are the sample folder's files
  try {
    const config = parseConfig({});
    const dbFile = path.join(dir, "kam.duckdb");
    result = await ingestSources({ config, dbFile, log: () => {}, rejectsDir: path.join(dir, "rejects") });
    const { con, close } = await duckdb();
    try {
      await con.run(`attach '${dbFile}' as w (read_only)`);
      rejects = await rows(con, `select regexp_extract(source_file, '[^/\\\\]+$') as file, row_number::int as row_number, coalesce(column_name, '') as column_name
                                 from w.ingest_rejects order by all`);
      loaded = {};
      for (const table of Object.values(TABLES)) loaded[table] = Number((await rows<{ n: bigint }>(con, `select count(*) as n from w.${table}`))[0].n);
    } finally {
      close();
    }
  } finally {
    if (saved === undefined) delete process.env.KAM_SAMPLE_DIR;
    else process.env.KAM_SAMPLE_DIR = saved;
  }
}, 300_000);

afterAll(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

describe("the sample through the ingest", () => {
  it("ingests every export with no config and succeeds", () => {
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.files.map((f) => path.basename(f.path)).sort()).toEqual(Object.keys(TABLES).sort());
    for (const f of result.files) expect(f.loaded + f.rejected, f.path).toBe(f.read);
  });

  it("rejects exactly the planted dirty rows, at their rows and columns, plus the 合计 row", () => {
    const expected = Object.entries(truth.dirty_rows as Record<string, { source_row: number; column: string }[]>)
      .flatMap(([file, list]) => list.map((d) => ({ file, row_number: d.source_row, column_name: d.column })));
    const total = { file: "order_lines.csv", row_number: truth.total_rows["order_lines.csv"] + 1 };
    const isTotal = (r: { file: string; row_number: number }) => r.file === total.file && r.row_number === total.row_number;
    expect(rejects.filter(isTotal)).toHaveLength(1);
    const sort = (a: { file: string; row_number: number }, b: { file: string; row_number: number }) =>
      a.file.localeCompare(b.file) || a.row_number - b.row_number;
    expect(rejects.filter((r) => !isTotal(r)).sort(sort)).toEqual(expected.sort(sort));
  });

  it("loads everything else: the ground truth's counts", () => {
    expect(loaded.order_lines).toBe(truth.counts.order_lines);
    expect(loaded.customers).toBe(truth.counts.customers);
    expect(loaded.payments).toBe(truth.counts.payments);
    expect(loaded.visits).toBe(truth.counts.visits);
    expect(loaded.quality_claims).toBe(truth.counts.quality_claims);
  });
});
