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
  /** The same for recency and T, whose logarithms are then taken once per distinct value. */
  distinctTx: Float64Array;
  txIndex: Int32Array;
  distinctT: Float64Array;
  TIndex: Int32Array;
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
  const list = Array.from(rows as ArrayLike<RfmRow>);
  const column = (f: (r: RfmRow) => number) => Float64Array.from(list, f);
  return groupRfmColumns(column((r) => r.frequency), column((r) => r.recency), column((r) => r.T));
}

/**
 * The same on columns (one entry per customer), in order of first appearance; `groupOf` is
 * each customer's group, so that what depends on (x, t_x, T) alone is computed once per group.
 */
export function groupRfmColumns(
  frequency: ArrayLike<number>,
  recency: ArrayLike<number>,
  T: ArrayLike<number>,
): GroupedRfm & { groupOf: Int32Array } {
  // Nested maps on the numbers themselves: much faster than string keys for 1M rows.
  const groups = new Map<number, Map<number, Map<number, number>>>();
  const x: number[] = [];
  const tx: number[] = [];
  const Ts: number[] = [];
  const weight: number[] = [];
  const groupOf = new Int32Array(frequency.length);
  for (let i = 0; i < frequency.length; i++) {
    let byT = groups.get(frequency[i]);
    if (!byT) groups.set(frequency[i], (byT = new Map()));
    let byTx = byT.get(T[i]);
    if (!byTx) byT.set(T[i], (byTx = new Map()));
    const at = byTx.get(recency[i]);
    if (at !== undefined) {
      weight[at]++;
      groupOf[i] = at;
      continue;
    }
    groupOf[i] = x.length;
    byTx.set(recency[i], x.length);
    x.push(frequency[i]);
    tx.push(recency[i]);
    Ts.push(T[i]);
    weight.push(1);
  }
  return { ...fromColumns(x, tx, Ts, weight, frequency.length), groupOf };
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
  const byX = indexDistinct(x);
  const byTx = indexDistinct(tx);
  const byT = indexDistinct(T);
  return {
    x: Float64Array.from(x),
    tx: Float64Array.from(tx),
    T: Float64Array.from(T),
    weight: Float64Array.from(weight),
    distinctX: byX.distinct,
    xIndex: byX.index,
    distinctTx: byTx.distinct,
    txIndex: byTx.index,
    distinctT: byT.distinct,
    TIndex: byT.index,
    customers,
  };
}

/** Every k-th group (k = ceil(groups / size)) with its weight: a systematic subsample. */
export function subsampleGroups(data: GroupedRfm, size: number): GroupedRfm {
  const step = Math.ceil(data.x.length / size);
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const weight: number[] = [];
  let customers = 0;
  for (let i = 0; i < data.x.length; i += step) {
    x.push(data.x[i]);
    tx.push(data.tx[i]);
    T.push(data.T[i]);
    weight.push(data.weight[i]);
    customers += data.weight[i];
  }
  return fromColumns(x, tx, T, weight, customers);
}
