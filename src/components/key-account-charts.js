// The key accounts page's charts (Observable Plot): pure functions of mart rows and
// {width, t, fmt}. Tiers are coloured by code (tiers.js), never by their translated label.
import * as Plot from "npm:@observablehq/plot";
import { palette } from "./charts.js";
import { stateColor, stateLabel, states } from "./tiers.js";

/** A revenue trend in a table cell (marts.key_account_list.trend: 12 quarters, oldest first); the last point marked. */
export function sparkline(values, { width = 96, height = 22 } = {}) {
  const data = (values ?? []).map((v, i) => ({ i, v }));
  return Plot.plot({
    width,
    height,
    margin: 2,
    axis: null,
    x: { domain: [0, Math.max(1, data.length - 1)] },
    y: { domain: [Math.min(0, ...data.map((d) => d.v)), Math.max(1, ...data.map((d) => d.v))] },
    marks: [
      Plot.ruleY([0], { stroke: palette.grey, strokeOpacity: 0.4 }),
      Plot.lineY(data, { x: "i", y: "v", stroke: palette.blue, strokeWidth: 1.5 }),
      Plot.dot(data.slice(-1), { x: "i", y: "v", r: 2, fill: palette.blue }),
    ],
  });
}

/**
 * The Markov matrix of one pair of periods (marts.tier_transitions): rows = the state before,
 * columns = the state after; a cell is the share of the row that moved there, with its count.
 */
export function transitionMatrix(rows, { width, t, fmt }) {
  const from = states.filter((s) => rows.some((r) => r.from_state === s && r.n_from > 0)).concat(rows.some((r) => r.from_state === "new") ? ["new"] : []);
  const to = states.filter((s) => rows.some((r) => r.to_state === s && r.n > 0) || s !== "inactive");
  const label = (s) => stateLabel(s, { t });
  const data = rows.filter((r) => from.includes(r.from_state) && to.includes(r.to_state)).map((r) => ({ ...r, fromLabel: label(r.from_state), toLabel: label(r.to_state) }));
  const narrow = width < 560;
  return Plot.plot({
    width,
    height: 60 + from.length * (narrow ? 30 : 36),
    marginLeft: narrow ? 64 : 96,
    marginTop: 40,
    padding: 0.04,
    x: { axis: "top", label: t("ka.axis.to"), domain: to.map(label), tickRotate: narrow ? -35 : 0 },
    y: { label: t("ka.axis.from"), domain: from.map(label) },
    color: { type: "linear", scheme: "blues", domain: [0, 1], legend: !narrow, label: t("ka.axis.transitionShare"), tickFormat: (v) => fmt.percent(v, 0) },
    marks: [
      Plot.cell(data, {
        x: "toLabel",
        y: "fromLabel",
        fill: "share",
        channels: { n: { value: "n", label: t("ka.col.customers") }, n_from: { value: "n_from", label: t("ka.col.of") } },
        tip: { format: { fill: (v) => fmt.percent(v), x: true, y: true, n: (v) => fmt.integer(v), n_from: (v) => fmt.integer(v) } },
      }),
      Plot.text(data.filter((d) => d.n > 0), {
        x: "toLabel",
        y: "fromLabel",
        text: (d) => (narrow ? fmt.percent(d.share, 0) : `${fmt.percent(d.share, 0)}\n${fmt.integer(d.n)}`),
        fill: (d) => (d.share > 0.55 ? "white" : "black"),
        fontSize: narrow ? 9 : 11,
        lineHeight: 1.1,
      }),
    ],
  });
}

/**
 * Where the customer base is heading (marts.tier_projection): the share of each tier now and
 * projected one and two periods on and in the long run, one bar group per tier.
 */
export function projectionChart(rows, { width, t, fmt }) {
  const horizons = ["actual", "next", "after_next", "long_run"];
  const shades = { actual: palette.blue, next: palette.sky, after_next: "#9fd1ee", long_run: palette.grey };
  const data = rows.filter((r) => r.share != null && r.state !== "inactive" && horizons.includes(r.horizon))
    .map((r) => ({ ...r, tier: stateLabel(r.state, { t }), when: t(`ka.horizon.${r.horizon}`) }));
  const tiersShown = states.filter((s) => data.some((d) => d.state === s)).map((s) => stateLabel(s, { t }));
  return Plot.plot({
    width,
    height: 240,
    marginLeft: 44,
    // the tiers side by side, the horizons inside each
    fx: { label: null, domain: tiersShown },
    x: { axis: null, domain: horizons.map((h) => t(`ka.horizon.${h}`)) },
    y: { label: t("ka.axis.tierShare"), tickFormat: (v) => fmt.percent(v, 0), grid: true },
    color: { legend: true, domain: horizons.map((h) => t(`ka.horizon.${h}`)), range: horizons.map((h) => shades[h]) },
    marks: [
      Plot.barY(data, { fx: "tier", x: "when", y: "share", fill: "when", tip: { format: { y: (v) => fmt.percent(v), fx: true, x: true, fill: false } } }),
      Plot.ruleY([0]),
    ],
  });
}

/**
 * Coverage against the pyramid (marts.key_account_coverage): per layer (key accounts, regular,
 * the rest) the share of customers and the share of the sales team's visit hours, with the
 * pyramid's reference shares as ticks.
 */
export function coverageChart(rows, { width, t, fmt }) {
  const layers = ["key", "regular", "rest"];
  const byLayer = layers.map((l) => rows.find((r) => r.layer === l)).filter(Boolean);
  const label = (l) => t(`ka.layer.${l}`);
  const measures = [
    ["layer_customer_share", "reference_customer_share", t("ka.cov.customers"), palette.grey],
    ["layer_hours_share", "reference_hours_share", t("ka.cov.hours"), palette.blue],
  ];
  const bars = byLayer.flatMap((r) => measures.map(([v, ref, name]) => ({ layer: label(r.layer), measure: name, value: r[v], reference: r[ref] })));
  return Plot.plot({
    width,
    height: 240,
    marginLeft: 44,
    fx: { label: null, domain: byLayer.map((r) => label(r.layer)) },
    x: { axis: null, domain: measures.map((m) => m[2]) },
    y: { label: t("ka.axis.share"), tickFormat: (v) => fmt.percent(v, 0), grid: true, domain: [0, 1] },
    color: { legend: true, domain: measures.map((m) => m[2]), range: measures.map((m) => m[3]) },
    marks: [
      Plot.barY(bars, { fx: "layer", x: "measure", y: "value", fill: "measure", tip: { format: { y: (v) => fmt.percent(v), fx: true, x: true, fill: false } } }),
      Plot.tickY(bars.filter((b) => b.reference != null), { fx: "layer", x: "measure", y: "reference", stroke: palette.vermillion, strokeWidth: 2.5 }),
      Plot.ruleY([0]),
    ],
  });
}
