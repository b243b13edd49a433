// The report's colours, by KEY: a measure, a series, a tier, a lifecycle stage or a matrix
// cell has one colour on every chart, every page and in both locales, because it is looked up
// by its key (`revenue_share`, `nrr`, `key`, `decline`), never by its translated label (Plot's
// ordinal scales sort labels, so colour-by-label changes with the language).
// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
import { matrices } from "./matrices.js";

export const palette = {
  blue: "#0072B2",
  orange: "#E69F00",
  green: "#009E73",
  vermillion: "#D55E00",
  purple: "#CC79A7",
  sky: "#56B4E9",
  yellow: "#F0E442",
  grey: "#999999",
};
export const categorical = [palette.blue, palette.orange, palette.green, palette.vermillion, palette.purple, palette.sky, palette.yellow, palette.grey];

/** Measures and the series drawn from them: revenue blue, customers orange, profit and value green. */
export const measureColors = {
  revenue: palette.blue,
  revenue_share: palette.blue,
  monetary_share: palette.blue,
  nrr: palette.blue,
  grr: palette.sky,
  customers: palette.orange,
  customer_share: palette.orange,
  logo_retention: palette.orange,
  gross_profit: palette.green,
  profit_share: palette.green,
  equity: palette.green,
  equity_share: palette.green,
  clv: palette.green,
  volume: palette.purple,
  actual: palette.blue,
  predicted: palette.orange,
  revenue_at_stake: palette.vermillion,
};

/** The scorecard tiers (key account model) and the other states of a customer. */
export const tierColors = {
  key: palette.blue,
  regular: palette.sky,
  potential: palette.green,
  watch: palette.orange,
  give_up: palette.vermillion,
  inactive: palette.grey,
  lost: "#555555",
};

/** Lifecycle stages (客户生命周期), from the first purchase to lost. */
export const stageColors = {
  exploration: palette.sky,
  formation: palette.green,
  stability: palette.blue,
  decline: palette.orange,
  lost: palette.vermillion,
  new: palette.purple,
};

/** Matrix cells: a cell's colour is its place in its matrix (matrices.js), best first. */
export const cellColors = Object.fromEntries(matrices.flatMap((m) => m.cells.map((c, i) => [c, categorical[i]])));

const all = { ...measureColors, ...tierColors, ...stageColors, ...cellColors };

/** The colour of a key (grey for a key without one). */
export const colorOf = (key) => all[key] ?? palette.grey;

/**
 * A Plot colour scale over keys: the legend and tips show `label(key)`, the colours come from
 * the keys. Use with a channel holding keys (fill: "series", stroke: "cell", …).
 */
export const keyedColor = (keys, label, { legend = true, colors } = {}) => ({
  type: "ordinal",
  legend,
  domain: keys,
  range: keys.map((k) => colors?.[k] ?? colorOf(k)),
  tickFormat: label,
});
