// Lifecycle stages and the at-risk key accounts, on customers built to fit each rule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelled, type Line } from "./warehouse.ts";

/** One order on the first of every month from `from` to `to` (YYYY-MM), `amount` each. */
function monthly(customer: string, from: string, to: string, amount: number): Line[] {
  const out: Line[] = [];
  let [y, mo] = from.split("-").map(Number);
  const [ty, tm] = to.split("-").map(Number);
  while (y < ty || (y === ty && mo <= tm)) {
    const d = `${y}-${String(mo).padStart(2, "0")}-01`;
    out.push([`${customer}-${d}`, d, customer, amount]);
    if (++mo > 12) (mo = 1), y++;
  }
  return out;
}

describe("lifecycle", () => {
  let m: Awaited<ReturnType<typeof modelled>>;
  beforeAll(async () => {
    m = await modelled({
      lines: [
        ...monthly("LOST", "2021-01", "2023-06", 100),
        ...monthly("NEW", "2024-06", "2024-12", 10),
        ...monthly("DECL", "2020-01", "2023-12", 100), ...monthly("DECL", "2024-01", "2024-12", 50),
        ...monthly("FORM", "2023-01", "2024-12", 100),
        ...monthly("STAB", "2020-01", "2024-12", 100),
        ...monthly("GROW", "2020-01", "2023-12", 10), ...monthly("GROW", "2024-01", "2024-12", 20),
      ],
      analysis: { analysis_date: "2024-12-31" },
    });
  });
  afterAll(() => m.close());

  it("gives each customer the first stage whose rule it meets", async () => {
    const rows = await m.rows(`select customer_id, stage, revenue_last_4q, revenue_prev_4q, change from marts.lifecycle_customers order by customer_id`);
    expect(Object.fromEntries(rows.map((r) => [r.customer_id, r.stage]))).toEqual({
      DECL: "decline", FORM: "formation", GROW: "formation", LOST: "lost", NEW: "exploration", STAB: "stability",
    });
    const decl = rows.find((r) => r.customer_id === "DECL")!;
    expect([decl.revenue_last_4q, decl.revenue_prev_4q, decl.change]).toEqual([600, 1200, -0.5]);
  });

  it("summarises the stages", async () => {
    const rows = await m.rows(`select stage, n_customers, revenue_last_4q from marts.lifecycle_summary order by sort_order`);
    expect(rows.map((r) => [r.stage, r.n_customers, r.revenue_last_4q])).toEqual([
      ["exploration", 1, 70], ["formation", 2, 1440], ["stability", 1, 1200], ["decline", 1, 600], ["lost", 1, 0],
    ]);
  });
});

describe("at-risk key accounts", () => {
  it("flags key accounts that stopped or slowed down, not steady ones or small ones", async () => {
    const m = await modelled({
      lines: [
        ...monthly("K1", "2023-01", "2024-06", 100), // stops after June
        ...monthly("K2", "2023-01", "2024-12", 100), // steady
        ...monthly("K3", "2023-01", "2024-06", 100), ["K3-late1", "2024-09-01", "K3", 100], ["K3-late2", "2024-12-01", "K3", 100],
        ...monthly("S1", "2023-01", "2023-03", 10), // small and silent: not a key account
      ],
      customers: [{ id: "K1", sales_rep: "王" }, { id: "K2" }, { id: "K3" }, { id: "S1" }],
      analysis: { analysis_date: "2024-12-31" },
    });
    const rows = await m.rows(`select * from marts.at_risk_accounts order by customer_id`);
    expect(rows.map((r) => r.customer_id)).toEqual(["K1", "K3"]);
    const [k1, k3] = rows;
    expect(k1.sales_rep).toBe("王");
    expect(k1.recency_days).toBe(213);
    expect(k1.typical_gap_days).toBeCloseTo((Date.UTC(2024, 5, 1) - Date.UTC(2023, 0, 1)) / 86_400_000 / 17, 9);
    expect([k1.orders_last_6m, k1.orders_prev_6m, k1.frequency_ratio]).toEqual([0, 6, 0]);
    expect(k1.reasons).toBe("no purchase for 213 days; 0 orders in the last 6 months vs 6 before");
    expect([k1.revenue_last_12m, k1.revenue_prev_12m, k1.revenue_at_stake]).toEqual([600, 1200, 1200]);
    expect(k3.reasons).toBe("2 orders in the last 6 months vs 6 before");
    m.close();
  });
});
