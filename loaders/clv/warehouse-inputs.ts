// What the CLV model reads from the model graph (declared in model.ts, so the runner builds
// them first): the analysis date and window (staging.params, staging.windows), the customers
// (staging.customers) and the purchases as the models define them (intermediate.orders:
// an order is a purchase when `is_purchase`). Dates travel as day numbers (days since
// 1970-01-01) so that no time zone is involved.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Config } from "../config/index.ts";
import { emptySummaryColumns, type SummaryColumns } from "./summary.ts";

/** The tables the CLV model reads (its declared inputs). */
export const CLV_INPUTS = ["staging.params", "staging.windows", "staging.customers", "intermediate.orders"];

export interface ClvDates {
  analysisDay: number;
  /** Last day of the calibration window (= analysisDay when there is no holdout). */
  calibrationEndDay: number;
  /** First purchase day in the data (null without any purchase). */
  firstPurchaseDay: number | null;
}

async function rows(con: DuckDBConnection, sql: string, values: (string | number)[] = []) {
  return (await con.runAndReadAll(sql, values)).getRowObjectsJS();
}

const DAY = (d: string) => `date_diff('day', DATE '1970-01-01', ${d})::INTEGER`;

/** The models' analysis date, the calibration end `holdout_months` before it, the first purchase. */
export async function readDates(con: DuckDBConnection, config: Config): Promise<ClvDates> {
  const [row] = await rows(
    con,
    `select ${DAY("p.analysis_date")} as analysis_day,
            ${DAY("CAST(p.analysis_date - to_months(CAST(? AS INTEGER)) AS DATE)")} as calibration_end_day,
            (select ${DAY("min(order_date)")} from intermediate.orders where is_purchase) as first_purchase_day
       from staging.params p`,
    [config.clv.holdout_months],
  );
  return {
    analysisDay: Number(row.analysis_day),
    calibrationEndDay: Number(row.calibration_end_day),
    firstPurchaseDay: row.first_purchase_day === null ? null : Number(row.first_purchase_day),
  };
}

export interface PurchaseSummaries {
  /** The RFM summary to `calibrationEnd` with the holdout to the analysis date (summary.ts). */
  calibration: SummaryColumns;
  /** The RFM summary of the whole history to the analysis date. */
  full: SummaryColumns;
}

/** Temporary table of one row per customer with a purchase day (readPurchaseSummaries). */
export const PURCHASE_SUMMARY = "clv_purchase_summary";

/**
 * The RFM summaries of the purchase days to the analysis date. A day is a purchase day when the
 * customer placed at least one purchase (an order of intermediate.orders with is_purchase) on
 * it: the models' one definition of a purchase. BG/NBD counts purchase occasions, so a
 * customer's purchases on one calendar day are one transaction (as Fader & Hardie do with
 * CDNOW); its value is the day's net revenue over all its orders (a credit note booked the same
 * day reduces it). DuckDB aggregates the days per customer into the temporary table
 * PURCHASE_SUMMARY (counts, first and last day, and the exact DECIMAL sums of the days' values
 * per window), so that Node holds columns of numbers per customer, never the purchase days
 * (38 million at 500,000 customers). Rows are in customer id order; `full_idx` / `cal_idx` are
 * each customer's position in the full-history / calibration columns (NULL when it has no
 * purchase day in that window), for joining results back in SQL. Drop it with dropPurchaseSummary.
 */
