// Value parsing as DuckDB SQL over the raw all-VARCHAR columns, so that millions of rows are
// parsed in parallel inside DuckDB. Each kind gives a parse expression (NULL when the value
// cannot be read) and the reason written to the rejects when it cannot.
import type { ValueKind } from "../schema/index.ts";

export interface DateRange {
  min: string;
  max: string;
}

const fullWidth = "０１２３４５６７８９．，－＋（）／";
const halfWidth = "0123456789.,-+()/";

/** Macros the parse expressions use; created once per connection (TEMP: never stored in the warehouse). */
export const valueMacros = [
  // Blank is NULL; surrounding spaces (also tabs, full-width spaces) are removed. Trimming
  // every value costs more than reading the file, so only values that start or end with such
  // a space are trimmed (ord() and ends_with() are several times cheaper than a regex).
  `CREATE OR REPLACE TEMP MACRO kam_blank(r) AS CASE
     WHEN ord(r) IN (32, 9, 12288) OR ends_with(r, ' ') OR ends_with(r, '\t') OR ends_with(r, '　') THEN NULLIF(trim(r, ' \t\r\n　'), '')
     WHEN r = '' THEN NULL ELSE r END`,
  // Numbers as exports write them: 1,234.50 ¥1234 ￥1234 RMB 1234 １２３４ (123) 123- -123.
  `CREATE OR REPLACE TEMP MACRO kam_num_clean(s) AS
     regexp_replace(translate(s, '${fullWidth}', '${halfWidth}'), '[\\s　,¥￥$]|RMB|CNY|元', '', 'gi')`,
  `CREATE OR REPLACE TEMP MACRO kam_num_signed(t) AS CASE
     WHEN regexp_full_match(t, '\\([0-9.]+\\)') THEN -TRY_CAST(t[2:-2] AS DOUBLE)
     WHEN regexp_full_match(t, '[0-9.]+-') THEN -TRY_CAST(t[1:-2] AS DOUBLE)
     WHEN regexp_full_match(t, '[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?') THEN TRY_CAST(t AS DOUBLE)
     END`,
  // Cheapest forms first: COALESCE only evaluates the next form for rows the previous could not read.
  `CREATE OR REPLACE TEMP MACRO kam_num(s) AS COALESCE(
     TRY_CAST(s AS DOUBLE),
     TRY_CAST(replace(s, ',', '') AS DOUBLE),
     kam_num_signed(kam_num_clean(s)))`,
  // Dates: 2024-01-05 (also with a time), 2024/1/5, 2024.1.5, 2024年1月5日, 20240105, Excel serials.
  `CREATE OR REPLACE TEMP MACRO kam_date_slow(t) AS CASE
     WHEN regexp_full_match(t, '[0-9]{8}') THEN try_strptime(t, '%Y%m%d')::DATE
     WHEN regexp_full_match(t, '[0-9]{5}(\\.[0-9]+)?') THEN DATE '1899-12-30' + CAST(floor(CAST(t AS DOUBLE)) AS INTEGER)
     WHEN regexp_full_match(t, '[0-9]{4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?([ T].*)?') THEN
       try_strptime(regexp_replace(regexp_extract(t, '^[0-9]{4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}'), '[/.年月]', '-', 'g'), '%Y-%m-%d')::DATE
     END`,
  `CREATE OR REPLACE TEMP MACRO kam_date(s) AS COALESCE(
     TRY_CAST(s AS DATE),
     kam_date_slow(trim(translate(s, '${fullWidth}', '${halfWidth}'), ' \t　')))`,
  `CREATE OR REPLACE TEMP MACRO kam_int(v) AS CASE WHEN v = round(v) AND abs(v) < 2147483648 THEN CAST(v AS INTEGER) END`,
  `CREATE OR REPLACE TEMP MACRO kam_rating(s) AS CASE upper(s)
     WHEN 'A' THEN 'A' WHEN 'B' THEN 'B' WHEN 'C' THEN 'C' WHEN 'D' THEN 'D'
     WHEN '优' THEN 'A' WHEN '良' THEN 'B' WHEN '中' THEN 'C' WHEN '差' THEN 'D' END`,
  `CREATE OR REPLACE TEMP MACRO kam_visit_type(s) AS CASE lower(s)
     WHEN 'leadership' THEN 'leadership' WHEN '高层拜访' THEN 'leadership' WHEN '领导拜访' THEN 'leadership' WHEN '高层走访' THEN 'leadership'
     WHEN 'technical' THEN 'technical' WHEN '技术交流' THEN 'technical' WHEN '技术拜访' THEN 'technical' WHEN '技术走访' THEN 'technical'
     WHEN 'business' THEN 'business' WHEN '商务拜访' THEN 'business' WHEN '业务拜访' THEN 'business' WHEN '商务走访' THEN 'business' END`,
];

/** SQL parsing the blank-trimmed value `s` (VARCHAR) of the given kind. */
export function parseSql(kind: ValueKind, s: string): string {
  switch (kind) {
    case "id":
    case "text":
      return s;
    case "number":
      return `kam_num(${s})`;
    case "integer":
    case "influence":
      return `kam_num(${s})`; // made whole (and checked 1-5) by wholeSql, on the parsed number

    case "date":
      return `kam_date(${s})`;
    case "rating":
      return `kam_rating(${s})`;
    case "visit_type":
      return `kam_visit_type(${s})`;
  }
}

/** Second step for whole-number kinds, on the number parsed by parseSql (so it is parsed once). */
export function wholeSql(kind: ValueKind, n: string): string | null {
  if (kind === "integer") return `kam_int(${n})`;
  if (kind === "influence") return `(CASE WHEN ${n} IN (1, 2, 3, 4, 5) THEN CAST(${n} AS INTEGER) END)`;
  return null;
}

/** Why a non-blank value of this kind was refused. */
export const expectation: Record<ValueKind, string> = {
  id: "expected an id",
  text: "expected text",
  number: "expected a number (e.g. 1,234.50, ¥1234, (123) or 123- for negatives)",
  integer: "expected a whole number",
  influence: "expected a whole number from 1 to 5",
  date: "expected a date (2024-01-05, 2024/1/5, 2024年1月5日, 20240105 or an Excel serial number)",
  rating: "expected a credit rating A, B, C or D (优/良/中/差)",
  visit_type: "expected a visit type: leadership (高层拜访), technical (技术交流) or business (商务拜访)",
};

export const missingReason = "required value is missing";
export const dateRangeReason = (r: DateRange) => `date out of range (${r.min} to ${r.max})`;

/** SQL condition: a parsed date outside the accepted range. */
export const outOfRangeSql = (v: string, r: DateRange) => `(${v} < DATE '${r.min}' OR ${v} > DATE '${r.max}')`;

/** Labels of the total rows exports end with; matched after removing spaces and a trailing colon. */
export const totalLabels = ["合计", "总计", "小计", "总合计", "本页合计", "total", "grandtotal", "subtotal", "sum", "totals"];
export const totalSql = (s: string) =>
  `(CASE WHEN contains(${s}, '计') OR ${s} ILIKE '%total%' OR ${s} ILIKE 'sum%'
     THEN regexp_full_match(lower(regexp_replace(${s}, '[\\s:：]', '', 'g')), '${totalLabels.join("|")}') ELSE false END)`;
