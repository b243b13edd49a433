// The staging query: one pass over the raw export that parses every mapped column in SQL and
// keeps, per row, the parsed values, whether it is a total row (合计) and its problems (if any).
import { columnsOf, dataColumnsOf, mappableColumnsOf, type ColumnDef, type TableName, type ValueKind } from "../schema/index.ts";
import { ambiguousDetail, dateCols, dateInOrderSql, dateProblemSql, dateSteps, rangeReasonSql, timeReason, type DateOptions, type DateRange } from "./dates.ts";
import { convertedSql, foreignSignSql, rowCurrencyReasonSql, rowCurrencySql, rowRateSql, type CurrencyPlan, type Money } from "./currency.ts";
import { derivedSql, missingReasonOf, problemClassSql, type LinePlan } from "./derive_lines.ts";
import type { Db } from "./duck.ts";
import { ident, lit } from "./duck.ts";
import { isMoney, type ColumnMapping } from "./headers.ts";
import type { RawSource } from "./raw.ts";
import { defaultParseOptions, formulaReason, parseSql, reasonSql, totalSql, wholeSql, type ParseOptions } from "./values.ts";

/** Kinds parsed straight from the raw text. */
const rawParsed = new Set<ValueKind>(["number", "integer", "influence", "date"]);

/** Why a row was not loaded, most serious first (a row counts under the first that applies). */
export const rejectClasses = ["structure", "total", "excluded", "required", "no_customer", "duplicate", "reference", "optional"] as const;
export type RejectClass = (typeof rejectClasses)[number];

export interface StageOptions {
  sourceFile: string;
  /** How this source writes its dates. */
  dates: DateOptions;
  /** How it writes numbers (decimal separator). */
  parse?: ParseOptions;
  /** order_lines: what is derived and how lines are typed (derive_lines.ts). */
  lines?: LinePlan;
  /** The report's currency and how the file's money reaches it (currency.ts): a plan when it is
   * in another currency, null when it is in the report's already. */
  currency?: { plan: CurrencyPlan | null; money: Money };
}

/** The parse steps of one mapped column: per level, `expr AS name`; the last level gives `v_<col>`. */
function valueSteps(c: ColumnDef, s: string, dates: DateOptions, parse: ParseOptions): string[][] {
  if (c.kind === "date") return dateSteps(c.name, s, dates);
  const w = wholeSql(c.kind, ident(`n_${c.name}`));
  if (w === null) return [[`${parseSql(c.kind, s, parse)} AS ${ident(`v_${c.name}`)}`]];
  return [[`${parseSql(c.kind, s, parse)} AS ${ident(`n_${c.name}`)}`], [`${w} AS ${ident(`v_${c.name}`)}`]];
}

/** CREATE TABLE `name` with the canonical table's columns (typed, with source_file and source_row),
 * `total_label` and `problems`, plus a tag `o_<col>` per date column read in auto day/month order
 * (for resolveDayMonth; dropped by it). */
