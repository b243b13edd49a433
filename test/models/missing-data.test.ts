// An export as retail systems give it (issue #13): one year starting mid-month, no cost, no
// payments, visits, claims or customers export, returns, a price typo and a huge line. What
// the marts say is available (and why not), and the data quality checks, by hand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelled, type Line } from "./warehouse.ts";

const day = (offset: number) => {
  const d = new Date(Date.UTC(2023, 11, 15 + offset));
  return d.toISOString().slice(0, 10);
};

describe("a one-year export without cost, payments or customers", () => {
  let m: Awaited<ReturnType<typeof modelled>>;
  beforeAll(async () => {
    const lines: Line[] = [];
    // 200 ordinary lines of 10 (5 t at 2), customers C0-C4, from 2023-12-15 over a year
    for (let i = 0; i < 200; i++) lines.push([`L${i}`, day(Math.floor((i * 360) / 200)), `C${i % 5}`, 10, null, 5]);
    lines.push(["BIG", "2024-06-01", "C1", 1000, null, 500]); // a huge line at the usual price
    lines.push(["TYPO", "2024-06-02", "C2", 300, null, 5]); // 60 a tonne: 30x the usual price
    lines.push(["R1", "2024-07-01", "C3", -20, null, -10]); // a credit note
    lines.push(["R2", "2024-07-02", "C6", -5, null, -1]); // C6 only ever returned goods
    lines.push(["LATE", "2024-12-20", "C4", 10, null, 5]); // after the analysis date
    m = await modelled({ lines, analysis: { analysis_date: "2024-12-15" } });
  });
  afterAll(() => m.close());

  it("says per analysis what is not available and why", async () => {
    const rows = await m.rows(`select analysis, status, reason, needs, coverage from marts.data_availability order by sort_order`);
    const by = Object.fromEntries(rows.map((r) => [r.analysis, [r.status, r.reason]]));
    expect(by).toEqual({
      revenue: ["available", null],
      gross_profit: ["not_available", "no_cost"],
      gross_margin: ["not_available", "no_cost"],
      whale_curve: ["not_available", "no_cost"],
      loss_makers: ["not_available", "no_cost"],
      margin_cost_matrix: ["not_available", "no_cost"],
      contribution: ["not_available", "no_cost"],
      handling_cost: ["not_available", "not_configured"],
      collection_rate: ["not_available", "no_payments"],
      capability_credit_matrix: ["not_available", "no_payments"],
      visits: ["not_available", "no_visits"],
      quality_claims: ["not_available", "no_claims"],
      region_filter: ["not_available", "no_customers_export"],
      industry_filter: ["not_available", "no_customers_export"],
      sales_rep_filter: ["not_available", "no_customers_export"],
      volume: ["available", null],
      growth: ["not_available", "history_too_short"], // 2023 is two weeks, 2024 has no covered year before
      window_growth: ["not_available", "history_too_short"],
      cohorts: ["available", "by_month"],
      cohort_revenue_retention: ["not_available", "history_too_short"], // everyone was buying in the first month
      lifecycle_change: ["not_available", "history_too_short"],
      value_potential_matrix: ["not_available", "history_too_short"], // potential is growth: none to measure
    });
    const region = rows.find((r) => r.analysis === "region_filter")!;
    expect([region.needs, region.coverage]).toEqual(["customers", 0]);
    const [cv] = await m.rows(`select coverage_start, months_covered, cohort_grain from staging.coverage`);
    expect([cv.coverage_start.toISOString().slice(0, 10), cv.months_covered, cv.cohort_grain]).toEqual(["2023-12-15", 12, "month"]);
  });

  it("counts the data quality issues and the sales they carry", async () => {
    const rows = await m.rows(`select * from marts.data_quality_checks order by sort_order`);
    const by = Object.fromEntries(rows.map((r) => [r.check_name, r]));
    const pick = (k: string) => [by[k].status, by[k].n, by[k].of_n, by[k].amount];
    // 204 lines up to the analysis date; gross sales 2000 + 1000 + 300 = 3300
    expect(pick("cost_coverage")).toEqual(["warn", 204, 204, 3300]);
    expect(by.cost_coverage.amount_share).toBe(1);
    expect(pick("returns")).toEqual(["info", 2, 204, 25]);
    expect(by.returns.amount_share).toBeCloseTo(25 / 3300, 15);
    expect(pick("zero_amount_lines")).toEqual(["ok", 0, 204, 0]);
    expect(pick("price_outliers")).toEqual(["warn", 1, 202, 300]);
    // the 99th percentile of sale lines is 10: lines above 100 are the huge one and the typo
    expect(pick("amount_outliers")).toEqual(["info", 2, 204, 1300]);
    // 6 customers (C0-C4, C6), none with a region: all the net revenue 3275
    expect(pick("customers_without_region")).toEqual(["warn", 6, 6, 3275]);
    expect(by.customers_without_region.amount_share).toBe(1);
    expect(pick("customers_returns_only")).toEqual(["info", 1, 6, -5]);
    expect(pick("lines_after_analysis_date")).toEqual(["info", 1, 205, 10]);
  });

  it("compares no year with another, and knows no one as new where the data starts", async () => {
    const years = await m.rows(`select period, coverage, comparison_reason, revenue, revenue_growth, new_customers from intermediate.kpi_period where period_kind = 'year' order by period`);
    expect(years.map((y) => [y.period, y.coverage, y.comparison_reason, y.revenue_growth])).toEqual([
      ["2023", "partial_start", "starts_before_data", null],
      ["2024", "partial_end", "previous_not_covered", null],
    ]);
    expect(years[1].new_customers).toBe(0); // C0-C4 first bought in December 2023
  });

  it("lists the data tests that ran, all passed", async () => {
    const [r] = await m.rows(`select count(*) as n, count(*) filter (where status = 'passed') as passed, min(test_no) as first from marts.data_test_results`);
    expect(r.n).toBeGreaterThan(100);
    expect([r.passed, r.first]).toEqual([r.n, 1]);
  });
});
