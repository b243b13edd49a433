// The Gamma-Gamma model's input: repeat buyers' frequency x and mean repeat spend m_x.
import { indexDistinct } from "./grouped.ts";

export interface SpendData {
  x: Float64Array;
  m: Float64Array;
  /** log m, computed once: it does not depend on the parameters. */
  logM: Float64Array;
  distinctX: Float64Array;
  xIndex: Int32Array;
}

/** Keep customers with x > 0 and m > 0 (the model's support) and index their frequencies. */
export function spendData(rows: ArrayLike<{ frequency: number; monetaryValue: number }>): SpendData {
  const list = Array.from(rows);
  return spendDataColumns(list.map((r) => r.frequency), list.map((r) => r.monetaryValue));
}

/** The same on columns (one entry per customer). */
export function spendDataColumns(frequency: ArrayLike<number>, monetaryValue: ArrayLike<number>): SpendData {
  const x: number[] = [];
  const m: number[] = [];
  for (let i = 0; i < frequency.length; i++) {
    if (frequency[i] > 0 && monetaryValue[i] > 0) {
      x.push(frequency[i]);
      m.push(monetaryValue[i]);
    }
  }
  return indexDistinctFrequencies(x, m);
}

export function indexDistinctFrequencies(x: number[], m: number[]): SpendData {
  const { distinct, index } = indexDistinct(x);
  const mm = Float64Array.from(m);
  return { x: Float64Array.from(x), m: mm, logM: mm.map(Math.log), distinctX: distinct, xIndex: index };
}

/** Pearson correlation of frequency and mean spend among repeat buyers (NaN if undefined). */
export function frequencySpendCorrelation(data: SpendData): number {
  const n = data.x.length;
  if (n < 2) return Number.NaN;
  let mx = 0;
  let mm = 0;
  for (let i = 0; i < n; i++) {
    mx += data.x[i] / n;
    mm += data.m[i] / n;
  }
  let sxx = 0;
  let smm = 0;
  let sxm = 0;
  for (let i = 0; i < n; i++) {
    const dx = data.x[i] - mx;
    const dm = data.m[i] - mm;
    sxx += dx * dx;
    smm += dm * dm;
    sxm += dx * dm;
  }
  return sxx > 0 && smm > 0 ? sxm / Math.sqrt(sxx * smm) : Number.NaN;
}