export function stageSql(name: string, table: TableName, raw: RawSource, mapping: ColumnMapping, range: DateRange, opts: StageOptions): string {
  const parse = opts.parse ?? defaultParseOptions;
  // Stored data columns and inputs (profit, margin) the export maps.
  const mapped = mappableColumnsOf(table).filter((c) => mapping.index.has(c.name));
  const s = (c: string) => ident(`s_${c}`);
  const firstMapped = mapped.some((c) => mapping.index.get(c.name) === 0);
  const src = [
    raw.rowSql ? `${raw.rowSql} AS _row` : "NULL AS _none0",
    ...(firstMapped ? [] : [`kam_blank(${raw.columns[0]}) AS s__first`]),
    // Numbers and dates parse the raw text (their casts ignore spaces): blank is only checked
    // where the parse failed, which saves a per-value check on most columns.
    ...mapped.map((c) => `${rawParsed.has(c.kind) ? "" : "kam_blank"}(${raw.columns[mapping.index.get(c.name)!]}) AS ${s(c.name)}`),
  ];
  // Each level may use the names the levels before it gave: the values' steps, then the derivations.
  const steps = mapped.map((c) => valueSteps(c, s(c.name), opts.dates, parse));
  const levels = Array.from({ length: Math.max(0, ...steps.map((st) => st.length)) }, (_, i) => steps.flatMap((st) => st[i] ?? []));
  const derived = opts.lines ? derivedSql(opts.lines, (c) => mapping.index.has(c)) : { levels: [], values: new Map<string, string>(), problems: [] };
  levels.push(...derived.levels);
  // Money in another currency, converted after the derivations (they work in the export's currency):
  // the row's currency and rate, then each money column in the report's currency.
  const money = opts.currency?.money;
  const fx = opts.currency?.plan && money ? { plan: opts.currency.plan, money } : undefined;
  // The currency the file's amounts are in, when no column gives each row's: a value written with
  // another currency's sign ($12.00 in a CNY file) is refused rather than read as the file's.
  const fileCode = money && fx?.plan.kind !== "row" ? (fx?.plan.kind === "file" ? fx.plan.code : money.report) : null;
  const converted = fx ? columnsOf(table).filter((c) => isMoney(c) && (mapping.index.has(c.name) || derived.values.has(c.name))) : [];
  const exportValue = (c: ColumnDef) => (derived.values.get(c.name) ?? ident(`v_${c.name}`));
  if (fx?.plan.kind === "row") levels.push([`${rowCurrencySql("v_currency", fx.plan.blank)} AS w_currency`], [`${rowRateSql("w_currency", fx.money)} AS w_rate`]);
  if (fx) levels.push(converted.map((c) => `${convertedSql(exportValue(c), fx.plan.kind === "file" ? fx.plan.rate : "w_rate")} AS ${ident(`w_fx_${c.name}`)}`));
  const reason = (c: ColumnDef) => {
    const v = ident(`v_${c.name}`);
    const range_ = c.kind === "date" ? rangeReasonSql(v, range) : "NULL";
    const blank = rawParsed.has(c.kind) ? `kam_blank(${s(c.name)})` : s(c.name);
    const parsed = c.kind === "date" ? dateProblemSql(c.name, opts.dates) : reasonSql(c.kind, s(c.name), parse);
    // (a workbook saved by a program that does not calculate: every formula cell is refused; say so)
    const bad = raw.formulas ? `CASE WHEN starts_with(${s(c.name)}, '=') THEN ${lit(formulaReason)} ELSE ${parsed} END` : parsed;
    const read = (isMoney(c) && fileCode && money && foreignSignSql(s(c.name), fileCode, money)) || range_;
    return `CASE WHEN ${v} IS NOT NULL THEN ${read} WHEN ${blank} IS NULL THEN ${c.required ? lit(missingReasonOf(table, c.name)) : "NULL"} ELSE ${bad} END`;
  };
  // Problems: one per mapped column, then those of the derivations.
  const checks = [
    ...mapped.map((c) => ({ column: c.name, raw: s(c.name), reason: reason(c), cls: problemClassSql(table, c.name, c.required, ident(`e_${c.name}`)), e: ident(`e_${c.name}`) })),
    ...derived.problems.map((p, i) => ({ ...p, cls: lit(p.cls), e: ident(`e_derived${i}`) })),
    ...(fx ? [currencyCheck(fx, converted, exportValue)] : []),
  ];
  const reasons = checks.map((c) => `${c.reason} AS ${c.e}`);
  const problem = (c: (typeof checks)[number]) => `{'column': ${lit(c.column)}, 'raw': ${c.raw}, 'reason': ${c.e}, 'class': ${c.cls}}`;
  const anyProblem = checks.map((c) => `${c.e} IS NOT NULL`).join(" OR ") || "false";
  // Total rows carry their label in the first column or in an id column.
  const labelled = [...(firstMapped ? [] : ["s__first"]), ...mapped.filter((c) => c.kind === "id").map((c) => s(c.name))];
  // A row with a problem (a 合计 line usually lacks a date, a line number, ...) is a total when any
  // of those columns holds a total label; a row with every value valid only when its first column
  // does (合计 with every field filled in): checking every id of every row would cost too much.
  const firstColumn = firstMapped ? s(mapped.find((c) => mapping.index.get(c.name) === 0)!.name) : "s__first";
  const totalLabel = `CASE WHEN ${anyProblem} THEN CASE ${labelled.map((l) => `WHEN ${totalSql(l)} THEN ${l}`).join(" ")} END
    WHEN ${totalSql(firstColumn)} THEN ${firstColumn} END`;
  // The canonical table's layout first (so that a clean stage can become the table itself),
  // then what the classification needs.
  const value = (c: ColumnDef) =>
    converted.some((m) => m.name === c.name)
      ? ident(`w_fx_${c.name}`)
      : derived.values.has(c.name)
      ? `CAST(${derived.values.get(c.name)} AS ${c.duckdb})`
      : mapping.index.has(c.name)
        ? ident(`v_${c.name}`)
        : `CAST(NULL AS ${c.duckdb})`;
  const out = [
    ...columnsOf(table).map((c) =>
      c.name === "source_file"
        ? `${lit(opts.sourceFile)} AS source_file`
        : c.name === "source_row"
          ? // For CSV: set afterwards from the stage's rowid (ingest_file.ts).
            `CAST(${raw.rowSql ? "_row" : "NULL"} AS INTEGER) AS source_row`
          : `${value(c)} AS ${ident(c.name)}`,
    ),
    `${totalLabel} AS total_label`,
    `CASE WHEN ${anyProblem} THEN list_filter([${checks.map(problem).join(", ")}], p -> p.reason IS NOT NULL) END AS problems`,
    ...autoDateColumns(table, mapping, opts.dates).map((c) => dateCols(c).tag),
    ...(fx?.plan.kind === "row" ? ["w_currency AS kam_currency"] : []),
  ];
  const ctes = [`src AS (SELECT ${src.join(", ")} FROM ${raw.from})`];
  levels.forEach((exprs, i) => ctes.push(`l${i + 1} AS (SELECT *, ${exprs.join(", ") || `NULL AS _none${i}`} FROM ${i ? `l${i}` : "src"})`));
  ctes.push(`checked AS (SELECT *, ${reasons.join(", ") || "NULL AS _nonec"} FROM ${levels.length ? `l${levels.length}` : "src"})`);
  return `CREATE OR REPLACE TABLE ${name} AS
WITH ${ctes.join(",\n")}
SELECT ${out.join(",\n  ")} FROM checked`;
}

