// Cohort retention (logo, NRR, GRR against the first complete period), its averages over the
// acquired cohorts (revenue-weighted), cohorts by month on a one-year history, and the yearly
// KPIs, by hand.
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

  it("follows each cohort from its first purchase, revenue retention against its first complete year", async () => {
    const rows = await m.rows(`select * from marts.cohort_retention order by cohort, period_offset`);
    expect(rows.map((r) => [r.cohort, r.cohort_kind, r.period_offset, r.cohort_size, r.active_customers, r.revenue, r.base_revenue])).toEqual([
      ["2022", "before_data", 0, 2, 2, 200, null], ["2022", "before_data", 1, 2, 1, 50, 50], ["2022", "before_data", 2, 2, 1, 150, 50],
      ["2023", "acquired", 0, 1, 1, 200, null], ["2023", "acquired", 1, 1, 1, 100, 100],
      ["2024", "acquired", 0, 1, 1, 80, null], // its base year (2025) has not begun
    ]);
    const close = (xs: (number | null)[]) => xs.map((x) => (x === null ? null : expect.closeTo(x, 12)));
    expect(rows.map((r) => r.logo_retention)).toEqual(close([1, 0.5, 0.5, 1, 1, 1]));
    expect(rows.map((r) => r.nrr)).toEqual(close([null, 1, 3, null, 1, null]));
    // GRR keeps at most each customer's base-year revenue: X 50 of 50 in 2024
    expect(rows.map((r) => r.grr)).toEqual(close([null, 1, 1, null, 1, null]));
    expect(rows.map((r) => r.nrr_vs_previous)).toEqual(close([null, null, 3, null, null, null]));
  });

  it("averages the acquired cohorts, leaving out the one already buying when the data starts", async () => {
    const rows = await m.rows(`select * from marts.cohort_retention_avg order by period_offset`);
    expect(rows.map((r) => [r.period_offset, r.n_cohorts, r.customers, r.logo_retention, r.nrr])).toEqual([[0, 2, 2, 1, null], [1, 1, 1, 1, 1]]);
  });

  it("leaves a running period out of the average", async () => {
    const p = await modelled({
      lines: [["Z", "2022-03-01", "Z", 100], ["A", "2023-03-01", "A", 100], ["B", "2024-03-01", "A", 100]],
      analysis: { analysis_date: "2024-06-30", data_start: "2022-01-01", cohort_grain: "year" },
    });
    const rows = await p.rows(`select period_offset, is_partial, nrr from marts.cohort_retention where cohort = '2023' order by period_offset`);
    // 2024 runs: no base for revenue retention yet
    expect(rows).toEqual([{ period_offset: 0, is_partial: false, nrr: null }, { period_offset: 1, is_partial: true, nrr: null }]);
    expect((await p.rows(`select period_offset from marts.cohort_retention_avg`)).map((r) => r.period_offset)).toEqual([0]);
    p.close();
  });

  it("counts revenue, buyers, new and lost customers per year", async () => {
    // the summary page's figures: kpi_slices, all customers, per fiscal year
    const rows = await m.rows(`select * from marts.kpi_slices where slice = 'all' and period_kind = 'year' order by period`);
    expect(rows.map((r) => [r.period, r.revenue, r.customers, r.new_customers, r.lost_customers])).toEqual([
      ["2022", 200, 2, null, null], // the first year of data: who is new is unknown, nothing to lose
      ["2023", 230, 2, 1, 1], // W only returned goods: not a buyer; Y bought in 2022 only
      ["2024", 330, 3, 1, 0],
    ]);
    expect(rows[1].revenue_growth).toBeCloseTo(0.15, 12);
    // W per year (intermediate.customer_periods; new = its first purchase falls in the year)
    const cy = await m.rows(`select cp.period as year, cp.revenue, coalesce(a.first_purchase_date between p.period_start and p.period_end, false) as is_new
                             from intermediate.customer_periods cp join staging.periods p on p.period = cp.period and p.period_kind = 'year'
                             left join intermediate.customer_activity a using (customer_id)
                             where cp.customer_id = 'W' and cp.is_active order by year`);
    expect(cy.map((r) => [r.year, r.revenue, r.is_new])).toEqual([["2023", -20, false], ["2024", 80, true]]);
  });
});

