// marts.concentration_slice_top (the 10 largest customers per measure, period and slice, picked by
// a bounded min_by) and the curve points of marts.concentration_slices (computed in the same pass
// as its aggregates), on a hand-made fixture: 12 customers, a tie at 300 broken by customer id,
// a returns-only customer below zero, one customer without cost (not ranked by gross profit), and
// a region slice of 11 of them. Every expected figure is worked out by hand below.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractOf } from "../../loaders/models/contract.js";
import { modelled, type Line } from "./warehouse.ts";

type M = Awaited<ReturnType<typeof modelled>>;

// revenue per customer; cost = half the amount, except C05 (no cost). C12 only returned goods.
const revenue: [string, number][] = [
  ["C03", 300], ["C01", 500], ["C02", 300], ["C04", 200], ["C05", 100], ["C06", 50],
  ["C07", 40], ["C08", 30], ["C09", 20], ["C10", 10], ["C11", 5], ["C12", -15],
];

describe("concentration_slice_top and the slices' curves", () => {
  let m: M;
  beforeAll(async () => {
    const lines: Line[] = revenue.map(([c, v], i) => [`O${i + 1}`, "2024-03-10", c, v, c === "C05" ? null : v / 2]);
    m = await modelled({
      lines, analysis: { analysis_date: "2024-12-31" },
      customers: revenue.map(([c]) => ({ id: c, region: c === "C01" ? "R2" : "R1", industry: "I", sales_rep: "S" })),
    });
  });
  afterAll(() => m.close());

  const top = (measure: string, where: string) => m.rows(`select rank, customer_id, value::double as value, share, cum_share, abc_class
    from marts.concentration_slice_top where measure = '${measure}' and period = '2024' and ${where} order by rank`);

  it("all customers by revenue: the first 10 by value, the tie by customer id, shares of the positive total 1,555", async () => {
    const rows = await top("revenue", "slice = 'all'");
    // running positive sums: 500, 800, 1100, 1300, 1400, 1450, 1490, 1520, 1540, 1550 (of 1,555);
    // ABC by the share before the customer: < 0.8 A, < 0.95 B, else C
    const expected: [string, number, string][] = [
      ["C01", 500, "A"], ["C02", 300, "A"], ["C03", 300, "A"], ["C04", 200, "A"], ["C05", 100, "B"],
      ["C06", 50, "B"], ["C07", 40, "B"], ["C08", 30, "C"], ["C09", 20, "C"], ["C10", 10, "C"],
    ];
    let running = 0;
    expect(rows.map((r) => r.customer_id)).toEqual(expected.map((e) => e[0]));
    rows.forEach((r, i) => {
      const [, v, abc] = expected[i];
      running += v;
      expect(r.rank).toBe(i + 1);
      expect(r.value).toBe(v);
      expect(r.share).toBeCloseTo(v / 1555, 15);
      expect(r.cum_share).toBeCloseTo(running / 1555, 15);
      expect(r.abc_class, r.customer_id).toBe(abc);
    });
  });

  it("a region slice ranks within the slice: R1 has 11 customers, C12 (below zero) is the 11th and not listed", async () => {
    const rows = await top("revenue", "slice = 'region' and region = 'R1'");
    expect(rows.map((r) => r.customer_id)).toEqual(["C02", "C03", "C04", "C05", "C06", "C07", "C08", "C09", "C10", "C11"]);
    expect(rows[0].share).toBeCloseTo(300 / 1055, 15);
    expect(rows[9].cum_share).toBeCloseTo(1, 15);
    // shares before: 0, .284, .569, .758 (A), .853, .900, .938 (B), .967, .986, .995 (C)
    expect(rows.map((r) => r.abc_class).join("")).toBe("AAAABBBCCC");
    expect(await top("revenue", "slice = 'region' and region = 'R2'")).toEqual([
      { rank: 1, customer_id: "C01", value: 500, share: 1, cum_share: 1, abc_class: "A" },
    ]);
  });

  it("by gross profit the customer without cost is not ranked", async () => {
    const rows = await top("gross_profit", "slice = 'all'");
    expect(rows.map((r) => r.customer_id)).toEqual(["C01", "C02", "C03", "C04", "C06", "C07", "C08", "C09", "C10", "C11"]);
    expect(rows[0].share).toBeCloseTo(250 / 727.5, 15); // positive gross profit: 777.5 - 50 (C05 has none)
  });

  it("the curves: points at ceil(x × 12) = 0, 1, 2, 3, 4, 6, 9, 10, 11, 12 of the ranked customers", async () => {
    const [c] = await m.rows(`select curve_x, pareto_y, whale_y, lorenz_x from marts.concentration_slices
      where measure = 'revenue' and period = '2024' and slice = 'all'`);
    const ranks = [0, 1, 2, 3, 4, 6, 9, 10, 11, 12];
    const cumPositive = [0, 500, 800, 1100, 1300, 1450, 1540, 1550, 1555, 1555];
    const cumSigned = [0, 500, 800, 1100, 1300, 1450, 1540, 1550, 1555, 1540]; // C12's -15 last
    const list = (v: unknown) => Array.from(v as Iterable<number>);
    expect(list(c.curve_x)).toHaveLength(10);
    list(c.curve_x).forEach((x, i) => expect(x).toBeCloseTo(ranks[i] / 12, 15));
    list(c.pareto_y).forEach((y, i) => expect(y).toBeCloseTo(cumPositive[i] / 1555, 15));
    list(c.whale_y).forEach((y, i) => expect(y).toBeCloseTo(cumSigned[i] / 1540, 15));
    expect(list(c.lorenz_x)[0]).toBe(0);
  });

  it("the data test 'the same ranking as concentration_slices' passes, and fails when a top customer is dropped", async () => {
    const t = contractOf("concentration_slice_top").tests.find((x) => "sql" in x && x.name?.startsWith("the same ranking"));
    if (!t || !("sql" in t)) throw new Error("concentration_slice_top.yml declares no ranking test");
    expect(await m.rows(t.sql)).toEqual([]);
    await m.con.run(`delete from marts.concentration_slice_top where measure = 'revenue' and period = '2024' and slice = 'all' and rank = 4`);
    expect((await m.rows(t.sql)).length).toBeGreaterThan(0);
  });
});
