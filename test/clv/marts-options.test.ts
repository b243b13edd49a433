import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { createTinyWarehouse, runOn, type TinyOptions } from "./tiny-warehouse.ts";

/** Run the whole runner on a fresh tiny warehouse; return the CLV marts. */
async function build(raw: unknown, options: TinyOptions = {}) {
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  try {
    await createTinyWarehouse(con, options);
    await runOn(con, raw);
    const all = async (sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJS();
    const [{ equity }] = await all(`select equity::DOUBLE as equity from marts.customer_equity where grouping = 'total'`);
    return {
      equity: equity as number | null,
      model: await all(`select * from marts.clv_model order by fit_window, model`),
      customers: await all(`select * from marts.clv_customers order by customer_id`),
      holdout: await all(`select * from marts.clv_holdout`),
      all,
    };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

const at = { analysis: { analysis_date: "2025-06-30" } };

describe("the CLV model's options and honest failures", () => {
  it("holdout_months 0: calibration rows say 'not_run' and why, clv_holdout is empty; a fixed margin is used as given", async () => {
    const { model, holdout } = await build({ ...at, clv: { holdout_months: 0, gross_margin: 0.25 } });
    expect(holdout).toHaveLength(0);
    expect(model.map((m) => `${m.fit_window}/${m.status}`)).toEqual(["calibration/not_run", "calibration/not_run", "full/ok", "full/ok"]);
    expect(model[0].reason).toBe("clv.holdout_months is 0");
    expect(model.every((m) => m.gross_margin === 0.25 && m.value_basis === "gross_profit")).toBe(true);
  });

  it("the holdout runs only when the calibration period is at least as long as the holdout, and says so", async () => {
    // History from 2023-01 to 2025-06-30: a 15-month holdout leaves a 15-month calibration (runs),
    // an 18-month one leaves 12 months (does not).
    const runs = await build({ ...at, clv: { holdout_months: 12 } });
    expect(runs.model.filter((m) => m.fit_window === "calibration").map((m) => m.status)).toEqual(["ok", "ok"]);
    expect(runs.holdout).toHaveLength(8);
    const short = await build({ ...at, clv: { holdout_months: 18 } });
    expect(short.holdout).toHaveLength(0);
    const cal = short.model.filter((m) => m.fit_window === "calibration");
    expect(cal.map((m) => m.status)).toEqual(["not_run", "not_run"]);
    expect(cal[0].reason).toMatch(/covers \d+ days of history, shorter than the \d+-day holdout \(18 months\): the calibration period .* must be at least as long as the holdout/);
    expect(short.model.filter((m) => m.fit_window === "full").map((m) => m.status)).toEqual(["ok", "ok"]);
    // A one-year history with the default 12-month holdout: no calibration period at all.
    const year = await build({ analysis: { analysis_date: "2023-12-31" } });
    const yearCal = year.model.filter((m) => m.fit_window === "calibration");
    expect(yearCal.map((m) => m.status)).toEqual(["not_run", "not_run"]);
    expect(yearCal[0].reason).toMatch(/to 2022-12-31 covers 0 days of history, shorter than the 365-day holdout \(12 months\)/);
    expect(year.holdout).toHaveLength(0);
  });

  it("CLV scales with the margin and falls with the discount rate", async () => {
    const base = await build({ ...at, clv: { holdout_months: 0, gross_margin: 0.2 } });
    const double = await build({ ...at, clv: { holdout_months: 0, gross_margin: 0.4 } });
    const dearer = await build({ ...at, clv: { holdout_months: 0, gross_margin: 0.2, monthly_discount_rate: 0.05 } });
    expect(double.equity!).toBeCloseTo(2 * base.equity!, 2);
    expect(dearer.equity!).toBeLessThan(base.equity!);
  });

  it('gross_margin "from data" without any cost: CLV is expected revenue and the marts say so', async () => {
    const revenue = await build({ ...at, clv: { holdout_months: 0 } }, { withCost: false });
    const profit = await build({ ...at, clv: { holdout_months: 0 } });
    expect(revenue.model.every((m) => m.value_basis === "revenue" && m.gross_margin === 1)).toBe(true);
    expect(revenue.model[0].value_basis_reason).toMatch(/the exports carry no cost in the 12 months to the analysis date: CLV is expected revenue, not gross profit/);
    expect(revenue.customers.every((c) => c.value_basis === "revenue")).toBe(true);
    // Same fits, so CLV on revenue = CLV on 30% margin / 0.3.
    expect(revenue.equity!).toBeCloseTo(profit.equity! / 0.3, 0);
  });

  it("too few customers to fit: the build goes on, the CLVs are NULL and clv_model says why", async () => {
    const { model, customers, equity } = await build({ analysis: { analysis_date: "2023-01-10" }, clv: { holdout_months: 0 } });
    const full = model.filter((m) => m.fit_window === "full");
    expect(full.map((m) => m.status)).toEqual(["not_fitted", "not_fitted"]);
    expect(full[0].reason).toMatch(/cannot fit the CLV models: the history to 2023-01-10 has \d+ customers \(at least 20 needed\)/);
    expect(customers.every((c) => c.clv === null && c.p_alive === null && c.fit_status === "not_fitted")).toBe(true);
    expect(equity).toBeNull();
  });

  it("customers who never leave: BG/NBD on a ridge, every CLV flagged and P(alive) marked as carrying no information", async () => {
    const { model, customers } = await build({ ...at, clv: { holdout_months: 0 } }, { noDropout: true });
    const bg = model.find((m) => m.fit_window === "full" && m.model === "bgnbd")!;
    expect(bg.status).toBe("ridge");
    expect(bg.reason).toMatch(/ridge/);
    expect(bg.p_alive_informative).toBe(false);
    const modelled = customers.filter((c) => c.history !== "none");
    expect(modelled.every((c) => c.fit_status === "ridge" && c.p_alive_informative === false)).toBe(true);
  });

  it("when customers do not differ in spend, Gamma-Gamma is on a ridge and each customer's mean purchase value is used", async () => {
    const { model, customers } = await build({ ...at, clv: { holdout_months: 0 } }, { spendVaries: false });
    const gg = model.find((m) => m.fit_window === "full" && m.model === "gammagamma")!;
    expect(gg.status).toBe("ridge");
    expect(Number(gg.q)).toBeGreaterThan(1e4);
    // Spend per purchase is 500..1500 for everyone: no expected spend may leave that range.
    expect(Math.max(...customers.filter((c) => c.expected_avg_spend !== null && c.customer_id !== "H").map((c) => Number(c.expected_avg_spend)))).toBeLessThan(1500);
    const h = customers.find((c) => c.customer_id === "H")!;
    expect(h.spend_basis).toBe("own_mean");
    expect(h.expected_avg_spend).toBe(400); // (800 + 0 + 400) / 3
  });
});
