// Money is summed exactly (DECIMAL) and unknown is NULL, never 0: returns that cancel the
// purchases leave a customer at exactly 0; without cost there is no gross profit, margin,
// whale curve or loss maker; partial cost gives a margin over the lines that have it; the
// handling cost per order is not counted unless configured.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelled } from "./warehouse.ts";

describe("exact sums", () => {
  let m: Awaited<ReturnType<typeof modelled>>;
  beforeAll(async () => {
    m = await modelled({
      lines: [
        // C1: 0.1 + 0.2 - 0.3 = 5.55e-17 as DOUBLE, exactly 0 as DECIMAL
        ["O1", "2024-03-01", "C1", 0.1, 0],
        ["O1", "2024-03-01", "C1", 0.2, 0],
        ["R1", "2024-04-01", "C1", -0.3, 0],
        ["O2", "2024-03-05", "C2", 10.1, 5],
        ["O3", "2024-03-06", "C3", 0.7, 0.1],
      ],
      analysis: { analysis_date: "2024-12-31" },
    });
  });
  afterAll(() => m.close());

  it("puts a customer whose returns cancel his purchases at exactly 0, and counts positive customers exactly", async () => {
    const [c1] = await m.rows(`select revenue from intermediate.customer_periods where customer_id = 'C1' and period = '2024'`);
    expect(c1.revenue).toBe(0);
    const [s] = await m.rows(`select n_customers, n_positive, total, total_positive from intermediate.concentration_summary where measure = 'revenue' and period = '2024'`);
    expect([s.n_customers, s.n_positive]).toEqual([3, 2]);
    expect([s.total, s.total_positive]).toEqual([10.8, 10.8]);
    const abc = await m.rows(`select customer_id, value, abc_class from intermediate.abc_customers where measure = 'revenue' and period = '2024' order by rank`);
    expect(abc.map((r) => [r.customer_id, r.value, r.abc_class])).toEqual([["C2", 10.1, "A"], ["C3", 0.7, "B"], ["C1", 0, "C"]]);
  });

  it("keeps money DECIMAL in the marts and computes HHI from the exact sums", async () => {
    const types = await m.rows(`select table_name, column_name, data_type from information_schema.columns
                                where table_schema = 'marts' and column_name in ('revenue', 'total', 'gross_profit') order by all`);
    expect(types.length).toBeGreaterThan(5);
    for (const t of types) expect(t.data_type, `${t.table_name}.${t.column_name}`).toMatch(/^DECIMAL/);
    const [s] = await m.rows(`select hhi, top1_share from intermediate.concentration_summary where measure = 'revenue' and period = '2024'`);
    expect(s.hhi).toBeCloseTo((102.01 + 0.49) / 116.64, 15);
    expect(s.top1_share).toBeCloseTo(10.1 / 10.8, 15);
  });
});

