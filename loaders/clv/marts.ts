// The CLV model of the graph (model.ts declares it): customer lifetime value from BG/NBD +
// Gamma-Gamma, built by the model runner after the tables it reads.
//
// 1. Purchase days per customer to the analysis date, from intermediate.orders (a day with at
//    least one order that is a purchase; its value is the day's net revenue).
// 2. With `clv.holdout_months` > 0 and a calibration period at least as long as the holdout
//    (HOLDOUT_RULE): both models fitted on the history to analysis date - holdout and checked
//    against the holdout purchases by calibration frequency (marts.clv_holdout). Otherwise
//    the calibration rows of clv_model say why it did not run.
// 3. Both models refitted on all history to the analysis date; from them, per customer,
//    P(alive), expected purchases and CLV over `clv.horizon_months` (marts.clv_customers).
// marts.clv_model holds every fit with its status (ok | ridge | not_converged | not_fitted |
// not_run) and reason; a customer's CLV carries the status of the fit it comes from, so a
// fit on a ridge or one that did not converge is flagged, never published as if sound.
// Customer equity (marts.customer_equity) is a SQL model over clv_customers.
import type { DuckDBConnection } from "@duckdb/node-api";
import { lit, withDuckDb } from "../warehouse/open.ts";
import { daysPerTimeUnit } from "../config/clv.ts";
import type { Config } from "../config/index.ts";
import { fitWindow, unfittable, type WindowFit } from "./fit-window.ts";
import { holdoutComparison } from "./holdout.ts";
import { scoreSummaries, type Scores } from "./score.ts";
import { emptySummaryColumns, type SummaryColumns } from "./summary.ts";
import { conditionalExpectedAverageSpend } from "./gammagamma.ts";
import {
  dropPurchaseSummary, PURCHASE_SUMMARY, readCustomerPositions, readDates, readPurchaseSummaries, readValueBasis, type ValueBasis,
} from "./warehouse-inputs.ts";
import { writeTable, type Cell, type ColumnType } from "./write-table.ts";
import { span, spanSync } from "../bench/profile.ts";

export interface ClvMartsSummary {
  customers: number;
  /** Sum of CLV (null when the models could not be fitted). */
  equity: number | null;
  value: ValueBasis;
  fullFit: WindowFit | null;
  calibrationFit: WindowFit | null;
  /** Status of the fit the published CLVs come from. */
  status: string;
  notes: string[];
}

/** The holdout check runs only when the calibration period is at least as long as the holdout. */
export const HOLDOUT_RULE = "the calibration period (first purchase to calibration end) must be at least as long as the holdout";

export async function buildClvMarts({ config, dbFile }: { config: Config; dbFile: string }): Promise<ClvMartsSummary> {
  return withDuckDb(dbFile, { memoryLimit: config.analysis.memory_limit }, (con) => buildClvMartsOn(con, config));
}

