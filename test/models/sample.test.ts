// The bundled sample company end to end: generate, ingest, run the models, then
// (1) cross-check the marts against the plain-TypeScript implementation to 1e-9 and
// (2) find the planted truths of ground_truth.json where the analyses should put them.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { parseConfig } from "../../loaders/config/index.ts";
import { ingestSources } from "../../loaders/ingest/index.ts";
import { runModels, runModelsOn } from "../../loaders/models/run.ts";
import { openDuckDb } from "../../loaders/warehouse/open.ts";
import { generateSample } from "../../loaders/sample/index.ts";
import { concentration, valuesBy, yearlyCohorts, yearScorecard, type Measure, type RawLine, type ScoreLine } from "./independent.ts";
import { indicatorNames } from "../../loaders/config/scorecard.ts";
import { toNumbers } from "./warehouse.ts";

let tmp: string;
let instance: DuckDBInstance;
let con: DuckDBConnection;
let truth: any;
let dbFile: string;
const rows = async (sql: string) => toNumbers((await con.runAndReadAll(sql)).getRowObjectsJS());
const ids = (list: string[]) => list.map((i) => `'${i.replaceAll("'", "''")}'`).join(", ");

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kam-models-sample-"));
  const dir = path.join(tmp, "sample");
  dbFile = path.join(tmp, "kam.duckdb");
  await generateSample({ dir });
  truth = JSON.parse(fs.readFileSync(path.join(dir, "ground_truth.json"), "utf8"));
  const config = parseConfig({});
  const ingest = await ingestSources({ config, dbFile, files: [dir], rejectsDir: path.join(tmp, "rejects"), log: () => {} });
  expect(ingest.files.find((f) => f.table === "order_lines")?.loaded).toBeGreaterThan(100_000);
  await runModels({ config, dbFile });
  instance = await DuckDBInstance.create(dbFile, { access_mode: "READ_ONLY" });
  con = await instance.connect();
});

