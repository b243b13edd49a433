// Charts of the customer lifecycle (客户生命周期), pure functions of mart rows and {width, t, fmt}.
import * as Plot from "npm:@observablehq/plot";
import { keyedColor } from "./colors.js";

export const stageOrder = ["exploration", "formation", "stability", "decline", "lost"];

/**
 * The stage mix per period (marts.lifecycle_summary): one stacked bar per period, the share of
 * the period's customers in each stage. Colours follow the stage key (colors.js), so both
 * locales draw the same. `periodLabel(row)` names a period (a partial one marked).
 */
export function stageMix(rows, { width, height = 300, t, fmt, periodLabel = (r) => String(r.period) }) {
  const periods = [...new Map(rows.map((r) => [r.period, periodLabel(r)])).entries()];
  const labelOf = new Map(periods);
  const stages = stageOrder.filter((s) => rows.some((r) => r.stage === s));
  const name = (s) => t(`stage.${s}`);
  return Plot.plot({
    width,
    height,
    marginLeft: 48,
    x: { domain: periods.map(([p]) => p), tickFormat: (p) => labelOf.get(p), label: null },
    y: { label: t("life.axis.share"), tickFormat: (v) => fmt.percent(v, 0), grid: true, domain: [0, 1] },
    color: keyedColor(stages, name),
    marks: [
      Plot.barY(rows, {
        x: "period",
        y: "customer_share",
        fill: "stage",
        order: stages,
        channels: { stageName: { value: (d) => name(d.stage), label: t("life.col.stage") }, customers: { value: "n_customers", label: t("col.customers") }, revenueShare: { value: "revenue_share", label: t("col.revenueShare") } },
        tip: { format: { stageName: true, x: (p) => labelOf.get(p), y: (v) => fmt.percent(v), customers: (v) => fmt.integer(v), revenueShare: (v) => fmt.percent(v), fill: false } },
      }),
      Plot.ruleY([0]),
    ],
  });
}
