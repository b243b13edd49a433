// The key account scorecard and its tiers on fixtures worked out by hand.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../loaders/config/index.ts";
import { indicatorNames } from "../../loaders/config/scorecard.ts";
import { modelled, type Line } from "./warehouse.ts";

/** Only the named indicators weigh; every other weight is 0. */
const weights = (w: Record<string, number>) => ({
  indicators: Object.fromEntries(indicatorNames.map((n) => [n, { weight: w[n] ?? 0 }])),
});

describe("the scorecard", () => {
  it("scales each indicator to 0-100 within the period, weighs them and gives an absent indicator's weight to the others", async () => {
    // 2024 (the data's only year), revenue 0.4, collection 0.3, quality losses 0.3 (fewer is better)
    const m = await modelled({
      lines: [
        ["A1", "2024-02-01", "A", 200], ["A2", "2024-05-01", "A", 200], // revenue 400
        ["B1", "2024-03-01", "B", 300],
        ["C1", "2024-03-01", "C", 300],
        ["D1", "2024-11-01", "D", 100], // not due at the analysis date (due_end 2024-10-02): no collection rate
      ],
      payments: [
        ["A", "2024-03-01", 200, "A1", null], ["A", "2024-06-01", 200, "A2", null], // 1
        ["B", "2024-04-01", 150, "B1", null], // 0.5
        ["C", "2024-04-01", 300, "C1", null], // 1
      ],
      claims: [["A", "2024-06-01", 40]], // A 0.1 of revenue, the others 0
      analysis: { analysis_date: "2024-12-31", scorecard: weights({ revenue: 0.4, collection_rate: 0.3, quality_losses: 0.3 }) },
    });
    const ind = await m.rows(`select customer_id, indicator, score, effective_weight, is_absent from marts.key_account_indicators
                              where period = '2024' and indicator in ('revenue', 'collection_rate', 'quality_losses') order by customer_id, sort_order`);
    const score = (c: string, i: string) => ind.find((r) => r.customer_id === c && r.indicator === i)!.score;
    // revenue 400, 300, 300, 100 -> mid-rank percentiles (below + half the tied) / 4
    expect(["A", "B", "C", "D"].map((c) => score(c, "revenue"))).toEqual([87.5, 50, 50, 12.5]);
    // collection 1, 0.5, 1 among the three with a value; D absent
    expect(["A", "B", "C"].map((c) => score(c, "collection_rate"))).toEqual([66.666667, 16.666667, 66.666667]);
    expect(ind.find((r) => r.customer_id === "D" && r.indicator === "collection_rate")).toMatchObject({ score: null, is_absent: true, effective_weight: null });
    // claims share 0.1, 0, 0, 0: lower is better -> 100 - (87.5, 37.5, 37.5, 37.5)
    expect(["A", "B", "C", "D"].map((c) => score(c, "quality_losses"))).toEqual([12.5, 62.5, 62.5, 62.5]);
    expect(ind.find((r) => r.customer_id === "D" && r.indicator === "revenue")!.effective_weight).toBeCloseTo(0.4 / 0.7, 12);

    const sc = await m.rows(`select customer_id, score, score_rank, tier, absent_indicators, n_indicators from marts.key_account_scorecard where period = '2024' order by score_rank`);
    expect(sc.map((r) => r.customer_id)).toEqual(["A", "C", "B", "D"]); // A and C tie: by customer id
    expect(sc[0].score).toBeCloseTo(0.4 * 87.5 + 0.3 * 66.666667 + 0.3 * 12.5, 9);
    expect(sc[2].score).toBeCloseTo(0.4 * 50 + 0.3 * 16.666667 + 0.3 * 62.5, 9);
    expect(sc[3].score).toBeCloseTo((0.4 * 12.5 + 0.3 * 62.5) / 0.7, 9);
    expect(sc.map((r) => [r.absent_indicators, r.n_indicators])).toEqual([[null, 3], [null, 3], [null, 3], ["collection_rate", 2]]);
    // 4 rated: key = the top ceil(0.4) = 1 (A bought in two quarters), regular = top ceil(1.6) = 2
    expect(sc.map((r) => r.tier)).toEqual(["key", "regular", "watch", "watch"]);
    // the contributions add up to the score
    const [sum] = await m.rows(`select sum(contribution) as total from marts.key_account_indicators where period = '2024' and customer_id = 'D'`);
    expect(sum.total).toBeCloseTo(sc[3].score, 9);
    m.close();
  });

  it("scales by min-max or a fixed range when configured", async () => {
    const m = await modelled({
      lines: [["A1", "2024-02-01", "A", 100], ["B1", "2024-02-01", "B", 300], ["C1", "2024-02-01", "C", 200]],
      analysis: {
        analysis_date: "2024-12-31",
        scorecard: {
          indicators: {
            ...weights({ revenue: 0.5, contract_volume: 0.5 }).indicators,
            revenue: { weight: 0.5, scaling: "minmax" },
            contract_volume: { weight: 0.5, scaling: "range", range: [0, 2] }, // quantity 1 each (fixture lines)
          },
        },
      },
    });
    const rows = await m.rows(`select customer_id, indicator, score from marts.key_account_indicators where period = '2024' and indicator in ('revenue', 'contract_volume') order by indicator, customer_id`);
    expect(rows.map((r) => r.score)).toEqual([50, 50, 50, 0, 100, 50]); // volume 1 of [0, 2]; revenue 100..300
    m.close();
  });

  it("refuses weights that do not sum to 1, and a range scaling without its range", () => {
    expect(() => parseConfig({ analysis: { scorecard: { indicators: { revenue: { weight: 0.2 } } } } })).toThrow(/scorecard\.indicators: the weights must sum to 1, they sum to 0\.9/);
    expect(() => parseConfig({ analysis: { scorecard: { indicators: { revenue: { scaling: "range" } } } } })).toThrow(/range: \[low, high\]/);
    expect(() => parseConfig({ analysis: { scorecard: { indicators: { reveune: { weight: 0.2 } } } } })).toThrow(/reveune/);
    expect(parseConfig({}).analysis.scorecard.indicators.revenue).toEqual({ weight: 0.3, direction: "higher", scaling: "percentile", range: null });
  });
});

