// Value parsing as DuckDB SQL over the raw all-VARCHAR columns, so that millions of rows are
// parsed in parallel inside DuckDB. Each kind gives a parse expression (NULL when the value
// cannot be read) and the reason written to the rejects when it cannot.
import { DECIMAL_TYPE } from "../schema/column.ts";
import type { ValueKind } from "../schema/index.ts";
import { lit } from "../warehouse/open.ts";
import { dateExpectation, dateMacros } from "./dates.ts";

export { dateRangeReason, type DateRange } from "./dates.ts";

// (and U+2212, the minus sign of typeset reports and web pages)
const fullWidth = "０１２３４５６７８９．，－＋（）／−";
const halfWidth = "0123456789.,-+()/-";

/** How a source writes the decimal separator: "." (1,234.56, the default) or "," (1.234,56). */
export type DecimalSeparator = "." | ",";

export interface ParseOptions {
  decimal: DecimalSeparator;
}
export const defaultParseOptions: ParseOptions = { decimal: "." };

// Numbers are parsed from their text straight to DECIMAL(18,4) (never through DOUBLE, whose
// 1.1 is not 1.1). Accepted, after full-width digits are made ASCII and ¥ ￥ $ RMB CNY 元 and
// surrounding spaces are removed: an optional sign (-1, +1, (1), 1-), then digits with at most
// one decimal separator, or digits grouped in threes by the thousands separator (1,234,567.89;
// 1 234 567.89 with a space, no-break or narrow no-break space), or plain digits with an
// exponent (1.2345e3, as Excel writes large and small numbers). Refused: other groupings
// (1,2,3; 12,34), digit separators (1_000), NaN and infinities, and magnitudes of 1e14 or more
// (too large for DECIMAL(18,4)). A fifth or later decimal is rounded half away from zero.
const SEP_SPACE = "[ \\x{00A0}\\x{202F}]";
const grammar = (dec: DecimalSeparator) => {
  const d = dec === "." ? "\\." : ",";
  const g = dec === "." ? "," : "\\.";
  return {
    plain: dec === "." ? `[0-9]+\\.?[0-9]*|\\.[0-9]+` : `[0-9]+,?[0-9]*|,[0-9]+`,
    /** Plain digits with an exponent (only with a decimal point, as Excel writes them). */
    exponent: dec === "." ? `([0-9]+\\.?[0-9]*|\\.[0-9]+)[eE][-+]?[0-9]+` : null,
    grouped: `[0-9]{1,3}(${g}[0-9]{3})+(${d}[0-9]*)?`,
    spaced: `[0-9]{1,3}(${SEP_SPACE}[0-9]{3})+(${d}[0-9]*)?`,
    /** The grouped forms to plain digits with a decimal point. */
    ungroup: (u: string) => (dec === "." ? `replace(${u}, ',', '')` : `replace(replace(${u}, '.', ''), ',', '.')`),
    unspace: (u: string) => `${dec === "." ? "" : "replace("}regexp_replace(${u}, '${SEP_SPACE}', '', 'g')${dec === "." ? "" : ", ',', '.')"}`,
    toPoint: (u: string) => (dec === "." ? u : `replace(${u}, ',', '.')`),
    /** The fast path's forms: -?digits, or digits grouped in threes, then an optional decimal part. */
    fast: `-?([0-9]+|[0-9]{1,3}(${g}[0-9]{3})+)(${d}[0-9]*)?`,
    /** Such a value as text DuckDB casts (grouping out, decimal point). */
    fastText: (u: string) => (dec === "." ? `replace(${u}, ',', '')` : `replace(replace(${u}, '.', ''), ',', '.')`),
  };
};
const suffix = (dec: DecimalSeparator) => (dec === "." ? "p" : "c");

/** For each decimal separator: kam_num_p / kam_num_c (text -> DECIMAL(18,4) or NULL) and their helpers.
 * DuckDB inlines a macro's argument wherever the body names it, so a value used several times is
 * bound once with a one-element list_transform (else the nested macros grow to thousands of copies
 * and a query takes a second to plan). */