export async function readPurchaseSummaries(
  con: DuckDBConnection,
  { calibrationEnd, analysisDay, daysPerUnit }: { calibrationEnd: number; analysisDay: number; daysPerUnit: number },
): Promise<PurchaseSummaries> {
  const C = Math.trunc(calibrationEnd);
  const A = Math.trunc(analysisDay);
  await con.run(
    `create or replace temp table ${PURCHASE_SUMMARY} as
     with days as (
       select customer_id, ${DAY("order_date")} as day, coalesce(sum(revenue), 0) as value,
              count(*) filter (where is_purchase) as purchases
         from intermediate.orders
        group by customer_id, order_date
       having bool_or(is_purchase)
     ),
     per_customer as (
       select customer_id,
              sum(purchases)::INTEGER as purchases,
              min(day) as first_day,
              arg_min(value, day) as first_value,
              count(*) filter (where day <= ${A})::INTEGER as full_days,
              max(day) filter (where day <= ${A}) as full_last,
              sum(value) filter (where day <= ${A}) as full_value,
              count(*) filter (where day <= ${C})::INTEGER as cal_days,
              max(day) filter (where day <= ${C}) as cal_last,
              sum(value) filter (where day <= ${C}) as cal_value,
              count(*) filter (where day > ${C} and day <= ${A})::INTEGER as holdout_days,
              coalesce(sum(value) filter (where day > ${C} and day <= ${A}), 0) as holdout_value
         from days
        group by customer_id
     )
     select *,
            case when full_days > 0 then (row_number() over (partition by full_days > 0 order by customer_id) - 1)::INTEGER end as full_idx,
            case when cal_days > 0 then (row_number() over (partition by cal_days > 0 order by customer_id) - 1)::INTEGER end as cal_idx
       from per_customer`,
  );
  const [counts] = await rows(con, `select count(full_idx)::INTEGER as full, count(cal_idx)::INTEGER as cal from ${PURCHASE_SUMMARY}`);
  const full = emptySummaryColumns(Number(counts.full));
  const calibration = emptySummaryColumns(Number(counts.cal));
  const result = await con.stream(
    `select full_idx, cal_idx, first_day, full_days, full_last, cal_days, cal_last, holdout_days,
            full_value::DOUBLE, (full_value - first_value)::DOUBLE, cal_value::DOUBLE, (cal_value - first_value)::DOUBLE, holdout_value::DOUBLE
       from ${PURCHASE_SUMMARY}
      where full_idx is not null or cal_idx is not null
      order by customer_id`,
  );
  // One window's summary of a customer: x = purchase days - 1, t_x = last - first, T = end -
  // first; monetary value = mean value of the repeat days, mean purchase value = of all days.
  const put = (to: SummaryColumns, i: number, first: number, days: number, last: number, end: number, value: number, repeatValue: number, holdoutDays: number, holdoutValue: number) => {
    const repeats = days - 1;
    to.frequency[i] = repeats;
    to.recency[i] = (last - first) / daysPerUnit;
    to.T[i] = (end - first) / daysPerUnit;
    to.monetaryValue[i] = repeats ? repeatValue / repeats : 0;
    to.meanPurchaseValue[i] = value / days;
    to.firstPurchaseDay[i] = first;
    to.holdoutFrequency[i] = holdoutDays;
    to.holdoutValue[i] = holdoutValue;
  };
  let nextFull = 0;
  let nextCal = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const [fullIdx, calIdx, first, fullDays, fullLast, calDays, calLast, holdoutDays, fullValue, fullRepeat, calValue, calRepeat, holdoutValue] =
      chunk.getColumns() as (number | null)[][];
    for (let r = 0; r < chunk.rowCount; r++) {
      const f = fullIdx[r];
      const c = calIdx[r];
      // positions come in id order, as the columns are filled
      if (f !== null) {
        if (f !== nextFull++) throw new Error(`CLV summary: full-history position ${f} out of order`);
        put(full, f, first[r]!, fullDays[r]!, fullLast[r]!, A, fullValue[r]!, fullRepeat[r]!, 0, 0);
      }
      if (c !== null) {
        if (c !== nextCal++) throw new Error(`CLV summary: calibration position ${c} out of order`);
        put(calibration, c, first[r]!, calDays[r]!, calLast[r]!, C, calValue[r]!, calRepeat[r]!, holdoutDays[r]!, holdoutValue[r]!);
      }
    }
  }
  if (nextFull !== full.length || nextCal !== calibration.length) throw new Error("CLV summary: rows missing from the purchase summary");
  return { calibration, full };
}

export const dropPurchaseSummary = (con: DuckDBConnection) => con.run(`drop table if exists ${PURCHASE_SUMMARY}`);

/**
 * The position in the full-history summary of every customer the models know
 * (staging.customers, not null, in id order; null without a purchase day to the analysis
 * date), as the rows of marts.clv_customers come out (marts.ts).
 */
export async function readCustomerPositions(con: DuckDBConnection): Promise<(number | null)[]> {
  const result = await con.stream(
    `select p.full_idx from staging.customers c left join ${PURCHASE_SUMMARY} p using (customer_id)
      where c.customer_id is not null order by c.customer_id`,
  );
  const out: (number | null)[] = [];
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    for (const v of chunk.getColumns()[0] as (number | null)[]) out.push(v);
  }
  return out;
}

export interface ValueBasis {
  /** Share of revenue that is gross profit, applied to expected spend. */
  margin: number;
  basis: "gross_profit" | "revenue";
  /** Where the margin comes from, or why CLV is on revenue. */
  reason: string;
}

/**
 * What a unit of expected spend is worth: the configured gross margin; "from data" = gross
 * profit / revenue of the orders' lines with a known cost in the analysis window; and when
 * the exports carry no cost in the window, CLV is expected revenue (margin 1), and says so.
 */
export async function readValueBasis(con: DuckDBConnection, config: Config): Promise<ValueBasis> {
  const configured = config.clv.gross_margin;
  if (typeof configured === "number") return { margin: configured, basis: "gross_profit", reason: `clv.gross_margin = ${configured} (configured)` };
  const [row] = await rows(
    con,
    `select (sum(o.gross_profit) / nullif(sum(o.revenue_with_cost), 0))::DOUBLE as margin,
            count(*) filter (where o.gross_profit is not null)::INTEGER as orders_with_cost,
            w.window_months
       from intermediate.orders o, staging.windows w
      where o.order_date between w.window_start and w.analysis_date
      group by w.window_months`,
  );
  const months = row?.window_months ?? config.analysis.window_months;
  if (!row || row.margin === null || Number(row.orders_with_cost) === 0) {
    return {
      margin: 1,
      basis: "revenue",
      reason: `the exports carry no cost in the ${months} months to the analysis date: CLV is expected revenue, not gross profit (set clv.gross_margin to value it as profit)`,
    };
  }
  const margin = Number(row.margin);
  return { margin, basis: "gross_profit", reason: `gross profit / revenue of the lines with a cost in the ${months} months to the analysis date = ${margin.toFixed(4)}` };
}