describe("unknown cost", () => {
  it("gives no gross profit, margin, whale curve or loss makers when no line has a cost", async () => {
    const m = await modelled({
      lines: [["O1", "2024-03-01", "C1", 100], ["O2", "2024-04-01", "C2", 50], ["R2", "2024-05-01", "C2", -60]],
      visits: [["C3", "2024-06-01", 5]],
      analysis: { analysis_date: "2024-12-31" },
    });
    const cp = await m.rows(`select customer_id, gross_profit, contribution from intermediate.customer_periods where period = '2024' order by customer_id`);
    expect(cp.map((r) => [r.customer_id, r.gross_profit, r.contribution])).toEqual([["C1", null, null], ["C2", null, null], ["C3", null, null]]);
    const [k] = await m.rows(`select revenue, gross_profit, gross_margin from marts.kpi_slices where period = '2024' and slice = 'all'`);
    expect([k.revenue, k.gross_profit, k.gross_margin]).toEqual([90, null, null]);
    const [gp] = await m.rows(`select n_customers, total, total_positive, top_share_value, gini from intermediate.concentration_summary where measure = 'gross_profit' and period = '2024'`);
    expect([gp.n_customers, gp.total, gp.total_positive, gp.top_share_value, gp.gini]).toEqual([0, null, null, null, null]);
    const whale = await m.rows(`select measure, total_profit, n_loss_makers, profit_destroyed, peak_share from marts.whale_summary where period = '2024' order by measure`);
    expect(whale.map((r) => [r.measure, r.total_profit, r.n_loss_makers, r.profit_destroyed, r.peak_share])).toEqual([
      ["contribution", null, null, null, null],
      ["gross_profit", null, null, null, null],
    ]);
    expect(await m.rows(`select * from marts.whale_curve`)).toEqual([]);
    const cw = await m.rows(`select customer_id, gross_profit, gross_margin, contribution from marts.customer_metrics where period = 'window' and is_active order by customer_id`);
    expect(cw.map((r) => [r.customer_id, r.gross_profit, r.gross_margin, r.contribution])).toEqual([["C1", null, null, null], ["C2", null, null, null]]);
    const cells = await m.rows(`select distinct gross_profit, profit_share from marts.matrix_cells`);
    expect(cells).toEqual([{ gross_profit: null, profit_share: null }]);
    m.close();
  });

  it("measures the margin over the lines whose cost is known, and leaves a customer without cost out of the profit ranking", async () => {
    const m = await modelled({
      lines: [
        ["O1", "2024-03-01", "C1", 100, 60], // gross profit 40
        ["O1", "2024-03-01", "C1", 50, null], // no cost: not in the margin's base
        ["O2", "2024-04-01", "C2", 80, null], // no cost at all
        ["O3", "2024-04-02", "C3", 20, 25], // loses 5
      ],
      analysis: { analysis_date: "2024-12-31" },
    });
    const [c1] = await m.rows(`select revenue, gross_profit, gross_margin from marts.customer_metrics where period = 'window' and customer_id = 'C1'`);
    expect([c1.revenue, c1.gross_profit, c1.gross_margin]).toEqual([150, 40, 0.4]);
    const [k] = await m.rows(`select gross_profit, gross_margin from marts.kpi_slices where period = '2024' and slice = 'all'`);
    expect(k.gross_profit).toBe(35);
    expect(k.gross_margin).toBeCloseTo(35 / 120, 15);
    const ranked = await m.rows(`select customer_id from intermediate.abc_customers where measure = 'gross_profit' and period = '2024' order by rank`);
    expect(ranked.map((r) => r.customer_id)).toEqual(["C1", "C3"]);
    const [w] = await m.rows(`select n_customers, total_profit, n_loss_makers, profit_destroyed from marts.whale_summary where measure = 'gross_profit' and period = '2024'`);
    expect([w.n_customers, w.total_profit, w.n_loss_makers, w.profit_destroyed]).toEqual([2, 35, 1, 5]);
    m.close();
  });
});

describe("handling cost per order", () => {
  const fixture = {
    lines: [["O1", "2024-03-01", "C1", 100, 40, 1, 2], ["O2", "2024-03-02", "C1", 100, 40]] as any,
    claims: [["C1", "2024-07-01", 10]] as any,
  };

  it("is not counted unless configured: cost to serve holds visits and claims (the amounts are already net of the discount of 2)", async () => {
    const m = await modelled({ ...fixture, analysis: { analysis_date: "2024-12-31" } });
    const [c] = await m.rows(`select handling_cost, cost_to_serve, contribution from marts.customer_metrics where period = 'window' and customer_id = 'C1'`);
    expect([c.handling_cost, c.cost_to_serve, c.contribution]).toEqual([null, 10, 110]);
    const [p] = await m.rows(`select handling_cost_per_order from marts.analysis_params`);
    expect(p.handling_cost_per_order).toBeNull();
    m.close();
  });

  it("counts the configured amount per order", async () => {
    const m = await modelled({ ...fixture, analysis: { analysis_date: "2024-12-31", handling_cost_per_order: 2.5 } });
    const [c] = await m.rows(`select handling_cost, cost_to_serve, contribution from marts.customer_metrics where period = 'window' and customer_id = 'C1'`);
    expect([c.handling_cost, c.cost_to_serve, c.contribution]).toEqual([5, 15, 105]);
    m.close();
  });

  it("counts the discounts as a cost to serve only when the amounts are not net of them", async () => {
    const m = await modelled({ ...fixture, analysis: { analysis_date: "2024-12-31", amounts_net_of_discounts: false } });
    const [c] = await m.rows(`select discount, cost_to_serve, contribution from marts.customer_metrics where period = 'window' and customer_id = 'C1'`);
    expect([c.discount, c.cost_to_serve, c.contribution]).toEqual([2, 12, 108]);
    m.close();
  });
});

