import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../loaders/config/index.ts";
import { buildClvMartsOn } from "../../loaders/clv/marts.ts";
import { createTinyWarehouse, type TinyOptions } from "./tiny-warehouse.ts";

async function build(raw: unknown, options: TinyOptions = {}) {
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  await createTinyWarehouse(con, options);
  const all = async (sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJS();
  const close = () => {
    con.closeSync();
    instance.closeSync();
  };
  try {
    const summary = await buildClvMartsOn(con, parseConfig(raw));
    return { summary, all, close };
  } catch (e) {
    close();
    throw e;
  }
}

describe("buildClvMarts options", () => {
  it("holdout_months 0: no calibration fit, an empty clv_holdout; a fixed gross margin is used as given", async () => {
    const { summary, all, close } = await build({ analysis: { analysis_date: "2025-06-30" }, clv: { holdout_months: 0, gross_margin: 0.25 } });
    try {
      expect(summary.calibrationFit).toBeNull();
      expect(summary.notes).toContain("holdout check skipped: clv.holdout_months is 0");
      expect(await all(`select * from marts.clv_holdout`)).toHaveLength(0);
      const models = await all(`select fit_window, gross_margin from marts.clv_model`);
      expect(models.map((m) => m.fit_window)).toEqual(["full", "full"]);
      expect(models.every((m) => m.gross_margin === 0.25)).toBe(true);
    } finally {
      close();
    }
  });

  it("CLV scales with the margin and falls with the discount rate", async () => {
    const base = await build({ analysis: { analysis_date: "2025-06-30" }, clv: { holdout_months: 0, gross_margin: 0.2 } });
    const double = await build({ analysis: { analysis_date: "2025-06-30" }, clv: { holdout_months: 0, gross_margin: 0.4 } });
    const dearer = await build({ analysis: { analysis_date: "2025-06-30" }, clv: { holdout_months: 0, gross_margin: 0.2, monthly_discount_rate: 0.05 } });
    try {
      expect(double.summary.equity).toBeCloseTo(2 * base.summary.equity, 6);
      expect(dearer.summary.equity).toBeLessThan(base.summary.equity);
    } finally {
      base.close();
      double.close();
      dearer.close();
    }
  });

  it('gross_margin "from data" without any cost fails with a message saying what to set', async () => {
    await expect(build({ analysis: { analysis_date: "2025-06-30" } }, { withCost: false })).rejects.toThrow(
      /no order line with a cost; set clv\.gross_margin in the config/,
    );
  });

  it("fails clearly when there are too few customers to fit", async () => {
    await expect(build({ analysis: { analysis_date: "2023-01-10" }, clv: { holdout_months: 0 } })).rejects.toThrow(
      /cannot fit the CLV models: the history to 2023-01-10 has \d+ customers \(at least 20 needed\)/,
    );
  });

  it("when customers do not differ in spend, Gamma-Gamma has no optimum and each customer's mean purchase value is used", async () => {
    const { summary, all, close } = await build({ analysis: { analysis_date: "2025-06-30" }, clv: { holdout_months: 0 } }, { spendVaries: false });
    try {
      const [row] = await all(`select max(clv) as top, max(expected_avg_spend) as spend from marts.clv_customers`);
      // Spend per purchase is 500..1500 for everyone: no expected spend may leave that range.
      expect(Number(row.spend)).toBeLessThan(1500);
      expect(Number.isFinite(summary.equity)).toBe(true);
      // Without heterogeneity the likelihood keeps rising as q and gamma grow together: a ridge.
      expect(summary.fullFit.gammaGammaDiagnosis.status).toBe("ridge");
      expect(summary.fullFit.gammaGamma.params.q).toBeGreaterThan(1e4);
      expect(summary.notes).toContain("Gamma-Gamma unusable on the full history: expected spend = each customer's mean purchase value");
      const [h] = await all(`select expected_avg_spend from marts.clv_customers where customer_id = 'H'`);
      expect(h.expected_avg_spend).toBe(600); // (800 + 400) / 2
    } finally {
      close();
    }
  });
});
