// The revenue bridge between a period and the range it is compared with (marts.kpi_slices
// bridge_*): how new, returning, growing, shrinking and lost customers moved revenue. Drawn as
// one bar per step from zero (not a waterfall from the start total: next to a ¥500M start, a ¥1M
// step would be invisible) with the net change last; the start and end totals go in the title.
// Pure: the steps and {width, t, fmt} in. Colours follow the sign, never a translated label.
import * as Plot from "npm:@observablehq/plot";
import { palette } from "./charts.js";

/** The bridge's steps from a kpi_slices row, in order; null without a comparison. */
export function bridgeSteps(row, { t }) {
  if (!row || row.bridge_new == null) return null;
  const step = (key, value, n) => ({ key, label: t(`bridge.${key}`), value, n });
  return [
    step("new", row.bridge_new, row.bridge_new_customers),
    step("returning", row.bridge_returning, row.bridge_returning_customers),
    step("expansion", row.bridge_expansion, row.bridge_expansion_customers),
    step("contraction", row.bridge_contraction, row.bridge_contraction_customers),
    step("lost", row.bridge_lost, row.lost_customers),
    step("net", row.revenue_change, null),
  ];
}

export function bridgeChart(steps, { width, height = 260, t, fmt } = {}) {
  const colour = (d) => (d.key === "net" ? palette.blue : d.value >= 0 ? palette.green : palette.vermillion);
  const text = (d) => (d.n == null ? fmt.money(d.value) : t("bridge.value", { value: fmt.money(d.value), n: fmt.integer(d.n) }));
  const max = Math.max(...steps.map((d) => Math.abs(d.value)), 1);
  return Plot.plot({
    width,
    height,
    marginLeft: Math.min(150, Math.max(90, width * 0.25)),
    marginRight: Math.min(130, width * 0.3),
    x: { label: t("bridge.axis"), tickFormat: (v) => fmt.money(v), grid: true, domain: [-max, max], ticks: width < 500 ? 3 : 6 },
    y: { label: null, domain: steps.map((d) => d.label), tickSize: 0 },
    marks: [
      Plot.ruleX([0]),
      Plot.barX(steps, { x: "value", y: "label", fill: colour }),
      Plot.text(steps, { x: "value", y: "label", text, textAnchor: "start", dx: 4, fill: "currentColor", filter: (d) => d.value >= 0 }),
      Plot.text(steps, { x: 0, y: "label", text, textAnchor: "start", dx: 4, fill: "currentColor", filter: (d) => d.value < 0 }),
      Plot.tip(steps, Plot.pointerY({ x: "value", y: "label", title: (d) => `${d.label}: ${text(d)}` })),
    ],
  });
}