const numberMacrosFor = (dec: DecimalSeparator) => {
  const x = suffix(dec);
  const gr = grammar(dec);
  return [
    // Unsigned number text -> plain text DuckDB casts exactly (digits and '.'), or NULL.
    `CREATE OR REPLACE TEMP MACRO kam_num_core_${x}(u) AS list_transform([u], lambda kam_u: CASE
       WHEN regexp_full_match(kam_u, '${gr.plain}') THEN ${gr.toPoint("kam_u")}
       WHEN regexp_full_match(kam_u, '${gr.grouped}') THEN ${gr.ungroup("kam_u")}
       WHEN regexp_full_match(kam_u, '${gr.spaced}') THEN ${gr.unspace("kam_u")}
       ${gr.exponent ? `WHEN regexp_full_match(kam_u, '${gr.exponent}') THEN kam_num_unexp(split_part(lower(kam_u), 'e', 1), split_part(lower(kam_u), 'e', 2))` : ""}
       END)[1]`,
    // Signs: -1 +1 (1) 1- split off as [sign, unsigned text], then the unsigned part read once.
    `CREATE OR REPLACE TEMP MACRO kam_num_text_${x}(t) AS list_transform([list_transform([t], lambda kam_t: CASE
       WHEN kam_t[1] = '(' AND kam_t[-1] = ')' THEN ['-', trim(kam_t[2:-2], ' ')]
       WHEN kam_t[-1] = '-' THEN ['-', rtrim(kam_t[1:-2], ' ')]
       WHEN kam_t[1] = '-' OR kam_t[1] = '+' THEN [kam_t[1], ltrim(kam_t[2:], ' ')]
       ELSE ['', kam_t] END)[1]], lambda kam_sb: kam_sb[1] || kam_num_core_${x}(kam_sb[2]))[1]`,
    // The whole grammar, cheapest forms first, COALESCE evaluating each only for values the one
    // before did not read: a plain number DuckDB's own cast reads; 1,234.56; then the grammar. DuckDB's cast
    // also takes forms ours does not (a digit separator '_', '0e0.', a lone '+' as 0), so
    // values with '_' or an exponent skip it, and a 0 from it counts only when the text has a 0 (the
    // property tests in test/ingest/numbers.test.ts look for more). With a decimal comma, every
    // value takes the grammar.
    `CREATE OR REPLACE TEMP MACRO kam_num_full_${x}(s) AS ${
      dec === "."
        ? `COALESCE(
           CASE WHEN NOT (contains(s, '_') OR contains(s, 'e') OR contains(s, 'E')) THEN NULLIF(TRY_CAST(s AS ${DECIMAL_TYPE}), 0) END,
           CASE WHEN contains(s, '0') AND NOT (contains(s, '_') OR contains(s, 'e') OR contains(s, 'E')) THEN TRY_CAST(s AS ${DECIMAL_TYPE}) END,
           CASE WHEN regexp_full_match(s, '-?[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]*)?') THEN TRY_CAST(replace(s, ',', '') AS ${DECIMAL_TYPE}) END,
           TRY_CAST(kam_num_text_${x}(kam_num_clean(s)) AS ${DECIMAL_TYPE}))`
        : `TRY_CAST(kam_num_text_${x}(kam_num_clean(s)) AS ${DECIMAL_TYPE})`
    }`,
    // The fast path: the forms exports nearly always write (plain digits with a decimal
    // separator, or thousands grouped in threes, optionally negative) are recognised by one
    // regular expression and cast; every other value takes the whole grammar (kam_num_full_*).
    // A failed TRY_CAST costs about four times a regex match, so no value is cast before it is
    // known to be castable; for these forms the grammar gives exactly that cast.
    `CREATE OR REPLACE TEMP MACRO kam_num_${x}(s) AS CASE WHEN regexp_full_match(s, '${gr.fast}') THEN TRY_CAST(${gr.fastText("s")} AS ${DECIMAL_TYPE}) ELSE kam_num_full_${x}(s) END`,
  ];
};

const numberMacros = [
  // Full-width forms to ASCII; currency signs and words out; surrounding spaces off.
  `CREATE OR REPLACE TEMP MACRO kam_num_clean(s) AS
     trim(regexp_replace(translate(s, '${fullWidth}', '${halfWidth}'), '¥|￥|\\$|RMB|CNY|元', '', 'gi'), ' \t\r\n\v\f\u00a0\u202f\u3000')`,
  // 1.2345e3 -> 1234.5 as text (DuckDB's own cast of exponents rounds wrongly: 7e-9 gives 0.0001).
  // The exponent is clamped a little beyond the mantissa's length: further out the value is 0
  // or far too large either way.
  `CREATE OR REPLACE TEMP MACRO kam_num_shift(d, p) AS CASE
     WHEN p <= 0 THEN '0.' || repeat('0', -p) || d
     WHEN p >= length(d) THEN d || repeat('0', p - length(d))
     ELSE d[1:p] || '.' || d[p + 1:] END`,
  `CREATE OR REPLACE TEMP MACRO kam_num_unexp(m, e) AS list_transform([[m, e]], lambda kam_me: kam_num_shift(replace(kam_me[1], '.', ''),
     coalesce(nullif(strpos(kam_me[1], '.'), 0) - 1, length(kam_me[1]))
       + greatest(-length(kam_me[1]) - 20, least(length(kam_me[1]) + 20,
           coalesce(TRY_CAST(kam_me[2] AS INTEGER), CASE WHEN kam_me[2][1] = '-' THEN -100000 ELSE 100000 END)))))[1]`,
  ...numberMacrosFor("."),
  ...numberMacrosFor(","),
];