describe("revenue retention weighted by revenue", () => {
  // 2021 is the first year of data: A is "already buying", not a cohort. B1 starts in November
  // 2022 (10), B2 earlier (50): measured against 2022 the 2022 cohort would keep 200 / 60 = 333%
  // in 2023; against its first complete year (2023: 200) it keeps 85% in 2024 and 30% in 2025.
  let m: Awaited<ReturnType<typeof modelled>>;
  beforeAll(async () => {
    m = await modelled({
      lines: [
        ["A1", "2021-03-01", "A", 100], ["A2", "2022-03-01", "A", 100], ["A3", "2023-03-01", "A", 100],
        ["B11", "2022-11-20", "B1", 10], ["B12", "2023-05-01", "B1", 100], ["B13", "2024-05-01", "B1", 120], ["B14", "2025-05-01", "B1", 60],
        ["B21", "2022-06-01", "B2", 50], ["B22", "2023-06-01", "B2", 100], ["B23", "2024-06-01", "B2", 50],
        ["C11", "2023-10-01", "C1", 30], ["C12", "2024-10-01", "C1", 300], ["C13", "2025-10-01", "C1", 150],
        ["C21", "2023-11-01", "C2", 20],
      ],
      analysis: { analysis_date: "2025-12-31", data_start: "2021-01-01" },
    });
  });
  afterAll(() => m.close());

  it("measures each cohort against its first complete year", async () => {
    const rows = await m.rows(`select cohort, period_offset, revenue, base_revenue, nrr, grr from marts.cohort_retention where cohort = '2022' order by period_offset`);
    expect(rows.map((r) => [r.period_offset, r.revenue, r.base_revenue])).toEqual([[0, 60, null], [1, 200, 200], [2, 170, 200], [3, 60, 200]]);
    expect(rows.map((r) => r.nrr)).toEqual([null, 1, 0.85, 0.3].map((x) => (x === null ? null : expect.closeTo(x, 12))));
    expect(rows[2].grr).toBeCloseTo((100 + 50) / 200, 12); // B1 keeps 100 of its 120, B2 its 50
  });

  it("averages NRR and GRR as sums of revenue over sums of bases, not as means of ratios", async () => {
    const rows = await m.rows(`select * from marts.cohort_retention_avg order by period_offset`);
    expect(rows.map((r) => [r.period_offset, r.n_cohorts, r.customers])).toEqual([[0, 2, 4], [1, 2, 4], [2, 2, 4], [3, 1, 2]]);
    expect(rows[1].nrr).toBeCloseTo((200 + 300) / (200 + 300), 12);
    expect(rows[1].logo_retention).toBeCloseTo((2 + 1) / 4, 12);
    // 2022 keeps 170 of 200 (85%), 2023 keeps 150 of 300 (50%): (170 + 150) / 500 = 64%, not 67.5%
    expect(rows[2].nrr).toBeCloseTo(0.64, 12);
    expect(rows[2].grr).toBeCloseTo((150 + 150) / 500, 12);
    expect(rows[2].base_revenue).toBe(500);
    expect(rows[3].nrr).toBeCloseTo(0.3, 12);
    expect(rows[3].logo_retention).toBeCloseTo(0.5, 12);
  });
});

describe("a one-year history", () => {
  it("still has cohorts, by month, and says which grain it used", async () => {
    const m = await modelled({
      lines: [
        ["O1", "2024-01-05", "C1", 100], ["O2", "2024-02-10", "C1", 100], ["O3", "2024-02-12", "C2", 50],
        ["O4", "2024-03-01", "C2", 50], ["O5", "2024-03-02", "C3", 10],
      ],
      analysis: { analysis_date: "2024-12-31" },
    });
    const [c] = await m.rows(`select months_covered, cohort_grain from staging.coverage`);
    expect([c.months_covered, c.cohort_grain]).toEqual([12, "month"]);
    const cohorts = await m.rows(`select distinct cohort, cohort_kind, cohort_size from marts.cohort_retention order by cohort`);
    expect(cohorts.map((r) => [r.cohort, r.cohort_kind, r.cohort_size])).toEqual([["2024-01", "before_data", 1], ["2024-02", "acquired", 1], ["2024-03", "acquired", 1]]);
    const [feb] = await m.rows(`select nrr, base_revenue from marts.cohort_retention where cohort = '2024-02' and period_offset = 1`);
    expect([feb.base_revenue, feb.nrr]).toEqual([50, 1]);
    m.close();
  });
});
