// What the data supports (marts.data_availability): a page that cannot show a figure says
// "not available" and why, in the page's language, from the mart's reason code (its `detail`
// column is English only). Pure: the mart's rows and {t, fmt} in.

/** The row of one analysis ("gross_profit", "growth", …), or undefined. */
export const availabilityOf = (rows, analysis) => rows.find((r) => r.analysis === analysis);

/** "not available: the exports carry no cost", or null when the analysis is available as usual. */
export function unavailableText(row, { t, fmt }) {
  if (!row || row.status === "available") return null;
  const why = t(`avail.reason.${row.reason ?? "unknown"}`, { coverage: fmt.percent(row.coverage ?? null, 0) });
  return t(row.status === "partial" ? "avail.partial" : "avail.notAvailable", { why });
}

/** The reason alone ("the exports carry no cost"), for a sentence of one's own. */
export function unavailableReason(row, { t, fmt }) {
  if (!row || row.status === "available") return null;
  return t(`avail.reason.${row.reason ?? "unknown"}`, { coverage: fmt.percent(row.coverage ?? null, 0) });
}
