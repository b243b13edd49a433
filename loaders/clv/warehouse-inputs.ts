// What the CLV model reads from the model graph (declared in model.ts, so the runner builds
// them first): the analysis date and window (staging.params, staging.windows), the customers
// (staging.customers) and the purchases as the models define them (intermediate.orders:
// an order is a purchase when `is_purchase`). Dates travel as day numbers (days since
// 1970-01-01) so that no time zone is involved.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Config } from "../config/index.ts";
import { summariseCustomer, type CustomerSummary } from "./summary.ts";

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
  /** The RFM summary to `calibrationEnd` with the holdout to `holdoutEnd` (summary.ts). */
  calibration: CustomerSummary[];
  /** The RFM summary of the whole history to the analysis date. */
  full: CustomerSummary[];
  /** Purchases (orders with is_purchase) per customer, as the models count them. */
  purchases: Map<string, number>;
}

/**
 * The RFM summaries of the purchase days to the analysis date. A day is a purchase day when the
 * customer placed at least one purchase (an order of intermediate.orders with is_purchase) on
 * it: the models' one definition of a purchase. BG/NBD counts purchase occasions, so a
 * customer's purchases on one calendar day are one transaction (as Fader & Hardie do with
 * CDNOW); its value is the day's net revenue over all its orders (a credit note booked the same
 * day reduces it). The days are streamed in customer and day order and summarised one customer
 * at a time: memory holds one customer's days and the summaries (one row per customer), not
 * every purchase day of the warehouse (millions at 100M order lines).
 */
export async function readPurchaseSummaries(
  con: DuckDBConnection,
  { calibrationEnd, analysisDay, daysPerUnit }: { calibrationEnd: number; analysisDay: number; daysPerUnit: number },
): Promise<PurchaseSummaries> {
  const result = await con.stream(
    `select customer_id, ${DAY("order_date")} as day, sum(revenue)::DOUBLE as value,
            count(*) filter (where is_purchase)::INTEGER as purchases
       from intermediate.orders
      group by customer_id, order_date
     having bool_or(is_purchase)
      order by customer_id, day`,
  );
  const out: PurchaseSummaries = { calibration: [], full: [], purchases: new Map() };
  let customer: string | null = null;
  let days: [number, number][] = [];
  let bought = 0;
  const flush = () => {
    if (customer === null) return;
    out.purchases.set(customer, bought);
    const c = summariseCustomer(customer, days, calibrationEnd, analysisDay, daysPerUnit);
    if (c) out.calibration.push(c);
    const f = summariseCustomer(customer, days, analysisDay, analysisDay, daysPerUnit);
    if (f) out.full.push(f);
  };
  for await (const rows of result.yieldRowsJs()) {
    for (const [id, day, value, purchases] of rows as [string, number, number, number][]) {
      if (id !== customer) {
        flush();
        customer = id;
        days = [];
        bought = 0;
      }
      days.push([day, value]);
      bought += purchases;
    }
  }
  flush();
  return out;
}

/** Every customer the models know (staging.customers), sorted by id, with its name. */
export async function readCustomers(con: DuckDBConnection): Promise<{ customerId: string; name: string | null }[]> {
  const found = await rows(con, `select customer_id, customer_name from staging.customers where customer_id is not null order by customer_id`);
  return found.map((r) => ({ customerId: String(r.customer_id), name: r.customer_name === null ? null : String(r.customer_name) }));
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
