// The RFM summary the BG/NBD and Gamma-Gamma models take, built from dated transactions
// the way Fader & Hardie (and the `lifetimes` library) build it from CDNOW:
// - all of a customer's transactions on one calendar day are one purchase (values summed);
// - a day whose summed value is < 0 (returns outweigh sales) is not a purchase, nor is a
//   day summing to exactly 0 unless `countZeroValueDays` (CDNOW's published summary counts
//   8 customers whose only transaction was worth $0; a warehouse day netting to 0 is a
//   sale fully returned, so the warehouse does not count it);
// - x (frequency) = purchases in the calibration window minus the first one;
// - t_x (recency) = last minus first purchase; T = calibration end minus first purchase;
// - monetary value = mean value of the repeat (non-first) purchases, 0 when x = 0;
// - the holdout counts purchases in (calibration end, holdout end].
// Days are integers (days since 1970-01-01); times are returned in units of `daysPerUnit`.

export interface Transaction {
  customerId: string;
  /** Whole days since 1970-01-01 (UTC calendar date). */
  day: number;
  value: number;
}

export interface SummaryOptions {
  /** Last day of the calibration window (inclusive). */
  calibrationEnd: number;
  /** Last day of the holdout window (inclusive); omit for no holdout. */
  holdoutEnd?: number;
  /** Days per model time unit: 7 = weeks (the default), 1 = days. */
  daysPerUnit?: number;
  /** Count days whose net value is exactly 0 as purchases (default false). */
  countZeroValueDays?: boolean;
  /** Every given day is a purchase day, whatever its value (the warehouse's days are
   *  already the models' purchase days). Default false. */
  daysArePurchases?: boolean;
}

export interface CustomerSummary {
  customerId: string;
  frequency: number;
  recency: number;
  T: number;
  monetaryValue: number;
  /** Mean value of all purchases in the window, the first included. */
  meanPurchaseValue: number;
  firstPurchaseDay: number;
  /** Purchases in the holdout window (0 when there is none). */
  holdoutFrequency: number;
  /** Total value of the holdout purchases. */
  holdoutValue: number;
}

/**
 * The same summary as columns, one entry per customer (in the order of the rows): what a
 * warehouse with 500,000 customers holds instead of an object per customer. Customer ids are
 * not kept: the warehouse joins results back to its customers by position (warehouse-inputs.ts).
 */
export interface SummaryColumns {
  length: number;
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  monetaryValue: Float64Array;
  meanPurchaseValue: Float64Array;
  firstPurchaseDay: Float64Array;
  holdoutFrequency: Float64Array;
  holdoutValue: Float64Array;
}

const SUMMARY_FIELDS = ["frequency", "recency", "T", "monetaryValue", "meanPurchaseValue", "firstPurchaseDay", "holdoutFrequency", "holdoutValue"] as const;

/** Empty columns for `length` customers (filled by the caller). */
export function emptySummaryColumns(length: number): SummaryColumns {
  const columns = { length } as SummaryColumns;
  for (const field of SUMMARY_FIELDS) columns[field] = new Float64Array(length);
  return columns;
}

/** Rows to columns. */
export function summaryColumns(rows: ArrayLike<Omit<CustomerSummary, "customerId">>): SummaryColumns {
  const columns = emptySummaryColumns(rows.length);
  for (let i = 0; i < rows.length; i++) for (const field of SUMMARY_FIELDS) columns[field][i] = rows[i][field];
  return columns;
}

/** Day number of a calendar date given as year, month (1-12), day. */
export const dayNumber = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day) / 86_400_000;

/** Sum each customer's transactions per day: customerId -> (day -> value). */
export function mergeSameDay(transactions: Iterable<Transaction>): Map<string, Map<number, number>> {
  const byCustomer = new Map<string, Map<number, number>>();
  for (const t of transactions) {
    let days = byCustomer.get(t.customerId);
    if (!days) byCustomer.set(t.customerId, (days = new Map()));
    days.set(t.day, (days.get(t.day) ?? 0) + t.value);
  }
  return byCustomer;
}

/**
 * One row per customer with a purchase on or before the calibration end, in order of
 * first appearance in `transactions`.
 */
export function summariseTransactions(transactions: Iterable<Transaction>, options: SummaryOptions): CustomerSummary[] {
  const { calibrationEnd, holdoutEnd = calibrationEnd, daysPerUnit = 7, countZeroValueDays = false, daysArePurchases = false } = options;
  const isPurchase = daysArePurchases ? () => true : countZeroValueDays ? (v: number) => v >= 0 : (v: number) => v > 0;
  if (holdoutEnd < calibrationEnd) throw new RangeError("the holdout must end after the calibration window");
  const rows: CustomerSummary[] = [];
  for (const [customerId, days] of mergeSameDay(transactions)) {
    const purchases = [...days].filter(([, value]) => isPurchase(value)).sort((p, q) => p[0] - q[0]);
    const row = summariseCustomer(customerId, purchases, calibrationEnd, holdoutEnd, daysPerUnit);
    if (row) rows.push(row);
  }
  return rows;
}

/** One customer's summary from its purchase days in ascending order ([day, value]); null when
 * it bought nothing by the calibration end. (The warehouse's reader streams these per customer.) */
export function summariseCustomer(
  customerId: string,
  purchases: readonly (readonly [number, number])[],
  calibrationEnd: number,
  holdoutEnd: number,
  daysPerUnit: number,
): CustomerSummary | null {
  const calibration = purchases.filter(([day]) => day <= calibrationEnd);
  if (calibration.length === 0) return null;
  const holdout = purchases.filter(([day]) => day > calibrationEnd && day <= holdoutEnd);
  const first = calibration[0][0];
  const last = calibration[calibration.length - 1][0];
  const repeats = calibration.slice(1);
  return {
    customerId,
    frequency: repeats.length,
    recency: (last - first) / daysPerUnit,
    T: (calibrationEnd - first) / daysPerUnit,
    monetaryValue: repeats.length ? repeats.reduce((s, [, v]) => s + v, 0) / repeats.length : 0,
    meanPurchaseValue: calibration.reduce((s, [, v]) => s + v, 0) / calibration.length,
    firstPurchaseDay: first,
    holdoutFrequency: holdout.length,
    holdoutValue: holdout.reduce((s, [, v]) => s + v, 0),
  };
}
