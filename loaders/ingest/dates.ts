// Dates as exports write them, parsed in DuckDB SQL (see stage.ts for where the steps run).
//
// The fast path reads exactly `YYYY-MM-DD` (DuckDB's cast, checked by writing the date back:
// the cast alone accepts `2024-01-05garbage`). Everything else goes through one regular
// expression that splits the value into a date part and an optional time of day, then:
//   2024-01-05, 2024/1/5, 2024.1.5, 2024年1月5日          year first
//   20240105                                              eight digits
//   5/1/2024, 05.01.24, 1-5-2024                          day and month in the order of the column
//   5-Jan-2024, 05 Jan 24, Jan 5, 2024, January 5 2024    English month names
//   45296, 45296.25                                       Excel serial numbers (1900 or 1904 system)
// each optionally followed by a time `10:30`, `10:30:15.5`, `8:26 PM` (`下午 8:26`), and an offset `Z`,
// `+08:00`: a value with an offset is an instant and gives its date in the business time zone;
// a value without one is the date as written. An impossible time (25:99) makes the value a reject.
//
// Day/month order (`dates.order` per source, default auto): in auto, a value only one order can
// read (22/11/2017 or 11/22/2017) is read so; a value both orders read differently (03/04/2024)
// is ambiguous. After the stage, the column as a whole settles those: if every value that only
// one order reads agrees on the order, the ambiguous ones are read in it (resolveDayMonth);
// otherwise they stay rejects with the reason.
import { ident, lit } from "./duck.ts";

export type DateOrder = "auto" | "dmy" | "mdy" | "ymd";

export interface DateOptions {
  /** Order of day and month in dates written with the year last (or, for ymd, first in two digits). */
  order: DateOrder;
  /** Two-digit years fall in [twoDigitYearStart, twoDigitYearStart + 99]. */
  twoDigitYearStart: number;
  /** The workbook counts serial numbers from 1904-01-01 (Mac Excel's 1904 date system). */
  excel1904: boolean;
  /** IANA zone in which an instant (a time with an offset, a Parquet TIMESTAMPTZ) gets its date. */
  timeZone: string;
}

export const defaultDateOptions: DateOptions = { order: "auto", twoDigitYearStart: 1970, excel1904: false, timeZone: "Asia/Shanghai" };

export interface DateRange {
  min: string;
  max: string;
  /** `max` is the build date (the default): later dates are future dates, said so in the reason. */
  maxIsToday?: boolean;
}