describe("line types from the ingest", () => {
  it("counts a credit note in net revenue whatever its sign, never as a purchase, and leaves non-product lines out", async () => {
    const m = await modelled({
      lines: [
        ["O1", "2024-03-01", "C1", 100, null, 10],
        ["O1", "2024-03-01", "C1", 5, null, 1, null, "non_product"], // postage on the same order
        ["CN1", "2024-04-01", "C1", 30, null, 3, null, "return"], // a credit note written with a positive amount
        ["FEE2", "2024-05-01", "C2", 8, null, 1, null, "non_product"], // C2 only ever paid a fee
        ["CN2", "2024-06-01", "C3", -10], // a plain return
      ],
      analysis: { analysis_date: "2024-12-31", data_start: "2024-01-01" },
    });
    const [k] = await m.rows(`select revenue, volume, orders, customers from intermediate.kpi_period where period = '2024'`);
    expect([k.revenue, k.volume, k.orders, k.customers]).toEqual([60, 6, 1, 1]);
    const orders = await m.rows(`select order_id, revenue, is_purchase from intermediate.orders order by order_id`);
    expect(orders.map((o) => [o.order_id, o.revenue, o.is_purchase])).toEqual([["CN1", -30, false], ["CN2", -10, false], ["O1", 100, true]]);
    const [s] = await m.rows(`select n_customers, n_positive from intermediate.concentration_summary where measure = 'revenue' and period = '2024'`);
    expect([s.n_customers, s.n_positive]).toEqual([2, 1]); // C1 (70) and C3 (-10); C2 has no revenue line
    const checks = await m.rows(`select check_name, n, amount from marts.data_quality_checks where check_name in ('returns', 'non_product_lines') order by sort_order`);
    expect(checks.map((c) => [c.check_name, c.n, c.amount])).toEqual([["returns", 2, 40], ["non_product_lines", 2, 13]]);
    m.close();
  });
});

describe("large lines", () => {
  // quantity x mean price was DECIMAL(18,4) x DECIMAL(18,6) = DECIMAL(18,10): it overflowed from
  // 10^8 a line (¥1亿), and the whole build stopped in marts.customer_metrics.
  it("an order line of ¥1,000,000,000 (and one of ¥90 trillion) builds, with exact price indices", async () => {
    const m = await modelled({
      lines: [
        ["O1", "2024-03-01", "C1", 1_000_000_000, null, 1_000],
        ["O2", "2024-04-01", "C2", 100, null, 1],
        ["O3", "2024-05-01", "C3", 90_000_000_000_000, null, 3],
      ],
      analysis: { analysis_date: "2024-12-31" },
    });
    try {
      const rows = await m.rows(`select customer_id, price_index from marts.customer_metrics where period = '2024' order by customer_id`);
      expect(rows.map((r) => r.customer_id)).toEqual(["C1", "C2", "C3"]);
      for (const r of rows) expect(r.price_index).toBeGreaterThan(0);
    } finally {
      m.close();
    }
  });
});
