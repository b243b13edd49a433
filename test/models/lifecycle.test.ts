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

  it("gives each customer the first stage whose rule it meets, with the rule's conditions as the reason", async () => {
    // the window = 2024, compared with 2023
    const rows = await m.rows(`select customer_id, stage, reason, revenue, previous_revenue, growth from marts.lifecycle_stages where period = 'window' order by customer_id`);
    expect(Object.fromEntries(rows.map((r) => [r.customer_id, r.stage]))).toEqual({
      DECL: "decline", FORM: "formation", GROW: "formation", LOST: "lost", NEW: "exploration", STAB: "stability",
    });
    const by = Object.fromEntries(rows.map((r) => [r.customer_id, r]));
    expect([by.DECL.revenue, by.DECL.previous_revenue, by.DECL.growth]).toEqual([600, 1200, -0.5]);
    expect(by.DECL.reason).toBe("growth -0.5 <= -0.3");
    expect(by.NEW.reason).toBe("tenure_months 6.0 < 9.0");
    expect(by.FORM.reason).toBe("tenure_years 2.0 < 3.0");
    expect(by.GROW.reason).toBe("growth 1.0 >= 0.5");
    expect(by.LOST.reason).toBe("recency_days 579 >= 365 (lost)");
    expect(by.STAB.reason).toBe("no earlier rule applies");
  });

  it("rates every period: the same customers a year earlier", async () => {
    // as of 2023-12-31: LOST still buying until June but halving (-50%), FORM in its first year,
    // DECL, STAB and GROW steady; NEW not a customer yet
    const rows = await m.rows(`select customer_id, stage from marts.lifecycle_stages where period = '2023' order by customer_id`);
    expect(Object.fromEntries(rows.map((r) => [r.customer_id, r.stage]))).toEqual({
      DECL: "stability", FORM: "formation", GROW: "stability", LOST: "decline", STAB: "stability",
    });
  });

  it("counts the flows between stages from one year to the next, new customers coming from 'new'", async () => {
    const rows = await m.rows(`select from_stage, to_stage, n_customers, share from marts.lifecycle_flows where to_period = '2024' order by from_stage, to_stage`);
    expect(rows.map((r) => [r.from_stage, r.to_stage, r.n_customers])).toEqual([
      ["decline", "lost", 1], ["formation", "formation", 1], ["new", "exploration", 1],
      ["stability", "decline", 1], ["stability", "formation", 1], ["stability", "stability", 1],
    ]);
    expect(rows.filter((r) => r.from_stage === "stability").map((r) => r.share)).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  it("summarises the stages per period", async () => {
    const rows = await m.rows(`select stage, n_customers, n_new, revenue from marts.lifecycle_summary where period = 'window' order by sort_order`);
    expect(rows.map((r) => [r.stage, r.n_customers, r.n_new, r.revenue])).toEqual([
      ["exploration", 1, 1, 70], ["formation", 2, 0, 1440], ["stability", 1, 0, 1200], ["decline", 1, 0, 600], ["lost", 1, 0, 0],
    ]);
  });

  it("follows a configured rule list, conditions joined by 'and'", async () => {
    const c = await modelled({
      lines: [...monthly("A", "2023-01", "2024-12", 100), ...monthly("B", "2023-01", "2024-12", 10)],
      analysis: {
        analysis_date: "2024-12-31",
        lifecycle: { rules: [{ stage: "stability", when: [{ metric: "revenue", op: ">=", value: 1000 }, { metric: "regularity", op: "=", value: 1 }] }, { stage: "exploration", when: [] }] },
      },
    });
    const rows = await c.rows(`select customer_id, stage, reason, rule_no from marts.lifecycle_stages where period = 'window' order by customer_id`);
    expect(rows).toEqual([
      { customer_id: "A", stage: "stability", reason: "regularity 1.0 = 1.0 and revenue 1200.0 >= 1000.0", rule_no: 0 },
      { customer_id: "B", stage: "exploration", reason: "no earlier rule applies", rule_no: 1 },
    ]);
    c.close();
  });
});

