// Reporting periods: fiscal years, fiscal quarters, months, the window; empty periods kept.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelled } from "./warehouse.ts";

const iso = (d: Date) => d.toISOString().slice(0, 10);

describe("periods", () => {
  it("labels fiscal quarters by the fiscal year they start in and keeps empty ones", async () => {
    const m = await modelled({
      lines: [["O1", "2024-02-10", "C1", 10], ["O2", "2024-11-10", "C1", 10]],
      analysis: { analysis_date: "2024-11-20", grain: "quarter", fiscal_year_start_month: 4, window_months: 3 },
    });
    const rows = await m.rows(`select period, period_kind, period_start, period_end, is_partial, coverage from staging.periods order by period_kind, period_start`);
    // the data starts on 2024-02-10: the fiscal quarter and year holding it are partial at the start
    expect(rows.map((r) => [r.period_kind, r.period, iso(r.period_start), iso(r.period_end), r.is_partial, r.coverage])).toEqual([
      ["quarter", "2023Q4", "2024-01-01", "2024-03-31", true, "partial_start"],
      ["quarter", "2024Q1", "2024-04-01", "2024-06-30", false, "complete"],
      ["quarter", "2024Q2", "2024-07-01", "2024-09-30", false, "complete"],
      ["quarter", "2024Q3", "2024-10-01", "2024-12-31", true, "partial_end"],
      ["window", "window", "2024-08-21", "2024-11-20", false, "complete"],
      ["year", "2023", "2023-04-01", "2024-03-31", true, "partial_start"],
      ["year", "2024", "2024-04-01", "2025-03-31", true, "partial_end"],
    ]);
    const summary = await m.rows(`select period, n_customers from intermediate.concentration_summary where measure = 'revenue' order by period`);
    expect(summary.map((r) => [r.period, r.n_customers])).toEqual([["2023Q4", 1], ["2024Q1", 0], ["2024Q2", 0], ["2024Q3", 1], ["window", 1]]);
    const cohort = await m.rows(`select period_offset, active_customers from marts.cohort_retention order by period_offset`);
    expect(cohort.map((r) => r.active_customers)).toEqual([1, 0, 0, 1]);
    m.close();
  });

  it("uses months, and the analysis date defaults to the last order date", async () => {
    const m = await modelled({ lines: [["O1", "2024-01-31", "C1", 10], ["O2", "2024-03-05", "C2", 10]], analysis: { grain: "month" } });
    const [p] = await m.rows(`select analysis_date, window_start from marts.analysis_params`);
    expect([iso(p.analysis_date), iso(p.window_start)]).toEqual(["2024-03-05", "2023-03-06"]);
    const rows = await m.rows(`select period from staging.periods where period_kind = 'month' order by period`);
    expect(rows.map((r) => r.period)).toEqual(["2024-01", "2024-02", "2024-03"]);
    m.close();
  });
});

