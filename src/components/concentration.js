// Concentration measures computed in the browser for the filtered customer set.
// Pure functions of one number per customer (revenue, gross profit or volume).
// The same definitions as the marts (loaders/models/README.md): shares are of the positive
// total, a customer with a negative value (returns, losses) counts as 0, so curves end at 1;
// only the whale curve keeps the signs. Checked against the marts in test/browser.

const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const desc = (values) => values.filter((v) => Number.isFinite(v)).map((v) => Math.max(0, v)).sort((a, b) => b - a);

/** Number of customers in the "top fraction" of n customers: at least one. */
export const topCount = (n, fraction) => (n === 0 ? 0 : Math.max(1, Math.ceil(n * fraction - 1e-9)));

/** Share of the total made by the top `fraction` of customers (e.g. top 20%). */
export function topShare(values, fraction = 0.2) {
  const v = desc(values);
  const total = sum(v);
  if (v.length === 0 || total === 0) return null;
  return sum(v.slice(0, topCount(v.length, fraction))) / total;
}

/** Share of the total made by the n largest customers (top 1, 5, 10). */
export function topNShare(values, n) {
  const v = desc(values);
  const total = sum(v);
  if (v.length === 0 || total === 0) return null;
  return sum(v.slice(0, n)) / total;
}

/** Fewest customers whose combined total reaches `target` of the whole (80% by default). */
export function customersFor(values, target = 0.8) {
  const v = desc(values);
  const total = sum(v);
  if (v.length === 0 || total <= 0) return null;
  let acc = 0;
  for (let i = 0; i < v.length; i++) {
    acc += v[i];
    if (acc >= target * total - 1e-9 * Math.abs(total)) return i + 1;
  }
  return v.length;
}

/** The Pareto curve: customers from largest to smallest, x = share of customers, y = cumulative share. */
export function paretoCurve(values) {
  return cumulative(desc(values));
}

/**
 * The whale curve: customers by profit, largest first, y = cumulative profit / total profit.
 * With loss-making customers it rises above 100% and falls back to 100% at the end.
 */
export function whaleCurve(profits) {
  return cumulative(profits.filter((v) => Number.isFinite(v)).sort((a, b) => b - a));
}

function cumulative(v) {
  const total = sum(v);
  const points = [{ rank: 0, customerShare: 0, cumulativeShare: 0 }];
  if (v.length === 0 || total === 0) return points;
  let acc = 0;
  v.forEach((x, i) => {
    acc += x;
    points.push({ rank: i + 1, customerShare: (i + 1) / v.length, cumulativeShare: acc / total });
  });
  return points;
}

/** The Lorenz curve: customers from smallest to largest (only meaningful for values >= 0). */
export function lorenzCurve(values) {
  const v = desc(values).reverse();
  const total = sum(v);
  const points = [{ customerShare: 0, cumulativeShare: 0 }];
  if (v.length === 0 || total <= 0) return points;
  let acc = 0;
  v.forEach((x, i) => {
    acc += x;
    points.push({ customerShare: (i + 1) / v.length, cumulativeShare: acc / total });
  });
  return points;
}

/** Gini coefficient from the Lorenz curve (trapezoids): 0 = all equal, -> 1 = one customer has all. */
export function gini(values) {
  const v = desc(values).reverse();
  const n = v.length;
  const total = sum(v);
  if (n === 0 || total <= 0) return null;
  // G = (2 * sum(i * x_i) / (n * total)) - (n + 1) / n, with x ascending and i from 1.
  let weighted = 0;
  v.forEach((x, i) => (weighted += (i + 1) * x));
  return (2 * weighted) / (n * total) - (n + 1) / n;
}

/** Herfindahl-Hirschman index: sum of squared shares, 0..1 (x 10,000 on the usual scale). */
export function hhi(values) {
  const v = desc(values);
  const total = sum(v);
  if (v.length === 0 || total <= 0) return null;
  return sum(v.map((x) => (x / total) ** 2));
}

/**
 * ABC classes by cumulative share: A until `a` of the total (the customer that crosses
 * the line is still A), B until `b`, the rest C. Returns the class per input index.
 */
export function abcClasses(values, { a = 0.8, b = 0.95 } = {}) {
  const order = values.map((v, i) => [v, i]).sort((p, q) => q[0] - p[0] || p[1] - q[1]);
  const total = sum(values.filter((v) => v > 0));
  const out = new Array(values.length).fill("C");
  let before = 0;
  for (const [v, i] of order) {
    if (total <= 0 || v <= 0) break;
    out[i] = before < a * total - 1e-9 * total ? "A" : before < b * total - 1e-9 * total ? "B" : "C";
    before += v;
  }
  return out;
}

/** Count and share per ABC class: [{cls, customers, customerShare, total, share}]. */
export function abcSummary(values, thresholds) {
  const classes = abcClasses(values, thresholds);
  const total = sum(values.map((v) => Math.max(0, v)));
  return ["A", "B", "C"].map((cls) => {
    const members = values.filter((_, i) => classes[i] === cls);
    return {
      cls,
      customers: members.length,
      customerShare: values.length ? members.length / values.length : null,
      total: sum(members),
      share: total ? sum(members.map((v) => Math.max(0, v))) / total : null,
    };
  });
}
