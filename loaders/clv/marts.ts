// `buildClvMarts({config, dbFile})`: customer lifetime value and customer equity.
//
// 1. Net amount per customer and day up to the analysis date (`analysis.analysis_date`,
//    default the last order date); a day is a purchase when its net value is > 0 (returns
//    reduce the day's value; a day netting to <= 0 is not a purchase).
// 2. With `clv.holdout_months` > 0: BG/NBD and Gamma-Gamma fitted on the calibration window
//    (all history up to the analysis date minus the holdout), checked against the holdout
//    purchases by calibration frequency (marts.clv_holdout).
// 3. Both models refitted on all history to the analysis date; from them, per customer,
//    P(alive), expected purchases and CLV over `clv.horizon_months` (marts.clv_customers)
//    and customer equity = the sum of CLVs, in total and by group (marts.customer_equity).
// marts.clv_model holds both fits (parameters, standard errors, log-likelihood, n, and the
// frequency-spend correlation behind Gamma-Gamma's independence assumption).
import type { DuckDBConnection } from "@duckdb/node-api";
import { withDuckDb } from "../warehouse/open.ts";
import { daysPerTimeUnit } from "../config/clv.ts";
import type { Config } from "../config/index.ts";
import { buildCustomerEquity } from "./equity.ts";
import { fitWindow, unfittable, type WindowFit } from "./fit-window.ts";
import { holdoutComparison } from "./holdout.ts";
import { scoreCustomers } from "./score.ts";
import { summariseTransactions, type CustomerSummary } from "./summary.ts";
import { conditionalExpectedAverageSpend } from "./gammagamma.ts";
import { ClvInputError, readCustomerDays, readCustomers, readDates, readGrossMargin } from "./warehouse-inputs.ts";
import { writeTable, type Cell } from "./write-table.ts";

export interface ClvMartsSummary {
  customers: number;
  equity: number;
  grossMargin: number;
  fullFit: WindowFit;
  calibrationFit: WindowFit | null;
  notes: string[];
}

export async function buildClvMarts({ config, dbFile }: { config: Config; dbFile: string }): Promise<ClvMartsSummary> {
  return withDuckDb(dbFile, { memoryLimit: config.analysis.memory_limit }, (con) => buildClvMartsOn(con, config));
}

/** The same on an open connection. */
export async function buildClvMartsOn(con: DuckDBConnection, config: Config): Promise<ClvMartsSummary> {
  const log = (note: string) => {
    notes.push(note);
    console.log(`[clv] ${note}`);
  };
  const notes: string[] = [];
  const c = config.clv;
  const daysPerUnit = daysPerTimeUnit(c.time_unit);
  const { analysisDay, calibrationEndDay } = await readDates(con, config);
  const days = await readCustomerDays(con, analysisDay);
  const customers = await readCustomers(con);
  const grossMargin = await readGrossMargin(con, config, analysisDay);

  // Calibration and holdout.
  let calibrationFit: WindowFit | null = null;
  let holdoutRows: Cell[][] = [];
  if (c.holdout_months > 0) {
    const calibration = summariseTransactions(days, { calibrationEnd: calibrationEndDay, holdoutEnd: analysisDay, daysPerUnit });
    const why = unfittable(calibration);
    if (why) {
      log(`holdout check skipped: the calibration window (to ${isoDay(calibrationEndDay)}) has ${why}`);
    } else {
      calibrationFit = fitWindow(calibration, c.max_frequency_spend_correlation);
      const groups = holdoutComparison(calibrationFit.bgnbd.params, calibration, (analysisDay - calibrationEndDay) / daysPerUnit);
      holdoutRows = groups.map((g) => [
        g.frequencyGroup, g.label, g.customers, g.actualMean, g.predictedMean,
        g.actualMean * g.customers, g.predictedMean * g.customers, calibrationEndDay, analysisDay,
      ]);
    }
  } else {
    log("holdout check skipped: clv.holdout_months is 0");
  }

  // Full history: the fit the published values come from.
  const full = summariseTransactions(days, { calibrationEnd: analysisDay, daysPerUnit });
  const why = unfittable(full);
  if (why) throw new ClvInputError(`cannot fit the CLV models: the history to ${isoDay(analysisDay)} has ${why}`);
  const fullFit = fitWindow(full, c.max_frequency_spend_correlation);
  for (const [name, fit] of [["full history", fullFit], ["calibration", calibrationFit]] as const) {
    if (fit && !fit.independenceOk)
      log(`${name}: frequency and spend per purchase are correlated (r = ${fit.frequencySpendCorrelation.toFixed(2)}); Gamma-Gamma's independence assumption is doubtful`);
    if (fit?.bgnbdDiagnosis.reason) log(`${name}: ${fit.bgnbdDiagnosis.reason}`);
    if (fit?.gammaGammaDiagnosis.reason) log(`${name}: ${fit.gammaGammaDiagnosis.reason}`);
  }

  // Gamma-Gamma fails to converge when customers hardly differ in spend per purchase (q and
  // gamma run off to infinity); each customer's own mean purchase value is the fallback.
  const gg = fullFit.gammaGamma;
  const ggSound = fullFit.gammaGammaDiagnosis.status === "ok";
  const expectedSpend = ggSound
    ? (s: CustomerSummary) => conditionalExpectedAverageSpend(gg.params, s.frequency, s.monetaryValue)
    : (s: CustomerSummary) => s.meanPurchaseValue;
  if (!ggSound) log("Gamma-Gamma unusable on the full history: expected spend = each customer's mean purchase value");
  const scored = scoreCustomers(
    customers.map((c) => c.customerId),
    full,
    { bgnbd: fullFit.bgnbd.params, expectedSpend },
    { horizonMonths: c.horizon_months, monthlyDiscountRate: c.monthly_discount_rate, grossMargin, daysPerUnit },
  );
  const names = new Map(customers.map((c) => [c.customerId, c.name]));
  const firstDay = new Map(full.map((s) => [s.customerId, s.firstPurchaseDay]));

  await writeTable(con, "marts", "clv_customers", CUSTOMER_COLUMNS, scored.map((s) => [
    s.customerId, names.get(s.customerId) ?? null, s.history, firstDay.get(s.customerId) ?? null,
    s.frequency, s.recency, s.T, s.monetaryValue, s.pAlive, s.expectedPurchases, s.expectedAvgSpend, s.clv,
  ]));
  await writeTable(con, "marts", "clv_model", MODEL_COLUMNS, [
    ...(calibrationFit ? modelRows("calibration", calibrationEndDay, calibrationFit) : []),
    ...modelRows("full", analysisDay, fullFit),
  ].map((row) => [...row, c.time_unit, grossMargin, c.monthly_discount_rate, c.horizon_months, analysisDay]));
  await writeTable(con, "marts", "clv_holdout", HOLDOUT_COLUMNS, holdoutRows);
  for (const note of await buildCustomerEquity(con)) log(note);

  const equity = scored.reduce((s, r) => s + r.clv, 0);
  return { customers: scored.length, equity, grossMargin, fullFit, calibrationFit, notes };
}