/** Build clv_customers, clv_model and clv_holdout on an open connection (the graph's inputs built). */
export async function buildClvMartsOn(con: DuckDBConnection, config: Config): Promise<ClvMartsSummary> {
  const notes: string[] = [];
  const log = (note: string) => {
    notes.push(note);
    console.log(`[clv] ${note}`);
  };
  const c = config.clv;
  const daysPerUnit = daysPerTimeUnit(c.time_unit);
  const { analysisDay, calibrationEndDay, firstPurchaseDay } = await readDates(con, config);
  const summaries = await span("clv.read", () => readPurchaseSummaries(con, { calibrationEnd: calibrationEndDay, analysisDay, daysPerUnit }));
  const value = await readValueBasis(con, config);
  if (value.basis === "revenue") log(value.reason);
  const modelRows: Cell[][] = [];

  // Calibration and holdout.
  let calibrationFit: WindowFit | null = null;
  let holdoutRows: Cell[][] = [];
  const holdoutDays = analysisDay - calibrationEndDay;
  let notRun: string | null = null;
  if (c.holdout_months === 0) notRun = "clv.holdout_months is 0";
  else if (firstPurchaseDay === null || calibrationEndDay - firstPurchaseDay < holdoutDays) {
    const have = firstPurchaseDay === null ? 0 : Math.max(0, calibrationEndDay - firstPurchaseDay);
    notRun = `the calibration period to ${isoDay(calibrationEndDay)} covers ${have} days of history, shorter than the ${holdoutDays}-day holdout (${c.holdout_months} months): ${HOLDOUT_RULE}`;
  }
  const calibration = notRun ? emptySummaryColumns(0) : summaries.calibration;
  const whyNotCalibration = notRun ? null : unfittable(calibration);
  if (whyNotCalibration) notRun = `the calibration window (to ${isoDay(calibrationEndDay)}) has ${whyNotCalibration}`;
  if (notRun) {
    log(`holdout check not run: ${notRun}`);
    modelRows.push(...emptyRows("calibration", calibrationEndDay, "not_run", notRun));
  } else {
    calibrationFit = spanSync("clv.fit.calibration", () => fitWindow(calibration, c.max_frequency_spend_correlation));
    const status = calibrationFit.bgnbdDiagnosis.status;
    const { groups: fitted } = calibrationFit;
    const groups = holdoutComparison(calibrationFit.bgnbd.params, { ...calibration, groupOf: fitted.groupOf, groups: fitted }, holdoutDays / daysPerUnit);
    holdoutRows = groups.map((g) => [
      g.frequencyGroup, g.label, g.customers, g.actualMean, g.predictedMean,
      g.actualMean * g.customers, g.predictedMean * g.customers, calibrationEndDay, analysisDay, status,
    ]);
    modelRows.push(...fitRows("calibration", calibrationEndDay, calibrationFit));
  }

  // Full history: the fit the published values come from.
  const full = summaries.full;
  const whyNot = unfittable(full);
  let fullFit: WindowFit | null = null;
  let scores: Scores | null = null;
  let status: string;
  let informative: boolean | null = false;
  let spendBasis: string | null = null;
  if (whyNot) {
    // Left out with the reason: no CLV is better than one from a fit on nothing.
    status = "not_fitted";
    const reason = `cannot fit the CLV models: the history to ${isoDay(analysisDay)} has ${whyNot}`;
    log(reason);
    modelRows.push(...emptyRows("full", analysisDay, status, reason));
  } else {
    fullFit = spanSync("clv.fit.full", () => fitWindow(full, c.max_frequency_spend_correlation));
    for (const [name, fit] of [["full history", fullFit], ["calibration", calibrationFit]] as const) {
      if (!fit) continue;
      if (!fit.independenceOk)
        log(`${name}: frequency and spend per purchase are correlated (r = ${fit.frequencySpendCorrelation.toFixed(2)}); Gamma-Gamma's independence assumption is doubtful`);
      if (fit.bgnbdDiagnosis.reason) log(`${name}: ${fit.bgnbdDiagnosis.reason}`);
      if (fit.gammaGammaDiagnosis.reason) log(`${name}: ${fit.gammaGammaDiagnosis.reason}`);
      if (fit.spendLeftOut) log(`${name}: ${fit.spendLeftOut} repeat buyers with a mean repeat spend <= 0 left out of Gamma-Gamma`);
    }
    modelRows.push(...fitRows("full", analysisDay, fullFit));
    status = fullFit.bgnbdDiagnosis.status;
    // Gamma-Gamma on a ridge (customers hardly differ in spend) or not converged: each
    // customer's own mean purchase value is the expected spend instead.
    const gg = fullFit.gammaGamma;
    const ggSound = fullFit.gammaGammaDiagnosis.status === "ok";
    const expectedSpend = ggSound
      ? (i: number) => conditionalExpectedAverageSpend(gg.params, full.frequency[i], full.monetaryValue[i])
      : (i: number) => full.meanPurchaseValue[i];
    if (!ggSound) log("Gamma-Gamma unusable on the full history: expected spend = each customer's mean purchase value");
    const bgnbd = fullFit.bgnbd.params;
    const options = { horizonMonths: c.horizon_months, monthlyDiscountRate: c.monthly_discount_rate, grossMargin: value.margin, daysPerUnit };
    scores = spanSync("clv.score", () => scoreSummaries(full, { bgnbd, expectedSpend }, options, fullFit!.groups.groupOf));
    informative = fullFit.bgnbdDiagnosis.pAliveInformative;
    spendBasis = ggSound ? "gamma_gamma" : "own_mean";
  }
  const customers = await span("clv.write", () => writeCustomers(con, full, scores, { status, informative, spendBasis, valueBasis: value.basis }));
  // Customer equity: the CLVs summed in the order of the mart's rows (a customer without a
  // purchase day to the analysis date adds 0).
  let equity: number | null = null;
  if (scores) {
    equity = 0;
    for (const i of customers) equity += i === null ? 0 : scores.clv[i];
  }
  await dropPurchaseSummary(con);

  await writeTable(con, "marts", "clv_model", MODEL_COLUMNS, modelRows.map((row) => [
    ...row, c.time_unit, value.margin, value.basis, value.reason, c.monthly_discount_rate, c.horizon_months, analysisDay,
  ]));
  await writeTable(con, "marts", "clv_holdout", HOLDOUT_COLUMNS, holdoutRows);
  return { customers: customers.length, equity, value, fullFit, calibrationFit, status, notes };
}

