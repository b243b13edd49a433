// Concentration on hand-computed fixtures: Pareto shares, n for 80%, Gini, HHI, ABC, flags,
// and the edge cases (ties, one customer, zero and empty periods, returns).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelled, type Line } from "./warehouse.ts";

type M = Awaited<ReturnType<typeof modelled>>;

describe("concentration: five customers 50/20/15/10/5 in 2024", () => {
  let m: M;
  beforeAll(async () => {
    const lines: Line[] = [
      // C1 buys 50 in two orders; a 2023 order of C5 makes 2023 a period of its own
      ["O1", "2024-01-10", "C1", 30, 20], ["O2", "2024-06-10", "C1", 20, 10],
      ["O3", "2024-02-10", "C2", 20, 15], ["O4", "2024-03-10", "C3", 15, 12],
      ["O5", "2024-04-10", "C4", 10, 8], ["O6", "2024-12-31", "C5", 5, 1],
      ["O0", "2022-05-01", "C5", 7, 3],
    ];
    m = await modelled({ lines, analysis: { analysis_date: "2024-12-31" } });
  });
  afterAll(() => m.close());

  it("summarises 2024 as computed by hand", async () => {
    const [s] = await m.rows(`select * from intermediate.concentration_summary where measure = 'revenue' and period = '2024'`);
    expect(s.n_customers).toBe(5);
    expect(s.total).toBe(100);
    expect(s.top_n).toBe(1); // ceil(0.2 x 5)
    expect(s.top_share_value).toBeCloseTo(0.5, 12);
    expect(s.n_to_target).toBe(3); // 0.50, 0.70, 0.85
    expect(s.share_to_target).toBeCloseTo(0.6, 12);
    // ascending 5,10,15,20,50: 2 x (5 + 20 + 45 + 80 + 250) / (5 x 100) - 6/5 = 0.4
    expect(s.gini).toBeCloseTo(0.4, 12);
    expect(s.hhi).toBeCloseTo(0.25 + 0.04 + 0.0225 + 0.01 + 0.0025, 12);
    expect(s.top1_share).toBeCloseTo(0.5, 12);
    expect(s.top5_share).toBeCloseTo(1, 12);
    expect(s.flag_largest).toBe(true);
    expect([s.n_a, s.n_b, s.n_c]).toEqual([3, 1, 1]);
  });

  it("classes customers A/B/C by the cumulative share before them", async () => {
    const rows = await m.rows(`select customer_id, abc_class, cum_share from intermediate.abc_customers where measure = 'revenue' and period = '2024' order by rank`);
    expect(rows.map((r) => `${r.customer_id}${r.abc_class}`)).toEqual(["C1A", "C2A", "C3A", "C4B", "C5C"]);
    expect(rows.map((r) => r.cum_share)).toEqual([0.5, 0.7, 0.85, 0.95, 1].map((x) => expect.closeTo(x, 12)));
  });

  it("gross profit concentration uses amount - cost", async () => {
    // profits 20, 5, 3, 2, 4 = 34
    const [s] = await m.rows(`select * from intermediate.concentration_summary where measure = 'gross_profit' and period = '2024'`);
    expect(s.total).toBeCloseTo(34, 12);
    expect(s.top1_share).toBeCloseTo(20 / 34, 12);
    expect(s.n_to_target).toBe(3); // 20, 25, 29 (0.853)
  });

  it("keeps a period with no orders, with zero customers and no shares", async () => {
    const [s] = await m.rows(`select * from intermediate.concentration_summary where measure = 'revenue' and period = '2023'`);
    expect(s.n_customers).toBe(0);
    expect(s.total).toBe(0);
    expect(s.gini).toBeNull();
    expect(s.top_share_value).toBeNull();
    // the pages' slices have no row (and so no curve) for a period without active customers
    expect((await m.rows(`select * from marts.concentration_slices where period = '2023'`)).length).toBe(0);
  });

  it("draws the Pareto curve from the origin to (1, 1), marking the 80% point, and the mirrored Lorenz curve", async () => {
    // the curves the /concentration page draws: marts.concentration_slices, all customers (its 15
    // fixed shares of customers fall on the 5 customers' ranks 0..5)
    const [p] = await m.rows(`select curve_x, pareto_y, lorenz_x, lorenz_y, n_to_target, share_to_target, target_reached_share
                              from marts.concentration_slices where measure = 'revenue' and period = '2024' and slice = 'all'`);
    const points = (xs: number[], ys: number[]) => xs.map((x, i) => [x, ys[i]]);
    expect(points(p.curve_x, p.pareto_y)).toEqual(
      [[0, 0], [0.2, 0.5], [0.4, 0.7], [0.6, 0.85], [0.8, 0.95], [1, 1]].map(([x, y]) => [expect.closeTo(x, 12), expect.closeTo(y, 12)]),
    );
    // the 80% mark: the third customer, at (0.6, 0.85)
    expect([p.n_to_target, p.share_to_target, p.target_reached_share]).toEqual([3, expect.closeTo(0.6, 12), expect.closeTo(0.85, 12)]);
    expect(points(p.lorenz_x, p.lorenz_y)).toEqual(
      [[0, 0], [0.2, 0.05], [0.4, 0.15], [0.6, 0.3], [0.8, 0.5], [1, 1]].map(([x, y]) => [expect.closeTo(x, 12), expect.closeTo(y, 12)]),
    );
  });

  it("reports the concentration period by period, with a change only between whole periods", async () => {
    // the /concentration page's table by period (marts.concentration_slices, all customers): the
    // data starts on 2022-05-01, so 2022 is partial; 2023 has no active customer (no row), so
    // 2024 has nothing to compare with
    const rows = await m.rows(`select period, is_partial, n_customers, total, previous_period, previous_n_customers, growth
                               from marts.concentration_slices where measure = 'revenue' and slice = 'all' and period_kind = 'year' order by period`);
    expect(rows.map((r) => [r.period, r.is_partial, r.n_customers, r.total, r.previous_period, r.previous_n_customers, r.growth])).toEqual([
      ["2022", true, 1, 7, null, null, null],
      ["2024", false, 5, 100, "2023", null, null],
    ]);
  });
});

