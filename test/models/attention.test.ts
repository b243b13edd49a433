// Rising stars, the differentiated policy, coverage against the pyramid and single-indicator
// risk, on a six-customer history worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indicatorNames } from "../../loaders/config/scorecard.ts";
import { modelled, type Line } from "./warehouse.ts";

/** Four orders a year (5 Jan/Apr/Jul/Oct) making `total` over `qty` units (cost and discount per order optional). */
const year = (c: string, y: number, total: number, qty = 4, cost: number | null = null, discount: number | null = null): Line[] =>
  [1, 4, 7, 10].map((mo) => [`${c}-${y}-${mo}`, `${y}-${String(mo).padStart(2, "0")}-05`, c, total / 4, cost === null ? null : cost / 4, qty / 4, discount === null ? null : discount / 4]);
/** Every order of `c` in `y` paid in full (share 1) or in part, a month later. */
const pay = (c: string, y: number, total: number, share = 1): [string, string, number, string, null][] =>
  [1, 4, 7, 10].map((mo) => [c, `${y}-${String(mo + 1).padStart(2, "0")}-05`, (total / 4) * share, `${c}-${y}-${mo}`, null]);

describe("attention: rising stars, policy, coverage, single-indicator risk", () => {
  let m: Awaited<ReturnType<typeof modelled>>;
  beforeAll(async () => {
    // 2024 revenue: BIG 4000 (40 units: 100 a unit), MID 2000 (10 units: 200), SLOW 1500 (10: 150, pays half),
    // DISC 500 (5: 100; cost 450, discount 100), STAR 300 (3), TINY 60 (1).
    // Score = revenue percentile + collection percentile (weights 0.5 / 0.5); key = top 1 (ceil 6 x 0.1),
    // regular = top 3 (ceil 6 x 0.4), give up = bottom 0 (floor 0.6).
    m = await modelled({
      lines: [
        ...year("BIG", 2022, 4000, 40), ...year("BIG", 2023, 4000, 40), ...year("BIG", 2024, 4000, 40),
        ...year("MID", 2022, 2000, 10), ...year("MID", 2023, 2000, 10), ...year("MID", 2024, 2000, 10),
        ...year("SLOW", 2022, 1500, 10), ...year("SLOW", 2023, 1500, 10), ...year("SLOW", 2024, 1500, 10),
        ...year("DISC", 2022, 500, 5, 450, 100), ...year("DISC", 2023, 500, 5, 450, 100), ...year("DISC", 2024, 500, 5, 450, 100),
        ...year("STAR", 2022, 40, 1), ...year("STAR", 2023, 100, 1), ...year("STAR", 2024, 300, 3),
        ...year("TINY", 2022, 60, 1), ...year("TINY", 2023, 60, 1), ...year("TINY", 2024, 60, 1),
      ],
      payments: [...pay("BIG", 2024, 4000), ...pay("MID", 2024, 2000), ...pay("SLOW", 2024, 1500, 0.5), ...pay("DISC", 2024, 500),
                 ...pay("STAR", 2024, 300), ...pay("TINY", 2024, 60)],
      claims: [["SLOW", "2024-05-01", 100]],
      visits: [["BIG", "2024-03-01", 100, "leadership", 6], ["BIG", "2024-06-01", 50, "business", 2], ["MID", "2024-03-02", 50, "technical", 2],
               ["TINY", "2024-03-03", 20, "business", 1], ["NOBODY", "2024-03-04", 20, "business", 1]],
      customers: ["BIG", "MID", "SLOW", "DISC", "STAR", "TINY", "NOBODY"].map((id) => ({ id })),
      analysis: {
        analysis_date: "2024-12-31",
        scorecard: { indicators: Object.fromEntries(indicatorNames.map((n) => [n, { weight: n === "revenue" || n === "collection_rate" ? 0.5 : 0 }])) },
      },
    });
  });
  afterAll(() => m.close());

  it("rates the fixture as planned", async () => {
    const rows = await m.rows(`select customer_id, tier from marts.key_account_scorecard where period = '2024' order by score_rank`);
    // revenue pct: BIG 91.67, MID 75, SLOW 58.33, DISC 41.67, STAR 25, TINY 8.33; collection: all 1 (58.33) but SLOW 0.5 (8.33)
    // -> scores BIG 75, MID 66.67, DISC 50, STAR 41.67 (growing +200%: potential), SLOW 33.33, TINY 33.33
    expect(rows.map((r) => [r.customer_id, r.tier])).toEqual([
      ["BIG", "key"], ["MID", "regular"], ["DISC", "regular"], ["STAR", "potential"], ["SLOW", "watch"], ["TINY", "watch"],
    ]);
  });

  it("finds the small customer growing for two years running a rising star, with the evidence", async () => {
    const rows = await m.rows(`select period, customer_id, growth, before_period, before_growth, revenue_rank, regularity from marts.rising_stars order by period`);
    // 2024: 300 vs 100 (+200%), 2023: 100 vs 40 (+150%); revenue rank 5 of 6 (outside the top ceil(1.5) = 2)
    expect(rows.filter((r) => r.period === "2024")).toEqual([{ period: "2024", customer_id: "STAR", growth: 2, before_period: "2023", before_growth: 1.5, revenue_rank: 5, regularity: 1 }]);
  });

  it("gives the favours the articles name to the key and regular accounts that earn them, and warns on discounts the margin cannot bear", async () => {
    const rows = await m.rows(`select customer_id, discount_eligible, looser_terms_eligible, more_service_eligible, discount_warning, volume_rank, price_index, discount_margin_share
                               from marts.customer_policy where period = '2024' order by customer_id`);
    const by = Object.fromEntries(rows.map((r) => [r.customer_id, r]));
    // volume top ceil(6 x 0.25) = 2: BIG (40), MID/SLOW (10, MID first by id); mean price 8360 / 69 a unit
    expect([by.BIG.discount_eligible, by.MID.discount_eligible, by.SLOW.discount_eligible]).toEqual([true, true, false]); // SLOW: rank 3 and pays half
    expect(by.BIG.price_index).toBeCloseTo(100 / (8360 / 69), 5);
    expect([by.BIG.looser_terms_eligible, by.MID.looser_terms_eligible, by.DISC.looser_terms_eligible]).toEqual([false, true, false]); // price 100, 200, 100 vs 121.2
    expect([by.BIG.more_service_eligible, by.MID.more_service_eligible, by.DISC.more_service_eligible]).toEqual([true, true, true]);
    expect([by.STAR.more_service_eligible, by.TINY.more_service_eligible]).toEqual([false, false]); // favours: key and regular only
    // DISC: discount 100 of a margin of 50 + 100 before it -> 2/3 > 0.5
    expect([by.DISC.discount_warning, by.DISC.discount_margin_share]).toEqual([true, 100 / 150]);
    expect(rows.filter((r) => r.discount_warning).map((r) => r.customer_id)).toEqual(["DISC"]);
  });

  it("measures the visits per tier against the pyramid, the visited non-buyer counted in the hours", async () => {
    const rows = await m.rows(`select tier, customers, customer_share, visits, visits_leadership, visit_hours, hours_share, layer_customer_share, reference_hours_share
                               from marts.key_account_coverage where period = '2024' order by sort_order`);
    const by = Object.fromEntries(rows.map((r) => [r.tier, r]));
    // 12 hours: BIG 8 (key), MID 2 (regular), TINY 1 (watch), NOBODY 1 (not rated)
    expect([by.key.customers, by.key.visits, by.key.visits_leadership, by.key.visit_hours, by.key.hours_share]).toEqual([1, 2, 1, 8, 8 / 12]);
    expect([by.key.customer_share, by.key.reference_hours_share]).toEqual([1 / 6, 0.6]);
    expect([by.regular.customers, by.regular.hours_share, by.regular.layer_customer_share]).toEqual([2, 2 / 12, 2 / 6]);
    expect([by.watch.customers, by.watch.hours_share, by.watch.layer_customer_share]).toEqual([2, 1 / 12, 3 / 6]); // rest = potential + watch + give up
    expect([by.not_rated.customers, by.not_rated.customer_share, by.not_rated.hours_share]).toEqual([1, null, 1 / 12]);
  });

  it("lists where a revenue-only ranking and the scorecard disagree, with the indicators that make the difference", async () => {
    // 2024: the top ceil(0.6) = 1 by revenue is BIG, which is the key account: they agree
    expect(await m.rows(`select * from marts.single_indicator_risk where period = '2024'`)).toEqual([]);
    // 2023: nothing was paid (only 2024's invoices were), everyone collects 0; the revenue top (BIG) is key too
    expect(await m.rows(`select * from marts.single_indicator_risk where period = '2023'`)).toEqual([]);
  });

  it("names the customers a revenue ranking would call key accounts but the scorecard does not, and the reverse", async () => {
    // BIG 1000 unpaid, GOOD 500 and SMALL 100 paid in full; revenue 0.5, collection 0.5; key = top ceil(0.9) = 1
    // revenue pct 83.33 / 50 / 16.67, collection 16.67 / 66.67 / 66.67 -> scores 50, 58.33, 41.67: GOOD is key
    const d = await modelled({
      lines: [...year("BIG", 2024, 1000), ...year("GOOD", 2024, 500), ...year("SMALL", 2024, 100)],
      payments: [...pay("GOOD", 2024, 500), ...pay("SMALL", 2024, 100)],
      analysis: {
        analysis_date: "2024-12-31",
        scorecard: { indicators: Object.fromEntries(indicatorNames.map((n) => [n, { weight: n === "revenue" || n === "collection_rate" ? 0.5 : 0 }])) },
        tiers: { key_share: 0.3 },
      },
    });
    const rows = await d.rows(`select customer_id, view, revenue_rank, score_rank, tier, drivers from marts.single_indicator_risk where period = '2024' order by customer_id`);
    expect(rows).toEqual([
      { customer_id: "BIG", view: "revenue_only", revenue_rank: 1, score_rank: 2, tier: "regular", drivers: "collection_rate 41.7, revenue 8.3" },
      { customer_id: "GOOD", view: "scorecard_only", revenue_rank: 2, score_rank: 1, tier: "key", drivers: "collection_rate 33.3" },
    ]);
    d.close();
  });
});
