// marts.customer_metrics: one model of customer x period for the grain periods and the window,
// on fixtures whose every figure is worked out by hand in the comments.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelled } from "./warehouse.ts";

describe("customer metrics per year and for the window", () => {
  let m: Awaited<ReturnType<typeof modelled>>;
  const get = async (period: string, customer: string) =>
    (await m.rows(`select * from marts.customer_metrics where period = '${period}' and customer_id = '${customer}'`))[0];

  beforeAll(async () => {
    // analysis 2024-09-30: years 2022, 2023, 2024 (partial, Jan-Sep) and the window
    // 2023-10-01..2024-09-30; the history starts in January 2022 (first order 2022-01-10).
    // Every line is product P1 in tonnes: quantity x price = amount.
    m = await modelled({
      lines: [
        ["A1", "2022-01-10", "A", 100, 60, 10],
        ["A2", "2023-03-01", "A", 200, 120, 20],
        ["A3", "2023-08-01", "A", 100, 60, 10],
        ["A4", "2024-02-01", "A", 300, 180, 30],
        ["A5", "2024-08-01", "A", 100, 60, 10],
        ["B1", "2024-03-01", "B", 60, 30, 3],
      ],
      customers: [{ id: "A", credit_rating: "A", industry_influence: 4 }, { id: "B" }],
      payments: [
        ["A", "2022-02-10", 100, "A1", "2022-03-10"],
        ["A", "2023-04-01", 200, "A2", "2023-04-30"], // A3 (100) never paid
        ["A", "2024-03-15", 300, "A4", "2024-03-01"], // 43 days after the invoice, late
        // A5 (2024-08-01) is not due at the analysis date (due_end = 2024-07-02): not judged
      ],
      claims: [["A", "2024-05-01", 40]],
      visits: [
        ["A", "2024-04-01", 10, "leadership", 3],
        ["A", "2024-04-02", 10, "technical", 2],
        ["A", "2024-06-01", 5, "business", 2],
      ],
      // the exports cover January 2022 from the 1st (staging.coverage: a first order after the
      // 7th of its month would otherwise make that month, and 2022, partial)
      analysis: { analysis_date: "2024-09-30", handling_cost_per_order: 0, data_start: "2022-01-01" },
    });
  });
  afterAll(() => m.close());

  it("has one row per customer and period it was active in, grain periods and window alike", async () => {
    const rows = await m.rows(`select period, customer_id, period_kind, is_partial, covered_end from marts.customer_metrics order by period, customer_id`);
    expect(rows.map((r) => `${r.period}/${r.customer_id}`)).toEqual(["2022/A", "2023/A", "2024/A", "2024/B", "window/A", "window/B"]);
    const y2024 = rows.find((r) => r.period === "2024")!;
    expect([y2024.period_kind, y2024.is_partial, iso(y2024.covered_end)]).toEqual(["year", true, "2024-09-30"]);
  });

  it("compares a partial year with the same months of the year before, a complete one with the whole year", async () => {
    const a2024 = await get("2024", "A"); // Jan-Sep 2024: 400 vs Jan-Sep 2023: 300
    expect([a2024.revenue, a2024.previous_revenue, a2024.growth_reason]).toEqual([400, 300, null]);
    expect(a2024.growth).toBeCloseTo(1 / 3, 12);
    expect([iso(a2024.compare_start), iso(a2024.compare_end)]).toEqual(["2023-01-01", "2023-09-30"]);
    const a2023 = await get("2023", "A"); // 300 vs 100
    expect(a2023.growth).toBeCloseTo(2, 12);
    const aw = await get("window", "A"); // 2023-10..2024-09: 400 vs 2022-10..2023-09: 300
    expect([aw.revenue, aw.previous_revenue]).toEqual([400, 300]);
    expect(aw.growth).toBeCloseTo(1 / 3, 12);
  });

  it("leaves growth unknown, with the reason, when the data does not cover the earlier range or there was nothing", async () => {
    const a2022 = await get("2022", "A"); // the data's first year: no previous period
    expect([a2022.previous_revenue, a2022.growth, a2022.growth_reason]).toEqual([null, null, "no_previous_period"]);
    const b = await get("2024", "B"); // new in 2024
    expect([b.previous_revenue, b.growth, b.growth_reason, b.is_first_period]).toEqual([0, null, "no_previous_revenue", true]);
    expect((await get("2024", "A")).is_first_period).toBe(false);
  });

  it("counts purchase regularity over the sub-periods the data covers", async () => {
    // 2023: Q1 and Q3 of 4; 2024: Q1 and Q3 of the 3 quarters up to September; window: the
    // quarters from October 2023: Jan-Mar and Jul-Sep of 4
    const reg = async (p: string) => {
      const r = await get(p, "A");
      return [r.subperiods_with_purchase, r.subperiods, r.regularity];
    };
    expect(await reg("2023")).toEqual([2, 4, 0.5]);
    expect(await reg("2024")).toEqual([2, 3, 2 / 3]);
    expect(await reg("window")).toEqual([2, 4, 0.5]);
    expect(await reg("2022")).toEqual([1, 4, 0.25]);
  });

  it("measures price against the same products' mean price, and the average unit price", async () => {
    // 2024, P1: (300 + 100 + 60) / (30 + 10 + 3) = 460/43 a tonne
    const mean = 460 / 43;
    const a = await get("2024", "A");
    const b = await get("2024", "B");
    // the mean price is rounded to 6 decimals (so that the sums are exact): 1e-7 relative
    expect(a.price_index).toBeCloseTo(400 / (40 * mean), 6);
    expect(b.price_index).toBeCloseTo(60 / (3 * mean), 6);
    expect([a.avg_unit_price, b.avg_unit_price]).toEqual([10, 20]);
    expect([a.volume, b.volume]).toEqual([40, 3]);
  });

  it("measures collection on the period's invoices that are due", async () => {
    const a2023 = await get("2023", "A");
    expect([a2023.invoiced, a2023.collected]).toEqual([300, 200]);
    expect(a2023.collection_rate).toBeCloseTo(2 / 3, 12);
    const a2024 = await get("2024", "A"); // only A4 is due
    expect([a2024.invoiced, a2024.collected, a2024.collection_rate, a2024.days_to_pay, a2024.on_time_share]).toEqual([300, 300, 1, 43, 0]);
    const b = await get("2024", "B"); // B's invoice is due and unpaid
    expect([b.invoiced, b.collected, b.collection_rate]).toEqual([60, 0, 0]);
  });

  it("counts quality losses and visits by type", async () => {
    const a = await get("2024", "A");
    expect([a.claims, a.claims_share]).toEqual([40, 0.1]);
    expect([a.visits, a.visits_leadership, a.visits_technical, a.visits_business, a.visit_hours, a.visit_cost]).toEqual([3, 1, 1, 1, 7, 25]);
    const b = await get("2024", "B");
    expect([b.claims, b.claims_share, b.visits, b.visit_hours]).toEqual([0, 0, 0, 0]);
  });

  it("gives tenure, recency and the usual gap between purchases as of the period's covered end", async () => {
    const a = await get("2024", "A");
    expect(iso(a.first_purchase_date)).toBe("2022-01-10");
    expect(iso(a.last_purchase_date)).toBe("2024-08-01");
    expect(a.tenure_days).toBe(994); // 2022-01-10 .. 2024-09-30
    expect(a.recency_days).toBe(60);
    // purchase days after 2022-09-30: 2023-03-01, 2023-08-01, 2024-02-01, 2024-08-01 -> 519 days / 3 gaps
    expect(a.typical_gap_days).toBeCloseTo(173, 12);
    const a2023 = await get("2023", "A"); // as of 2023-12-31, purchase days after 2021-12-31: all three
    expect(a2023.recency_days).toBe(152);
    expect(a2023.typical_gap_days).toBeCloseTo((Date.UTC(2023, 7, 1) - Date.UTC(2022, 0, 10)) / 86_400_000 / 2, 12);
    expect(b(await get("2024", "B"))).toEqual([213, null]);
  });

  it("carries the static attributes of the customers export, unknown as null", async () => {
    const a = await get("window", "A");
    const bw = await get("window", "B");
    expect([a.credit_rating, a.industry_influence, bw.credit_rating, bw.industry_influence]).toEqual(["A", 4, null, null]);
  });
});

