// The staging query: one pass over the raw export that parses every mapped column in SQL and
// keeps, per row, the parsed values, whether it is a total row (合计) and its problems (if any).
import { dataColumnsOf, type TableName, type ValueKind } from "../schema/index.ts";
import { ident, lit } from "./duck.ts";
import type { ColumnMapping } from "./headers.ts";
import type { RawSource } from "./raw.ts";
import { dateRangeReason, defaultParseOptions, missingReason, outOfRangeSql, parseSql, reasonSql, totalSql, wholeSql, type DateRange, type ParseOptions } from "./values.ts";

/** Kinds parsed straight from the raw text. */
const rawParsed = new Set<ValueKind>(["number", "integer", "influence", "date"]);

/** Why a row was not loaded, most serious first (a row counts under the first that applies). */
export const rejectClasses = ["structure", "total", "required", "duplicate", "reference", "optional"] as const;
export type RejectClass = (typeof rejectClasses)[number];

/** CREATE TABLE `name` with the canonical table's columns (typed, with source_file and source_row),
 * `total_label` and `problems`. */
export function stageSql(
  name: string,
  table: TableName,
  raw: RawSource,
  mapping: ColumnMapping,
  range: DateRange,
  opts: { sourceFile: string; temp: boolean; parse?: ParseOptions },
): string {
  const parse = opts.parse ?? defaultParseOptions;
  const cols = dataColumnsOf(table);
  const mapped = cols.filter((c) => mapping.index.has(c.name));
  const s = (c: string) => ident(`s_${c}`);
  const firstMapped = mapped.some((c) => mapping.index.get(c.name) === 0);
  const src = [
    raw.rowSql ? `${raw.rowSql} AS _row` : "NULL AS _none0",
    ...(firstMapped ? [] : [`kam_blank(${raw.columns[0]}) AS s__first`]),
    // Numbers and dates parse the raw text (their casts ignore spaces): blank is only checked
    // where the parse failed, which saves a per-value check on most columns.
    ...mapped.map((c) => `${rawParsed.has(c.kind) ? "" : "kam_blank"}(${raw.columns[mapping.index.get(c.name)!]}) AS ${s(c.name)}`),
  ];
  const parsed = mapped.map((c) => `${parseSql(c.kind, s(c.name), parse)} AS ${ident(`${wholeSql(c.kind, "") === null ? "v" : "n"}_${c.name}`)}`);
  const wholes = mapped.flatMap((c) => {
    const w = wholeSql(c.kind, ident(`n_${c.name}`));
    return w ? [`${w} AS ${ident(`v_${c.name}`)}`] : [];
  });
  const reason = (c: (typeof cols)[number]) => {
    const v = ident(`v_${c.name}`);
    const range_ = c.kind === "date" ? `CASE WHEN ${outOfRangeSql(v, range)} THEN ${lit(dateRangeReason(range))} END` : "NULL";
    const blank = rawParsed.has(c.kind) ? `kam_blank(${s(c.name)})` : s(c.name);
    return `CASE WHEN ${v} IS NOT NULL THEN ${range_} WHEN ${blank} IS NULL THEN ${c.required ? lit(missingReason) : "NULL"} ELSE ${reasonSql(c.kind, s(c.name), parse)} END`;
  };
  const reasons = mapped.map((c) => `${reason(c)} AS ${ident(`e_${c.name}`)}`);
  const problem = (c: (typeof cols)[number]) =>
    `{'column': ${lit(c.name)}, 'raw': ${s(c.name)}, 'reason': ${ident(`e_${c.name}`)}, 'class': ${lit(c.required ? "required" : "optional")}}`;
  const anyProblem = mapped.map((c) => `${ident(`e_${c.name}`)} IS NOT NULL`).join(" OR ") || "false";
  // Total rows carry their label in the first column or in an id column.
  const labelled = [...(firstMapped ? [] : ["s__first"]), ...mapped.filter((c) => c.kind === "id").map((c) => s(c.name))];
  // Only rows with a problem can be total rows (a 合计 line lacks a date, a line number, ...):
  // checking the others would cost a string search per id for nothing.
  const totalLabel = `CASE WHEN ${anyProblem} THEN CASE ${labelled.map((l) => `WHEN ${totalSql(l)} THEN ${l}`).join(" ")} END END`;
  // The canonical table's layout first (so that a clean stage can become the table itself),
  // then what the classification needs.
  const out = [
    ...cols.map((c) => (mapping.index.has(c.name) ? `${ident(`v_${c.name}`)} AS ${ident(c.name)}` : `CAST(NULL AS ${c.duckdb}) AS ${ident(c.name)}`)),
    `${lit(opts.sourceFile)} AS source_file`,
    // For CSV: set afterwards from the stage's rowid (ingest_file.ts).
    `CAST(${raw.rowSql ? "_row" : "NULL"} AS INTEGER) AS source_row`,
    `${totalLabel} AS total_label`,
    `CASE WHEN ${anyProblem} THEN list_filter([${mapped.map(problem).join(", ")}], p -> p.reason IS NOT NULL) END AS problems`,
  ];
  return `CREATE OR REPLACE ${opts.temp ? "TEMP " : ""}TABLE ${name} AS
WITH src AS (SELECT ${src.join(", ")} FROM ${raw.from}),
parsed AS (SELECT *, ${parsed.join(", ") || "NULL AS _none"} FROM src),
whole AS (SELECT *, ${wholes.join(", ") || "NULL AS _none1"} FROM parsed),
checked AS (SELECT *, ${reasons.join(", ") || "NULL AS _none2"} FROM whole)
SELECT ${out.join(",\n  ")} FROM checked`;
}

/** Row segments for CSV line numbers: position r (0-based, among the rows DuckDB yielded)
 * is on line r + off of the segment with the largest `from` <= r; `skipped` are lines that gave no row. */
export function lineSegments(skipped: number[]): { from: number; off: number }[] {
  const segs = [{ from: 0, off: 2 }]; // the header is line 1
  for (const line of [...new Set(skipped)].filter((l) => l >= 2).sort((a, b) => a - b)) {
    const last = segs[segs.length - 1];
    const from = line - last.off;
    const off = last.off + 1;
    if (from === last.from) last.off = off;
    else segs.push({ from, off });
  }
  return segs;
}
