// The `ingest` section of the config: which exports to load and how strict to be.
// Every field has a default; an absent config ingests the bundled sample.
import { z } from "zod";
import { isoDate, memoryLimit } from "./common.ts";
import { dataColumnsOf, isTableName, tableNames } from "../schema/index.ts";

/** Largest share (0-1) of a file's rows that may be rejected for each kind of problem before the run fails. */
export const RejectThresholds = z.object({
  /** A required column (id, date, amount, ...) missing or unreadable. Default 0: any such reject fails the run. */
  required: z.number().min(0).max(1).default(0),
  /** Rows the CSV reader could not split into the header's columns (ragged rows). Default 0. */
  structure: z.number().min(0).max(1).default(0),
  /** The same key twice in one file (order_id + line_no, customer_id). Default 0. */
  duplicate: z.number().min(0).max(1).default(0),
  /** A customer id that the customers export does not know. Default 0.05 (exports are rarely in sync). */
  reference: z.number().min(0).max(1).default(0.05),
  /** An optional column (cost, discount, rating, ...) with an unreadable value. Default 0.01. */
  optional: z.number().min(0).max(1).default(0.01),
});

export const SourceConfig = z
  .object({
    /** The export file: absolute, or relative to the config file's folder (resolved by parseConfig). */
    path: z.string().min(1),
    /** Canonical table it feeds; guessed from the file name, then from the headers, when absent. */
    table: z.enum(tableNames as [string, ...string[]]).optional(),
    /** File format; from the extension when absent (.csv .txt .tsv .xlsx .parquet). */
    format: z.enum(["csv", "tsv", "xlsx", "parquet"]).optional(),
    /** Text encoding of CSV/TSV: auto = strict UTF-8 (BOM or not), else GB18030 (a superset of GBK). */
    encoding: z.enum(["auto", "utf-8", "gb18030", "gbk"]).default("auto"),
    /** XLSX worksheet name; default the first sheet. */
    sheet: z.string().min(1).optional(),
    /** CSV field delimiter; default `,` (`\t` for .tsv). */
    delimiter: z.string().length(1).optional(),
    /** Decimal separator of the numbers in a CSV/TSV: "." (default: 1,234.56) or "," (1.234,56,
     *  with "." or a space as the thousands separator). XLSX and Parquet store numbers as numbers. */
    decimal_separator: z.enum([".", ","]).optional(),
    /** Canonical column -> header in this file, for headers the built-in aliases do not know. */
    mapping: z.record(z.string(), z.string().min(1)).default({}),
    /** Thresholds for this source only, overriding `ingest.reject_thresholds` field by field. */
    reject_thresholds: RejectThresholds.partial().optional(),
  })
  .superRefine((s, ctx) => {
    if (!s.table || !isTableName(s.table)) return;
    const known = dataColumnsOf(s.table).map((c) => c.name);
    for (const key of Object.keys(s.mapping)) {
      if (!known.includes(key))
        ctx.addIssue({
          code: "custom",
          path: ["mapping", key],
          message: `'${key}' is not a column of ${s.table}; expected one of ${known.join(", ")}`,
        });
    }
  });
export type SourceConfig = z.infer<typeof SourceConfig>;

export const IngestConfig = z.object({
  /** Include the bundled sample company's exports (from KAM_SAMPLE_DIR / data/sample). Default true. */
  sample: z.boolean().default(true),
  /** Further exports to load, after the sample's. Default none. */
  sources: z.array(SourceConfig).default([]),
  /** When rejects fail the run: shares per kind of problem (total rows 合计 never count). */
  reject_thresholds: RejectThresholds.prefault({}),
  /** Dates outside this range are rejected (typos such as 2204 or 1900 Excel zero dates). */
  date_range: z
    .object({ min: isoDate.default("1990-01-01"), max: isoDate.default("2100-12-31") })
    .prefault({}),
  /** DuckDB memory_limit during the ingest. Default 1.5GB, so that DuckDB plus Node stay under
   * 2 GB of memory (issue 3); DuckDB spills to disk beyond it. */
  memory_limit: memoryLimit,
});
export type IngestConfig = z.infer<typeof IngestConfig>;
