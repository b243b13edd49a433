// CLV over a horizon: month by month, expected purchases (BG/NBD) x expected spend per
// purchase (Gamma-Gamma) x gross margin, discounted at a monthly rate to the analysis date.
// Purchases in month m are valued at the end of month m, as in the `lifetimes` library.
import { conditionalExpectedPurchases, type BgnbdParams } from "./bgnbd.ts";

/** Average days per calendar month (365.25 / 12). */
export const DAYS_PER_MONTH = 365.25 / 12;

export interface HorizonOptions {
  horizonMonths: number;
  monthlyDiscountRate: number;
  /** Days per model time unit (7 = weeks). */
  daysPerUnit: number;
}

export interface LifetimeValueOptions extends HorizonOptions {
  /** Gross margin as a share of net sales, e.g. 0.3. */
  grossMargin: number;
}

export interface HorizonPurchases {
  /** Expected purchases over the horizon (undiscounted). */
  expected: number;
  /** The same, each month's purchases discounted to the analysis date. */
  discounted: number;
}

/** Expected purchases over the horizon, plain and discounted (spend-independent, cacheable). */
export function horizonPurchases(
  bgnbd: BgnbdParams,
  customer: { frequency: number; recency: number; T: number },
  options: HorizonOptions,
): HorizonPurchases {
  const unitsPerMonth = DAYS_PER_MONTH / options.daysPerUnit;
  const { frequency: x, recency: tx, T } = customer;
  let before = 0;
  let discounted = 0;
  for (let m = 1; m <= options.horizonMonths; m++) {
    const cumulative = conditionalExpectedPurchases(bgnbd, m * unitsPerMonth, x, tx, T);
    discounted += (cumulative - before) / Math.pow(1 + options.monthlyDiscountRate, m);
    before = cumulative;
  }
  return { expected: before, discounted };
}

/** Discounted gross profit expected from a customer over the horizon. */
export function customerLifetimeValue(
  bgnbd: BgnbdParams,
  customer: { frequency: number; recency: number; T: number },
  expectedSpend: number,
  options: LifetimeValueOptions,
): number {
  return options.grossMargin * expectedSpend * horizonPurchases(bgnbd, customer, options).discounted;
}
