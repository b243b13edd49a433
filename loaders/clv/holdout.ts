// The standard BG/NBD diagnostic (Fader, Hardie & Lee 2005, figure 4): customers grouped
// by calibration frequency 0, 1, ..., 7+; per group the mean number of purchases they made
// in the holdout against the mean the model expected from their calibration history.
import { conditionalExpectedPurchases, type BgnbdParams } from "./bgnbd.ts";
import { groupRfmColumns } from "./grouped.ts";

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
  customers: ArrayLike<{ frequency: number; recency: number; T: number; holdoutFrequency: number }> | HoldoutColumns,
  holdoutLength: number,
  cap = 7,
): HoldoutGroup[] {
  const c = Array.isArray(customers) ? toColumns(customers) : (customers as HoldoutColumns);
  const groups = Array.from({ length: cap + 1 }, (_, g) => ({ customers: 0, actual: 0, predicted: 0, g }));
  // customers with equal (x, t_x, T) expect the same: once per (x, t_x, T) group
  const { groupOf, x: gx, tx: gtx, T: gT } = c.groupOf ? { groupOf: c.groupOf, ...c.groups! } : groupRfmColumns(c.frequency, c.recency, c.T);
  const predictedOf = new Float64Array(gx.length).fill(Number.NaN);
  for (let i = 0; i < c.length; i++) {
    const group = groups[Math.min(c.frequency[i], cap)];
    const k = groupOf[i];
    let predicted = predictedOf[k];
    if (Number.isNaN(predicted)) predicted = predictedOf[k] = conditionalExpectedPurchases(params, holdoutLength, gx[k], gtx[k], gT[k]);
    group.customers++;
    group.actual += c.holdoutFrequency[i];
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

interface HoldoutRow {
  frequency: number;
  recency: number;
  T: number;
  holdoutFrequency: number;
}

/** The holdout's input as columns; with the fit's groups when it has them (fit-window.ts). */
export interface HoldoutColumns {
  length: number;
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  holdoutFrequency: Float64Array;
  groupOf?: Int32Array;
  groups?: { x: Float64Array; tx: Float64Array; T: Float64Array };
}

function toColumns(rows: ArrayLike<HoldoutRow>): HoldoutColumns {
  const list = Array.from(rows);
  const column = (f: (r: HoldoutRow) => number) => Float64Array.from(list, f);
  return { length: list.length, frequency: column((r) => r.frequency), recency: column((r) => r.recency), T: column((r) => r.T), holdoutFrequency: column((r) => r.holdoutFrequency) };
}
