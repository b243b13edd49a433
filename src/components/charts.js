// Reusable report charts (Observable Plot). Each is a pure function of data already computed
// (by the marts) and {width, t, fmt} passed in by the page: nothing here reads the locale, so a
// chart draws the same for either locale, the site or a PDF. Titles state the finding and are
// passed in by the page. Plot writes all text with SVG text nodes, so customer names are
// never parsed as HTML.
import * as Plot from "npm:@observablehq/plot";

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
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

const shareAxis = (label, fmt) => ({ label, domain: [0, 1], tickFormat: (d) => fmt.percent(d, 0), grid: true });

/** The points of a curve stored as two lists (marts' curve_x / pareto_y …): [{x, y}]. */
export const curvePoints = (xs = [], ys = []) => xs.map((x, i) => ({ x, y: ys[i] })).filter((p) => p.y != null);

/** A figure with a title (the finding), the chart, and an optional caption. */
export function figure(title, chart, caption) {
  const fig = document.createElement("figure");
  fig.className = "kam-figure";
  const h = document.createElement("h3");
  h.textContent = title;
  // screen readers announce the chart by its finding
  chart.setAttribute?.("aria-label", title);
  fig.append(h, chart);
  if (caption) {
    const c = document.createElement("figcaption");
    c.textContent = caption;
    fig.append(c);
  }
  return fig;
}

/**
 * Pareto curve: cumulative share of the measure against the share of customers (largest
 * first), with the reference lines of the configured top share and target share, and marked
 * points (e.g. the customers needed for the target). points: [{x, y}] (curvePoints).
 */
export function paretoChart(points, { width, height = 320, t, fmt, measureLabel, topShare, targetShare, marks = [], color = palette.blue } = {}) {
  return Plot.plot({
    width,
    height,
    marginLeft: 48,
    x: shareAxis(t("axis.customerShare"), fmt),
    y: shareAxis(t("axis.cumulativeShare", { measure: measureLabel }), fmt),
    marks: [
      topShare != null ? Plot.ruleX([topShare], { stroke: palette.grey, strokeDasharray: "4,3" }) : null,
      targetShare != null ? Plot.ruleY([targetShare], { stroke: palette.grey, strokeDasharray: "4,3" }) : null,
      Plot.line([{ x: 0, y: 0 }, { x: 1, y: 1 }], { x: "x", y: "y", stroke: palette.grey, strokeOpacity: 0.5 }),
      Plot.line(points, { x: "x", y: "y", stroke: color, strokeWidth: 2.5, curve: "monotone-x" }),
      Plot.dot(marks, { x: "x", y: "y", r: 5, fill: palette.vermillion }),
      Plot.text(marks, { x: "x", y: "y", text: "label", dx: 8, dy: 10, textAnchor: "start" }),
      Plot.tip(points, Plot.pointerX({ x: "x", y: "y", title: (d) => t("tip.pareto", { customers: fmt.percent(d.x), share: fmt.percent(d.y) }) })),
    ],
  });
}

/** Lorenz curve(s) with the line of equality. curves: [{label, points: [{x, y}]}] */
export function lorenzChart(curves, { width, height = 320, t, fmt } = {}) {
  const data = curves.flatMap((c) => c.points.map((p) => ({ ...p, series: c.label })));
  return Plot.plot({
    width,
    height,
    marginLeft: 48,
    x: shareAxis(t("axis.customerShareAsc"), fmt),
    y: shareAxis(t("axis.cumulativeShareAll"), fmt),
    color: { legend: curves.length > 1, range: categorical },
    marks: [
      Plot.line([{ x: 0, y: 0 }, { x: 1, y: 1 }], { x: "x", y: "y", stroke: palette.grey, strokeDasharray: "4,3" }),
      Plot.line(data, { x: "x", y: "y", stroke: "series", strokeWidth: 2, curve: "monotone-x" }),
      Plot.tip(data, Plot.pointer({ x: "x", y: "y", title: (d) => `${d.series}: ${fmt.percent(d.x)} → ${fmt.percent(d.y)}` })),
    ],
  });
}

/** Whale curve: cumulative profit share (can exceed 100%) against the share of customers. points: [{x, y}] */
export function whaleChart(points, { width, height = 320, peak, t, fmt } = {}) {
  return Plot.plot({
    width,
    height,
    marginLeft: 52,
    x: shareAxis(t("axis.customerShareByProfit"), fmt),
    y: { label: t("axis.cumulativeProfitShare"), tickFormat: (d) => fmt.percent(d, 0), grid: true },
    marks: [
      Plot.ruleY([0, 1], { stroke: palette.grey }),
      Plot.areaY(points, { x: "x", y: "y", fill: palette.green, fillOpacity: 0.15 }),
      Plot.line(points, { x: "x", y: "y", stroke: palette.green, strokeWidth: 2.5 }),
      peak ? Plot.dot([peak], { x: "x", y: "y", r: 5, fill: palette.vermillion }) : null,
      peak ? Plot.text([peak], { x: "x", y: "y", text: "label", dy: -12 }) : null,
      Plot.tip(points, Plot.pointerX({ x: "x", y: "y", title: (d) => t("tip.whale", { customers: fmt.percent(d.x), share: fmt.percent(d.y) }) })),
    ],
  });
}

