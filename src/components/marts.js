// The pages' mart data (data/marts/<file>.json, written by src/data/marts.tar.js): columnar
// JSON with each column's unit from the output contract. Pick rows; never recompute figures.

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

/**
 * The slice of the customer base a filter selection asks for (intermediate.customer_slices):
 * {slice, region, industry, sales_rep} or {unavailable: true} when it combines dimensions
 * no slice has (e.g. a region AND an industry). A rep is all of the rep's customers.
 */
export function sliceOf({ region, industry, rep } = {}) {
  if (rep) return industry ? { unavailable: true } : { slice: "sales_rep", region: null, industry: null, sales_rep: rep };
  if (region && industry) return { unavailable: true };
  if (region) return { slice: "region", region, industry: null, sales_rep: null };
  if (industry) return { slice: "industry", region: null, industry, sales_rep: null };
  return { slice: "all", region: null, industry: null, sales_rep: null };
}

/** Does a row belong to that slice? */
export const inSlice = (row, s) =>
  row.slice === s.slice && (row.region ?? null) === s.region && (row.industry ?? null) === s.industry && (row.sales_rep ?? null) === s.sales_rep;

/** The rows of one slice (and one period when given). */
export const slicePick = (rows, s, period) => (s.unavailable ? [] : rows.filter((r) => inSlice(r, s) && (period == null || r.period === period)));