/** Why a number could not be read (only evaluated for values that failed). */
function numberReasonSql(s: string, dec: DecimalSeparator): string {
  const x = suffix(dec);
  const other = dec === "." ? "c" : "p";
  const hint =
    dec === "."
      ? `expected a number with a decimal point: this looks like a decimal comma (1.234,56); if the export writes numbers so, set "decimal_separator": "," for this source`
      : `expected a number with a decimal comma (this source sets "decimal_separator": ","): this looks like a decimal point (1,234.56)`;
  const c = "kam_c";
  return `list_transform([kam_num_clean(${s})], lambda ${c}: CASE
    WHEN regexp_full_match(lower(${c}), '[-+]?(nan|inf|infinity)') THEN ${lit("not a finite number (NaN or infinity)")}
    WHEN kam_num_text_${x}(${c}) IS NOT NULL THEN ${lit("number too large: at most 14 digits before the decimal point (below 100,000,000,000,000)")}
    WHEN kam_num_text_${other}(${c}) IS NOT NULL THEN ${lit(hint)}
    WHEN regexp_full_match(${c}, '[-+(]?[0-9]+(${dec === "." ? "[, ]" : "[. ]"}[0-9]+)+(${dec === "." ? "\\." : ","}[0-9]*)?[)-]?') THEN ${lit(`expected a number: thousands separators group exactly three digits (${dec === "." ? "1,234,567.89" : "1.234.567,89"})`)}
    ELSE ${lit(expectation.number)} END)[1]`;
}

/** Macros the parse expressions use; created once per connection (TEMP: never stored in the warehouse). */
export const valueMacros = [
  // Blank is NULL; surrounding spaces (also tabs, full-width and no-break spaces) are removed.
  // Trimming every value costs more than reading the file, so only values that start or end with
  // such a space are trimmed (ord() and ends_with() are several times cheaper than a regex).
  // NB: never more than 4 constants in an IN list in the staging query: DuckDB turns a longer list
  // into a hash join, and the stage then loses the file's order that CSV row numbers rely on.
  `CREATE OR REPLACE TEMP MACRO kam_blank(r) AS CASE
     WHEN ord(r) IN (32, 9, 12288, 160) OR ends_with(r, ' ') OR ends_with(r, '\t') OR ends_with(r, '　') OR ends_with(r, '\u00a0') OR ends_with(r, '\u202f')
       THEN NULLIF(trim(r, ' \t\r\n　\u00a0\u202f'), '')
     WHEN r = '' THEN NULL ELSE r END`,
  ...numberMacros,
  // Ids that a spreadsheet turned into numbers: 17850.0 -> 17850, 1.785E4 or 1.785E+04 -> 17850.
  // Only values with a '.' or '+' are looked at (contains() is cheap), and only those exact forms
  // are rewritten: 1E5 (no dot, no plus) or A1.0 stay as written, they may be real codes.
  `CREATE OR REPLACE TEMP MACRO kam_id_exp(m, f, e) AS CASE WHEN f <= e THEN replace(m, '.', '') || repeat('0', CAST(e - f AS INTEGER)) END`,
  // The mantissa without trailing zeros after its point (1.7850E4 -> 1.785).
  `CREATE OR REPLACE TEMP MACRO kam_id_mantissa(s) AS regexp_replace(regexp_extract(s, '^[^eE]+'), '\\.?0*$', '')`,
  `CREATE OR REPLACE TEMP MACRO kam_id_slow(s) AS CASE
     WHEN regexp_full_match(s, '[0-9]+\\.0+') THEN regexp_replace(s, '\\.0+$', '')
     WHEN regexp_full_match(s, '[1-9](\\.[0-9]+)?[eE]\\+?[0-9]{1,2}') AND (contains(s, '.') OR contains(s, '+')) THEN
       coalesce(kam_id_exp(kam_id_mantissa(s), CASE WHEN contains(kam_id_mantissa(s), '.') THEN length(kam_id_mantissa(s)) - 2 ELSE 0 END, CAST(regexp_extract(s, '[0-9]+$') AS INTEGER)), s)
     ELSE s END`,
  `CREATE OR REPLACE TEMP MACRO kam_id(s) AS CASE WHEN contains(s, '.') OR contains(s, '+') THEN kam_id_slow(s) ELSE s END`,
  `CREATE OR REPLACE TEMP MACRO kam_int(v) AS CASE WHEN v = round(v) AND abs(v) < 2147483648 THEN CAST(v AS INTEGER) END`,
  `CREATE OR REPLACE TEMP MACRO kam_rating(s) AS CASE upper(s)
     WHEN 'A' THEN 'A' WHEN 'B' THEN 'B' WHEN 'C' THEN 'C' WHEN 'D' THEN 'D'
     WHEN '优' THEN 'A' WHEN '良' THEN 'B' WHEN '中' THEN 'C' WHEN '差' THEN 'D' END`,
  `CREATE OR REPLACE TEMP MACRO kam_visit_type(s) AS CASE lower(s)
     WHEN 'leadership' THEN 'leadership' WHEN '高层拜访' THEN 'leadership' WHEN '领导拜访' THEN 'leadership' WHEN '高层走访' THEN 'leadership'
     WHEN 'technical' THEN 'technical' WHEN '技术交流' THEN 'technical' WHEN '技术拜访' THEN 'technical' WHEN '技术走访' THEN 'technical'
     WHEN 'business' THEN 'business' WHEN '商务拜访' THEN 'business' WHEN '业务拜访' THEN 'business' WHEN '商务走访' THEN 'business' END`,
  ...dateMacros,
];

