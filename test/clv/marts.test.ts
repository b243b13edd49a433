import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../loaders/config/index.ts";
import { runModels } from "../../loaders/models/run.ts";
import { dataTests } from "../../loaders/models/data-tests.ts";
import { customerLifetimeValue } from "../../loaders/clv/lifetime-value.ts";
import { summariseTransactions } from "../../loaders/clv/summary.ts";
import { createTinyWarehouse } from "./tiny-warehouse.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kam-clv-"));
const dbFile = path.join(dir, "kam.duckdb");
let con: DuckDBConnection;
let instance: DuckDBInstance;
/** DATE columns come back as JS Dates at UTC midnight. */
const isoOf = (d: unknown) => (d as Date).toISOString().slice(0, 10);
const all = async (sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJS();
let tests = 0;

beforeAll(async () => {
  instance = await DuckDBInstance.create(dbFile);
  con = await instance.connect();
  await createTinyWarehouse(con);
  con.closeSync();
  instance.closeSync();
  // The whole runner: the CLV model reads the graph (params, windows, customers, orders).
  ({ tests } = await runModels({ config: parseConfig({ analysis: { analysis_date: "2025-06-30" }, clv: { holdout_months: 6 } }), dbFile }));
  instance = await DuckDBInstance.create(dbFile);
  con = await instance.connect();
}, 120_000);

afterAll(() => {
  con?.closeSync();
  instance?.closeSync();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the CLV model in the graph, on a small warehouse", () => {
  it("writes one clv_customers row per customer of staging.customers, with sane values", async () => {
    const rows = await all(`select * from marts.clv_customers order by customer_id`);
    const [{ n }] = await all(`select count(*)::INTEGER as n from staging.customers`);
    expect(rows).toHaveLength(Number(n));
    expect(rows).toHaveLength(153); // 150 simulated + H + R + N
    for (const r of rows) {
      expect(r.fit_status).toBe("ok");
      expect(r.value_basis).toBe("gross_profit");
      if (r.history === "none") {
        expect(r.p_alive).toBeNull();
        expect(r.clv).toBe(0);
      } else {
        expect(Number(r.clv)).toBeGreaterThanOrEqual(0);
        expect(Number(r.p_alive)).toBeGreaterThanOrEqual(0);
        expect(Number(r.p_alive)).toBeLessThanOrEqual(1);
        expect(Number(r.expected_purchases)).toBeGreaterThan(0);
        expect(Number(r.expected_avg_spend)).toBeGreaterThan(0);
        expect(r.p_alive_informative).toBe(true);
        expect(r.spend_basis).toBe("gamma_gamma");
      }
    }
    expect(rows.filter((r) => r.history === "none").map((r) => r.customer_id)).toEqual(["N", "R"]);
  });

  it("counts purchases as the models do: orders with is_purchase, merged per day for BG/NBD", async () => {
    const [h] = await all(`select * from marts.clv_customers where customer_id = 'H'`);
    // Orders: 2025-01-01 (500) and (300), 01-15 (200 - 200 in one order), 01-21 credit note -50,
    // 01-29 (400). Four purchases on three days; the credit note is none.
    expect(h.history).toBe("repeat");
    expect(h.purchases).toBe(4);
    expect(h.frequency).toBe(2);
    expect(h.recency).toBeCloseTo(4, 12); // 28 days in weeks
    expect(h.T).toBeCloseTo(180 / 7, 12);
    expect(h.monetary_value).toBe(200); // (0 + 400) / 2
    expect(isoOf(h.first_purchase_date)).toBe("2025-01-01");
  });

  it("one definition of a purchase: for every customer, purchases and purchase days equal intermediate.orders'", async () => {
    const differ = await all(`
      with o as (select customer_id, count(*) filter (where is_purchase) as purchases,
                        count(distinct order_date) filter (where is_purchase) as days
                 from intermediate.orders group by customer_id)
      select c.customer_id, c.purchases, c.frequency, o.purchases as model_purchases, o.days
      from marts.clv_customers c left join o using (customer_id)
      where c.purchases <> coalesce(o.purchases, 0) or coalesce(c.frequency + 1, 0) <> coalesce(o.days, 0)`);
    expect(differ).toEqual([]);
  });

  it("DuckDB's per-customer summary equals summary.ts's from the purchase days (full history and holdout)", async () => {
    // Independent of warehouse-inputs.ts: every purchase day and its value, summarised in JS.
    const days = await all(`select customer_id, date_diff('day', DATE '1970-01-01', order_date)::INTEGER as day, sum(revenue)::DOUBLE as value
                              from intermediate.orders group by customer_id, order_date having bool_or(is_purchase)`);
    const [{ analysis, calibration }] = await all(`select date_diff('day', DATE '1970-01-01', analysis_date)::INTEGER as analysis,
        date_diff('day', DATE '1970-01-01', CAST(analysis_date - INTERVAL 6 MONTH AS DATE))::INTEGER as calibration from staging.params`);
    const transactions = days.map((d) => ({ customerId: String(d.customer_id), day: Number(d.day), value: Number(d.value) }));
    const full = summariseTransactions(transactions, { calibrationEnd: Number(analysis), daysArePurchases: true });
    const rows = new Map((await all(`select * from marts.clv_customers`)).map((r) => [String(r.customer_id), r]));
    expect(full.length).toBeGreaterThan(100);
    for (const s of full) {
      const r = rows.get(s.customerId)!;
      expect([r.frequency, r.recency, r.T]).toEqual([s.frequency, s.recency, s.T]);
      if (s.frequency > 0) expect(Number(r.monetary_value)).toBeCloseTo(s.monetaryValue, 9);
      expect(isoOf(r.first_purchase_date)).toBe(new Date(s.firstPurchaseDay * 86_400_000).toISOString().slice(0, 10));
    }
    // the holdout's actual purchase days, by calibration frequency
    const cal = summariseTransactions(transactions, { calibrationEnd: Number(calibration), holdoutEnd: Number(analysis), daysArePurchases: true });
    const actual = new Map<number, number>();
    for (const c of cal) actual.set(Math.min(c.frequency, 7), (actual.get(Math.min(c.frequency, 7)) ?? 0) + c.holdoutFrequency);
    for (const h of await all(`select frequency_group, actual_total, customers from marts.clv_holdout`)) {
      expect(Number(h.actual_total)).toBe(actual.get(Number(h.frequency_group)) ?? 0);
    }
  });

  it("values CLV from the full-history fit, the data's gross margin and the configured horizon", async () => {
    const [m] = await all(`select * from marts.clv_model where model = 'bgnbd' and fit_window = 'full'`);
    const [g] = await all(`select * from marts.clv_model where model = 'gammagamma' and fit_window = 'full'`);
    expect(Number(m.gross_margin)).toBeCloseTo(0.3, 12); // cost = 0.7 x amount on every line
    expect(m.value_basis).toBe("gross_profit");
    expect(m.horizon_months).toBe(36);
    const [h] = await all(`select * from marts.clv_customers where customer_id = 'H'`);
    const spend = (Number(g.p) * (Number(g.gamma) + 2 * 200)) / (Number(g.p) * 2 + Number(g.q) - 1);
    expect(Number(h.expected_avg_spend)).toBeCloseTo(spend, 8);
    const bg = { r: Number(m.r), alpha: Number(m.alpha), a: Number(m.a), b: Number(m.b) };
    const clv = customerLifetimeValue(bg, { frequency: 2, recency: 4, T: 180 / 7 }, spend, {
      horizonMonths: 36, monthlyDiscountRate: 0.01, grossMargin: 0.3, daysPerUnit: 7,
    });
    expect(Number(h.clv)).toBeCloseTo(clv, 6);
  });

  it("records both fits of both models with their status and standard errors", async () => {
    const rows = await all(`select * from marts.clv_model order by fit_window, model`);
    expect(rows.map((r) => `${r.fit_window}/${r.model}`)).toEqual(["calibration/bgnbd", "calibration/gammagamma", "full/bgnbd", "full/gammagamma"]);
    for (const r of rows) {
      expect(r.converged).toBe(true);
      expect(r.status).toBe("ok");
      expect(r.reason).toBeNull();
      expect(Number(r.log_likelihood)).toBeLessThan(0);
      if (r.model === "bgnbd") {
        for (const k of ["r_se", "alpha_se", "a_se", "b_se"]) expect(Number(r[k])).toBeGreaterThan(0);
        expect(r.p_alive_informative).toBe(true);
      } else {
        expect(Math.abs(Number(r.frequency_spend_correlation))).toBeLessThan(1);
        expect(typeof r.independence_ok).toBe("boolean");
        expect(r.spend_left_out).toBe(0); // every repeat buyer's mean repeat spend is > 0 (H's is 200)
      }
    }
    const full = rows.find((r) => r.fit_window === "full" && r.model === "bgnbd")!;
    expect(full.n).toBe(151); // every customer with a purchase (not R, not N)
    expect(isoOf(full.window_end)).toBe("2025-06-30");
    const calibration = rows.find((r) => r.fit_window === "calibration" && r.model === "bgnbd")!;
    expect(isoOf(calibration.window_end)).toBe("2024-12-30"); // 6 months before 2025-06-30
  });

  it("customer equity (a SQL model over clv_customers) is the sum of CLVs, and every grouping adds up to it", async () => {
    const [{ total }] = await all(`select sum(cast(clv as decimal(18,4)))::DOUBLE as total from marts.clv_customers`);
    const rows = await all(`select grouping, sum(equity)::DOUBLE as equity, sum(customers)::INTEGER as customers from marts.customer_equity group by grouping order by grouping`);
    expect(rows.map((r) => r.grouping)).toEqual(["abc_class", "industry", "region", "rfm_segment", "tier", "total"]);
    for (const r of rows) {
      expect(Number(r.equity)).toBeCloseTo(Number(total), 6);
      expect(r.customers).toBe(153);
    }
    const regions = await all(`select group_value from marts.customer_equity where grouping = 'region' order by group_value`);
    expect(regions.map((r) => r.group_value)).toEqual(["(unknown)", "华东", "华北"]); // code point order
  });

  it("compares holdout purchases with the calibration fit's predictions, by frequency 0..7+", async () => {
    const rows = await all(`select * from marts.clv_holdout order by frequency_group`);
    expect(rows.map((r) => r.label)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    // Independently: customers with a purchase day by 2024-12-30, and their purchase days after it.
    const [want] = await all(`
      with days as (select customer_id, order_date from intermediate.orders where is_purchase group by all),
      cal as (select customer_id from days where order_date <= DATE '2024-12-30' group by customer_id)
      select (select count(*) from cal)::INTEGER as customers,
             (select count(*) from days join cal using (customer_id) where order_date > DATE '2024-12-30')::INTEGER as holdout`);
    expect(rows.reduce((s, r) => s + Number(r.customers), 0)).toBe(want.customers);
    expect(rows.reduce((s, r) => s + Number(r.actual_total), 0)).toBeCloseTo(Number(want.holdout), 8);
    for (const r of rows) if (Number(r.customers) > 0) expect(Number(r.predicted_mean)).toBeGreaterThanOrEqual(0);
  });

  it("the data tests declared for the CLV marts run with the others", async () => {
    const declared = dataTests.filter((t) => t.model.startsWith("marts.clv_") || t.model === "marts.customer_equity").map((t) => t.model);
    for (const m of ["marts.clv_customers", "marts.clv_model", "marts.clv_holdout", "marts.customer_equity"]) expect(declared).toContain(m);
    expect(tests).toBe(dataTests.length);
  });
});
