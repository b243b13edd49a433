// Customers with the same (frequency, recency, T) have the same likelihood, so the fit
// sums over distinct combinations with a weight. Terms that depend on frequency alone
// (the log-gamma and log-beta parts) are computed once per distinct frequency.
export interface RfmRow {
  /** Repeat purchases in the window (x). */
  frequency: number;
  /** Time from first to last purchase (t_x), in model time units. */
  recency: number;
  /** Time from first purchase to the end of the window. */
  T: number;
}

export interface GroupedRfm {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Number of customers in each group. */
  weight: Float64Array;
  /** Distinct frequencies and, per group, the position of its frequency among them. */
  distinctX: Float64Array;
  xIndex: Int32Array;
  /** Total number of customers. */
  customers: number;
}

/** Index of each value among the distinct values (sorted ascending). */
export function indexDistinct(values: ArrayLike<number>): { distinct: Float64Array; index: Int32Array } {
  const distinct = Float64Array.from(new Set(Array.from(values))).sort();
  const position = new Map<number, number>();
  distinct.forEach((v, i) => position.set(v, i));
  const index = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) index[i] = position.get(values[i])!;
  return { distinct, index };
}

/** Group identical (x, t_x, T) rows; `weight` counts the customers in each group. */
export function groupRfm(rows: ArrayLike<RfmRow> | Iterable<RfmRow>): GroupedRfm {
  const groups = new Map<string, number>();
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const weight: number[] = [];
  let customers = 0;
  for (const row of Array.from(rows as ArrayLike<RfmRow>)) {
    const key = `${row.frequency}|${row.recency}|${row.T}`;
    const at = groups.get(key);
    customers++;
    if (at !== undefined) {
      weight[at]++;
      continue;
    }
    groups.set(key, x.length);
    x.push(row.frequency);
    tx.push(row.recency);
    T.push(row.T);
    weight.push(1);
  }
  return fromColumns(x, tx, T, weight, customers);
}

/** One group per row (every weight 1): the ungrouped fit, for comparison. */
export function ungroupedRfm(rows: ArrayLike<RfmRow>): GroupedRfm {
  const list = Array.from(rows);
  return fromColumns(
    list.map((r) => r.frequency),
    list.map((r) => r.recency),
    list.map((r) => r.T),
    list.map(() => 1),
    list.length,
  );
}

function fromColumns(x: number[], tx: number[], T: number[], weight: number[], customers: number): GroupedRfm {
  const { distinct, index } = indexDistinct(x);
  return {
    x: Float64Array.from(x),
    tx: Float64Array.from(tx),
    T: Float64Array.from(T),
    weight: Float64Array.from(weight),
    distinctX: distinct,
    xIndex: index,
    customers,
  };
}