afterAll(() => {
  con?.closeSync();
  instance?.closeSync();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe("cross-check against a plain TypeScript implementation", () => {
  let lines: RawLine[];
  let analysisDate: string;
  let volumeUnit: string;
  beforeAll(async () => {
    lines = (await rows(`select strftime(order_date, '%Y-%m-%d') as order_date, customer_id, amount, cost, quantity, unit from main.order_lines`)) as RawLine[];
    analysisDate = lines.reduce((m, l) => (l.order_date > m ? l.order_date : m), "");
    const units = new Map<string, number>();
    for (const l of lines) units.set(l.unit, (units.get(l.unit) ?? 0) + 1);
    volumeUnit = [...units.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
  });

  it("agrees on the Pareto shares, n for 80%, Gini, HHI and top-10 share per year and for the window, to 1e-9", async () => {
    const [p] = await rows(`select strftime(analysis_date, '%Y-%m-%d') as d, volume_unit from staging.params`);
    expect([p.d, p.volume_unit]).toEqual([analysisDate, volumeUnit]);
    const start = new Date(`${analysisDate}T00:00:00Z`);
    start.setUTCMonth(start.getUTCMonth() - 12);
    start.setUTCDate(start.getUTCDate() + 1);
    const windowStart = start.toISOString().slice(0, 10);
    const periods: [string, (l: RawLine) => boolean][] = [["window", (l) => l.order_date >= windowStart]];
    for (let y = 2021; y <= Number(analysisDate.slice(0, 4)); y++) periods.push([String(y), (l) => l.order_date.startsWith(`${y}-`)]);
    let compared = 0;
    for (const measure of ["revenue", "gross_profit", "volume"] as Measure[]) {
      for (const [period, inPeriod] of periods) {
        const expected = concentration(valuesBy(lines.filter(inPeriod), measure, volumeUnit));
        const [got] = await rows(`select * from intermediate.concentration_summary where measure = '${measure}' and period = '${period}'`);
        expect(got.n_customers, `${measure} ${period}`).toBe(expected.n_customers);
        expect(got.n_to_target, `${measure} ${period}`).toBe(expected.n_to_target);
        for (const k of ["top_share_value", "gini", "hhi", "top10_share"] as const) {
          expect(Math.abs(got[k] - expected[k]!), `${measure} ${period} ${k}: ${got[k]} vs ${expected[k]}`).toBeLessThan(1e-9);
        }
        compared++;
      }
    }
    expect(compared).toBe(3 * 7);
  });

  it("agrees on cohort retention (logo, NRR, GRR) for every cohort and offset, to 1e-9", async () => {
    const expected = yearlyCohorts(lines, Number(analysisDate.slice(0, 4)));
    const got = await rows(`select * from marts.cohort_retention order by cohort, period_offset`);
    expect(got.length).toBe(expected.length);
    const byKey = new Map(got.map((r) => [`${r.cohort}/${r.period_offset}`, r]));
    for (const e of expected) {
      const g = byKey.get(`${e.cohort}/${e.period_offset}`)!;
      expect(g, `${e.cohort}/${e.period_offset}`).toBeDefined();
      expect([g.cohort_size, g.active_customers]).toEqual([e.cohort_size, e.active_customers]);
      for (const k of ["logo_retention", "nrr", "grr"] as const) {
        if (e[k] === null) expect(g[k], `${e.cohort}/${e.period_offset} ${k}`).toBeNull();
        else expect(Math.abs(g[k] - e[k]!), `${e.cohort}/${e.period_offset} ${k}`).toBeLessThan(1e-9);
      }
    }
  });
});

describe("the key account scorecard, computed a second time in plain TypeScript from the raw exports", () => {
  it("agrees on every 2025 customer's ten indicator scores (to 1e-6), score, rank and tier", async () => {
    const a = parseConfig({}).analysis;
    const lines = (await rows(`select order_id, product_id, strftime(order_date, '%Y-%m-%d') as order_date, customer_id, amount, cost, quantity, unit from main.order_lines`)) as ScoreLine[];
    const payments = (await rows(`select customer_id, strftime(payment_date, '%Y-%m-%d') as payment_date, amount, invoice_ref from main.payments`)) as any[];
    const claims = (await rows(`select customer_id, strftime(claim_date, '%Y-%m-%d') as claim_date, amount from main.quality_claims`)) as any[];
    const customers = (await rows(`select customer_id, credit_rating, industry_influence from main.customers`)) as any[];
    const [p] = await rows(`select strftime(analysis_date, '%Y-%m-%d') as d, volume_unit from staging.params`);
    const expected = yearScorecard({ lines, payments, claims, customers }, 2025, p.d, p.volume_unit, {
      weights: Object.fromEntries(indicatorNames.map((n) => [n, a.scorecard.indicators[n].weight])),
      lower: new Set(indicatorNames.filter((n) => a.scorecard.indicators[n].direction === "lower")),
      keyShare: a.tiers.key_share, regularShare: a.tiers.regular_share, giveUpShare: a.tiers.give_up_share,
      keyMinPurchases: a.tiers.key_min_purchases, keyMinSubperiods: a.tiers.key_min_subperiods,
      potentialMinGrowth: a.tiers.potential_min_growth, creditLagDays: a.credit_lag_days,
    });
    const got = new Map((await rows(`select * from marts.key_account_scorecard where period = '2025'`)).map((r) => [r.customer_id, r]));
    expect(got.size).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(1000);
    for (const e of expected) {
      const g = got.get(e.customer_id)!;
      expect(g, e.customer_id).toBeDefined();
      for (const n of indicatorNames) {
        const want = e.scores[n], have = g[`${n}_score`] === null ? null : Number(g[`${n}_score`]);
        if (want === null || have === null) expect(have, `${e.customer_id} ${n}`).toBe(want);
        else expect(Math.abs(have - want), `${e.customer_id} ${n}: ${have} vs ${want}`).toBeLessThan(1.5e-6);
      }
      expect(Math.abs(g.score - e.score), `${e.customer_id} score`).toBeLessThan(1e-6);
      expect([g.score_rank, g.tier], e.customer_id).toEqual([e.rank, e.tier]);
    }
    const keys = expected.filter((e) => e.tier === "key").length;
    expect(keys).toBe(Math.ceil(expected.length * 0.1)); // nobody in the top 10% is a one-order buyer on the sample
  });
});

describe("the planted truths", () => {
  it("lists every planted at-risk key account as at risk in the window, and few key accounts at risk", async () => {
    const found = await rows(`select customer_id from marts.at_risk_accounts where period = 'window' and customer_id in (${ids(truth.at_risk_key_accounts)})`);
    expect(found.map((r) => r.customer_id).sort()).toEqual([...truth.at_risk_key_accounts].sort());
    // short enough for an executive: a small share of the key accounts is at risk
    const [s] = await rows(`select n_key, n_key_at_risk, n_at_risk from marts.key_account_summary where period = 'window'`);
    expect(s.n_key_at_risk).toBeLessThan(s.n_key / 3);
  });

  it("rates every planted rising star potential (never key, watch or give up) and lists it as a rising star", async () => {
    const tiers = await rows(`select customer_id, tier from marts.key_account_scorecard where period = 'window' and customer_id in (${ids(truth.rising_stars)})`);
    expect(tiers.length).toBe(truth.rising_stars.length);
    expect(tiers.filter((t) => t.tier !== "potential")).toEqual([]);
    const stars = await rows(`select customer_id from marts.rising_stars where period = 'window' and customer_id in (${ids(truth.rising_stars)})`);
    expect(stars.length).toBe(truth.rising_stars.length);
  });

  it("never puts a rising star in the unattractive (droppable) cell, and sees its potential", async () => {
    const cells = await rows(`select customer_id, cell from marts.matrix_customers where period = 'window' and matrix = 'value_potential' and customer_id in (${ids(truth.rising_stars)})`);
    expect(cells.length).toBe(truth.rising_stars.length);
    expect(cells.filter((c) => c.cell === "unattractive")).toEqual([]);
  });

  it("does not make the one-big-order customer a key account", async () => {
    const id = truth.one_big_order.customer_id;
    expect(await rows(`select * from marts.key_account_scorecard where customer_id = '${id}' and tier = 'key'`)).toEqual([]);
    expect(await rows(`select * from marts.matrix_customers where customer_id = '${id}' and cell = 'invest'`)).toEqual([]);
    const [order] = await rows(`select count(*) as orders, max(revenue) as amount from intermediate.orders where customer_id = '${id}'`);
    expect(order.orders).toBe(1);
    expect(order.amount).toBeCloseTo(truth.one_big_order.amount, 2);
  });

  it("recovers the planted lifecycle stages as of the analysis date (the window), at least 90%", async () => {
    let planted = 0, agree = 0;
    for (const [stage, list] of Object.entries(truth.lifecycle) as [string, string[]][]) {
      const got = await rows(`select customer_id, stage from marts.lifecycle_stages where period = 'window' and customer_id in (${ids(list)})`);
      expect(got.length, stage).toBe(list.length);
      planted += list.length;
      agree += got.filter((r) => r.stage === stage).length;
    }
    console.log(`[sample] lifecycle agreement ${agree}/${planted} = ${(agree / planted).toFixed(3)}`);
    expect(agree / planted).toBeGreaterThanOrEqual(0.9);
  });

  it("has tier transitions whose rows sum to 1, and a back-test close to what happened", async () => {
    const rows_ = await rows(`select pair, from_state, sum(share) as total, sum(n) as n, any_value(n_from) as n_from from marts.tier_transitions group by all`);
    expect(rows_.length).toBeGreaterThan(20);
    for (const r of rows_) expect(Math.abs(r.total - 1), `${r.pair} ${r.from_state}`).toBeLessThan(1e-9), expect(r.n).toBe(r.n_from);
    const [bt] = await rows(`select any_value(tv_distance) as tv, any_value(n_pairs) as n_pairs from marts.tier_backtest`);
    expect(bt.n_pairs).toBe(3); // 2021-22, 2022-23, 2023-24 to project 2025 from 2024
    expect(bt.tv).toBeLessThan(0.15);
    const summary = await rows(`select period, n_key, n_entered, n_left, n_key_at_risk, key_revenue_at_stake from marts.key_account_summary order by period`);
    console.log(`[sample] key accounts: ${summary.map((s) => `${s.period} ${s.n_key} (+${s.n_entered ?? "-"} -${s.n_left ?? "-"}, at risk ${s.n_key_at_risk}, at stake ${Math.round(Number(s.key_revenue_at_stake))})`).join("; ")}; back-test tv ${bt.tv}`);
  });

  it("finds the loss makers' contribution negative and the late payers' credit low", async () => {
    const [loss] = await rows(`select count(*) filter (where contribution < 0) as negative, count(*) as n from marts.customer_metrics where period = 'window' and customer_id in (${ids(truth.loss_makers)})`);
    expect(loss.negative).toBe(loss.n);
    expect(loss.n).toBeGreaterThanOrEqual(10);
    const [late] = await rows(`select count(*) filter (where collection_rate < 0.9) as low, count(*) as n from marts.customer_metrics where period = 'window' and customer_id in (${ids(truth.late_payers)})`);
    expect(late.low).toBe(late.n);
  });

  it("classes capability x credit close to the generator's classes and the reference shares", async () => {
    const got = await rows(`select customer_id, cell from marts.matrix_customers where period = 'window' and matrix = 'capability_credit'`);
    const planted = truth.capability_credit.customers as Record<string, string>;
    const agree = got.filter((r) => planted[r.customer_id] === r.cell).length;
    expect(agree / got.length).toBeGreaterThan(0.97);
    const shares = await rows(`select cell, customer_share, reference_customer_share from marts.matrix_cells where period = 'window' and matrix = 'capability_credit'`);
    for (const s of shares) expect(Math.abs(s.customer_share - s.reference_customer_share), s.cell).toBeLessThan(0.03);
  });

  it("finds the top 20% of customers making 70-80% of revenue every year", async () => {
    const years = await rows(`select period, top_share_value from intermediate.concentration_summary where measure = 'revenue' and period_kind = 'year'`);
    for (const y of years) expect(y.top_share_value, y.period).toBeGreaterThan(0.7), expect(y.top_share_value, y.period).toBeLessThan(0.8);
    for (const [year, share] of Object.entries(truth.concentration.top20_revenue_share_by_year) as [string, number][]) {
      const got = years.find((y) => y.period === year)!;
      expect(Math.abs(got.top_share_value - share), year).toBeLessThan(0.002);
    }
  });
});

describe("curves for the page", () => {
  it("gives every Pareto and Lorenz curve at most 15 points from (0, 0) to (1, 1), and every whale curve after cost to serve at most 255, keeping the peak", async () => {
    const curves = await rows(`select measure, period, slice, curve_x, pareto_y, lorenz_y, n_customers from marts.concentration_slices where total_positive > 0`);
    expect(curves.filter((c) => c.slice === "all").length).toBe(3 * 7);
    for (const c of curves) {
      expect(c.curve_x.length, `${c.measure} ${c.period}`).toBeLessThanOrEqual(15);
      expect([c.curve_x[0], c.pareto_y[0], c.lorenz_y[0]]).toEqual([0, 0, 0]);
      expect([c.curve_x.at(-1), c.pareto_y.at(-1), c.lorenz_y.at(-1)]).toEqual([1, 1, 1].map((x) => expect.closeTo(x, 12)));
    }
    // ranks <= 10, 120 steps of customers, 60 of the peak up and 60 down, the peak and the last
    const whale = await rows(`select period, count(*) as n, count(*) filter (where marker = 'peak') as peak, max(rank) as last from marts.whale_curve group by all`);
    const summary = await rows(`select period, n_customers from marts.whale_summary where measure = 'contribution' and peak_share is not null`);
    expect(whale.length).toBe(summary.length);
    for (const w of whale) expect([w.n <= 255, w.peak, w.last]).toEqual([true, 1, summary.find((s) => s.period === w.period)!.n_customers]);
  });
});

/** One hash per mart: its rows as text, sorted (row order is not part of the content). */
async function martHashes(c: DuckDBConnection): Promise<Record<string, string>> {
  const tables = toNumbers((await c.runAndReadAll(`select table_name from information_schema.tables where table_schema = 'marts' order by 1`)).getRowObjectsJS());
  const out: Record<string, string> = {};
  for (const { table_name } of tables) {
    const [h] = (await c.runAndReadAll(`select count(*) as n, md5(coalesce(string_agg(t::varchar, chr(10) order by t::varchar), '')) as h from marts."${table_name}" t`)).getRowObjectsJS();
    out[table_name] = `${h.n}:${h.h}`;
  }
  return out;
}

describe("byte-identical rebuilds", () => {
  // one rebuild with another thread count than the first build's (DuckDB's default = the cores);
  // the timeout is the harness's, not a budget: the rebuild includes the CLV fit
  it("gives the same marts, to the last digit, when rebuilt from the same warehouse with another thread count", { timeout: 300_000 }, async () => {
    const first = await martHashes(con);
    expect(Object.keys(first).length).toBeGreaterThan(15);
    const [{ threads: used }] = toNumbers((await con.runAndReadAll(`select current_setting('threads') as threads`)).getRowObjectsJS());
    for (const threads of [used === 1 ? 3 : 1]) {
      const copy = path.join(tmp, `rebuild-${threads}.duckdb`);
      fs.copyFileSync(dbFile, copy);
      const db = await openDuckDb(copy, { memoryLimit: "1GB" });
      try {
        await db.con.run(`set threads = ${threads}`);
        await runModelsOn(db.con, parseConfig({}));
        expect(await martHashes(db.con), `threads = ${threads}`).toEqual(first);
      } finally {
        db.close();
        fs.rmSync(copy, { force: true });
      }
    }
  });
});
