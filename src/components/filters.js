// Filters computed in the browser from the compact per-customer-per-year file:
// pick a period and region / industry / sales rep, get one row per customer.

/** Columnar JSON {col: [...]} to an array of row objects. */
export function rowsOf(columns) {
  const keys = Object.keys(columns);
  const n = keys.length ? columns[keys[0]].length : 0;
  const rows = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = {};
    for (const k of keys) row[k] = columns[k][i];
    rows[i] = row;
  }
  return rows;
}

/** Distinct non-empty values of `key`, sorted (for a select input). */
export function choices(rows, key) {
  return [...new Set(rows.map((r) => r[key]).filter((v) => v != null && v !== ""))].sort((a, b) =>
    String(a).localeCompare(String(b), "zh-CN"),
  );
}

/** Does a customer match the selected dimensions? An empty selection matches all. */
export function matches(customer, { region = [], industry = [], salesRep = [] } = {}) {
  const ok = (sel, v) => sel == null || sel.length === 0 || sel.includes(v);
  return ok(region, customer.region) && ok(industry, customer.industry) && ok(salesRep, customer.sales_rep);
}

/**
 * One row per customer active in [from, to] (years, inclusive) and matching the filter,
 * with revenue, gross_profit, volume and orders summed over the period.
 * `years` rows carry customer_id, year, revenue, gross_profit, volume, orders.
 */
export function customersInPeriod(customers, years, { from, to, ...dims } = {}) {
  const byId = new Map(customers.map((c) => [c.customer_id, c]));
  const out = new Map();
  for (const y of years) {
    if ((from != null && y.year < from) || (to != null && y.year > to)) continue;
    const c = byId.get(y.customer_id);
    if (!c || !matches(c, dims)) continue;
    let acc = out.get(y.customer_id);
    if (!acc) out.set(y.customer_id, (acc = { ...c, revenue: 0, gross_profit: 0, volume: 0, orders: 0 }));
    acc.revenue += y.revenue ?? 0;
    acc.gross_profit += y.gross_profit ?? 0;
    acc.volume += y.volume ?? 0;
    acc.orders += y.orders ?? 0;
  }
  return [...out.values()];
}

/** Totals per year for the matching customers: [{year, revenue, gross_profit, volume, customers}]. */
export function totalsByYear(customers, years, dims = {}) {
  const byId = new Map(customers.map((c) => [c.customer_id, c]));
  const out = new Map();
  for (const y of years) {
    const c = byId.get(y.customer_id);
    if (!c || !matches(c, dims)) continue;
    let acc = out.get(y.year);
    if (!acc) out.set(y.year, (acc = { year: y.year, revenue: 0, gross_profit: 0, volume: 0, customers: 0 }));
    acc.revenue += y.revenue ?? 0;
    acc.gross_profit += y.gross_profit ?? 0;
    acc.volume += y.volume ?? 0;
    if ((y.revenue ?? 0) !== 0 || (y.orders ?? 0) > 0) acc.customers += 1;
  }
  return [...out.values()].sort((a, b) => a.year - b.year);
}
