// Small page texts shared by the pages: a period's name and what the filters selected.

/** A period label as text: "2025" (zh-CN "2025年"), the window as "the last 12 months". */
export const periodText = (period, { t }) =>
  period === "window" ? t("period.window") : /^\d{4}$/.test(String(period)) ? t("period.label", { period }) : String(period);

/**
 * What the page says about the selection: nothing when the slice has data; "no customers
 * match" when it has none in the period; "not available" for a combination no slice holds.
 */
export function selectionNote(slice, row, { t }) {
  const p = document.createElement("p");
  p.className = "kam-selection";
  if (slice.unavailable) p.textContent = t("filter.unavailable");
  else if (!row) p.textContent = t("filter.noCustomers");
  else p.hidden = true;
  return p;
}

/** A note that a part of the page does not follow the filters (and what it shows instead). */
export function notFiltered(text) {
  const p = document.createElement("p");
  p.className = "muted kam-note kam-not-filtered";
  p.textContent = text;
  return p;
}
