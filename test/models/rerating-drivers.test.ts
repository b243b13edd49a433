// The drivers of a re-rating (key_account_changes.driver_1..3, drivers): checked against the
// indicators' points recomputed here from key_account_indicators, on a history where four
// indicators move, two of them always together (a tie, broken by the scorecard's order), and one
// by less than the 0.1 points a label shows (not a driver).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indicatorNames } from "../../loaders/config/scorecard.ts";
import { modelled, type Line } from "./warehouse.ts";

// Per year and customer: orders in `months` (day 5), together making `total`; quantity = amount
// (so volume ranks exactly as revenue), cost a share of it.
const orders = (c: string, y: number, total: number, costShare: number, months: number[]): Line[] =>
  months.map((mo) => [`${c}-${y}-${mo}`, `${y}-${String(mo).padStart(2, "0")}-05`, c, total / months.length, (total / months.length) * costShare, total / months.length]);
const quarters = [1, 4, 7, 10];

// regularity weighs so little that its points move by less than 0.05 (at most 0.0004 x 100): never a driver
const weights: Record<string, number> = { contract_volume: 0.25, revenue: 0.25, profit: 0.4996, sustained_purchasing: 0.0004 };

describe("re-rating drivers", () => {
  let m: Awaited<ReturnType<typeof modelled>>;
  beforeAll(async () => {
    const lines: Line[] = [];
    // six customers whose ranks on revenue, profit and regularity shuffle from 2021 to 2022
    const plan: [string, number, number, number[], number, number, number[]][] = [
      ["A", 600, 0.9, quarters, 100, 0.2, [3]],
      ["B", 500, 0.5, [3], 600, 0.9, quarters],
      ["C", 400, 0.2, quarters, 400, 0.2, quarters],
      ["D", 300, 0.7, [3, 9], 500, 0.5, [3, 9]],
      ["E", 200, 0.4, quarters, 200, 0.8, [3, 9]],
      ["F", 100, 0.6, [3], 300, 0.1, quarters],
    ];
    for (const [c, r1, k1, m1, r2, k2, m2] of plan) lines.push(...orders(c, 2021, r1, k1, m1), ...orders(c, 2022, r2, k2, m2));
    m = await modelled({
      lines,
      analysis: {
        analysis_date: "2022-12-31",
        scorecard: { indicators: Object.fromEntries(indicatorNames.map((n) => [n, { weight: weights[n] ?? 0 }])) },
      },
    });
  });
  afterAll(() => m.close());

  it("names the three largest changes of points, largest first, ties in the scorecard's order", async () => {
    const points = await m.rows(
      `select c.customer_id, c.indicator, c.sort_order, coalesce(c.contribution, 0) - coalesce(p.contribution, 0) as points
       from marts.key_account_indicators c join marts.key_account_indicators p
         on p.customer_id = c.customer_id and p.indicator = c.indicator and p.period = '2021'
       where c.period = '2022'`,
    );
    const changes = await m.rows(`select * from marts.key_account_changes where period = '2022' order by customer_id`);
    expect(changes.map((r) => r.customer_id)).toEqual(["A", "B", "C", "D", "E", "F"]);
    let ties = 0;
    let tiny = 0;
    for (const ch of changes) {
      const mine = points
        .filter((p) => p.customer_id === ch.customer_id && Math.round(Math.abs(p.points) * 10) > 0)
        .sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || a.sort_order - b.sort_order);
      ties += mine.some((p, i) => i > 0 && Math.abs(p.points) === Math.abs(mine[i - 1].points)) ? 1 : 0;
      const top = mine.slice(0, 3);
      expect([ch.driver_1, ch.driver_2, ch.driver_3], ch.customer_id).toEqual([0, 1, 2].map((i) => top[i]?.indicator ?? null));
      expect([ch.driver_1_points, ch.driver_2_points, ch.driver_3_points], ch.customer_id).toEqual([0, 1, 2].map((i) => top[i]?.points ?? null));
      const label = (p: Record<string, any>) => `${p.indicator} ${p.points >= 0 ? "+" : ""}${(Math.round(p.points * 10) / 10).toFixed(1)}`;
      expect(ch.drivers, ch.customer_id).toBe(top.length ? top.map(label).join(", ") : null);
      // the points add up to the score change
      const all = points.filter((p) => p.customer_id === ch.customer_id);
      expect(all.reduce((s, p) => s + p.points, 0)).toBeCloseTo(ch.score_change, 9);
      // a change under 0.05 points is no driver, and is not named as one
      for (const p of all.filter((p) => p.points !== 0 && Math.abs(p.points) < 0.05)) {
        tiny++;
        expect([ch.driver_1, ch.driver_2, ch.driver_3], ch.customer_id).not.toContain(p.indicator);
      }
    }
    // the fixture does what it says: regularity moved some customers' points, by less than 0.05
    expect(tiny).toBeGreaterThan(0);
    // the fixture does what it says: volume and revenue tie for every customer that moved
    expect(ties).toBeGreaterThan(0);
    expect(changes.filter((c) => c.driver_1 === "contract_volume" && c.driver_2 === "revenue").length).toBeGreaterThan(0);
    // C: same revenue, profit share and regularity both years, so nothing moved it
    expect(changes.find((c) => c.customer_id === "C")!.drivers).toBeNull();
  });
});
