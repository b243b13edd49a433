// The pages' mart data (data/marts/<file>.json, written by src/data/marts.tar.js): columnar
// JSON with each column's unit from the output contract. Pick rows; never recompute figures.
import { valuesOf } from "./url-state.js";

/** {mart, units, columns} -> {mart, units, rows}. */
export function martRows({ mart, units, columns }) {
  const keys = Object.keys(columns);
  const n = keys.length ? columns[keys[0]].length : 0;
  const rows = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = {};
    for (const k of keys) row[k] = columns[k][i];
    rows[i] = row;
  }
  return { mart, units, rows };
}

/** The slice kinds that combine two dimensions: each in files of their own (`<file>.<kind>.json`). */
export const comboKinds = ["region_industry", "region_sales_rep"];

const key = (slice, region = null, industry = null, sales_rep = null) => ({ slice, region, industry, sales_rep });

/**
 * The slices of the customer base a filter selection asks for (intermediate.customer_slices):
 * {kind, slices: [{slice, region, industry, sales_rep}], unavailable}. Several values of a
 * dimension give several slices (shown side by side, never added up); two dimensions give
 * their combinations: region × industry, and region × rep (the rep's customers in that
 * region; only the pairs that exist, from marts.slice_options). A rep alone is all of the
 * rep's customers. A rep together with an industry is no slice: unavailable.
 */
export function slicesOf(state = {}, options = []) {
  const regions = valuesOf(state, "region"), industries = valuesOf(state, "industry"), reps = valuesOf(state, "rep");
  if (reps.length && industries.length) return { kind: null, slices: [], unavailable: true };
  if (reps.length && regions.length) {
    const served = new Set(options.filter((o) => o.dimension === "sales_rep").map((o) => `${o.value}\u0000${o.region}`));
    const slices = regions.flatMap((r) => reps.filter((p) => !served.size || served.has(`${p}\u0000${r}`)).map((p) => key("region_sales_rep", r, null, p)));
    return { kind: "region_sales_rep", slices, unavailable: false };
  }
  if (reps.length) return { kind: "sales_rep", slices: reps.map((p) => key("sales_rep", null, null, p)), unavailable: false };
  if (regions.length && industries.length)
    return { kind: "region_industry", slices: regions.flatMap((r) => industries.map((i) => key("region_industry", r, i))), unavailable: false };
  if (regions.length) return { kind: "region", slices: regions.map((r) => key("region", r)), unavailable: false };
  if (industries.length) return { kind: "industry", slices: industries.map((i) => key("industry", null, i)), unavailable: false };
  return { kind: "all", slices: [key("all")], unavailable: false };
}

/** The first slice of a selection (what a figure that follows one selection shows), or {unavailable}. */
export function sliceOf(state = {}, options = []) {
  const sel = slicesOf(state, options);
  return sel.slices[0] ?? { unavailable: true, empty: !sel.unavailable };
}

/** A slice in words: "华东 · 钢铁", "华东 · 赵一鸣", all customers. */
export const sliceLabel = (s, { t }) =>
  s.slice === "all" ? t("filter.allCustomers") : [s.region, s.industry, s.sales_rep].filter((v) => v != null).join(" · ");

/** Is the selection's kind one of the combinations (its rows are in the `.<kind>` files)? */
export const isCombo = (sel) => comboKinds.includes(sel?.kind ?? sel?.slice);

/** Does a row belong to that slice? */
export const inSlice = (row, s) =>
  row.slice === s.slice && (row.region ?? null) === s.region && (row.industry ?? null) === s.industry && (row.sales_rep ?? null) === s.sales_rep;

/** The rows of one slice (and one period when given). */
export const slicePick = (rows, s, period) => (s.unavailable ? [] : rows.filter((r) => inSlice(r, s) && (period == null || r.period === period)));

/**
 * Row filters of the list pages (picking, not a slice): a row matches when its region is one of
 * the regions chosen (or none is chosen), and likewise industry and rep: the union of a
 * dimension's values, all dimensions at once. `fields` names the row's columns.
 */
export function rowFilter(state = {}, fields = { region: "region", industry: "industry", rep: "sales_rep" }) {
  const wanted = Object.entries(fields).map(([k, col]) => [col, new Set(valuesOf(state, k))]).filter(([, set]) => set.size);
  return (row) => wanted.every(([col, set]) => set.has(row[col] ?? "(unknown)"));
}

/** Does a selection choose any region, industry or rep? */
export const anyFilter = (state = {}) => ["region", "industry", "rep"].some((k) => valuesOf(state, k).length > 0);
