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

// ---------------------------------------------------------------------------------------------
// The key account scorecard of one complete fiscal year (calendar years here), from the raw
// exports: the ten indicators, their mid-rank percentiles, the weights with absent indicators'
// weight given to the others, the rank and the tier rules. Plain loops over the raw rows; shares
// nothing with the SQL but the rules as README/config state them.

export interface ScoreLine extends RawLine {
  order_id: string;
  product_id: string;
}
export interface ScorePayment { customer_id: string; payment_date: string; amount: number; invoice_ref: string | null }
export interface ScoreClaim { customer_id: string; claim_date: string; amount: number }
export interface ScoreCustomer { customer_id: string; credit_rating: string | null; industry_influence: number | null }
export interface ScoreConfig {
  weights: Record<string, number>;
  lower: Set<string>;
  keyShare: number; regularShare: number; giveUpShare: number;
  keyMinPurchases: number; keyMinSubperiods: number; potentialMinGrowth: number;
  creditLagDays: number;
}
export interface ScoredCustomer { customer_id: string; values: Record<string, number | null>; scores: Record<string, number | null>; score: number; rank: number; tier: string }

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export function yearScorecard(
  raw: { lines: ScoreLine[]; payments: ScorePayment[]; claims: ScoreClaim[]; customers: ScoreCustomer[] },
  year: number, analysisDate: string, volumeUnit: string, cfg: ScoreConfig,
): ScoredCustomer[] {
  // money in integer cents and quantities in thousandths, so that sums are exact and ties stay
  // ties (a collection rate of exactly 1 must not become 1.0000000000000004)
  const cents = (x: number) => Math.round(x * 100);
  const data = {
    lines: raw.lines.map((l) => ({ ...l, amount: cents(l.amount), cost: l.cost === null ? null : cents(l.cost), quantity: Math.round(l.quantity * 1000) })),
    payments: raw.payments.map((p) => ({ ...p, amount: cents(p.amount) })),
    claims: raw.claims.map((q) => ({ ...q, amount: cents(q.amount) })),
    customers: raw.customers,
  };
  const inYear = (d: string, y = year) => d.startsWith(`${y}-`);
  const dueEnd = addDays(analysisDate, -cfg.creditLagDays);
  const firstOrderMonth = data.lines.reduce((m, l) => (l.order_date < m ? l.order_date : m), "9999").slice(0, 7);
  const previousCovered = `${year - 1}-01` >= firstOrderMonth;
  // orders: date = the first line's date, revenue = sum of lines, purchase = a line > 0
  const orders = new Map<string, { customer: string; date: string; revenue: number; purchase: boolean }>();
  for (const l of data.lines) {
    const k = `${l.order_id}\u0000${l.customer_id}`;
    const o = orders.get(k) ?? { customer: l.customer_id, date: l.order_date, revenue: 0, purchase: false };
    if (l.order_date < o.date) o.date = l.order_date;
    o.revenue += l.amount;
    if (l.amount > 0) o.purchase = true;
    orders.set(k, o);
  }
  const firstPurchase = new Map<string, string>();
  for (const o of orders.values()) if (o.purchase && (!firstPurchase.has(o.customer) || o.date < firstPurchase.get(o.customer)!)) firstPurchase.set(o.customer, o.date);
  type Acc = { revenue: number; prev: number; volume: number; profit: number | null; purchases: number; quarters: Set<number>; invoiced: number; collected: number; claims: number };
  const acc = new Map<string, Acc>();
  const get = (c: string) => acc.get(c) ?? (acc.set(c, { revenue: 0, prev: 0, volume: 0, profit: null, purchases: 0, quarters: new Set(), invoiced: 0, collected: 0, claims: 0 }), acc.get(c)!);
  const productSum = new Map<string, [number, number]>();
  for (const l of data.lines) {
    if (inYear(l.order_date)) {
      const a = get(l.customer_id);
      a.revenue += l.amount;
      if (l.unit === volumeUnit) a.volume += l.quantity;
      if (l.cost !== null) a.profit = (a.profit ?? 0) + l.amount - l.cost;
      if (l.quantity > 0 && l.amount > 0) {
        const s = productSum.get(l.product_id) ?? [0, 0];
        productSum.set(l.product_id, [s[0] + l.amount, s[1] + l.quantity]);
      }
    } else if (inYear(l.order_date, year - 1)) get(l.customer_id).prev += l.amount;
  }
  // the mean price in yuan per unit, rounded to 6 decimals as the SQL does; what was paid at it, in cents
  const meanPrice = new Map([...productSum].map(([p, [amount, qty]]) => [p, Math.round(((amount / 100) / (qty / 1000)) * 1e6) / 1e6]));
  const paid = new Map<string, [number, number]>(); // customer -> [amount, amount at mean price]
  for (const l of data.lines) {
    if (!inYear(l.order_date) || !(l.quantity > 0 && l.amount > 0)) continue;
    const s = paid.get(l.customer_id) ?? [0, 0];
    paid.set(l.customer_id, [s[0] + l.amount, s[1] + (l.quantity / 1000) * meanPrice.get(l.product_id)! * 100]);
  }
  const orderById = new Map<string, { customer: string; date: string }>();
  for (const [k, o] of orders) {
    orderById.set(k, o);
    if (!inYear(o.date)) continue;
    const a = get(o.customer);
    if (o.purchase) {
      a.purchases++;
      a.quarters.add(Math.floor((Number(o.date.slice(5, 7)) - 1) / 3));
    }
    if (o.date <= dueEnd) a.invoiced += o.revenue;
  }
  for (const p of data.payments) {
    if (p.payment_date > analysisDate) continue;
    const inv = p.invoice_ref === null ? undefined : orderById.get(`${p.invoice_ref}\u0000${p.customer_id}`);
    const date = inv ? inv.date : addDays(p.payment_date, -cfg.creditLagDays);
    if (inYear(date) && date <= dueEnd) get(p.customer_id).collected += p.amount;
  }
  for (const q of data.claims) if (q.claim_date <= analysisDate && inYear(q.claim_date)) get(q.customer_id).claims += q.amount;
  const customers = new Map(data.customers.map((c) => [c.customer_id, c]));
  const credit: Record<string, number> = { A: 4, B: 3, C: 2, D: 1 };

  const rated = [...acc.entries()].filter(([, a]) => a.purchases > 0).map(([id, a]) => {
    const c = customers.get(id);
    const pi = paid.get(id);
    const values: Record<string, number | null> = {
      contract_volume: a.volume,
      unit_price: pi && pi[1] > 0 ? pi[0] / pi[1] : null,
      revenue: a.revenue,
      collection_rate: data.payments.length && a.invoiced > 0 ? a.collected / a.invoiced : null,
      profit: a.profit,
      quality_losses: data.claims.length && a.revenue > 0 ? a.claims / a.revenue : null,
      industry_influence: c?.industry_influence ?? null,
      credit: c?.credit_rating ? credit[c.credit_rating] ?? null : null,
      growth: previousCovered && a.prev > 0 ? a.revenue / a.prev - 1 : null,
      sustained_purchasing: a.quarters.size / 4,
    };
    const fp = firstPurchase.get(id);
    return { customer_id: id, values, a, isNew: previousCovered && !!fp && inYear(fp) };
  });
  // mid-rank percentiles among the customers with a value, rounded to 6 decimals
  const scores = new Map<string, Record<string, number | null>>(rated.map((r) => [r.customer_id, {}]));
  for (const ind of Object.keys(cfg.weights)) {
    const valued = rated.filter((r) => r.values[ind] !== null).map((r) => r.values[ind]!).sort((x, y) => x - y);
    const firstAtLeast = (v: number) => {
      let lo = 0, hi = valued.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (valued[mid] < v) lo = mid + 1; else hi = mid; }
      return lo;
    };
    for (const r of rated) {
      const v = r.values[ind];
      let s: number | null = null;
      if (v !== null) {
        const below = firstAtLeast(v);
        let tied = 0;
        while (below + tied < valued.length && valued[below + tied] === v) tied++;
        const higher = (100 * (below + 0.5 * tied)) / valued.length;
        s = Math.round((cfg.lower.has(ind) ? 100 - higher : higher) * 1e6) / 1e6;
      }
      scores.get(r.customer_id)![ind] = s;
    }
  }
  const scored = rated.map((r) => {
    const sc = scores.get(r.customer_id)!;
    let num = 0, den = 0;
    for (const [ind, w] of Object.entries(cfg.weights)) if (w > 0 && sc[ind] !== null) (num += w * sc[ind]!), (den += w);
    return { ...r, scores: sc, score: num / den };
  });
  scored.sort((x, y) => y.score - x.score || (x.customer_id < y.customer_id ? -1 : 1));
  const n = scored.length;
  const keyN = Math.ceil(n * cfg.keyShare - 1e-9), regularN = Math.ceil(n * (cfg.keyShare + cfg.regularShare) - 1e-9), giveUpN = Math.floor(n * cfg.giveUpShare + 1e-9);
  return scored.map((r, i) => {
    const rank = i + 1, g = r.values.growth;
    const tier =
      rank <= keyN && r.a.purchases >= cfg.keyMinPurchases && r.a.quarters.size >= cfg.keyMinSubperiods ? "key"
      : g !== null && g >= cfg.potentialMinGrowth ? "potential"
      : rank <= regularN ? "regular"
      : r.isNew ? "potential"
      : rank > n - giveUpN && (g ?? 0) <= 0 ? "give_up"
      : "watch";
    return { customer_id: r.customer_id, values: r.values, scores: r.scores, score: r.score, rank, tier };
  });
}