describe("concentration edge cases", () => {
  it("breaks ties by customer id and gives a single customer Gini 0 and every share 1", async () => {
    const m = await modelled({
      lines: [["O1", "2024-03-01", "B", 30], ["O2", "2024-03-01", "A", 30], ["O3", "2025-03-01", "Z", 80]],
      analysis: { analysis_date: "2025-12-31" },
    });
    const tie = await m.rows(`select customer_id, rank, abc_class from intermediate.abc_customers where measure = 'revenue' and period = '2024' order by rank`);
    expect(tie.map((r) => r.customer_id)).toEqual(["A", "B"]);
    expect(tie.map((r) => r.abc_class)).toEqual(["A", "A"]); // A has 0.5 before B, < 0.8
    const [tieSummary] = await m.rows(`select gini, top_n, top_share_value from intermediate.concentration_summary where measure = 'revenue' and period = '2024'`);
    expect(tieSummary.gini).toBeCloseTo(0, 12);
    expect(tieSummary.top_n).toBe(1);
    expect(tieSummary.top_share_value).toBeCloseTo(0.5, 12);
    const [one] = await m.rows(`select * from intermediate.concentration_summary where measure = 'revenue' and period = '2025'`);
    expect([one.n_customers, one.top_n, one.n_to_target]).toEqual([1, 1, 1]);
    expect(one.gini).toBeCloseTo(0, 12);
    expect(one.hhi).toBeCloseTo(1, 12);
    expect(one.top_share_value).toBeCloseTo(1, 12);
    m.close();
  });

  it("counts a customer whose returns make it negative as zero, and a return-only customer as active with class C", async () => {
    const m = await modelled({
      lines: [
        ["O1", "2024-02-01", "C1", 100], ["O2", "2024-03-01", "C1", -20],
        ["O3", "2024-02-01", "C2", 50], ["O4", "2024-05-01", "C2", -80], // net -30
        ["O5", "2024-06-01", "C3", -10], // only a return
      ],
      analysis: { analysis_date: "2024-12-31" },
    });
    const [s] = await m.rows(`select * from intermediate.concentration_summary where measure = 'revenue' and period = '2024'`);
    expect(s.n_customers).toBe(3);
    expect(s.n_positive).toBe(1);
    expect(s.total).toBe(80 - 30 - 10);
    expect(s.total_positive).toBe(80);
    expect(s.top1_share).toBeCloseTo(1, 12);
    // ascending 0, 0, 80: 2 x 3 x 80 / (3 x 80) - 4/3 = 2/3
    expect(s.gini).toBeCloseTo(2 / 3, 12);
    const abc = await m.rows(`select customer_id, value, share, abc_class from intermediate.abc_customers where measure = 'revenue' and period = '2024' order by rank`);
    expect(abc.map((r) => [r.customer_id, r.value, r.share, r.abc_class])).toEqual([
      ["C1", 80, 1, "A"], ["C3", -10, 0, "C"], ["C2", -30, 0, "C"],
    ]);
    m.close();
  });

  it("gives no shares when a period's values are all zero", async () => {
    const m = await modelled({ lines: [["O1", "2024-02-01", "C1", 0], ["O2", "2024-03-01", "C2", 0]], analysis: { analysis_date: "2024-12-31" } });
    const [s] = await m.rows(`select * from intermediate.concentration_summary where measure = 'revenue' and period = '2024'`);
    expect(s.n_customers).toBe(2);
    expect(s.total_positive).toBe(0);
    expect([s.gini, s.hhi, s.top_share_value, s.n_to_target]).toEqual([null, null, null, null]);
    // the page's slice says so: no share, no customers for 80%
    const [all] = await m.rows(`select top_share_value, n_to_target, gini from marts.concentration_slices where measure = 'revenue' and period = '2024' and slice = 'all'`);
    expect([all.top_share_value, all.n_to_target, all.gini]).toEqual([null, null, null]);
    m.close();
  });

  it("uses fiscal years and the configured cut-offs and flags", async () => {
    // fiscal year from April: 2024-03 belongs to FY2023, 2024-04 to FY2024
    const m = await modelled({
      lines: [["O1", "2024-03-31", "C1", 60], ["O2", "2024-04-01", "C1", 60], ["O3", "2024-04-02", "C2", 40]],
      analysis: { analysis_date: "2024-06-30", fiscal_year_start_month: 4, risk: { largest_share: 0.7 }, abc: { a: 0.5, b: 0.9 } },
    });
    const rows = await m.rows(`select period, period_start, n_customers, flag_largest, n_a, n_b, n_c from intermediate.concentration_summary where measure = 'revenue' and period_kind = 'year' order by period`);
    expect(rows.map((r) => [r.period, r.n_customers, r.flag_largest, r.n_a, r.n_b, r.n_c])).toEqual([
      ["2023", 1, true, 1, 0, 0],
      ["2024", 2, false, 1, 1, 0], // 0.6 < 0.7; C2's cum before = 0.6 -> B
    ]);
    expect(rows[1].period_start.toISOString().slice(0, 10)).toBe("2024-04-01");
    m.close();
  });
});