/** Orders of `amount` on the 5th of each month listed, in `year` (a history from January 5th covers January). */
const orders = (customer: string, year: number, months: number[], amount: number): Line[] =>
  months.map((mo) => [`${customer}-${year}-${mo}`, `${year}-${String(mo).padStart(2, "0")}-05`, customer, amount]);
const quarterly = (customer: string, year: number, total: number) => orders(customer, year, [1, 4, 7, 10], total / 4);

describe("the tiers and their guard rules", () => {
  it("keeps a one-order buyer off the key list, makes growing and new customers potential, never gives them up", async () => {
    // 20 customers rated in 2024, score = revenue percentile (revenue the only weight):
    // key = top ceil(2) by score, regular = top ceil(8), give up = bottom floor(2)
    const fillers = [2000, 1900, 1800, 1700, 1600, 1500, 1400, 1300, 1100, 1000, 900, 800, 700];
    const m = await modelled({
      lines: [
        ["BIG1", "2024-06-05", "BIG", 10000], // rank 1, one order
        ...quarterly("K1", 2023, 6000), ...quarterly("K1", 2024, 6000), // rank 2
        ...fillers.flatMap((x, i) => [...quarterly(`F${String(i + 1).padStart(2, "0")}`, 2023, x), ...quarterly(`F${String(i + 1).padStart(2, "0")}`, 2024, x)]),
        ...quarterly("GROW", 2023, 800), ...quarterly("GROW", 2024, 1200), // +50%, rank 11
        ...orders("NEW", 2024, [3, 9], 50), // first purchase in 2024, rank 17
        ...orders("SMALLGROW", 2023, [3], 20), ...orders("SMALLGROW", 2024, [3, 9], 30), // +200%, rank 18
        ...orders("DROP2", 2023, [3, 6], 50), ...orders("DROP2", 2024, [3], 20), // -80%, rank 19
        ...orders("DROP1", 2023, [3, 6], 50), ...orders("DROP1", 2024, [3], 10), // -90%, rank 20
      ],
      analysis: { analysis_date: "2024-12-31", scorecard: weights({ revenue: 1 }) },
    });
    const rows = await m.rows(`select customer_id, score_rank, tier, tier_rule, one_order_guard, tier_reason from marts.key_account_scorecard where period = '2024' order by score_rank`);
    const tier = Object.fromEntries(rows.map((r) => [r.customer_id, r.tier]));
    expect(rows.length).toBe(20);
    expect(rows.slice(0, 2).map((r) => r.customer_id)).toEqual(["BIG", "K1"]);
    expect(tier.BIG).toBe("regular"); // top by score, but one purchase: not a key account
    const big = rows.find((r) => r.customer_id === "BIG")!;
    expect([big.one_order_guard, big.tier_rule]).toEqual([true, "regular_score"]);
    expect(big.tier_reason).toMatch(/^top 2 by score but 1 purchase\(s\) in 1 sub-period\(s\): one large order is not a key account; score rank 1 of 20/);
    expect(tier.K1).toBe("key");
    expect(["F01", "F02", "F03", "F04", "F05", "F06"].map((c) => tier[c])).toEqual(Array(6).fill("regular")); // ranks 3-8
    expect(["F07", "F08", "F09", "F13"].map((c) => tier[c])).toEqual(Array(4).fill("watch"));
    expect([tier.GROW, tier.NEW, tier.SMALLGROW]).toEqual(["potential", "potential", "potential"]);
    expect(rows.filter((r) => r.tier === "potential").map((r) => [r.customer_id, r.tier_rule])).toEqual([
      ["GROW", "potential_growing"], ["NEW", "potential_new"], ["SMALLGROW", "potential_growing"],
    ]);
    expect([tier.DROP2, tier.DROP1]).toEqual(["give_up", "give_up"]);

    const [s] = await m.rows(`select n_rated, n_key, n_regular, n_potential, n_watch, n_give_up, n_one_order_guard, department_finding from marts.key_account_summary where period = '2024'`);
    expect(s).toEqual({ n_rated: 20, n_key: 1, n_regular: 7, n_potential: 3, n_watch: 7, n_give_up: 2, n_one_order_guard: 1, department_finding: "named_manager" });
    m.close();
  });

  it("finds a key account department necessary above the configured number of key accounts", async () => {
    const m = await modelled({
      lines: [...quarterly("A", 2024, 400), ...quarterly("B", 2024, 100)],
      analysis: { analysis_date: "2024-12-31", tiers: { department_min_key_accounts: 0 } },
    });
    const [s] = await m.rows(`select n_key, department_finding, department_min_key_accounts from marts.key_account_summary where period = 'window'`);
    expect(s).toEqual({ n_key: 1, department_finding: "key_account_department", department_min_key_accounts: 0 });
    m.close();
  });
});
