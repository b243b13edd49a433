// The three matrices on a five-customer fixture whose cells are worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelled } from "./warehouse.ts";

describe("matrices", () => {
  let m: Awaited<ReturnType<typeof modelled>>;
  beforeAll(async () => {
    // analysis 2024-12-31: window 2024-01-01..2024-12-31; invoices judged: the window's up to 2024-10-02 (90 days before)
    m = await modelled({
      lines: [
        ["O1", "2024-06-01", "C1", 200, 140], ["O1b", "2024-11-01", "C1", 200, 140],
        ["O2", "2024-06-01", "C2", 300, 270], ["O2p", "2023-06-01", "C2", 600, 500],
        ["O3", "2024-06-01", "C3", 200, 100],
        ["O4", "2024-11-15", "C4", 100, 90],
        ["O5", "2024-06-01", "C5", 500, 300],
        ["O0", "2023-01-02", "C0", 50, 40], // the history starts in January 2023: the window before is covered
      ],
      payments: [
        ["C1", "2024-07-01", 200, "O1", "2024-07-01"], // rate 1, 30 days, on time
        ["C2", "2024-07-01", 300, "O2", "2024-07-01"], // rate 1
        ["C3", "2024-08-01", 100, "O3", "2024-07-01"], // rate 0.5
        ["C5", "2024-09-01", 100, "O5", "2024-07-01"], // rate 0.2, 92 days, late
        ["C2", "2023-07-01", 600, "O2p", "2023-07-01"],
      ],
      visits: [["C3", "2024-06-01", 50], ["C2", "2024-06-01", 10]],
      claims: [["C5", "2024-06-05", 100]],
      analysis: {
        analysis_date: "2024-12-31",
        handling_cost_per_order: 0,
        margin_cost: { min_gross_margin: 0.3, max_cost_to_serve_ratio: 0.1 },
      },
    });
  });
  afterAll(() => m.close());
  const cells = async (matrix: string) =>
    Object.fromEntries((await m.rows(`select customer_id, cell from marts.matrix_customers where period = 'window' and matrix = '${matrix}' order by customer_id`)).map((r) => [r.customer_id, r.cell]));

  it("measures collection per customer on the invoices that are due", async () => {
    const rows = await m.rows(`select customer_id, invoiced, collected, collection_rate, days_to_pay, on_time_share from marts.customer_metrics where period = 'window' order by customer_id`);
    expect(rows.map((r) => [r.customer_id, r.invoiced, r.collected, r.collection_rate])).toEqual([
      ["C1", 200, 200, 1], ["C2", 300, 300, 1], ["C3", 200, 100, 0.5], ["C4", 0, 0, null], ["C5", 500, 100, 0.2],
    ]);
    expect(rows[0].days_to_pay).toBe(30);
    expect(rows[0].on_time_share).toBe(1);
    expect(rows[4].days_to_pay).toBe(92);
    expect(rows[4].on_time_share).toBe(0);
  });

  it("places capability x credit: top 25% by revenue are strong, collection < 0.9 is low credit, no invoice due = not placed", async () => {
    // C4 has no invoice due yet: its credit is unknown, so it is in no cell (never taken for good credit)
    expect(await cells("capability_credit")).toEqual({ C1: "partners", C2: "support", C3: "give_up", C5: "reform" });
    const rows = await m.rows(`select * from marts.matrix_cells where period = 'window' and matrix = 'capability_credit' order by cell`);
    const byCell = Object.fromEntries(rows.map((r) => [r.cell, r]));
    // shares of the 4 placed customers: revenue C1 400, C2 300, C3 200, C5 500 = 1400
    expect(byCell.partners.customer_share).toBeCloseTo(0.25, 12);
    expect(byCell.support.customer_share).toBeCloseTo(0.25, 12);
    expect(byCell.reform.revenue_share).toBeCloseTo(500 / 1400, 12);
    expect(byCell.support.revenue_share).toBeCloseTo(300 / 1400, 12);
    // gross profit: C1 120, C2 30, C3 100, C5 200 = 450
    expect(byCell.give_up.profit_share).toBeCloseTo(100 / 450, 12);
    expect(rows.map((r) => r.reference_customer_share)).toEqual([0.05, 0.2, 0.05, 0.7]); // give_up, partners, reform, support
    expect(byCell.partners.x_threshold).toBe(400); // the smallest strong customer: C1 (top 25% of all 5 active)
    expect(byCell.partners.y_threshold).toBe(0.9);
  });

  it("places margin x cost to serve with configured thresholds", async () => {
    // margins C1 0.3, C2 0.1, C3 0.5, C4 0.1, C5 0.4; cost ratios C2 10/300, C3 50/200, C5 100/500
    expect(await cells("margin_cost")).toEqual({ C1: "ideal", C2: "lean", C3: "demanding", C4: "lean", C5: "demanding" });
    const [cell] = await m.rows(`select x_threshold, y_threshold from marts.matrix_cells where period = 'window' and matrix = 'margin_cost' and cell = 'ideal'`);
    expect([cell.x_threshold, cell.y_threshold]).toEqual([0.1, 0.3]);
  });

  it("places value x potential: one large order is not 'invest', a shrinking customer has no potential, a new steady one has", async () => {
    // top 20% of 5 = C5, but one order in one quarter -> retain; C1 new, 2 quarters -> develop;
    // C2 shrank from 600 to 300 -> unattractive; C3 and C4 one quarter each -> unattractive
    expect(await cells("value_potential")).toEqual({ C1: "develop", C2: "unattractive", C3: "unattractive", C4: "unattractive", C5: "retain" });
    const [c2] = await m.rows(`select growth, previous_revenue, subperiods_with_purchase from marts.customer_metrics where period = 'window' and customer_id = 'C2'`);
    expect([c2.growth, c2.previous_revenue, c2.subperiods_with_purchase]).toEqual([-0.5, 600, 1]);
    const keyCell = await m.rows(`select n_customers, customer_share, revenue from marts.matrix_cells where period = 'window' and matrix = 'value_potential' and cell = 'invest'`);
    expect(keyCell).toEqual([{ n_customers: 0, customer_share: 0, revenue: 0 }]);
  });

  it("uses the medians when no threshold is configured", async () => {
    const d = await modelled({
      lines: [["A", "2024-01-05", "C1", 100, 50], ["B", "2024-01-05", "C2", 100, 80], ["C", "2024-01-05", "C3", 100, 70]],
      visits: [["C1", "2024-01-06", 30], ["C3", "2024-01-06", 10]],
      analysis: { analysis_date: "2024-12-31", handling_cost_per_order: 0 },
    });
    // margins 0.5, 0.2, 0.3 (median 0.3); cost ratios 0.3, 0, 0.1 (median 0.1): high cost = above the median
    const rows = await d.rows(`select customer_id, cell from marts.matrix_customers where period = 'window' and matrix = 'margin_cost' order by customer_id`);
    expect(rows.map((r) => r.cell)).toEqual(["demanding", "lean", "ideal"]);
    const [t] = await d.rows(`select x_threshold, y_threshold from marts.matrix_cells where period = 'window' and matrix = 'margin_cost' limit 1`);
    expect(t.x_threshold).toBeCloseTo(0.1, 12);
    expect(t.y_threshold).toBeCloseTo(0.3, 12);
    d.close();
  });

  it("treats credit as unknown (neither zero nor good) when no payments export was loaded", async () => {
    // Only order lines: nothing about payments is known, so nobody lands in "give up" for not
    // having paid, and nobody in "partners" or "support" for good credit either: no one is placed.
    const d = await modelled({
      lines: [["A", "2024-03-05", "C1", 500], ["B", "2024-03-05", "C2", 100], ["C", "2024-03-05", "C3", 50], ["D", "2024-03-05", "C4", 20]],
      analysis: { analysis_date: "2024-12-31", handling_cost_per_order: 0 },
    });
    const rates = await d.rows(`select customer_id, collection_rate from marts.customer_metrics where period = 'window' order by customer_id`);
    expect(rates.map((r) => r.collection_rate)).toEqual([null, null, null, null]);
    const rows = await d.rows(`select customer_id, cell from marts.matrix_customers where period = 'window' and matrix = 'capability_credit' order by customer_id`);
    expect(rows).toEqual([]);
    const placed = await d.rows(`select sum(n_customers) as n from marts.matrix_cells where period = 'window' and matrix = 'capability_credit'`);
    expect(placed).toEqual([{ n: 0 }]);
    const [why] = await d.rows(`select status, reason from marts.data_availability where analysis = 'capability_credit_matrix'`);
    expect(why).toEqual({ status: "not_available", reason: "no_payments" });
    d.close();
  });

  it("leaves the margin x cost matrix empty when nothing of the cost to serve is known", async () => {
    // cost is known, but no handling cost is configured, no visits or claims, and the amounts are
    // net of discounts: a cost to serve of 0 would call every customer cheap to serve ("ideal")
    const d = await modelled({
      lines: [["A", "2024-03-05", "C1", 500, 300], ["B", "2024-03-05", "C2", 100, 90]],
      analysis: { analysis_date: "2024-12-31" },
    });
    const metrics = await d.rows(`select customer_id, gross_profit, cost_to_serve, contribution from marts.customer_metrics where period = 'window' order by customer_id`);
    expect(metrics).toEqual([
      { customer_id: "C1", gross_profit: 200, cost_to_serve: null, contribution: null },
      { customer_id: "C2", gross_profit: 10, cost_to_serve: null, contribution: null },
    ]);
    expect(await d.rows(`select * from marts.matrix_customers where period = 'window' and matrix = 'margin_cost'`)).toEqual([]);
    const avail = await d.rows(`select analysis, status, reason from marts.data_availability where analysis in ('gross_profit', 'margin_cost_matrix', 'contribution') order by sort_order`);
    expect(avail).toEqual([
      { analysis: "gross_profit", status: "available", reason: null },
      { analysis: "margin_cost_matrix", status: "not_available", reason: "no_cost_to_serve" },
      { analysis: "contribution", status: "not_available", reason: "no_cost_to_serve" },
    ]);
    const [whale] = await d.rows(`select total_profit, n_loss_makers from marts.whale_summary where period = 'window' and measure = 'contribution'`);
    expect(whale).toEqual({ total_profit: null, n_loss_makers: null });
    d.close();
  });
});