/** SQL parsing the blank-trimmed value `s` (VARCHAR) of the given kind. */
export function parseSql(kind: ValueKind, s: string, opts: ParseOptions = defaultParseOptions): string {
  switch (kind) {
    case "id":
      return `kam_id(${s})`;
    case "text":
      return s;
    case "number":
      return `kam_num_${suffix(opts.decimal)}(${s})`;
    case "share":
      // 0.2 or 20% (a percent sign divides by 100, exactly).
      return `(CASE WHEN ends_with(${s}, '%') THEN CAST(kam_num_${suffix(opts.decimal)}(rtrim(${s}, '% ')) * 0.01 AS ${DECIMAL_TYPE}) ELSE kam_num_${suffix(opts.decimal)}(${s}) END)`;
    case "integer":
    case "influence":
      return `kam_num_${suffix(opts.decimal)}(${s})`; // made whole (and checked 1-5) by wholeSql, on the parsed number

    case "date":
      throw new Error("dates are parsed in steps: see dateSteps (dates.ts)");
    case "rating":
      return `kam_rating(${s})`;
    case "visit_type":
      return `kam_visit_type(${s})`;
  }
}

/** Second step for whole-number kinds, on the number parsed by parseSql (so it is parsed once). */
export function wholeSql(kind: ValueKind, n: string): string | null {
  if (kind === "integer") return `kam_int(${n})`;
  // Not IN (1, 2, 3, 4, 5): DuckDB would make that list a join (see kam_blank).
  if (kind === "influence") return `(CASE WHEN ${n} BETWEEN 1 AND 5 AND ${n} = round(${n}) THEN CAST(${n} AS INTEGER) END)`;
  return null;
}

/** SQL: why the non-blank value `s` of this kind was refused (its parse gave NULL). */
export function reasonSql(kind: ValueKind, s: string, opts: ParseOptions = defaultParseOptions): string {
  return kind === "number" ? numberReasonSql(s, opts.decimal) : lit(expectation[kind]);
}

/** Why a non-blank value of this kind was refused. */
export const expectation: Record<ValueKind, string> = {
  id: "expected an id",
  text: "expected text",
  number: "expected a number (e.g. 1,234.50, ¥1234, (123) or 123- for negatives)",
  share: "expected a share (0.2 or 20%)",
  integer: "expected a whole number",
  influence: "expected a whole number from 1 to 5",
  date: dateExpectation,
  rating: "expected a credit rating A, B, C or D (优/良/中/差)",
  visit_type: "expected a visit type: leadership (高层拜访), technical (技术交流) or business (商务拜访)",
};

export const missingReason = "required value is missing";
/** An XLSX cell holding a formula without a calculated value (the workbook was written by a program that does not calculate). */
export const formulaReason =
  "a formula without a calculated value: the workbook was saved by a program that does not calculate; open and save it in Excel (or export the values)";
/** Labels of the total rows exports end with; matched after removing spaces and a trailing colon. */
export const totalLabels = ["合计", "总计", "小计", "总合计", "本页合计", "total", "grandtotal", "subtotal", "sum", "totals"];
// (substring tests first: they are cheap, and the regex then runs only on the few candidates)
export const totalSql = (s: string) =>
  `(CASE WHEN contains(${s}, '计') OR contains(${s}, 'otal') OR contains(${s}, 'OTAL') OR starts_with(${s}, 'sum') OR starts_with(${s}, 'Sum') OR starts_with(${s}, 'SUM')
     THEN regexp_full_match(lower(regexp_replace(${s}, '[\\s:：]', '', 'g')), '${totalLabels.join("|")}') ELSE false END)`;