const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

const CUSTOMER_COLUMNS: [string, ColumnType][] = [
  ["customer_id", "VARCHAR"], ["customer_name", "VARCHAR"], ["history", "VARCHAR"], ["first_purchase_date", "DATE"],
  ["purchases", "INTEGER"], ["frequency", "INTEGER"], ["recency", "DOUBLE"], ["T", "DOUBLE"], ["monetary_value", "DOUBLE"], ["p_alive", "DOUBLE"],
  ["expected_purchases", "DOUBLE"], ["expected_avg_spend", "DOUBLE"], ["clv", "DOUBLE"],
  ["fit_status", "VARCHAR"], ["p_alive_informative", "BOOLEAN"], ["spend_basis", "VARCHAR"], ["value_basis", "VARCHAR"],
];

/** The model quantities of the full-history summary's customers, by position (a temporary table). */
const SCORE_COLUMNS: [string, ColumnType][] = [
  ["full_idx", "INTEGER"], ["frequency", "INTEGER"], ["recency", "DOUBLE"], ["T", "DOUBLE"], ["monetary_value", "DOUBLE"],
  ["p_alive", "DOUBLE"], ["expected_purchases", "DOUBLE"], ["expected_avg_spend", "DOUBLE"], ["clv", "DOUBLE"],
];

/**
 * marts.clv_customers: one row per staging.customers row (id not null, in id order), its
 * history and purchases from the purchase summary (warehouse-inputs.ts), the model quantities
 * from `scores` (null: the models were not fitted). Node writes only numbers by position; DuckDB
 * joins them to the customers and their names. Returns each row's position in `full`.
 */
async function writeCustomers(
  con: DuckDBConnection,
  full: SummaryColumns,
  scores: Scores | null,
  flags: { status: string; informative: boolean | null; spendBasis: string | null; valueBasis: string },
): Promise<(number | null)[]> {
  function* scoreRows(): Generator<Cell[]> {
    for (let i = 0; i < full.length; i++) {
      const x = full.frequency[i];
      const m = x > 0 ? full.monetaryValue[i] : null;
      yield scores
        ? [i, x, full.recency[i], full.T[i], m, scores.pAlive[i], scores.expectedPurchases[i], scores.expectedAvgSpend[i], scores.clv[i]]
        : [i, x, full.recency[i], full.T[i], m, null, null, null, null];
    }
  }
  await writeTable(con, "temp", "clv_scores", SCORE_COLUMNS, scoreRows());
  const sql = (v: string | boolean | null) => (v === null ? "NULL" : typeof v === "boolean" ? String(v) : lit(v));
  // Without a purchase day to the analysis date ("none"): no model quantity, expected
  // purchases and CLV 0 from a fit, NULL without one.
  const none = scores ? "0" : "NULL";
  await writeTable(con, "marts", "clv_customers", CUSTOMER_COLUMNS, []);
  await con.run(
    `insert into marts.clv_customers
     select c.customer_id, c.customer_name,
            case when p.full_idx is null then 'none' when s.frequency > 0 then 'repeat' else 'single' end,
            case when p.full_idx is not null then DATE '1970-01-01' + p.first_day end,
            coalesce(p.purchases, 0), s.frequency, s.recency, s."T", s.monetary_value, s.p_alive,
            case when p.full_idx is null then ${none} else s.expected_purchases end,
            s.expected_avg_spend,
            case when p.full_idx is null then ${none} else s.clv end,
            ${sql(flags.status)},
            case when p.full_idx is null then ${scores ? "NULL" : "false"} else ${sql(flags.informative)} end,
            case when p.full_idx is null then NULL else ${sql(flags.spendBasis)} end,
            ${sql(flags.valueBasis)}
       from staging.customers c
       left join ${PURCHASE_SUMMARY} p using (customer_id)
       left join temp.clv_scores s on s.full_idx = p.full_idx
      where c.customer_id is not null
      order by c.customer_id`,
  );
  await con.run(`drop table temp.clv_scores`);
  return readCustomerPositions(con);
}

