// The dossier's charts (Observable Plot): pure functions of mart rows already computed and
// {width, t, fmt} from the page, like charts.js. Colours follow codes (the tier, the visit type,
// a category's place in the customer's mix), never translated labels, so a chart looks the same
// in both editions.
import * as Plot from "npm:@observablehq/plot";
import { categorical, palette } from "./charts.js";
import { indicatorLabel, stateColor, stateLabel, states } from "./tiers.js";

const monthDate = (m) => new Date(`${m}-01T00:00:00Z`);

/**
 * Revenue month by month (bars; a month the data covers only in part is lighter).
 * rows: marts.dossier_months {month, is_partial, revenue, purchases}
 */
export function monthlyRevenueChart(rows, { width, height = 200, t, fmt }) {
  const data = rows.map((r) => ({ ...r, date: monthDate(r.month) }));
  return Plot.plot({
    width,
    height,
    marginLeft: 56,
    x: { type: "utc", label: null, ticks: "year" },
    y: { label: t("dossier.axis.revenue"), tickFormat: (v) => fmt.money(v), grid: true },
    marks: [
      Plot.rectY(data, {
        x: "date",
        interval: "month",
        y: "revenue",
        fill: palette.blue,
        fillOpacity: (d) => (d.is_partial ? 0.45 : 0.9),
        inset: 0.5,
      }),
      Plot.ruleY([0]),
      Plot.tip(data, Plot.pointerX({
        x: "date",
        y: "revenue",
        title: (d) => t("dossier.tip.month", { month: d.month, revenue: fmt.money(d.revenue), purchases: fmt.integer(d.purchases) }) + (d.is_partial ? ` (${t("dossier.partial")})` : ""),
      })),
    ],
  });
}

/** Gross margin month by month (a line; months without a known cost are gaps). */
export function monthlyMarginChart(rows, { width, height = 150, t, fmt }) {
  const data = rows.map((r) => ({ ...r, date: monthDate(r.month) }));
  return Plot.plot({
    width,
    height,
    marginLeft: 56,
    x: { type: "utc", label: null, ticks: "year" },
    y: { label: t("dossier.axis.margin"), tickFormat: (v) => fmt.percent(v, 0), grid: true, nice: true },
    marks: [
      Plot.ruleY([0], { stroke: palette.grey }),
      Plot.lineY(data, { x: "date", y: "gross_margin", stroke: palette.green, strokeWidth: 2, defined: (d) => d.gross_margin != null }),
      Plot.dot(data.filter((d) => d.gross_margin != null), { x: "date", y: "gross_margin", r: 1.5, fill: palette.green }),
      Plot.tip(data.filter((d) => d.gross_margin != null), Plot.pointerX({
        x: "date",
        y: "gross_margin",
        title: (d) => t("dossier.tip.margin", { month: d.month, margin: fmt.percent(d.gross_margin), profit: fmt.money(d.gross_profit) }),
      })),
    ],
  });
}

/**
 * The product mix per period: one bar per period, split by category (share of the customer's
 * revenue). rows: marts.dossier_product_mix; `label(row)` names a category row; colours by the
 * category's place in `order` (categories by their revenue over all periods, from the page).
 */
export function mixChart(rows, { width, t, fmt, label, order, periodLabel }) {
  const data = rows.filter((r) => r.revenue_share != null && r.revenue_share > 0).map((r) => ({ ...r, name: label(r), when: periodLabel(r) }));
  const periods = [...new Set(data.map((d) => d.when))];
  const names = order.map(label);
  return Plot.plot({
    width,
    height: 50 + periods.length * 30,
    marginLeft: Math.min(96, Math.round(width * 0.3)),
    x: { label: t("dossier.axis.mixShare"), tickFormat: (v) => fmt.percent(v, 0), domain: [0, 1], grid: true },
    y: { label: null, domain: periods },
    color: { legend: true, domain: names, range: [...categorical, ...categorical].slice(0, Math.max(1, names.length)) },
    marks: [
      Plot.barX(data, Plot.stackX({
        x: "revenue_share",
        y: "when",
        fill: "name",
        order: names,
        inset: 0.5,
        channels: { revenue: { value: "revenue", label: t("col.revenue") } },
        tip: { format: { x: (v) => fmt.percent(v), revenue: (v) => fmt.money(v), y: true, fill: true } },
      })),
    ],
  });
}

