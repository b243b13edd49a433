// The slices a multi-select chose, side by side: one row per slice, each figure that slice's own
// row of a slices mart (kpi_slices, concentration_slices, …), never a sum of slices in the
// browser (shares, concentration and distinct customers do not add up). A slice without a row
// in the period says "no customers match" in its row.
import { inSlice } from "./marts.js";
import { reportTable } from "./table.js";

/**
 * @param slices [{slice, region, industry, sales_rep}] (marts.js slicesOf)
 * @param options {
 *   sources: [{rows, units, columns: [[key, header]]}] the mart rows and the columns to show of each,
 *   period, when (the period in words), label: (slice) => text, t, fmt, filename, mart (named in the note)
 * }
 */
export function sliceComparison(slices, { sources, period, when, label, t, fmt, filename, mart, measure }) {
  const units = Object.assign({}, ...sources.map((s) => Object.fromEntries(s.columns.map(([key]) => [key, s.units[key]]))));
  const rows = slices.map((s) => {
    const row = { selection: label(s), matched: false };
    for (const src of sources) {
      const r = src.rows.find((d) => inSlice(d, s) && d.period === period);
      if (r) row.matched = row.matched || src === sources[0];
      for (const [key] of src.columns) row[key] = r?.[key] ?? null;
    }
    return row;
  });
  const columns = [["selection", t("filter.selection")], ...sources.flatMap((s) => s.columns)];
  const table = reportTable(rows, {
    title: t("filter.compareTitle", { n: fmt.integer(slices.length), period: when }),
    columns, units, t, fmt, filename, measure,
    labels: { selection: (v, i, all) => (all[i].matched ? v : `${v} — ${t("filter.noCustomers")}`) },
    caption: t("filter.compareNote", { mart }),
  });
  table.classList.add("kam-compare");
  return table;
}