const MODEL_COLUMNS: [string, ColumnType][] = [
  ["model", "VARCHAR"], ["fit_window", "VARCHAR"], ["window_end", "DATE"], ["status", "VARCHAR"], ["reason", "VARCHAR"],
  ["n", "INTEGER"], ["log_likelihood", "DOUBLE"], ["converged", "BOOLEAN"], ["iterations", "INTEGER"],
  ["r", "DOUBLE"], ["alpha", "DOUBLE"], ["a", "DOUBLE"], ["b", "DOUBLE"],
  ["p", "DOUBLE"], ["q", "DOUBLE"], ["gamma", "DOUBLE"],
  ["r_se", "DOUBLE"], ["alpha_se", "DOUBLE"], ["a_se", "DOUBLE"], ["b_se", "DOUBLE"],
  ["p_se", "DOUBLE"], ["q_se", "DOUBLE"], ["gamma_se", "DOUBLE"],
  ["p_alive_informative", "BOOLEAN"], ["spend_left_out", "INTEGER"],
  ["frequency_spend_correlation", "DOUBLE"], ["independence_ok", "BOOLEAN"],
  ["time_unit", "VARCHAR"], ["gross_margin", "DOUBLE"], ["value_basis", "VARCHAR"], ["value_basis_reason", "VARCHAR"],
  ["monthly_discount_rate", "DOUBLE"], ["horizon_months", "INTEGER"], ["analysis_date", "DATE"],
];

const NONE4 = [null, null, null, null];
const NONE3 = [null, null, null];

/** Rows of a window whose fit did not happen (not_run / not_fitted), with the reason. */
function emptyRows(window: string, endDay: number, status: string, reason: string): Cell[][] {
  return ["bgnbd", "gammagamma"].map((model) => [
    model, window, endDay, status, reason, null, null, null, null, ...NONE4, ...NONE3, ...NONE4, ...NONE3, null, null, null, null,
  ]);
}

function fitRows(window: string, endDay: number, fit: WindowFit): Cell[][] {
  const bg = fit.bgnbd;
  const gg = fit.gammaGamma;
  const bd = fit.bgnbdDiagnosis;
  const gd = fit.gammaGammaDiagnosis;
  return [
    ["bgnbd", window, endDay, bd.status, bd.reason, bg.customers, bg.logLikelihood, bg.converged, bg.iterations,
      bg.params.r, bg.params.alpha, bg.params.a, bg.params.b, ...NONE3,
      bg.standardErrors.r, bg.standardErrors.alpha, bg.standardErrors.a, bg.standardErrors.b, ...NONE3,
      bd.pAliveInformative, null, null, null],
    ["gammagamma", window, endDay, gd.status, gd.reason, gg.customers, gg.logLikelihood, gg.converged, gg.iterations,
      ...NONE4, gg.params.p, gg.params.q, gg.params.gamma,
      ...NONE4, gg.standardErrors.p, gg.standardErrors.q, gg.standardErrors.gamma,
      null, fit.spendLeftOut, fit.frequencySpendCorrelation, fit.independenceOk],
  ];
}

const HOLDOUT_COLUMNS: [string, ColumnType][] = [
  ["frequency_group", "INTEGER"], ["label", "VARCHAR"], ["customers", "INTEGER"],
  ["actual_mean", "DOUBLE"], ["predicted_mean", "DOUBLE"], ["actual_total", "DOUBLE"], ["predicted_total", "DOUBLE"],
  ["calibration_end", "DATE"], ["holdout_end", "DATE"], ["fit_status", "VARCHAR"],
];
