// The whale curve on gross profit and on contribution after cost to serve, by hand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelled } from "./warehouse.ts";

describe("whale curve", () => {
  let m: Awaited<ReturnType<typeof modelled>>;
  beforeAll(async () => {
    m = await modelled({
      lines: [
        ["O1", "2024-03-01", "C1", 100, 40, 1, 2], // gross profit 60, discount 2
        ["O2", "2024-04-01", "C2", 100, 50], // 50
        ["O3", "2024-05-01", "C3", 50, 60], // -10
      ],
      visits: [["C2", "2024-04-02", 30], ["C4", "2024-06-01", 5]], // C4 never buys
      claims: [["C1", "2024-07-01", 10]],
      analysis: { analysis_date: "2024-12-31", handling_cost_per_order: 1 },
    });
  });
  afterAll(() => m.close());

  it("climbs above the total gross profit before the loss maker brings it back to 1", async () => {
    const [s] = await m.rows(`select * from marts.whale_summary where measure = 'gross_profit' and period = '2024'`);
    expect(s.n_customers).toBe(3);
    expect(s.total_profit).toBeCloseTo(100, 12);
    expect(s.peak_share).toBeCloseTo(1.1, 12); // 60 + 50 of 100
    expect(s.peak_rank).toBe(2);
    expect(s.peak_customer_share).toBeCloseTo(2 / 3, 12);
    expect(s.n_loss_makers).toBe(1);
    expect(s.profit_destroyed).toBeCloseTo(10, 12);
    expect(s.profit_of_profitable).toBeCloseTo(110, 12);
    // the gross-profit whale the /concentration page draws: marts.concentration_slices (all customers)
    const [curve] = await m.rows(`select curve_x, whale_y, peak_share, n_negative, negative_total from marts.concentration_slices
                                  where measure = 'gross_profit' and period = '2024' and slice = 'all'`);
    expect(curve.curve_x).toEqual([0, 1 / 3, 2 / 3, 1].map((x) => expect.closeTo(x, 12)));
    expect(curve.whale_y).toEqual([0, 0.6, 1.1, 1].map((x) => expect.closeTo(x, 12)));
    expect([curve.peak_share, curve.n_negative, curve.negative_total]).toEqual([expect.closeTo(1.1, 12), 1, 10]);
  });

  it("subtracts visits, claims and order handling for the contribution (not the discounts: the amounts are net of them), counting visited non-buyers", async () => {
    // C1 60 - 10 - 1 = 49; C2 50 - 30 - 1 = 19; C3 -10 - 1 = -11; C4 -5: total 52
    const [s] = await m.rows(`select * from marts.whale_summary where measure = 'contribution' and period = '2024'`);
    expect(s.n_customers).toBe(4);
    expect(s.total_profit).toBeCloseTo(52, 12);
    expect(s.peak_share).toBeCloseTo(68 / 52, 12);
    expect(s.n_loss_makers).toBe(2);
    expect(s.profit_destroyed).toBeCloseTo(16, 12);
    const [c1] = await m.rows(`select * from marts.customer_metrics where period = 'window' and customer_id = 'C1'`);
    expect([c1.discount, c1.claims, c1.handling_cost, c1.cost_to_serve, c1.contribution]).toEqual([2, 10, 1, 11, 49]);
    expect(c1.cost_to_serve_ratio).toBeCloseTo(0.11, 12);
    // the curve after cost to serve (marts.whale_curve): 49, 19, -5, -11 of 52, the peak after C2
    const curve = await m.rows(`select rank, cum_customer_share, cum_profit_share, marker from marts.whale_curve where measure = 'contribution' and period = '2024' order by rank`);
    expect(curve.map((r) => r.cum_profit_share)).toEqual([0, 49 / 52, 68 / 52, 63 / 52, 1].map((x) => expect.closeTo(x, 12)));
    expect(curve.map((r) => r.cum_customer_share)).toEqual([0, 0.25, 0.5, 0.75, 1].map((x) => expect.closeTo(x, 12)));
    expect(curve.find((r) => r.marker === "peak")?.rank).toBe(2);
    // gross profit's whale is drawn from the slices: whale_curve holds the contribution only
    expect(await m.rows(`select distinct measure from marts.whale_curve`)).toEqual([{ measure: "contribution" }]);
  });
});
