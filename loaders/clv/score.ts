// Per-customer predictions for marts.clv_customers from the fitted models. Every customer
// gets a row; how much history they have decides what can be said:
// - `repeat` (x > 0): all quantities from their own (x, t_x, T, mean repeat spend);
// - `single` (one purchase, x = 0): BG/NBD still applies (P(alive) = 1 by the model's
//   definition: it has seen no repeat purchase after which the customer could have left);
//   spend per purchase is the Gamma-Gamma population mean (via `expectedSpend`);
// - `none` (no day with a positive net value up to the analysis date: returns only, or no
//   orders): no model quantity, expected purchases 0 and CLV 0.
import { pAlive, type BgnbdParams } from "./bgnbd.ts";
import { horizonPurchases, type HorizonPurchases, type LifetimeValueOptions } from "./lifetime-value.ts";
import type { CustomerSummary } from "./summary.ts";

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

export function scoreCustomers(
  customerIds: Iterable<string>,
  summaries: Iterable<CustomerSummary>,
  models: { bgnbd: BgnbdParams; expectedSpend: (customer: CustomerSummary) => number },
  options: LifetimeValueOptions,
): ScoredCustomer[] {
  const byId = new Map<string, CustomerSummary>();
  for (const s of summaries) byId.set(s.customerId, s);
  const cache = new Map<string, HorizonPurchases>(); // customers with equal (x, t_x, T)
  const rows: ScoredCustomer[] = [];
  for (const customerId of customerIds) {
    const s = byId.get(customerId);
    if (!s) {
      rows.push({
        customerId, history: "none", frequency: null, recency: null, T: null, monetaryValue: null,
        pAlive: null, expectedPurchases: 0, expectedAvgSpend: null, clv: 0,
      });
      continue;
    }
    const key = `${s.frequency}|${s.recency}|${s.T}`;
    let horizon = cache.get(key);
    if (!horizon) cache.set(key, (horizon = horizonPurchases(models.bgnbd, s, options)));
    const spend = models.expectedSpend(s);
    rows.push({
      customerId,
      history: s.frequency > 0 ? "repeat" : "single",
      frequency: s.frequency,
      recency: s.recency,
      T: s.T,
      monetaryValue: s.frequency > 0 ? s.monetaryValue : null,
      pAlive: pAlive(models.bgnbd, s.frequency, s.recency, s.T),
      expectedPurchases: horizon.expected,
      expectedAvgSpend: spend,
      clv: options.grossMargin * spend * horizon.discounted,
    });
  }
  return rows;
}