describe("partial periods and comparisons", () => {
  // The data starts on 1 December 2009 (as the real retail export of issue #13): 2009 is one
  // month, 2010 the first whole year, 2011 runs to the analysis date, 31 March.
  let m: Awaited<ReturnType<typeof modelled>>;
  beforeAll(async () => {
    m = await modelled({
      lines: [
        ["O1", "2009-12-01", "C1", 100],
        ["O2", "2009-12-15", "C2", 50],
        ["O3", "2010-03-01", "C1", 400],
        ["O4", "2010-06-01", "C3", 300],
        ["O5", "2010-12-01", "C1", 700],
        ["O6", "2011-02-01", "C1", 200],
        ["R1", "2011-02-10", "C2", -20], // C2 returns goods: revenue, not an order or a customer
        ["O7", "2011-03-01", "C4", 60],
        ["O8", "2011-03-15", "C3", 30], // back after a year without a purchase
      ],
      analysis: { analysis_date: "2011-03-31" },
    });
  });
  afterAll(() => m.close());

  it("marks the year the data starts in partial, and compares nothing with it", async () => {
    const years = await m.rows(`select * from intermediate.kpi_period where period_kind = 'year' order by period`);
    expect(years.map((y) => [y.period, y.coverage, y.comparison_basis, y.comparison_reason])).toEqual([
      ["2009", "partial_start", null, "starts_before_data"],
      ["2010", "complete", null, "previous_not_covered"], // not +833% against one month
      ["2011", "partial_end", "same_months", null],
    ]);
    const y2010 = years[1];
    expect([y2010.revenue, y2010.previous_revenue, y2010.revenue_growth, y2010.lost_customers]).toEqual([1400, null, null, null]);
    expect(y2010.new_customers).toBe(1); // C3; C1 and C2 bought in 2009
    expect(years[0].new_customers).toBeNull(); // who is new where the data starts is unknown
    // the summary page's figures (kpi_slices, all customers) compare the same way
    const [k] = await m.rows(`select * from marts.kpi_slices where period = '2010' and slice = 'all'`);
    expect([k.revenue, k.revenue_growth, k.comparison_reason]).toEqual([1400, null, "previous_not_covered"]);
  });

  it("compares the partial current year with the same months of the year before, and shows the whole year beside", async () => {
    const [y] = await m.rows(`select * from intermediate.kpi_period where period = '2011'`);
    expect([iso(y.compare_start), iso(y.compare_end), iso(y.covered_end)]).toEqual(["2010-01-01", "2010-03-31", "2011-03-31"]);
    expect([y.revenue, y.previous_revenue]).toEqual([270, 400]);
    expect(y.revenue_growth).toBeCloseTo(270 / 400 - 1, 15);
    expect([y.orders, y.previous_orders, y.customers, y.previous_customers]).toEqual([3, 1, 3, 1]);
    expect([y.new_customers, y.previous_new_customers, y.lost_customers]).toEqual([1, 0, 0]);
    expect([y.previous_period_revenue, y.previous_period_orders, y.previous_period_customers]).toEqual([1400, 3, 2]);
  });

  it("gives no window-before comparison when the data does not reach back that far", async () => {
    const [w] = await m.rows(`select * from intermediate.kpi_period where period = 'window'`);
    expect([iso(w.period_start), w.coverage, w.comparison_basis, w.comparison_reason, w.revenue]).toEqual(["2010-04-01", "complete", null, "previous_not_covered", 1270]);
  });

  it("bridges the revenue of the same months: start + new + expansion + contraction + lost = end", async () => {
    const bridge = await m.rows(`select component, n_customers, revenue from intermediate.revenue_bridge where period = '2011' order by sort_order`);
    expect(bridge.map((b) => [b.component, b.n_customers, b.revenue])).toEqual([
      ["start", 1, 400],
      ["new", 1, 60], // C4, first purchase
      ["returning", 1, 30], // C3, won back
      ["expansion", 0, 0],
      ["contraction", 2, -220], // C1 200 vs 400, C2's return of an earlier purchase
      ["lost", 0, 0],
      ["end", 3, 270],
    ]);
    const none = await m.rows(`select distinct revenue, comparison_reason from intermediate.revenue_bridge where period = '2010'`);
    expect(none).toEqual([{ revenue: null, comparison_reason: "previous_not_covered" }]);
  });

  it("has no change in the concentration between a partial year and the next", async () => {
    // the /concentration page's table by period (marts.concentration_slices, all customers):
    // 2009 starts before the data, 2010 follows it, 2011 is cut short: no growth anywhere
    const rows = await m.rows(`select period, previous_total, growth from marts.concentration_slices
                               where measure = 'revenue' and slice = 'all' and period_kind = 'year' order by period`);
    expect(rows.map((r) => [r.period, r.previous_total, r.growth])).toEqual([
      ["2009", null, null],
      ["2010", 150, null],
      ["2011", 1400, null],
    ]);
  });
});

describe("where the data starts", () => {
  it("takes a first order in the first week of a month as data from the 1st, and data_start when configured", async () => {
    const lines: any = [["O1", "2021-01-04", "C1", 10], ["O2", "2022-01-12", "C1", 10]];
    const m = await modelled({ lines, analysis: { analysis_date: "2022-12-31" } });
    const [c] = await m.rows(`select coverage_start from staging.coverage`);
    expect(iso(c.coverage_start)).toBe("2021-01-01");
    const [y] = await m.rows(`select coverage, revenue_growth from intermediate.kpi_period where period = '2022'`);
    expect([y.coverage, y.revenue_growth]).toEqual(["complete", 0]);
    m.close();
    const late: any = [["O1", "2021-01-12", "C1", 10], ["O2", "2022-01-12", "C1", 10]];
    const m2 = await modelled({ lines: late, analysis: { analysis_date: "2022-12-31" } });
    const [y2] = await m2.rows(`select p.coverage, k.comparison_reason from staging.periods p join intermediate.kpi_period k using (period) where period = '2021'`);
    expect([y2.coverage, y2.comparison_reason]).toEqual(["partial_start", "starts_before_data"]);
    m2.close();
    const m3 = await modelled({ lines: late, analysis: { analysis_date: "2022-12-31", data_start: "2021-01-01" } });
    const [y3] = await m3.rows(`select coverage, revenue_growth from intermediate.kpi_period where period = '2022'`);
    expect([y3.coverage, y3.revenue_growth]).toEqual(["complete", 0]);
    m3.close();
  });
});