/** Whether a customer can be drawn on a quadrant chart (finite values; x > 0 on a log axis). */
export const plottable = (x, y, xLog = false) => Number.isFinite(x) && Number.isFinite(y) && (!xLog || x > 0);

/**
 * Quadrant chart: one dot per customer sized by revenue, coloured by cell, with the
 * threshold lines. points: [{x, y, cell, cellLabel, name, revenue}]
 */
export function quadrantChart(points, { width, height = 380, t, fmt, xLabel, yLabel, xThreshold, yThreshold, xLog = false, xFormat, yFormat, xDomain, yDomain, cells } = {}) {
  const finite = points.filter((d) => plottable(d.x, d.y, xLog));
  return Plot.plot({
    width,
    height,
    marginLeft: 56,
    // a domain clamps outliers (e.g. growth of +3,000%) to the edge instead of squashing the rest
    x: { label: xLabel, type: xLog ? "log" : "linear", tickFormat: xFormat, grid: true, ticks: 6, domain: xDomain, clamp: xDomain != null },
    y: { label: yLabel, tickFormat: yFormat, grid: true, domain: yDomain, clamp: yDomain != null },
    r: { range: [1.5, 14] },
    color: { legend: true, domain: cells?.map((c) => c.label), range: categorical },
    marks: [
      xThreshold != null ? Plot.ruleX([xThreshold], { stroke: "currentColor", strokeDasharray: "5,3" }) : null,
      yThreshold != null ? Plot.ruleY([yThreshold], { stroke: "currentColor", strokeDasharray: "5,3" }) : null,
      Plot.dot(finite, {
        x: "x",
        y: "y",
        r: (d) => Math.max(0, d.revenue),
        fill: "cellLabel",
        fillOpacity: 0.6,
        stroke: "white",
        strokeWidth: 0.5,
        channels: { name: { value: "name", label: t("col.customer") }, revenue: { value: "revenue", label: t("col.revenue") } },
        tip: { format: { x: xFormat, y: yFormat, revenue: (v) => fmt.money(v), r: false, fill: true } },
      }),
    ],
  });
}

/** Cohort heatmap: cohorts down, periods since first purchase across, cells = a share. */
export function cohortHeatmap(rows, { value = "logo_retention", width, label, max = 1, t, fmt } = {}) {
  const data = rows.filter((d) => d[value] != null);
  const cohorts = [...new Set(data.map((d) => d.cohort))];
  return Plot.plot({
    width,
    height: 40 + cohorts.length * 28,
    marginLeft: 64,
    padding: 0.05,
    x: { label: t("axis.periodOffset"), type: "band" },
    y: { label: t("axis.cohort"), domain: cohorts },
    color: { type: "linear", scheme: "blues", domain: [0, max], legend: true, label, tickFormat: (d) => fmt.percent(d, 0) },
    marks: [
      Plot.cell(data, { x: "period_offset", y: "cohort", fill: value, tip: { format: { fill: (v) => fmt.percent(v) } } }),
      Plot.text(data, {
        x: "period_offset",
        y: "cohort",
        text: (d) => fmt.percent(d[value], 0),
        fill: (d) => (d[value] > max * 0.55 ? "white" : "black"),
        fontSize: 10,
      }),
    ],
  });
}

/** Average retention curves (logo, net and gross revenue retention) by periods since first purchase. */
export function retentionCurve(rows, { width, height = 300, series, t, fmt }) {
  const data = series.flatMap(([key, label]) => rows.filter((r) => r[key] != null).map((r) => ({ offset: r.period_offset, value: r[key], series: label })));
  return Plot.plot({
    width,
    height,
    marginLeft: 48,
    x: { label: t("axis.periodOffset"), tickFormat: (d) => fmt.integer(d), ticks: rows.length },
    y: { label: t("axis.retention"), tickFormat: (d) => fmt.percent(d, 0), grid: true, zero: true },
    color: { legend: true, range: categorical },
    marks: [
      Plot.ruleY([1], { stroke: palette.grey, strokeDasharray: "4,3" }),
      Plot.line(data, { x: "offset", y: "value", stroke: "series", strokeWidth: 2, marker: "circle" }),
      Plot.tip(data, Plot.pointer({ x: "offset", y: "value", stroke: "series", title: (d) => `${d.series}: ${fmt.percent(d.value)}` })),
    ],
  });
}

/** Bars of a share per category (e.g. RFM segments by customers and by revenue). */
export function shareBars(rows, { width, y, series, yLabel, height, t, fmt } = {}) {
  const data = series.flatMap(([key, label]) => rows.map((r) => ({ category: r[y], value: r[key], series: label })));
  return Plot.plot({
    width,
    height: height ?? 60 + rows.length * 40,
    marginLeft: 110,
    x: { label: t("axis.share"), tickFormat: (d) => fmt.percent(d, 0), grid: true },
    fy: { label: yLabel, domain: rows.map((r) => r[y]) },
    y: { axis: null, domain: series.map((s) => s[1]) },
    color: { legend: true, range: categorical, domain: series.map((s) => s[1]) },
    marks: [
      Plot.barX(data, { x: "value", fy: "category", y: "series", fill: "series", tip: { format: { x: (v) => fmt.percent(v), fy: true, y: false } } }),
      Plot.ruleX([0]),
    ],
  });
}

