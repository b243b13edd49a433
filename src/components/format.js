// Locale-aware formatting for the report. Pure functions of (locale, value): the same
// figures print the same way on every machine (explicit UTC, no host locale).
// zh-CN uses 万 and 亿 (Intl's compact notation does exactly that for zh-CN).

const cache = new Map();
const nf = (locale, options) => {
  const key = locale + JSON.stringify(options);
  if (!cache.has(key)) cache.set(key, new Intl.NumberFormat(locale, options));
  return cache.get(key);
};

/** A formatter set for one locale ("en" or "zh-CN"). */
export function makeFormat(locale = "en", { currency = "CNY" } = {}) {
  const symbol = currency === "CNY" ? "¥" : `${currency} `;
  const missing = "–";
  const ok = (v) => v != null && Number.isFinite(Number(v));

  /** Whole numbers with grouping: 1,234 */
  const integer = (v) => (ok(v) ? nf(locale, { maximumFractionDigits: 0 }).format(v) : missing);
  /** A number with up to `digits` decimals. */
  const number = (v, digits = 1) => (ok(v) ? nf(locale, { maximumFractionDigits: digits }).format(v) : missing);
  /** A number with exactly `digits` decimals (a table column: every row the same precision). */
  const fixed = (v, digits = 1) => (ok(v) ? nf(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v) : missing);
  /** Large figures, compact: en 12.3M / 456K, zh-CN 1.23亿 / 4.56万; small ones in full. */
  const compact = (v) => {
    if (!ok(v)) return missing;
    if (Math.abs(v) < 10_000) return integer(v);
    return nf(locale, { notation: "compact", maximumSignificantDigits: 3 }).format(v);
  };
  /** Money in the reporting currency, compact: ¥12.3M or ¥1.23亿; under 10 with cents (¥0.40).
   *  Negative as -¥…, but never "-¥0": an amount that rounds to nothing has no sign. */
  const money = (v) => {
    if (!ok(v)) return missing;
    const a = Math.abs(v);
    const text = a > 0 && a < 10 ? nf(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(a) : compact(a);
    return (v < 0 && /[1-9]/.test(text) ? "-" : "") + symbol + text;
  };
  /** A share 0..1 as a percentage: 0.3215 -> 32.2% (digits after the point). */
  const percent = (v, digits = 1) =>
    ok(v) ? nf(locale, { style: "percent", minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v) : missing;
  /** A change in percentage points (0.021 -> +2.1 pp / +2.1个百分点). */
  const points = (v, digits = 1) => {
    if (!ok(v)) return missing;
    const n = nf(locale, { signDisplay: "always", maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v * 100);
    return locale === "zh-CN" ? `${n}个百分点` : `${n} pp`;
  };
  /** A relative change (0.125 -> +12.5%). */
  const change = (v, digits = 1) =>
    ok(v)
      ? nf(locale, { style: "percent", signDisplay: "exceptZero", minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v)
      : missing;
  /** A calendar date (Date or "YYYY-MM-DD"), long style: Sep 30, 2026 / 2026年9月30日. */
  const date = (v) => {
    if (v == null || v === "") return missing;
    const d = v instanceof Date ? v : new Date(String(v).slice(0, 10) + "T00:00:00Z");
    if (Number.isNaN(d.getTime())) return missing;
    return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(d);
  };
  /** Tick formatter for chart axes in the reporting currency (compact). */
  return { locale, integer, number, fixed, compact, money, percent, points, change, date, missing };
}