/** Today's date (YYYY-MM-DD) in the time zone: the build date. */
export function todayIn(timeZone: string, now = new Date()): string {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now);
  const part = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${part("year")}-${part("month")}-${part("day")}`;
}

const fullWidth = "０１２３４５６７８９．，－＋（）／：　";
const halfWidth = "0123456789.,-+()/: ";

// Capture groups of DATE_RE, in order (regexp_extract names them).
const groups = ["y", "m", "d", "ymd8", "a", "b", "c", "dn", "dnm", "dny", "nm", "nmd", "nmy", "serial", "hh", "mi", "ss", "ap", "off"];
const DATE_RE = String.raw`^(?:` +
  String.raw`([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?` + // y m d
  String.raw`|([0-9]{8})` + // ymd8
  String.raw`|([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{1,4})` + // a b c: day/month order
  String.raw`|([0-9]{1,2})[-\s]*([A-Za-z]{3,9})\.?[-\s,]*([0-9]{4}|[0-9]{2})` + // dn dnm dny: 5-Jan-2024
  String.raw`|([A-Za-z]{3,9})\.?\s*([0-9]{1,2})(?:st|nd|rd|th)?,?\s*([0-9]{4})` + // nm nmd nmy: Jan 5, 2024
  String.raw`|([0-9]{5}(?:\.[0-9]+)?)` + // serial
  String.raw`)(?:(?:T|\s+)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.,][0-9]{1,9})?)?\s*([AaPp]\.?[Mm]\.?)?\s*(Z|UTC|GMT|[+-][0-9]{2}(?::?[0-9]{2})?)?)?$`;

const monthNames = ["jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december"];
const monthNumbers = [1, 1, 2, 2, 3, 3, 4, 4, 5, 6, 6, 7, 7, 8, 8, 9, 9, 9, 10, 10, 11, 11, 12, 12];

/** Macros the date steps use (TEMP: created per connection, never stored). */
export const dateMacros = [
  // The text of a value for the slow path: full-width forms made ASCII, 日 followed by a space
  // (so that a time may follow it), surrounding spaces (also no-break and full-width) removed.
  // Chinese AM/PM before the time (Excel's zh-CN "2024/1/5 下午 3:00:00") is written after it, as AM/PM.
  `CREATE OR REPLACE TEMP MACRO kam_date_ampm(t) AS CASE WHEN contains(t, '午') THEN
     replace(replace(regexp_replace(t, '(上午|下午)\\s*([0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]{1,9})?)?)', '\\2 \\1'), '上午', 'AM'), '下午', 'PM') ELSE t END`,
  `CREATE OR REPLACE TEMP MACRO kam_date_text(s) AS
     kam_date_ampm(trim(replace(translate(s, '${fullWidth}', '${halfWidth}'), '日', '日 '), ' \t\r\n\u00a0\u202f'))`,
  `CREATE OR REPLACE TEMP MACRO kam_date_parts(t) AS regexp_extract(t, '${DATE_RE}', [${groups.map((g) => `'${g}'`).join(", ")}])`,
  `CREATE OR REPLACE TEMP MACRO kam_ymd(y, m, d) AS try(make_date(TRY_CAST(y AS BIGINT), TRY_CAST(m AS BIGINT), TRY_CAST(d AS BIGINT)))`,
  // A two-digit year falls in the 100 years from y0.
  `CREATE OR REPLACE TEMP MACRO kam_year(t, y0) AS CASE length(t)
     WHEN 4 THEN TRY_CAST(t AS INTEGER) WHEN 2 THEN y0 + (TRY_CAST(t AS INTEGER) - y0 % 100 + 100) % 100 END`,
  `CREATE OR REPLACE TEMP MACRO kam_month(n) AS [${monthNumbers.join(", ")}][list_position([${monthNames.map((m) => `'${m}'`).join(", ")}], lower(n))]`,
  // Day-first and month-first readings of a b c (c the year).
  `CREATE OR REPLACE TEMP MACRO kam_dmy(p, y0) AS CASE WHEN length(p.c) IN (2, 4) THEN kam_ymd(kam_year(p.c, y0), p.b, p.a) END`,
  `CREATE OR REPLACE TEMP MACRO kam_mdy(p, y0) AS CASE WHEN length(p.c) IN (2, 4) THEN kam_ymd(kam_year(p.c, y0), p.a, p.b) END`,
  `CREATE OR REPLACE TEMP MACRO kam_ymd2(p, y0) AS CASE WHEN length(p.a) = 2 THEN kam_ymd(kam_year(p.a, y0), p.b, p.c) END`,
  // What the day/month order of a b c can tell: 1 only day-first reads it, 2 only month-first,
  // 3 both, differently (ambiguous), 0 both, the same (day = month); NULL: not such a value.
  `CREATE OR REPLACE TEMP MACRO kam_dm_tag(p, y0) AS CASE WHEN p.a <> '' THEN CASE
     WHEN kam_dmy(p, y0) IS NOT NULL AND kam_mdy(p, y0) IS NOT NULL THEN CASE WHEN TRY_CAST(p.a AS INTEGER) = TRY_CAST(p.b AS INTEGER) THEN 0 ELSE 3 END
     WHEN kam_dmy(p, y0) IS NOT NULL THEN 1 WHEN kam_mdy(p, y0) IS NOT NULL THEN 2 END END`,
  // The date part in a given order ('auto' reads a b c by its tag o).
  `CREATE OR REPLACE TEMP MACRO kam_date_day(p, ord, o, y0, epoch) AS CASE
     WHEN p.y <> '' THEN kam_ymd(p.y, p.m, p.d)
     WHEN p.ymd8 <> '' THEN kam_ymd(p.ymd8[1:4], p.ymd8[5:6], p.ymd8[7:8])
     WHEN p.a <> '' THEN CASE ord
       WHEN 'dmy' THEN kam_dmy(p, y0) WHEN 'mdy' THEN kam_mdy(p, y0) WHEN 'ymd' THEN kam_ymd2(p, y0)
       ELSE CASE o WHEN 1 THEN kam_dmy(p, y0) WHEN 0 THEN kam_dmy(p, y0) WHEN 2 THEN kam_mdy(p, y0) END END
     WHEN p.dn <> '' THEN kam_ymd(kam_year(p.dny, y0), kam_month(p.dnm), p.dn)
     WHEN p.nm <> '' THEN kam_ymd(p.nmy, kam_month(p.nm), p.nmd)
     WHEN p.serial <> '' AND p.hh = '' THEN epoch + CAST(floor(TRY_CAST(p.serial AS DOUBLE)) AS INTEGER)
     END`,
  `CREATE OR REPLACE TEMP MACRO kam_time_ok(p) AS TRY_CAST(p.mi AS INTEGER) < 60 AND coalesce(TRY_CAST(p.ss AS INTEGER), 0) < 60
     AND CASE WHEN p.ap = '' THEN TRY_CAST(p.hh AS INTEGER) < 24 ELSE TRY_CAST(p.hh AS INTEGER) BETWEEN 1 AND 12 END
     AND (p.off IN ('', 'Z', 'UTC', 'GMT') OR (TRY_CAST(p.off[2:3] AS INTEGER) <= 14 AND coalesce(TRY_CAST(replace(p.off, ':', '')[4:5] AS INTEGER), 0) < 60))`,
  `CREATE OR REPLACE TEMP MACRO kam_hour24(p) AS CASE
     WHEN lower(p.ap[1]) = 'p' AND TRY_CAST(p.hh AS INTEGER) < 12 THEN TRY_CAST(p.hh AS INTEGER) + 12
     WHEN lower(p.ap[1]) = 'a' AND TRY_CAST(p.hh AS INTEGER) = 12 THEN 0 ELSE TRY_CAST(p.hh AS INTEGER) END`,
  `CREATE OR REPLACE TEMP MACRO kam_offset_minutes(off) AS CASE WHEN off IN ('Z', 'UTC', 'GMT') THEN 0 ELSE
     (CASE WHEN off[1] = '-' THEN -1 ELSE 1 END) * (TRY_CAST(off[2:3] AS INTEGER) * 60 + coalesce(TRY_CAST(replace(off, ':', '')[4:5] AS INTEGER), 0)) END`,
  // The date of the value: the date part, unless the time is impossible; an instant (with an
  // offset) gives its date in the business time zone.
  `CREATE OR REPLACE TEMP MACRO kam_date_at(p, day, tz) AS CASE
     WHEN day IS NULL THEN NULL
     WHEN p.hh = '' THEN day
     WHEN NOT coalesce(kam_time_ok(p), false) THEN NULL
     WHEN p.off = '' THEN day
     ELSE CAST(timezone(tz, timezone('UTC', (day + make_time(kam_hour24(p), TRY_CAST(p.mi AS BIGINT), coalesce(TRY_CAST(p.ss AS DOUBLE), 0)))
                                          - to_minutes(kam_offset_minutes(p.off)))) AS DATE) END`,
];

/** Why a non-blank date was refused. */
export const dateExpectation =
  "expected a date (2024-01-05, 2024/1/5, 2024年1月5日, 20240105, 5/1/2024 in the column's day/month order, 5-Jan-2024, or an Excel serial number), optionally with a valid time";
export const timeReason = "expected a valid time of day after the date (hours 0-23 or 1-12 with AM/PM, minutes and seconds 0-59)";
export const ambiguousReason = "ambiguous date: day and month order cannot be told";
export const ambiguousDetail = {
  none: `${ambiguousReason} (no value in this column has a day above 12); set "dates": {"order": "dmy"} or {"order": "mdy"} for this source`,
  both: (dmy: number, mdy: number) =>
    `${ambiguousReason} (the column has ${dmy} dates only day-first can read and ${mdy} only month-first can read); set "dates": {"order": "dmy"} or {"order": "mdy"} for this source`,
};
export const dateRangeReason = (r: DateRange) => `date out of range (${r.min} to ${r.max})`;
export const futureDateReason = (today: string) =>
  `date after the build date (${today}): a future date; set ingest.date_range.max to accept it`;

/** SQL giving the reason a parsed date `v` is outside the range, or NULL. */
export const rangeReasonSql = (v: string, r: DateRange) =>
  `CASE WHEN ${v} < DATE '${r.min}' THEN ${lit(dateRangeReason(r))} WHEN ${v} > DATE '${r.max}' THEN ${lit(r.maxIsToday ? futureDateReason(r.max) : dateRangeReason(r))} END`;

const epochSql = (o: DateOptions) => (o.excel1904 ? "DATE '1904-01-01'" : "DATE '1899-12-30'");

/** The names of a date column's working columns in the stage. */
export const dateCols = (col: string) => ({
  fast: ident(`f_${col}`),
  parts: ident(`p_${col}`),
  tag: ident(`o_${col}`),
  day: ident(`dd_${col}`),
  value: ident(`v_${col}`),
});

/**
 * The stage's steps for a date column read from the raw text `raw`, one list of `expr AS name` per
 * level (each level may use the names of the ones before). The last gives `v_<col>`.
 */
export function dateSteps(col: string, raw: string, o: DateOptions): string[][] {
  const c = dateCols(col);
  const n = ident(`n_${col}`);
  const auto = o.order === "auto";
  return [
    [`TRY_CAST(${raw} AS DATE) AS ${n}`],
    // Only an exact YYYY-MM-DD takes the fast path.
    [`CASE WHEN CAST(${n} AS VARCHAR) = ${raw} THEN ${n} END AS ${c.fast}`],
    [`CASE WHEN ${c.fast} IS NULL AND ${raw} IS NOT NULL THEN kam_date_parts(kam_date_text(${raw})) END AS ${c.parts}`],
    auto ? [`kam_dm_tag(${c.parts}, ${o.twoDigitYearStart}) AS ${c.tag}`] : [],
    [`coalesce(${c.fast}, kam_date_day(${c.parts}, ${lit(o.order)}, ${auto ? c.tag : "NULL"}, ${o.twoDigitYearStart}, ${epochSql(o)})) AS ${c.day}`],
    [`CASE WHEN ${c.fast} IS NOT NULL THEN ${c.fast} ELSE kam_date_at(${c.parts}, ${c.day}, ${lit(o.timeZone)}) END AS ${c.value}`],
  ];
}

/** SQL for the reason of a date column whose value `v` is NULL and whose raw text is not blank. */
export function dateProblemSql(col: string, o: DateOptions): string {
  const c = dateCols(col);
  return `CASE ${o.order === "auto" ? `WHEN ${c.tag} = 3 THEN ${lit(ambiguousDetail.none)}` : ""}
    WHEN ${c.day} IS NOT NULL AND ${c.parts}.hh <> '' THEN ${lit(timeReason)} ELSE ${lit(dateExpectation)} END`;
}

/** The date read from raw text in a given day/month order (for ambiguous values once the column settled it). */
export function dateInOrderSql(raw: string, order: "dmy" | "mdy", o: DateOptions): string {
  const p = `kam_date_parts(kam_date_text(${raw}))`;
  return `kam_date_at(${p}, kam_date_day(${p}, ${lit(order)}, NULL, ${o.twoDigitYearStart}, ${epochSql(o)}), ${lit(o.timeZone)})`;
}
