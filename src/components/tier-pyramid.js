// The tier pyramid of a period (marts.key_account_summary's tier counts): one centred bar per
// tier, key accounts on top, the width the number of customers in it, labelled with the count
// and its share of the rated customers. Colours follow the tier key, never a translated label.
// Pure: the summary row and {width, t, fmt} in.
import * as Plot from "npm:@observablehq/plot";
import { palette } from "./charts.js";

export const tierOrder = ["key", "regular", "potential", "watch", "give_up"];
export const tierColor = { key: palette.blue, regular: palette.sky, potential: palette.green, watch: palette.orange, give_up: palette.grey };

/** The pyramid's layers from a key_account_summary row, top first; null without rated customers. */
export function tierLayers(row, { t }) {
  if (!row?.n_rated) return null;
  const n = { key: row.n_key, regular: row.n_regular, potential: row.n_potential, watch: row.n_watch, give_up: row.n_give_up };
  return tierOrder.map((tier) => ({ tier, label: t(`tier.${tier}`), n: n[tier] ?? 0, share: (n[tier] ?? 0) / row.n_rated }));
}

export function tierPyramid(layers, { width, height = 200, t, fmt } = {}) {
  const max = Math.max(...layers.map((d) => d.n), 1);
  const text = (d) => t("pyramid.value", { n: fmt.integer(d.n), share: fmt.percent(d.share, 0) });
  return Plot.plot({
    width,
    height,
    marginLeft: Math.min(120, Math.max(80, width * 0.22)),
    marginRight: 10,
    x: { axis: null, domain: [-max / 2, max / 2 + max * 0.02] },
    y: { label: null, domain: layers.map((d) => d.label), tickSize: 0, padding: 0.15 },
    marks: [
      Plot.barX(layers, { x1: (d) => -d.n / 2, x2: (d) => d.n / 2, y: "label", fill: (d) => tierColor[d.tier] }),
      // the label sits on the bar when it is wide enough, else beside it
      Plot.text(layers, { x: 0, y: "label", text, fill: "white", fontWeight: 600, filter: (d) => d.n / max > 0.35 }),
      Plot.text(layers, { x: (d) => d.n / 2, y: "label", text, dx: 4, textAnchor: "start", fill: "currentColor", filter: (d) => d.n / max <= 0.35 }),
    ],
  });
}