describe("accounts at risk", () => {
  it("flags key and regular accounts that stopped or slowed down, not steady ones or small ones", async () => {
    const m = await modelled({
      lines: [
        ...monthly("K1", "2023-01", "2024-06", 100), // stops after June
        ...monthly("K2", "2023-01", "2024-12", 100), // steady
        ...monthly("K3", "2023-01", "2024-06", 100), ["K3-late1", "2024-09-01", "K3", 100], ["K3-late2", "2024-12-01", "K3", 100],
        ...monthly("S1", "2023-01", "2023-03", 10), // small and silent: not a key or regular account
      ],
      customers: [{ id: "K1", sales_rep: "王" }, { id: "K2" }, { id: "K3" }, { id: "S1" }],
      analysis: { analysis_date: "2024-12-31" },
    });
    // 2023: K1, K2, K3 tie (key, regular, watch by id); 2024 = the window: K2 key, K3 regular, K1 watch.
    // Watched in the window: key or regular in the window or in 2023 -> K1, K2, K3.
    const rows = await m.rows(`select * from marts.at_risk_accounts where period = 'window' order by customer_id`);
    expect(rows.map((r) => r.customer_id)).toEqual(["K1", "K3"]);
    const [k1, k3] = rows;
    expect([k1.sales_rep, k1.state, k1.is_key_account]).toEqual(["王", "watch", true]);
    expect(k1.recency_days).toBe(213);
    expect(k1.typical_gap_days).toBeCloseTo((Date.UTC(2024, 5, 1) - Date.UTC(2023, 0, 1)) / 86_400_000 / 17, 9);
    expect([k1.purchases_recent, k1.purchases_recent_before, k1.frequency_ratio]).toEqual([0, 6, 0]);
    expect([k1.recency_slips, k1.frequency_slips, k1.value_slips, k1.collection_slips]).toEqual([true, true, true, false]);
    expect(k1.reasons).toBe("no purchase for 213 days (usually every 30); 0 orders in the last 6 months vs 6 before; revenue -50% against the compared range");
    expect([k1.revenue, k1.previous_revenue, k1.revenue_at_stake, k1.risk_rank]).toEqual([600, 1200, 1200, 1]);
    expect(k3.reasons).toBe("2 orders in the last 6 months vs 6 before; revenue -33% against the compared range");
    expect([k3.is_key_account, k3.revenue_at_stake, k3.risk_rank]).toEqual([false, 1200, 2]);
    const [s] = await m.rows(`select n_at_risk, n_key_at_risk, revenue_at_stake, key_revenue_at_stake from marts.key_account_summary where period = 'window'`);
    expect(s).toEqual({ n_at_risk: 2, n_key_at_risk: 1, revenue_at_stake: 2400, key_revenue_at_stake: 1200 });
    // the shares' base is what the watched accounts have been worth: K1 max(600, 1200), K2 1200,
    // K3 max(800, 1200) = 3600; the watched key accounts K1 and K2 = 2400
    const [share] = await m.rows(`select revenue_at_stake_share, key_revenue_at_stake_share from marts.key_account_summary where period = 'window'`);
    expect(share.revenue_at_stake_share).toBeCloseTo(2400 / 3600, 12);
    expect(share.key_revenue_at_stake_share).toBeCloseTo(1200 / 2400, 12);
    m.close();
  });

  it("gives a dossier to the most pressing accounts first, at most analysis.max_dossiers", async () => {
    const lines = [
      ...monthly("K1", "2023-01", "2024-06", 100),
      ...monthly("K2", "2023-01", "2024-12", 100),
      ...monthly("K3", "2023-01", "2024-06", 100), ["K3-late1", "2024-09-01", "K3", 100], ["K3-late2", "2024-12-01", "K3", 100],
      ...monthly("S1", "2023-01", "2023-03", 10),
    ] as Line[];
    const ids = async (analysis: Record<string, unknown>) => {
      const d = await modelled({ lines, analysis: { analysis_date: "2024-12-31", ...analysis } });
      const rows = await d.rows(`select customer_id from marts.dossier_customers order by customer_id`);
      d.close();
      return rows.map((r) => r.customer_id);
    };
    // K1 (key in 2023, at risk), K2 (key now), K3 (at risk); S1 has no reason for one
    expect(await ids({})).toEqual(["K1", "K2", "K3"]);
    // two: the key account of the window, then of the two at risk the one worth more in the window (K3 800 > K1 600)
    expect(await ids({ max_dossiers: 2 })).toEqual(["K2", "K3"]);
    expect(await ids({ max_dossiers: 0 })).toEqual([]);
  });
});