/** The problem of a row whose money cannot be had in the report's currency: a currency the config has
 * no rate for (or none at all), or an amount too large once converted. Its class is `required`: the
 * row's amounts are unusable. */
function currencyCheck(fx: { plan: CurrencyPlan; money: Money }, converted: ColumnDef[], exportValue: (c: ColumnDef) => string) {
  const tooLarge = converted.map(
    (c) => `WHEN ${exportValue(c)} IS NOT NULL AND ${ident(`w_fx_${c.name}`)} IS NULL THEN ${lit(`${c.name} too large once converted to ${fx.money.report}: at most 14 digits before the decimal point`)}`,
  );
  const row = fx.plan.kind === "row";
  const reasons = [...(row ? [rowCurrencyReasonSql("w_currency", "w_rate", fx.money)] : []), ...(tooLarge.length ? [`CASE ${tooLarge.join(" ")} END`] : [])];
  return {
    column: row ? "currency" : (converted[0]?.name ?? "amount"),
    raw: row ? ident("s_currency") : "NULL",
    reason: reasons.length ? `coalesce(${reasons.join(", ")})` : "NULL",
    cls: lit("required"),
    e: ident("e_currency_rate"),
  };
}

/** Date columns of the stage read in auto day/month order (they carry a tag column). */
export const autoDateColumns = (table: TableName, mapping: ColumnMapping, dates: DateOptions) =>
  dates.order === "auto" ? dataColumnsOf(table).filter((c) => c.kind === "date" && mapping.index.has(c.name)).map((c) => c.name) : [];

/**
 * Settle the day/month order of auto-read date columns from the column as a whole: when the values
 * only one order can read all agree, the ambiguous values are read in that order (and checked
 * against the range again); otherwise their reason says why they stay ambiguous. (The tags are working columns: they go with
 * total_label and problems.)
 */
export async function resolveDayMonth(db: Db, stage: string, table: TableName, mapping: ColumnMapping, range: DateRange, dates: DateOptions): Promise<void> {
  for (const col of autoDateColumns(table, mapping, dates)) {
    const { tag } = dateCols(col);
    const [ev] = await db.rows<{ dmy: number; mdy: number; ambiguous: number }>(
      `SELECT count(*) FILTER (${tag} = 1) AS dmy, count(*) FILTER (${tag} = 2) AS mdy, count(*) FILTER (${tag} = 3) AS ambiguous FROM ${stage}`,
    );
    if (ev.ambiguous > 0 && (ev.dmy > 0) !== (ev.mdy > 0)) {
      const order = ev.dmy > 0 ? "dmy" : "mdy";
      const mine = `list_filter(problems, x -> x.column = ${lit(col)})[1]`;
      const v = ident("v");
      const reason = `CASE WHEN ${v} IS NULL THEN ${lit(timeReason)} ELSE ${rangeReasonSql(v, range)} END`;
      const kept = `list_concat(list_filter(problems, x -> x.column <> ${lit(col)}),
        CASE WHEN r IS NULL THEN [] ELSE [{'column': ${lit(col)}, 'raw': p.raw, 'reason': r, 'class': p.class}] END)`;
      await db.exec(
        `UPDATE ${stage} SET ${ident(col)} = u.v, problems = u.problems, total_label = CASE WHEN u.problems IS NULL THEN NULL ELSE ${stage}.total_label END
         FROM (SELECT rid, v, CASE WHEN len(k) > 0 THEN k END AS problems FROM (
                 SELECT rid, v, ${kept} AS k FROM (
                   SELECT rid, v, p, problems, ${reason} AS r FROM (
                     SELECT rowid AS rid, ${mine} AS p, problems, ${dateInOrderSql(`${mine}.raw`, order, dates)} AS v FROM ${stage} WHERE ${tag} = 3)))) u
         WHERE ${stage}.rowid = u.rid`,
      );
    } else if (ev.ambiguous > 0 && ev.dmy > 0 && ev.mdy > 0) {
      const why = lit(ambiguousDetail.both(ev.dmy, ev.mdy));
      await db.exec(
        `UPDATE ${stage} SET problems = list_transform(problems, x -> CASE WHEN x.column = ${lit(col)}
           THEN {'column': x.column, 'raw': x.raw, 'reason': ${why}, 'class': x.class} ELSE x END) WHERE ${tag} = 3`,
      );
    }
  }
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
