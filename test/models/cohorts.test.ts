// Cohort retention (logo, NRR, GRR) and its size-weighted average, and the yearly KPIs, by hand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelled } from "./warehouse.ts";

describe("cohort retention and yearly KPIs", () => {
  let m: Awaited<ReturnType<typeof modelled>>;
  beforeAll(async () => {
    m = await modelled({
      lines: [
        ["X1", "2022-03-01", "X", 100], ["X2", "2023-03-01", "X", 50], ["X3", "2024-03-01", "X", 150],
        ["Y1", "2022-04-01", "Y", 100],
        ["Z1", "2023-05-01", "Z", 200], ["Z2", "2024-05-01", "Z", 150], ["Z3", "2024-06-01", "Z", -50],
        ["W0", "2023-07-01", "W", -20], ["W1", "2024-07-01", "W", 80], // a return before its first purchase
      ],
      // the exports cover 2022 from 1 January (the first order is in March)
      analysis: { analysis_date: "2024-12-31", data_start: "2022-01-01" },
    });
  });
  afterAll(() => m.close());

  it("follows each cohort from its first purchase", async () => {
    const rows = await m.rows(`select * from marts.cohort_retention order by cohort, period_offset`);
    expect(rows.map((r) => [r.cohort, r.period_offset, r.cohort_size, r.active_customers, r.revenue])).toEqual([
      ["2022", 0, 2, 2, 200], ["2022", 1, 2, 1, 50], ["2022", 2, 2, 1, 150],
      ["2023", 0, 1, 1, 200], ["2023", 1, 1, 1, 100],
      ["2024", 0, 1, 1, 80],
    ]);
    const close = (xs: number[]) => xs.map((x) => expect.closeTo(x, 12));
    expect(rows.map((r) => r.logo_retention)).toEqual(close([1, 0.5, 0.5, 1, 1, 1]));
    expect(rows.map((r) => r.nrr)).toEqual(close([1, 0.25, 0.75, 1, 0.5, 1]));
    // GRR keeps at most each customer's first-period revenue: X 100 of 100 in 2024
    expect(rows.map((r) => r.grr)).toEqual(close([1, 0.25, 0.5, 1, 0.5, 1]));
  });

  it("averages the cohorts weighted by their size", async () => {
    const rows = await m.rows(`select * from marts.cohort_retention_avg order by period_offset`);
    expect(rows.map((r) => [r.period_offset, r.n_cohorts, r.customers])).toEqual([[0, 3, 4], [1, 2, 3], [2, 1, 2]]);
    expect(rows[1].logo_retention).toBeCloseTo((2 * 0.5 + 1) / 3, 12);
    expect(rows[1].nrr).toBeCloseTo((2 * 0.25 + 0.5) / 3, 12);
    expect(rows[1].grr).toBeCloseTo((2 * 0.25 + 0.5) / 3, 12);
    expect(rows[2].nrr).toBeCloseTo(0.75, 12);
  });

  it("leaves a running period out of the average", async () => {
    const p = await modelled({
      lines: [["A", "2023-03-01", "A", 100], ["B", "2024-03-01", "A", 100]],
      analysis: { analysis_date: "2024-06-30", data_start: "2023-01-01" },
    });
    const rows = await p.rows(`select period_offset, is_partial from marts.cohort_retention order by period_offset`);
    expect(rows).toEqual([{ period_offset: 0, is_partial: false }, { period_offset: 1, is_partial: true }]);
    expect((await p.rows(`select period_offset from marts.cohort_retention_avg`)).map((r) => r.period_offset)).toEqual([0]);
    p.close();
  });

  it("counts revenue, buyers, new and lost customers per year", async () => {
    const rows = await m.rows(`select * from marts.kpi_year order by year`);
    expect(rows.map((r) => [r.year, r.revenue, r.customers, r.new_customers, r.lost_customers])).toEqual([
      ["2022", 200, 2, null, null], // the first year of data: who is new is unknown, nothing to lose
      ["2023", 230, 2, 1, 1], // W only returned goods: not a buyer; Y bought in 2022 only
      ["2024", 330, 3, 1, 0],
    ]);
    expect(rows[1].revenue_growth).toBeCloseTo(0.15, 12);
    const cy = await m.rows(`select customer_id, year, revenue, is_new from marts.customer_year where customer_id = 'W' order by year`);
    expect(cy.map((r) => [r.year, r.revenue, r.is_new])).toEqual([["2023", -20, false], ["2024", 80, true]]);
  });
});
