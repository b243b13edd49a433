// Re-rating, tier transitions (Markov), projection, long run and back-test on a five-customer
// history whose every figure is worked out by hand below.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indicatorNames } from "../../loaders/config/scorecard.ts";
import { modelled, type Line } from "./warehouse.ts";

/** Four orders a year (5 January, April, July, October) making `total`. */
const year = (customer: string, y: number, total: number): Line[] =>
  [1, 4, 7, 10].map((mo) => [`${customer}-${y}-${mo}`, `${y}-${String(mo).padStart(2, "0")}-05`, customer, total / 4]);

// Revenue by year (the score is the revenue percentile; key = top 25%, regular = top 50%,
// give up = bottom 25% rounded down; first rule that applies, see key_account_scorecard):
//        2021          2022          2023          2024
//   A    400 key       400 regular   100 watch     100 watch
//   B    300 regular   500 key       500 key       500 key
//   C    200 watch     200 watch     200 regular   -   lost (silent since 2023-10-05)
//   D    100 give_up   100 give_up   300 key       300 regular
//   E    -             -             50  potential (new)   50 give_up
describe("re-rating and tier dynamics", () => {
  let m: Awaited<ReturnType<typeof modelled>>;
  beforeAll(async () => {
    m = await modelled({
      lines: [
        ...year("A", 2021, 400), ...year("A", 2022, 400), ...year("A", 2023, 100), ...year("A", 2024, 100),
        ...year("B", 2021, 300), ...year("B", 2022, 500), ...year("B", 2023, 500), ...year("B", 2024, 500),
        ...year("C", 2021, 200), ...year("C", 2022, 200), ...year("C", 2023, 200),
        ...year("D", 2021, 100), ...year("D", 2022, 100), ...year("D", 2023, 300), ...year("D", 2024, 300),
        ...year("E", 2023, 50), ...year("E", 2024, 50),
      ],
      analysis: {
        analysis_date: "2024-12-31",
        scorecard: { indicators: Object.fromEntries(indicatorNames.map((n) => [n, { weight: n === "revenue" ? 1 : 0 }])) },
        tiers: { key_share: 0.25, regular_share: 0.25, give_up_share: 0.25 },
      },
    });
  });
  afterAll(() => m.close());

  it("rates every year and keeps the lost customer as lost", async () => {
    const rows = await m.rows(`select period, customer_id, state from marts.customer_states where period_kind = 'year' order by period, customer_id`);
    const by = (p: string) => Object.fromEntries(rows.filter((r) => r.period === p).map((r) => [r.customer_id, r.state]));
    expect(by("2021")).toEqual({ A: "key", B: "regular", C: "watch", D: "give_up" });
    expect(by("2022")).toEqual({ A: "regular", B: "key", C: "watch", D: "give_up" });
    expect(by("2023")).toEqual({ A: "watch", B: "key", C: "regular", D: "key", E: "potential" });
    expect(by("2024")).toEqual({ A: "watch", B: "key", C: "lost", D: "regular", E: "give_up" });
  });

  it("says who entered, left and stayed on the key account list, who moved up or down, and why", async () => {
    const rows = await m.rows(`select period, customer_id, previous_state, state, key_change, tier_move, score_change, drivers from marts.key_account_changes order by period, customer_id`);
    const at = (p: string, c: string) => rows.find((r) => r.period === p && r.customer_id === c)!;
    expect(["A", "B", "C", "D", "E"].map((c) => [at("2023", c).key_change, at("2023", c).tier_move])).toEqual([
      [null, "down"], ["stayed", "same"], [null, "up"], ["entered", "up"], [null, "new"],
    ]);
    expect(["A", "B", "C", "D", "E"].map((c) => [at("2024", c).key_change, at("2024", c).tier_move])).toEqual([
      [null, "same"], ["stayed", "same"], [null, "lost"], ["left", "down"], [null, "down"],
    ]);
    // D 2022: 100 of (500, 400, 200, 100) -> percentile 0.5/4 = 12.5; 2023: 300 of (500, 300, 200, 100, 50) -> 3.5/5 = 70
    expect(at("2023", "D").score_change).toBeCloseTo(57.5, 9);
    expect(at("2023", "D").drivers).toBe("revenue +57.5");
    expect(at("2023", "E").drivers).toBeNull(); // no score the year before
    const s = await m.rows(`select period, n_key, n_entered, n_left, n_stayed from marts.key_account_summary where period_kind = 'year' order by period`);
    expect(s.map((r) => [r.period, r.n_key, r.n_entered, r.n_left, r.n_stayed])).toEqual([
      ["2021", 1, null, null, null], ["2022", 1, 1, 1, 0], ["2023", 2, 1, 0, 1], ["2024", 1, 0, 1, 1],
    ]);
  });

  it("counts the transitions behind every cell, pooled over the complete pairs, each row summing to 1", async () => {
    const rows = await m.rows(`select from_state, to_state, n, n_from, share from marts.tier_transitions where pair = 'pooled' and n > 0 order by from_order, to_order`);
    expect(rows.map((r) => [r.from_state, r.to_state, r.n, r.n_from])).toEqual([
      ["new", "potential", 1, 1],
      ["key", "key", 2, 4], ["key", "regular", 2, 4],
      ["regular", "key", 1, 3], ["regular", "watch", 1, 3], ["regular", "lost", 1, 3],
      ["potential", "give_up", 1, 1],
      ["watch", "regular", 1, 3], ["watch", "watch", 2, 3],
      ["give_up", "key", 1, 2], ["give_up", "give_up", 1, 2],
    ]);
    const pair = await m.rows(`select from_state, to_state, n from marts.tier_transitions where pair = '2023-2024' and n > 0 order by from_order, to_order`);
    expect(pair.map((r) => `${r.from_state}>${r.to_state}`)).toEqual(["key>key", "key>regular", "regular>lost", "potential>give_up", "watch>watch"]);
  });

  it("projects the mix two periods ahead and to the long run where entries and exits balance", async () => {
    const rows = await m.rows(`select horizon, state, customers, share from marts.tier_projection order by horizon, sort_order`);
    const get = (h: string) => Object.fromEntries(rows.filter((r) => r.horizon === h).map((r) => [r.state, Number(r.customers)]));
    expect(get("actual")).toEqual({ key: 1, regular: 1, potential: 0, watch: 1, give_up: 1, inactive: 0 });
    // x1 = x0 Q + e, e = 1/3 new customer a year (all into potential)
    const next = get("next");
    expect(next.key).toBeCloseTo(0.5 + 1 / 3 + 0.5, 6); // key 1 x 0.5 + regular 1 x 1/3 + give up 1 x 0.5
    expect(next.regular).toBeCloseTo(0.5 + 1 / 3, 6); // key 0.5 + watch 1/3
    expect(next.watch).toBeCloseTo(1 / 3 + 2 / 3, 6); // regular 1/3 + watch 2/3
    expect(next.give_up).toBeCloseTo(0.5, 6);
    expect(next.potential).toBeCloseTo(1 / 3, 6);
    expect(next.lost).toBeCloseTo(1 / 3, 6); // regular 1 x 1/3
    expect(next.new).toBeCloseTo(1 / 3, 6);
    // long run x = x Q + e: p = 1/3, g = 2p, w = r, r = 0.75 k, k = 0.5 k + r / 3 + 0.5 g -> k = 4/3
    const lr = get("long_run");
    for (const [s, v] of Object.entries({ key: 4 / 3, regular: 1, potential: 1 / 3, watch: 1, give_up: 2 / 3, inactive: 0 })) expect(lr[s], s).toBeCloseTo(v, 5);
    expect(lr.lost).toBeCloseTo(1 / 3, 5); // exits = entries
    const shares = rows.filter((r) => r.horizon === "long_run" && r.share !== null);
    expect(shares.reduce((a, r) => a + r.share, 0)).toBeCloseTo(1, 12);
  });

  it("back-tests 2024 from 2023 with the matrix of the earlier pairs only", async () => {
    // pairs 2021-22 and 2022-23: key, regular, watch and give up each split 1/2 - 1/2; 0.5 new a year
    const rows = await m.rows(`select state, projected, actual, tv_distance, n_pairs, base_period, period from marts.tier_backtest order by sort_order`);
    expect(rows.map((r) => [r.state, Number(r.projected), r.actual])).toEqual([
      ["key", 1.5, 1], ["regular", 1.5, 1], ["potential", 0.5, 0], ["watch", 1, 1], ["give_up", 0, 1], ["inactive", 0, 0],
    ]);
    expect([rows[0].n_pairs, rows[0].base_period, rows[0].period]).toEqual([2, "2023", "2024"]);
    // shares 1/3, 1/3, 1/9, 2/9, 0 against 1/4, 1/4, 0, 1/4, 1/4
    expect(rows[0].tv_distance).toBeCloseTo(0.5 * (2 * (1 / 3 - 1 / 4) + 1 / 9 + (1 / 4 - 2 / 9) + 1 / 4), 9);
  });
});
