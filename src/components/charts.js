// Reusable report charts (Observable Plot). Each is a pure function of data already computed
// (by the marts) and {width, t, fmt} passed in by the page: nothing here reads the locale, so a
// chart draws the same for either locale, the site or a PDF. Titles state the finding and are
// passed in by the page. Plot writes all text with SVG text nodes, so customer names are
// never parsed as HTML.
import * as Plot from "npm:@observablehq/plot";
import { colorOf, keyedColor, palette } from "./colors.js";

// Colours come by key from ./colors.js (re-exported here for the pages that import them from charts.js).
export { palette, categorical } from "./colors.js";

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
export function paretoChart(points, { width, height = 320, t, fmt, measure = "revenue", measureLabel, topShare, targetShare, marks = [], color = colorOf(measure) } = {}) {
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

/** Lorenz curve(s) with the line of equality. curves: [{key (the measure), label, points: [{x, y}]}] */
export function lorenzChart(curves, { width, height = 320, t, fmt } = {}) {
  const labels = new Map(curves.map((c) => [c.key ?? c.label, c.label]));
  const data = curves.flatMap((c) => c.points.map((p) => ({ ...p, series: c.key ?? c.label })));
  return Plot.plot({
    width,
    height,
    marginLeft: 48,
    x: shareAxis(t("axis.customerShareAsc"), fmt),
    y: shareAxis(t("axis.cumulativeShareAll"), fmt),
    color: keyedColor([...labels.keys()], (k) => labels.get(k), { legend: curves.length > 1 }),
    marks: [
      Plot.line([{ x: 0, y: 0 }, { x: 1, y: 1 }], { x: "x", y: "y", stroke: palette.grey, strokeDasharray: "4,3" }),
      Plot.line(data, { x: "x", y: "y", stroke: "series", strokeWidth: 2, curve: "monotone-x" }),
      Plot.tip(data, Plot.pointer({ x: "x", y: "y", title: (d) => `${labels.get(d.series)}: ${fmt.percent(d.x)} → ${fmt.percent(d.y)}` })),
    ],
  });
}

/**
 * Whale curve: cumulative profit share (can exceed 100%) against the share of customers.
 * points: [{x, y}]; profit: "gross_profit" (default) or "contribution" (after cost to serve),
 * which names the axes and the tip.
 */
export function whaleChart(points, { width, height = 320, peak, t, fmt, profit = "gross_profit" } = {}) {
  const after = profit === "contribution";
  return Plot.plot({
    width,
    height,
    marginLeft: 52,
    x: shareAxis(t(after ? "axis.customerShareByContribution" : "axis.customerShareByProfit"), fmt),
    y: { label: t(after ? "axis.cumulativeContributionShare" : "axis.cumulativeProfitShare"), tickFormat: (d) => fmt.percent(d, 0), grid: true },
    marks: [
      Plot.ruleY([0, 1], { stroke: palette.grey }),
      Plot.areaY(points, { x: "x", y: "y", fill: palette.green, fillOpacity: 0.15 }),
      Plot.line(points, { x: "x", y: "y", stroke: palette.green, strokeWidth: 2.5 }),
      peak ? Plot.dot([peak], { x: "x", y: "y", r: 5, fill: palette.vermillion }) : null,
      peak ? Plot.text([peak], { x: "x", y: "y", text: "label", dy: -12 }) : null,
      Plot.tip(points, Plot.pointerX({ x: "x", y: "y", title: (d) => t(after ? "tip.whaleContribution" : "tip.whale", { customers: fmt.percent(d.x), share: fmt.percent(d.y) }) })),
    ],
  });
}

/** Whether a customer can be drawn on a quadrant chart (finite values; x > 0 on a log axis). */
export const plottable = (x, y, xLog = false) => Number.isFinite(x) && Number.isFinite(y) && (!xLog || x > 0);

/**
 * Quadrant chart: one dot per customer sized by revenue, coloured by its cell (by the cell's
 * key: the same colour in both locales), with the threshold lines. The tip names the customer
 * and its cell and gives both axis values (short labels, the real value even when the dot is
 * drawn at the edge of a clamped axis) and the revenue.
 * points: [{x, y, cell, name, customer_id, revenue}]; cells: the matrix's cell keys;
 * cellLabel(key) the cell's name; xTip / yTip the short names of the two values;
 * refY: extra reference lines [{y, label}] (e.g. a collection rate of 100%).
 */
export function quadrantChart(points, { width, height = 380, t, fmt, xLabel, yLabel, xTip, yTip, xThreshold, yThreshold, xLog = false, xFormat, yFormat, xTipFormat = xFormat, yTipFormat = yFormat, xDomain, yDomain, cells = [], cellLabel = (c) => c, refY = [] } = {}) {
  const finite = points.filter((d) => plottable(d.x, d.y, xLog));
  return Plot.plot({
    width,
    height,
    marginLeft: 56,
    // a domain clamps outliers (e.g. growth of +3,000%) to the edge instead of squashing the rest
    x: { label: xLabel, type: xLog ? "log" : "linear", tickFormat: xFormat, grid: true, ticks: 6, domain: xDomain, clamp: xDomain != null },
    y: { label: yLabel, tickFormat: yFormat, grid: true, domain: yDomain, clamp: yDomain != null },
    r: { range: [1.5, 14] },
    color: keyedColor(cells, cellLabel),
    marks: [
      xThreshold != null ? Plot.ruleX([xThreshold], { stroke: "currentColor", strokeDasharray: "5,3" }) : null,
      yThreshold != null ? Plot.ruleY([yThreshold], { stroke: "currentColor", strokeDasharray: "5,3" }) : null,
      refY.length ? Plot.ruleY(refY, { y: "y", stroke: palette.grey, strokeWidth: 1 }) : null,
      refY.length ? Plot.text(refY, { y: "y", text: "label", frameAnchor: "right", dy: -6, fill: "currentColor", fontSize: 10 }) : null,
      Plot.dot(finite, {
        x: "x",
        y: "y",
        r: (d) => Math.max(0, d.revenue),
        fill: "cell",
        fillOpacity: 0.6,
        stroke: "white",
        strokeWidth: 0.5,
        channels: {
          customer: { value: "name", label: t("col.customer") },
          cellName: { value: (d) => cellLabel(d.cell), label: t("col.cell") },
          xValue: { value: "x", label: xTip ?? xLabel },
          yValue: { value: "y", label: yTip ?? yLabel },
          revenueValue: { value: "revenue", label: t("col.revenue") },
        },
        tip: {
          lineWidth: 40,
          format: { x: false, y: false, fill: false, r: false, customer: true, cellName: true, xValue: xTipFormat, yValue: yTipFormat, revenueValue: (v) => fmt.money(v) },
        },
      }),
    ],
  });
}

/**
 * Cohort heatmap: cohorts down, periods since first purchase across, cells = a share (printed
 * with the share format of every table: one decimal). cohortLabel(cohort) names a row (e.g.
 * the first cohort "already buying when the data starts").
 */
export function cohortHeatmap(rows, { value = "logo_retention", width, label, max = 1, t, fmt, cohortLabel = (c) => c, marginLeft = 64 } = {}) {
  const data = rows.filter((d) => d[value] != null);
  const cohorts = [...new Set(data.map((d) => d.cohort))];
  const offsets = new Set(data.map((d) => d.period_offset)).size;
  // on a phone: short row labels, and the share printed only where a cell has room for it
  const narrow = width < 520;
  const left = narrow ? 40 : marginLeft;
  const cellWidth = (width - left - 20) / Math.max(1, offsets);
  const fontSize = cellWidth < 56 ? 8.5 : 10;
  return Plot.plot({
    width,
    height: 40 + cohorts.length * 28,
    marginLeft: left,
    padding: 0.05,
    x: { label: t("axis.periodOffset"), type: "band" },
    y: { label: narrow ? null : t("axis.cohort"), domain: cohorts, tickFormat: narrow ? String : cohortLabel },
    color: { type: "linear", scheme: "blues", domain: [0, max], legend: true, label, tickFormat: (d) => fmt.percent(d, 0) },
    marks: [
      Plot.cell(data, {
        x: "period_offset",
        y: "cohort",
        fill: value,
        fillOpacity: (d) => (d.is_partial ? 0.55 : 1),
        channels: { cohortName: { value: (d) => cohortLabel(d.cohort), label: t("axis.cohort") }, shown: { value, label } },
        tip: { lineWidth: 40, format: { x: true, y: false, fill: false, cohortName: true, shown: (v) => fmt.percent(v) } },
      }),
      Plot.text(cellWidth >= 40 ? data : [], {
        x: "period_offset",
        y: "cohort",
        // a period still running is marked (*): its share covers only part of the period
        text: (d) => fmt.percent(d[value]) + (d.is_partial ? "*" : ""),
        fill: (d) => (d[value] > max * 0.55 ? "white" : "black"),
        fontSize,
      }),
    ],
  });
}

/**
 * Average retention curves by periods since first purchase. series: [[key, label]]; each
 * series keeps the colour of its key (colors.js).
 */
export function retentionCurve(rows, { width, height = 300, series, t, fmt }) {
  const labels = new Map(series);
  const data = series.flatMap(([key]) => rows.filter((r) => r[key] != null).map((r) => ({ offset: r.period_offset, value: r[key], series: key })));
  return Plot.plot({
    width,
    height,
    marginLeft: 48,
    x: { label: t("axis.periodOffset"), tickFormat: (d) => fmt.integer(d), ticks: rows.length },
    y: { label: t("axis.retention"), tickFormat: (d) => fmt.percent(d, 0), grid: true, zero: true },
    color: keyedColor(series.map(([k]) => k), (k) => labels.get(k)),
    marks: [
      Plot.ruleY([1], { stroke: palette.grey, strokeDasharray: "4,3" }),
      Plot.line(data, { x: "offset", y: "value", stroke: "series", strokeWidth: 2, marker: "circle" }),
      Plot.tip(data, Plot.pointer({ x: "offset", y: "value", stroke: "series", title: (d) => `${labels.get(d.series)}: ${fmt.percent(d.value)}` })),
    ],
  });
}

/**
 * Bars of a share per category (e.g. RFM segments by customers and by revenue). series:
 * [[key, label]]: a series keeps its key's colour (customers orange, revenue blue …) on every
 * page and in both locales. `y` is the category key of a row, `yLabel` the axis name and
 * `categoryLabel(key)` the category's name.
 */
export function shareBars(rows, { width, y, series, yLabel, height, t, fmt, categoryLabel = (c) => c, marginLeft = 110 } = {}) {
  const labels = new Map(series);
  const data = series.flatMap(([key]) => rows.map((r) => ({ category: r[y], value: r[key], series: key })));
  return Plot.plot({
    width,
    height: height ?? 60 + rows.length * 40,
    marginLeft,
    x: { label: t("axis.share"), tickFormat: (d) => fmt.percent(d, 0), grid: true },
    fy: { label: yLabel, domain: rows.map((r) => r[y]), tickFormat: categoryLabel },
    y: { axis: null, domain: series.map(([k]) => k) },
    color: keyedColor(series.map(([k]) => k), (k) => labels.get(k)),
    marks: [
      Plot.barX(data, {
        x: "value",
        fy: "category",
        y: "series",
        fill: "series",
        channels: { categoryName: { value: (d) => categoryLabel(d.category), label: yLabel }, seriesName: { value: (d) => labels.get(d.series), label: t("col.measure") } },
        tip: { lineWidth: 40, format: { categoryName: true, seriesName: true, x: (v) => fmt.percent(v), fy: false, y: false, fill: false } },
      }),
      Plot.ruleX([0]),
    ],
  });
}
