// Charts of the risks page (Observable Plot), pure functions of mart rows and {width, t, fmt}.
// Customer names are drawn as SVG text (never parsed as HTML).
import * as Plot from "npm:@observablehq/plot";
import { colorOf } from "./colors.js";

/**
 * The accounts at risk, largest at stake first: a bar for what each has been worth (the revenue
 * at stake: the larger of the period's revenue and the compared range's) and, over it, what it
 * bought in the period. rows: marts.at_risk_accounts rows; the gap between the bars is the
 * revenue that has already gone.
 */
export function atStakeBars(rows, { width, t, fmt, nameOf = (d) => d.customer_name, signalsOf = () => "" }) {
  const data = rows.map((d) => ({ ...d, name: nameOf(d), signals: signalsOf(d) }));
  const names = data.map((d) => d.name);
  const longest = Math.max(0, ...names.map((n) => [...String(n)].reduce((w, c) => w + (c.codePointAt(0) > 0x2e80 ? 11 : 6.5), 0)));
  const narrow = width < 560;
  return Plot.plot({
    width,
    height: 40 + data.length * (narrow ? 34 : 24),
    marginLeft: narrow ? 8 : Math.min(260, 16 + longest),
    marginRight: 16,
    x: { label: t("risk.axis.atStake"), tickFormat: (v) => fmt.money(v), grid: true, ticks: narrow ? 3 : 6 },
    y: { domain: names, label: null, axis: narrow ? null : "left", tickSize: 0 },
    marks: [
      Plot.barX(data, { y: "name", x: "revenue_at_stake", fill: colorOf("revenue_at_stake"), fillOpacity: 0.35, insetTop: 2, insetBottom: 2 }),
      Plot.barX(data, { y: "name", x: "revenue", fill: colorOf("revenue"), insetTop: narrow ? 14 : 7, insetBottom: narrow ? 4 : 7 }),
      // on a phone the names go inside the chart, above their bars
      narrow ? Plot.text(data, { y: "name", x: 0, text: "name", textAnchor: "start", dx: 2, dy: -8, fontSize: 11 }) : null,
      Plot.ruleX([0]),
      Plot.tip(
        data,
        Plot.pointerY({
          y: "name",
          x: "revenue_at_stake",
          channels: {
            name: { value: "name", label: t("col.customer") },
            atStake: { value: "revenue_at_stake", label: t("risk.col.atStake") },
            revenue: { value: "revenue", label: t("col.revenue") },
            signals: { value: "signals", label: t("risk.col.signals") },
          },
          format: { name: true, atStake: (v) => fmt.money(v), revenue: (v) => fmt.money(v), signals: true, x: false, y: false },
          lineWidth: 40,
        }),
      ),
    ].filter(Boolean),
  });
}