const b = (r: Record<string, any>) => [r.recency_days, r.typical_gap_days];
/** Dates come back as JS Dates at midnight UTC. */
const iso = (d: Date) => d.toISOString().slice(0, 10);

describe("customer metrics without payments, claims or visits exports", () => {
  it("leaves collection, quality losses and visits unknown (null), never 0", async () => {
    const m = await modelled({
      lines: [["O1", "2024-02-01", "C1", 100], ["O2", "2024-03-01", "C1", 50]],
      analysis: { analysis_date: "2024-12-31" },
    });
    const [r] = await m.rows(`select * from marts.customer_metrics where period = '2024'`);
    expect([r.invoiced, r.collected, r.collection_rate, r.days_to_pay]).toEqual([null, null, null, null]);
    expect([r.claims, r.claims_share, r.visits, r.visits_leadership, r.visit_hours]).toEqual([null, null, null, null, null]);
    expect([r.revenue, r.purchases, r.regularity]).toEqual([150, 2, 0.25]);
    m.close();
  });
});

describe("customer metrics at finer grains", () => {
  it("quarters: months are the sub-periods, a partial quarter is compared with the same days of the one before", async () => {
    // analysis 2024-05-15: 2024Q2 covers April 1 - May 15, compared with January 1 - February 15
    const m = await modelled({
      lines: [["Q1", "2024-01-20", "C", 100], ["Q2", "2024-02-20", "C", 50], ["Q3", "2024-04-10", "C", 120], ["Q4", "2024-05-01", "C", 30]],
      analysis: { analysis_date: "2024-05-15", grain: "quarter", data_start: "2024-01-01" },
    });
    const rows = await m.rows(`select period, revenue, previous_revenue, growth, growth_reason, subperiods, subperiods_with_purchase,
                                      strftime(compare_start, '%Y-%m-%d') as cs, strftime(compare_end, '%Y-%m-%d') as ce
                               from marts.customer_metrics where period_kind = 'quarter' order by period`);
    expect(rows).toEqual([
      { period: "2024Q1", revenue: 150, previous_revenue: null, growth: null, growth_reason: "no_previous_period", subperiods: 3, subperiods_with_purchase: 2, cs: null, ce: null },
      { period: "2024Q2", revenue: 150, previous_revenue: 100, growth: 0.5, growth_reason: null, subperiods: 2, subperiods_with_purchase: 2, cs: "2024-01-01", ce: "2024-02-15" },
    ]);
    m.close();
  });

  it("months: the days 1-7, 8-14, 15-21 and 22-end are the sub-periods", async () => {
    const m = await modelled({
      lines: [["M1", "2024-04-05", "D", 40], ["M2", "2024-05-03", "D", 30], ["M3", "2024-05-20", "D", 30]],
      analysis: { analysis_date: "2024-05-31", grain: "month" },
    });
    const [may] = await m.rows(`select * from marts.customer_metrics where period = '2024-05'`);
    expect([may.subperiods, may.subperiods_with_purchase, may.regularity, may.previous_revenue, may.growth]).toEqual([4, 2, 0.5, 40, 0.5]);
    m.close();
  });
});
