// A second, deliberately simple implementation of the Pareto shares, Gini and cohort retention
// in plain TypeScript over the raw order lines, to cross-check the SQL marts. It shares no code
// with the models: loops and sorts instead of window functions, the mean-absolute-difference
// definition of Gini instead of the rank formula.

export interface RawLine {
  order_date: string; // YYYY-MM-DD
  customer_id: string;
  amount: number;
  cost: number | null;
  quantity: number;
  unit: string;
}

export interface Concentration {
  n_customers: number;
  top_share_value: number | null;
  n_to_target: number | null;
  gini: number | null;
  hhi: number | null;
  top10_share: number | null;
}

export type Measure = "revenue" | "gross_profit" | "volume";

/** Per customer value of a measure over the lines given (customers with any line appear). */
export function valuesBy(lines: RawLine[], measure: Measure, volumeUnit: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of lines) {
    let v = 0;
    if (measure === "revenue") v = l.amount;
    else if (measure === "gross_profit") v = l.cost === null ? 0 : l.amount - l.cost;
    else v = l.unit === volumeUnit ? l.quantity : 0;
    out.set(l.customer_id, (out.get(l.customer_id) ?? 0) + v);
  }
  return out;
}

export function concentration(values: Map<string, number>, topShare = 0.2, target = 0.8): Concentration {
  const entries = [...values.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const xs = entries.map(([, v]) => Math.max(v, 0));
  const n = xs.length;
  const total = xs.reduce((s, x) => s + x, 0);
  if (n === 0 || total <= 0) return { n_customers: n, top_share_value: null, n_to_target: null, gini: null, hhi: null, top10_share: null };
  const topN = Math.ceil(n * topShare - 1e-9);
  let top = 0;
  for (let i = 0; i < topN; i++) top += xs[i];
  let cum = 0;
  let nTarget = 0;
  while (cum / total < target - 1e-12) cum += xs[nTarget++];
  let absDiff = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) absDiff += Math.abs(xs[i] - xs[j]);
  const gini = absDiff / (2 * n * n * (total / n));
  const hhi = xs.reduce((s, x) => s + (x / total) ** 2, 0);
  const top10 = xs.slice(0, 10).reduce((s, x) => s + x, 0) / total;
  return { n_customers: n, top_share_value: top / total, n_to_target: nTarget, gini, hhi, top10_share: top10 };
}

export interface CohortCell {
  cohort: string;
  period_offset: number;
  cohort_size: number;
  active_customers: number;
  logo_retention: number;
  nrr: number | null;
  grr: number | null;
}

/** Calendar-year cohorts by first purchase (a line with amount > 0). */
export function yearlyCohorts(lines: RawLine[], lastYear: number): CohortCell[] {
  const revenue = new Map<string, Map<number, number>>(); // customer -> year -> net revenue
  const bought = new Map<string, Set<number>>();
  for (const l of lines) {
    const y = Number(l.order_date.slice(0, 4));
    if (!revenue.has(l.customer_id)) revenue.set(l.customer_id, new Map());
    const r = revenue.get(l.customer_id)!;
    r.set(y, (r.get(y) ?? 0) + l.amount);
    if (l.amount > 0) {
      if (!bought.has(l.customer_id)) bought.set(l.customer_id, new Set());
      bought.get(l.customer_id)!.add(y);
    }
  }
  const cohortOf = new Map<string, number>();
  for (const [c, ys] of bought) cohortOf.set(c, Math.min(...ys));
  const cells: CohortCell[] = [];
  const cohortYears = [...new Set(cohortOf.values())].sort();
  for (const cy of cohortYears) {
    const members = [...cohortOf.entries()].filter(([, y]) => y === cy).map(([c]) => c);
    // revenue retention against the first complete year (offset 1); none while it runs (the
    // sample's last year runs past the analysis date)
    const baseComplete = cy + 1 < lastYear;
    const base = members.map((c) => revenue.get(c)!.get(cy + 1) ?? 0);
    const baseNet = base.reduce((s, x) => s + x, 0);
    const baseGross = base.reduce((s, x) => s + Math.max(x, 0), 0);
    for (let y = cy; y <= lastYear; y++) {
      let active = 0, rev = 0, kept = 0;
      members.forEach((c, i) => {
        if (bought.get(c)!.has(y)) active++;
        const r = revenue.get(c)!.get(y) ?? 0;
        rev += r;
        kept += Math.max(Math.min(r, base[i]), 0);
      });
      const measured = y > cy && baseComplete;
      cells.push({
        cohort: String(cy), period_offset: y - cy, cohort_size: members.length, active_customers: active,
        logo_retention: active / members.length,
        nrr: measured && baseNet > 0 ? rev / baseNet : null,
        grr: measured && baseGross > 0 ? kept / baseGross : null,
      });
    }
  }
  return cells;
}
