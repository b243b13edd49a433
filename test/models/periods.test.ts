// Reporting periods: fiscal years, fiscal quarters, months, the window; empty periods kept.
import { describe, expect, it } from "vitest";
import { modelled } from "./warehouse.ts";

const iso = (d: Date) => d.toISOString().slice(0, 10);

describe("periods", () => {
  it("labels fiscal quarters by the fiscal year they start in and keeps empty ones", async () => {
    const m = await modelled({
      lines: [["O1", "2024-02-10", "C1", 10], ["O2", "2024-11-10", "C1", 10]],
      analysis: { analysis_date: "2024-11-20", grain: "quarter", fiscal_year_start_month: 4, window_months: 3 },
    });
    const rows = await m.rows(`select period, period_kind, period_start, period_end, is_partial from staging.periods order by period_kind, period_start`);
    expect(rows.map((r) => [r.period_kind, r.period, iso(r.period_start), iso(r.period_end), r.is_partial])).toEqual([
      ["quarter", "2023Q4", "2024-01-01", "2024-03-31", false],
      ["quarter", "2024Q1", "2024-04-01", "2024-06-30", false],
      ["quarter", "2024Q2", "2024-07-01", "2024-09-30", false],
      ["quarter", "2024Q3", "2024-10-01", "2024-12-31", true],
      ["window", "window", "2024-08-21", "2024-11-20", false],
      ["year", "2023", "2023-04-01", "2024-03-31", false],
      ["year", "2024", "2024-04-01", "2025-03-31", true],
    ]);
    const summary = await m.rows(`select period, n_customers from marts.concentration_summary where measure = 'revenue' order by period`);
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
