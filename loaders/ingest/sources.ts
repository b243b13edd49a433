// The list of exports to ingest: the bundled sample's (unless switched off), the config's,
// or the files and folders given on the command line; customers first.
import fs from "node:fs";
import path from "node:path";
import type { IngestConfig, SourceConfig } from "../config/ingest.ts";
import { sampleDir } from "../paths.ts";
import { tableNames } from "../schema/index.ts";
import { guessTable } from "./headers.ts";

export type Source = Omit<SourceConfig, "table"> & { table?: string };

/** The bundled sample company's exports (read at call time, so KAM_SAMPLE_DIR is honoured). */
export function sampleSources(dir = sampleDir()): Source[] {
  const s = (file: string, table: string, extra: Partial<Source> = {}): Source => ({
    path: path.join(dir, file),
    table,
    encoding: "auto",
    mapping: {},
    ...extra,
  });
  // The sample plants a handful of bad rows in every export to show the rejects at work
  // (ground_truth.json lists them): allow them, where an analyst's own export fails on one.
  const demo = { reject_thresholds: { required: 0.01 } };
  return [
    s("customers.xlsx", "customers", { sheet: "客户档案", ...demo }),
    s("order_lines.csv", "order_lines", demo),
    s("payments.csv", "payments", demo),
    s("quality_claims.csv", "quality_claims", demo),
    s("visits.csv", "visits", demo),
  ];
}

const readable = /\.(csv|tsv|tab|txt|xlsx|xlsm|parquet)$/i;

/** Sources for a run: explicit files (folders expanded) take their options from a matching config source. */
export function resolveSources(config: IngestConfig, files?: string[]): Source[] {
  const configured: Source[] = [...(config.sample ? sampleSources() : []), ...config.sources];
  let list: Source[] = configured;
  if (files?.length) {
    const expanded = files.flatMap((f) => {
      const abs = path.resolve(f);
      if (fs.existsSync(abs) && fs.statSync(abs).isDirectory())
        return fs.readdirSync(abs).filter((n) => readable.test(n) && !n.endsWith(".rejects.csv")).sort().map((n) => path.join(abs, n));
      return [abs];
    });
    list = expanded.map((p) => configured.find((s) => s.path === p) ?? { path: p, encoding: "auto", mapping: {} });
  }
  const rank = (s: Source) => {
    const table = s.table ?? guessTable(s.path, null);
    return table ? tableNames.indexOf(table as never) : tableNames.length;
  };
  return list.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i).map(({ s }) => s);
}
