// How a period and the range it is compared with are named on a page, from the columns the
// marts carry (staging.periods: is_partial, covered_start/end, comparison_basis, previous_period,
// compare_start/end, comparison_reason). A partial period is marked wherever it is named
// ("2026 (Jan–Sep, partial)"), and its comparison names the same months of the period before
// ("Jan–Sep 2025"). Pure: {t, fmt} in (fmt.locale decides the month names).
import { periodText } from "./notes.js";

const day = (v) => new Date(String(v).slice(0, 10) + "T00:00:00Z");
const isFirst = (d) => d.getUTCDate() === 1;
const isLast = (d) => new Date(d.getTime() + 86_400_000).getUTCDate() === 1;

/**
 * A range of dates, as short as it can be said: whole months "Jan–Sep" / "1–9月" (with the year
 * when `withYear` or when it spans two years), else the days "Jan 1 – Sep 15, 2026".
 */
export function rangeText(start, end, fmt, { withYear = false } = {}) {
  if (start == null || end == null) return fmt.missing;
  const a = day(start);
  const b = day(end);
  const zh = fmt.locale === "zh-CN";
  const twoYears = a.getUTCFullYear() !== b.getUTCFullYear();
  if (!isFirst(a) || !isLast(b)) return `${fmt.date(start)} – ${fmt.date(end)}`;
  const month = (d) => new Intl.DateTimeFormat(fmt.locale, { month: zh ? "numeric" : "short", timeZone: "UTC" }).format(d);
  const y = (d) => (zh ? `${d.getUTCFullYear()}年` : ` ${d.getUTCFullYear()}`);
  if (zh) {
    const m = (d) => month(d).replace("月", "");
    if (twoYears) return `${y(a)}${month(a)}–${y(b)}${month(b)}`;
    const months = a.getUTCMonth() === b.getUTCMonth() ? month(a) : `${m(a)}–${m(b)}月`;
    return withYear ? `${y(a)}${months}` : months;
  }
  if (twoYears) return `${month(a)}${y(a)} – ${month(b)}${y(b)}`;
  const months = a.getUTCMonth() === b.getUTCMonth() ? month(a) : `${month(a)}–${month(b)}`;
  return withYear ? `${months}${y(a)}` : months;
}

/** The trailing window named from the config's window_months: "the last 12 months". */
export const windowText = (months, { t }) => (months ? t("period.lastMonths", { months }) : t("period.window"));

/** "2025", "2026 (Jan–Sep, partial)", "the last 12 months". */
export function periodLabel(row, { t, fmt, windowMonths } = {}) {
  if (!row) return "";
  if (row.period === "window") return windowText(windowMonths, { t });
  const name = periodText(row.period, { t });
  return row.is_partial ? t("period.partialLabel", { period: name, months: rangeText(row.covered_start, row.covered_end, fmt) }) : name;
}

/** The range a row's previous_* figures cover: "2024", "Jan–Sep 2025", "the 12 months before"; null without one. */
export function compareName(row, { t, fmt, windowMonths } = {}) {
  if (!row?.comparison_basis) return null;
  if (row.comparison_basis === "same_months") return rangeText(row.compare_start, row.compare_end, fmt, { withYear: true });
  if (row.comparison_basis === "previous_window") return t("compare.windowName", { months: windowMonths ?? "" });
  return periodText(row.previous_period, { t });
}

/** "vs 2024" / "较2024年", or null without a comparison. */
export function comparisonLabel(row, opts) {
  const name = compareName(row, opts);
  return name == null ? null : opts.t("compare.vs", { range: name });
}

/** Why a row has no comparison, in words (comparison_reason), or null when it has one. */
export function noComparisonText(row, { t }) {
  if (!row || row.comparison_basis) return null;
  return t(`compare.none.${row.comparison_reason ?? "no_previous_period"}`, { period: periodText(row.period, { t }) });
}
