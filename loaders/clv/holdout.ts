// The standard BG/NBD diagnostic (Fader, Hardie & Lee 2005, figure 4): customers grouped
// by calibration frequency 0, 1, ..., 7+; per group the mean number of purchases they made
// in the holdout against the mean the model expected from their calibration history.
import { conditionalExpectedPurchases, type BgnbdParams } from "./bgnbd.ts";

export interface HoldoutGroup {
  /** 0..cap; the last group holds every frequency >= cap. */
  frequencyGroup: number;
  label: string;
  customers: number;
  actualMean: number;
  predictedMean: number;
}

export function holdoutComparison(
  params: BgnbdParams,
  customers: ArrayLike<{ frequency: number; recency: number; T: number; holdoutFrequency: number }>,
  holdoutLength: number,
  cap = 7,
): HoldoutGroup[] {
  const groups = Array.from({ length: cap + 1 }, (_, g) => ({ customers: 0, actual: 0, predicted: 0, g }));
  const cache = new Map<string, number>();
  for (const c of Array.from(customers)) {
    const group = groups[Math.min(c.frequency, cap)];
    const key = `${c.frequency}|${c.recency}|${c.T}`;
    let predicted = cache.get(key);
    if (predicted === undefined) {
      predicted = conditionalExpectedPurchases(params, holdoutLength, c.frequency, c.recency, c.T);
      cache.set(key, predicted);
    }
    group.customers++;
    group.actual += c.holdoutFrequency;
    group.predicted += predicted;
  }
  return groups.map(({ customers: n, actual, predicted, g }) => ({
    frequencyGroup: g,
    label: g === cap ? `${cap}+` : String(g),
    customers: n,
    actualMean: n ? actual / n : Number.NaN,
    predictedMean: n ? predicted / n : Number.NaN,
  }));
}