/** Visits per period by type (leadership, technical, business): stacked bars. rows: customer_metrics per year. */
export function visitsChart(rows, { width, t, fmt, periodLabel }) {
  const types = ["leadership", "technical", "business"];
  const colour = { leadership: palette.vermillion, technical: palette.sky, business: palette.orange };
  const data = rows.flatMap((r) => types.map((type) => ({ when: periodLabel(r), type, label: t(`dossier.visit.${type}`), visits: r[`visits_${type}`] ?? 0 })));
  return Plot.plot({
    width,
    height: 200,
    marginLeft: 40,
    x: { label: null, domain: rows.map(periodLabel) },
    y: { label: t("dossier.axis.visits"), grid: true, tickFormat: (v) => fmt.integer(v) },
    color: { legend: true, domain: types.map((k) => t(`dossier.visit.${k}`)), range: types.map((k) => colour[k]) },
    marks: [
      Plot.barY(data, Plot.stackY({ x: "when", y: "visits", fill: "label", inset: 1, tip: { format: { y: (v) => fmt.integer(v), x: true, fill: true } } })),
      Plot.ruleY([0]),
    ],
  });
}

/**
 * The score broken down: the points each indicator adds to the customer's score in one period
 * (key_account_indicators.contribution, which add up to the score), with its 0-100 score in the
 * tip; an absent indicator (no data: its weight went to the others) is a hollow mark at 0.
 */
export function scoreBreakdownChart(rows, { width, t, fmt }) {
  const data = rows.map((r) => ({ ...r, label: indicatorLabel(r.indicator, { t }), points: r.contribution ?? 0 }));
  return Plot.plot({
    width,
    height: 40 + data.length * 24,
    // labels take at most 45% of a narrow chart (a grid cell is measured before it is laid out)
    marginLeft: Math.min(150, Math.round(width * 0.45)),
    x: { label: t("dossier.axis.points"), grid: true, nice: true },
    y: { label: null, domain: data.map((d) => d.label) },
    marks: [
      Plot.barX(data.filter((d) => !d.is_absent), {
        x: "points",
        y: "label",
        fill: palette.blue,
        channels: {
          score: { value: "score", label: t("dossier.col.indicatorScore") },
          weight: { value: "effective_weight", label: t("dossier.col.weight") },
        },
        tip: { format: { x: (v) => fmt.number(v, 1), y: true, score: (v) => fmt.number(v, 0), weight: (v) => fmt.percent(v, 0) } },
      }),
      Plot.dot(data.filter((d) => d.is_absent), { x: 0, y: "label", r: 4, stroke: palette.grey, fill: "white" }),
      Plot.text(data.filter((d) => d.is_absent), { x: 0, y: "label", text: () => t("dossier.absent"), dx: 8, textAnchor: "start", fill: palette.grey }),
      Plot.ruleX([0]),
    ],
  });
}

/**
 * The score over the periods (0-100), each point coloured by the tier or state of that period
 * (customer_states): rows {when, score, state}.
 */
export function scoreHistoryChart(rows, { width, t, fmt }) {
  const data = rows.map((r) => ({ ...r, label: stateLabel(r.state, { t }) }));
  const present = states.filter((s) => data.some((d) => d.state === s));
  return Plot.plot({
    width,
    height: 220,
    marginLeft: 40,
    x: { label: null, domain: data.map((d) => d.when), padding: 0.3 },
    y: { label: t("dossier.axis.score"), domain: [0, 100], grid: true },
    color: { legend: true, domain: present.map((s) => stateLabel(s, { t })), range: present.map((s) => stateColor[s]) },
    marks: [
      Plot.line(data.filter((d) => d.score != null), { x: "when", y: "score", stroke: palette.grey, strokeWidth: 1.5 }),
      Plot.dot(data.filter((d) => d.score != null), {
        x: "when",
        y: "score",
        r: 6,
        fill: "label",
        stroke: "white",
        channels: { rank: { value: "score_rank", label: t("dossier.col.rank") } },
        tip: { format: { y: (v) => fmt.number(v, 1), x: true, fill: true, rank: (v) => fmt.integer(v) } },
      }),
      Plot.text(data.filter((d) => d.score == null), { x: "when", y: 4, text: "label", fill: palette.grey }),
    ],
  });
}
