// Per-customer predictions for marts.clv_customers from the fitted models. Every customer
// gets a row; how much history they have decides what can be said:
// - `repeat` (x > 0): all quantities from their own (x, t_x, T, mean repeat spend);
// - `single` (one purchase, x = 0): BG/NBD still applies (P(alive) = 1 by the model's
//   definition: it has seen no repeat purchase after which the customer could have left);
//   spend per purchase is the Gamma-Gamma population mean (via `expectedSpend`);
// - `none` (no day with a positive net value up to the analysis date: returns only, or no
//   orders): no model quantity, expected purchases 0 and CLV 0.
// `scoreSummaries` scores a window's summary columns (the warehouse joins them to its
// customers in SQL: marts.ts); `scoreCustomers` does the join by id for a list of customers.
import { pAlive, type BgnbdParams } from "./bgnbd.ts";
import { groupRfmColumns } from "./grouped.ts";
import { horizonPurchases, type LifetimeValueOptions } from "./lifetime-value.ts";
import { summaryColumns, type CustomerSummary, type SummaryColumns } from "./summary.ts";

export type History = "repeat" | "single" | "none";

export interface ScoredCustomer {
  customerId: string;
  history: History;
  frequency: number | null;
  recency: number | null;
  T: number | null;
  /** Mean value of repeat purchases; null without any. */
  monetaryValue: number | null;
  pAlive: number | null;
  /** Expected purchases over the horizon. */
  expectedPurchases: number;
  expectedAvgSpend: number | null;
  clv: number;
}

/** Model quantities per customer of a summary (same positions). */
export interface Scores {
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
  expectedAvgSpend: Float64Array;
  clv: Float64Array;
}

/**
 * Score every customer of `summary`. `expectedSpend(i)` is customer i's expected spend per
 * purchase; `groupOf` (the fit's (x, t_x, T) groups, fit-window.ts) lets customers with equal
 * histories share one horizon computation.
 */
export function scoreSummaries(
  summary: SummaryColumns,
  models: { bgnbd: BgnbdParams; expectedSpend: (i: number) => number },
  options: LifetimeValueOptions,
  groupOf: Int32Array = groupRfmColumns(summary.frequency, summary.recency, summary.T).groupOf,
): Scores {
  const n = summary.length;
  const out: Scores = { pAlive: new Float64Array(n), expectedPurchases: new Float64Array(n), expectedAvgSpend: new Float64Array(n), clv: new Float64Array(n) };
  const groups = groupOf.reduce((m, g) => Math.max(m, g + 1), 0);
  const done = new Uint8Array(groups);
  const expected = new Float64Array(groups);
  const discounted = new Float64Array(groups);
  for (let i = 0; i < n; i++) {
    const customer = { frequency: summary.frequency[i], recency: summary.recency[i], T: summary.T[i] };
    const g = groupOf[i];
    if (!done[g]) {
      const horizon = horizonPurchases(models.bgnbd, customer, options);
      expected[g] = horizon.expected;
      discounted[g] = horizon.discounted;
      done[g] = 1;
    }
    const spend = models.expectedSpend(i);
    out.pAlive[i] = pAlive(models.bgnbd, customer.frequency, customer.recency, customer.T);
    out.expectedPurchases[i] = expected[g];
    out.expectedAvgSpend[i] = spend;
    out.clv[i] = options.grossMargin * spend * discounted[g];
  }
  return out;
}

/** One row per customer id, in the order given, from the summaries of those who bought. */
export function scoreCustomers(
  customerIds: Iterable<string>,
  summaries: CustomerSummary[],
  models: { bgnbd: BgnbdParams; expectedSpend: (customer: CustomerSummary) => number },
  options: LifetimeValueOptions,
): ScoredCustomer[] {
  const at = new Map<string, number>();
  summaries.forEach((s, i) => at.set(s.customerId, i));
  const columns = summaryColumns(summaries);
  const scores = scoreSummaries(columns, { bgnbd: models.bgnbd, expectedSpend: (i) => models.expectedSpend(summaries[i]) }, options);
  const rows: ScoredCustomer[] = [];
  for (const customerId of customerIds) {
    const i = at.get(customerId);
    if (i === undefined) {
      rows.push({
        customerId, history: "none", frequency: null, recency: null, T: null, monetaryValue: null,
        pAlive: null, expectedPurchases: 0, expectedAvgSpend: null, clv: 0,
      });
      continue;
    }
    const s = summaries[i];
    rows.push({
      customerId,
      history: s.frequency > 0 ? "repeat" : "single",
      frequency: s.frequency,
      recency: s.recency,
      T: s.T,
      monetaryValue: s.frequency > 0 ? s.monetaryValue : null,
      pAlive: scores.pAlive[i],
      expectedPurchases: scores.expectedPurchases[i],
      expectedAvgSpend: scores.expectedAvgSpend[i],
      clv: scores.clv[i],
    });
  }
  return rows;
}
