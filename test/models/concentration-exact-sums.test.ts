// marts.concentration_slices sums its rankings' running totals as doubles of whole 0.0001 units
// where they are exact (every partial sum below 2^53 units, ~9 x 10^11) and as DECIMAL where
// they are not: both rankings give the figures computed by hand and by
// intermediate.concentration_summary's own window.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelled, type Line } from "./warehouse.ts";

type M = Awaited<ReturnType<typeof modelled>>;

describe("concentration_slices: running sums past what a double holds exactly", () => {
  let m: M;
  beforeAll(async () => {
    // revenue 2024: 6 x 10^11, 3 x 10^11, 10^11, 5 x 10^10 + 0.0001 = 1.05 x 10^12 + 0.0001 (past 2^53
    // units: as doubles the last 0.0001 would be lost, DECIMAL keeps it);
    // gross profit: 60, 30, 10, 5 (as doubles); one region, so its slice is the same ranking
    const lines: Line[] = [
      ["O1", "2024-02-01", "C1", 600_000_000_000, 599_999_999_940],
      ["O2", "2024-03-01", "C2", 300_000_000_000, 299_999_999_970],
      ["O3", "2024-04-01", "C3", 100_000_000_000, 99_999_999_990],
      ["O4", "2024-05-01", "C4", 50_000_000_000.0001, 49_999_999_995.0001],
    ];
    const customers = ["C1", "C2", "C3", "C4"].map((id) => ({ id, region: "East" }));
    m = await modelled({ lines, customers, analysis: { analysis_date: "2024-12-31" } });
  });
  afterAll(() => m.close());

  const slice = async (measure: string, s: string) =>
    (await m.rows(`select * from marts.concentration_slices where measure = '${measure}' and period = '2024' and slice = '${s}'`))[0];

  it("ranks revenue (DECIMAL running sums) as computed by hand", async () => {
    const s = await slice("revenue", "all");
    expect(s.n_customers).toBe(4);
    expect(Number(s.total)).toBe(1_050_000_000_000.0001);
    // cumulative shares 6/10.5, 9/10.5, 10/10.5, 1: 80% is reached by the second customer
    expect([s.n_to_target, s.target_reached_share]).toEqual([2, expect.closeTo(9 / 10.5, 12)]);
    expect(s.top1_share).toBeCloseTo(6 / 10.5, 12);
    // shares before each customer 0, .571, .857, .952: A (< 0.8), A, B (< 0.95), C
    expect([s.n_a, s.n_b, s.n_c]).toEqual([2, 1, 1]);
    // the running sum at the last customer is the total, to the last 0.0001
    expect(s.pareto_y.at(-1)).toBe(1);
    expect(s.whale_y.at(-1)).toBe(1);
  });

  it("ranks gross profit (double running sums) as computed by hand", async () => {
    const s = await slice("gross_profit", "all");
    expect(Number(s.total)).toBe(105);
    expect([s.n_to_target, s.target_reached_share]).toEqual([2, expect.closeTo(90 / 105, 12)]);
    expect([s.n_a, s.n_b, s.n_c]).toEqual([2, 1, 1]);
  });

  it("gives both rankings the figures of concentration_summary, and the region slice the same", async () => {
    for (const measure of ["revenue", "gross_profit"]) {
      const [c] = await m.rows(`select * from intermediate.concentration_summary where measure = '${measure}' and period = '2024'`);
      for (const s of [await slice(measure, "all"), await slice(measure, "region")]) {
        expect([s.n_customers, s.n_to_target, s.n_a, s.n_b, s.n_c, s.top_n]).toEqual([c.n_customers, c.n_to_target, c.n_a, c.n_b, c.n_c, c.top_n]);
        expect(s.share_to_target).toBeCloseTo(c.share_to_target, 12);
        expect(s.top_share_value).toBeCloseTo(c.top_share_value, 12);
        expect(s.gini).toBeCloseTo(c.gini, 12);
        expect(s.hhi).toBeCloseTo(c.hhi, 12);
      }
    }
  });
});
