// CLV over a horizon: month by month, expected purchases (BG/NBD) x expected spend per
// purchase (Gamma-Gamma) x gross margin, discounted at a monthly rate to the analysis date.
// Purchases in month m are valued at the end of month m, as in the `lifetimes` library.
import { conditionalExpectedPurchases, type BgnbdParams } from "./bgnbd.ts";

/** Average days per calendar month (365.25 / 12). */
export const DAYS_PER_MONTH = 365.25 / 12;

export interface LifetimeValueOptions {
  horizonMonths: number;
  monthlyDiscountRate: number;
  /** Gross margin as a share of net sales, e.g. 0.3. */
  grossMargin: number;
  /** Days per model time unit (7 = weeks). */
  daysPerUnit: number;
}

export interface LifetimeValue {
  /** Discounted gross profit expected over the horizon. */
  clv: number;
  /** Expected purchases over the horizon (undiscounted). */
  expectedPurchases: number;
}

export function customerLifetimeValue(
  bgnbd: BgnbdParams,
  customer: { frequency: number; recency: number; T: number },
  expectedSpend: number,
  options: LifetimeValueOptions,
): LifetimeValue {
  const unitsPerMonth = DAYS_PER_MONTH / options.daysPerUnit;
  const { frequency: x, recency: tx, T } = customer;
  let before = 0;
  let clv = 0;
  for (let m = 1; m <= options.horizonMonths; m++) {
    const cumulative = conditionalExpectedPurchases(bgnbd, m * unitsPerMonth, x, tx, T);
    clv += (options.grossMargin * expectedSpend * (cumulative - before)) / Math.pow(1 + options.monthlyDiscountRate, m);
    before = cumulative;
  }
  return { clv, expectedPurchases: before };
}
