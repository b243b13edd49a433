// Charts of the value page (Observable Plot), pure functions of mart rows and {width, t, fmt}.
import * as Plot from "npm:@observablehq/plot";
import { keyedColor } from "./colors.js";

/**
 * The standard BG/NBD holdout check (marts.clv_holdout): per calibration frequency group, the
 * purchase days customers actually made in the holdout against what the calibration fit
 * predicted, per customer. Colours by key (actual / predicted), the same in both locales.
 */
export function holdoutChart(rows, { width, height = 300, t, fmt }) {
  const series = [["actual_mean", "actual"], ["predicted_mean", "predicted"]];
  const data = rows.flatMap((r) =>
    series.filter(([col]) => r[col] != null).map(([col, key]) => ({ label: r.label, group: r.frequency_group, value: r[col], series: key, customers: r.customers })),
  );
  const labels = rows.map((r) => r.label);
  const name = (k) => t(`value.series.${k}`);
  return Plot.plot({
    width,
    height,
    marginLeft: 48,
    x: { domain: labels, label: t("value.axis.frequency"), padding: 0.3 },
    y: { label: t("value.axis.holdoutPurchases"), grid: true, zero: true, tickFormat: (v) => fmt.number(v, 1) },
    color: keyedColor(["actual", "predicted"], name),
    marks: [
      Plot.line(data, { x: "label", y: "value", stroke: "series", strokeWidth: 2 }),
      Plot.dot(data, {
        x: "label",
        y: "value",
        fill: "series",
        r: 4,
        channels: { seriesName: { value: (d) => name(d.series), label: t("value.col.series") }, customers: { value: "customers", label: t("col.customers") } },
        tip: { format: { seriesName: true, customers: (v) => fmt.integer(v), x: true, y: (v) => fmt.number(v, 2), fill: false } },
      }),
      Plot.ruleY([0]),
    ],
  });
}