describe("concentration curves of a slice of many customers", () => {
  it("puts the curves' points at ceil(x × n) for every share x of the grid (137 customers)", async () => {
    // from 100 customers on the model finds the points with integer arithmetic, below with a list:
    // here the points and their cumulative shares are computed independently from the values
    const n = 137;
    const values = Array.from({ length: n }, (_, i) => 1000 + 7 * ((i * 53) % n)); // distinct
    const lines: Line[] = values.map((v, i) => [`O${i}`, "2024-03-01", `C${String(i).padStart(3, "0")}`, v]);
    const m = await modelled({ lines, analysis: { analysis_date: "2024-12-31" } });
    const [p] = await m.rows(`select n_customers, curve_x, pareto_y from marts.concentration_slices where measure = 'revenue' and period = '2024' and slice = 'all'`);
    m.close();
    const desc = [...values].sort((a, b) => b - a);
    const total = desc.reduce((a, v) => a + v, 0);
    const grid = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 1];
    const ranks = grid.map((x) => Math.ceil(Math.round(x * n * 1e6) / 1e6));
    const cum = (r: number) => desc.slice(0, r).reduce((a, v) => a + v, 0) / total;
    expect(p.n_customers).toBe(n);
    expect(p.curve_x).toEqual([0, ...ranks.map((r) => expect.closeTo(r / n, 12))]);
    expect(p.pareto_y).toEqual([0, ...ranks.map((r) => expect.closeTo(cum(r), 12))]);
  });
});