const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

const CUSTOMER_COLUMNS: [string, "VARCHAR" | "DOUBLE" | "INTEGER" | "DATE"][] = [
  ["customer_id", "VARCHAR"], ["customer_name", "VARCHAR"], ["history", "VARCHAR"], ["first_purchase_date", "DATE"],
  ["frequency", "INTEGER"], ["recency", "DOUBLE"], ["T", "DOUBLE"], ["monetary_value", "DOUBLE"], ["p_alive", "DOUBLE"],
  ["expected_purchases", "DOUBLE"], ["expected_avg_spend", "DOUBLE"], ["clv", "DOUBLE"],
];

const MODEL_COLUMNS: [string, "VARCHAR" | "DOUBLE" | "INTEGER" | "DATE" | "BOOLEAN"][] = [
  ["model", "VARCHAR"], ["fit_window", "VARCHAR"], ["window_end", "DATE"], ["n", "INTEGER"],
  ["log_likelihood", "DOUBLE"], ["converged", "BOOLEAN"],
  ["r", "DOUBLE"], ["alpha", "DOUBLE"], ["a", "DOUBLE"], ["b", "DOUBLE"],
  ["p", "DOUBLE"], ["q", "DOUBLE"], ["gamma", "DOUBLE"],
  ["r_se", "DOUBLE"], ["alpha_se", "DOUBLE"], ["a_se", "DOUBLE"], ["b_se", "DOUBLE"],
  ["p_se", "DOUBLE"], ["q_se", "DOUBLE"], ["gamma_se", "DOUBLE"],
  ["frequency_spend_correlation", "DOUBLE"], ["independence_ok", "BOOLEAN"],
  ["time_unit", "VARCHAR"], ["gross_margin", "DOUBLE"], ["monthly_discount_rate", "DOUBLE"],
  ["horizon_months", "INTEGER"], ["analysis_date", "DATE"],
];

function modelRows(window: string, endDay: number, fit: WindowFit): Cell[][] {
  const bg = fit.bgnbd;
  const gg = fit.gammaGamma;
  const none = [null, null, null];
  return [
    ["bgnbd", window, endDay, bg.customers, bg.logLikelihood, bg.converged,
      bg.params.r, bg.params.alpha, bg.params.a, bg.params.b, ...none,
      bg.standardErrors.r, bg.standardErrors.alpha, bg.standardErrors.a, bg.standardErrors.b, ...none, null, null],
    ["gammagamma", window, endDay, gg.customers, gg.logLikelihood, gg.converged,
      null, null, null, null, gg.params.p, gg.params.q, gg.params.gamma,
      null, null, null, null, gg.standardErrors.p, gg.standardErrors.q, gg.standardErrors.gamma,
      fit.frequencySpendCorrelation, fit.independenceOk],
  ];
}

const HOLDOUT_COLUMNS: [string, "VARCHAR" | "DOUBLE" | "INTEGER" | "DATE"][] = [
  ["frequency_group", "INTEGER"], ["label", "VARCHAR"], ["customers", "INTEGER"],
  ["actual_mean", "DOUBLE"], ["predicted_mean", "DOUBLE"], ["actual_total", "DOUBLE"], ["predicted_total", "DOUBLE"],
  ["calibration_end", "DATE"], ["holdout_end", "DATE"],
];
