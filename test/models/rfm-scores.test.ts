// marts.rfm_segments.scores: the score ranges of each rule, from the configured numbers (not
// from the rule's free text, which an analyst may write in any words or leave empty).
import { describe, expect, it } from "vitest";
import { modelled } from "./warehouse.ts";

describe("rfm segment scores", () => {
  it("lists the ranges a rule narrows, for default and custom rules", async () => {
    const lines = [["A", "2024-06-01", "C1", 100]] as [string, string, string, number][];
    const d = await modelled({ lines, analysis: { analysis_date: "2024-12-31" } });
    const byDefault = Object.fromEntries((await d.rows(`select segment, scores from marts.rfm_segments`)).map((r) => [r.segment, r.scores]));
    expect(byDefault).toMatchObject({
      new: null, // decided by the first purchase date
      champions: "R 4-5, F 4-5, M 4-5",
      at_risk: "R 1-2, F 3-5",
      lapsed: "R 1",
      hibernating: null,
    });
    d.close();

    const c = await modelled({
      lines,
      analysis: { analysis_date: "2024-12-31", rfm: { rules: [{ segment: "whales", m: [5, 5], f: [2, 5] }, { segment: "rest" }] } },
    });
    const custom = await c.rows(`select segment, rule, scores from marts.rfm_segments where segment in ('whales', 'rest') order by sort_order`);
    expect(custom).toEqual([
      { segment: "whales", rule: "", scores: "F 2-5, M 5" },
      { segment: "rest", rule: "", scores: null },
    ]);
    c.close();
  });
});
