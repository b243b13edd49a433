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
  if (slice.unavailable && !slice.empty) p.textContent = t("filter.unavailableRepIndustry");
  else if (!row) p.textContent = t("filter.noCustomers");
  else p.hidden = true;
  return p;
}

/**
 * When several slices are chosen (marts.js slicesOf): the comparison table shows each, and the
 * detailed figures below follow the first one: say so plainly (null when one slice is chosen).
 */
export function followsFirst(sel, label, { t, fmt }) {
  if (sel.slices.length < 2) return null;
  const p = document.createElement("p");
  p.className = "muted kam-note kam-follows-first";
  p.textContent = t("filter.followsFirst", { first: label(sel.slices[0]), n: fmt.integer(sel.slices.length) });
  return p;
}

/** A note that a part of the page does not follow the filters (and what it shows instead). */
export function notFiltered(text) {
  const p = document.createElement("p");
  p.className = "muted kam-note kam-not-filtered";
  p.textContent = text;
  return p;
}

/** What a sales rep's figures cover: all of the rep's customers, or the rep's in the regions chosen. */
export function sliceKindNote(sel, { t }) {
  if (sel.kind !== "sales_rep" && sel.kind !== "region_sales_rep") return null;
  const p = document.createElement("p");
  p.className = "muted kam-note kam-rep-note";
  p.textContent = t(sel.kind === "sales_rep" ? "filter.repWhole" : "filter.repInRegion");
  return p;
}
