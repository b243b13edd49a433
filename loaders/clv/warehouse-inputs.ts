// What the CLV marts read from the warehouse: the analysis and calibration dates, the net
// value per customer and day, every customer id with its name, and the gross margin.
// Dates travel as day numbers (days since 1970-01-01) so that no time zone is involved.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Config } from "../config/index.ts";
import type { Transaction } from "./summary.ts";

export class ClvInputError extends Error {}

export interface ClvDates {
  analysisDay: number;
  /** Last day of the calibration window (= analysisDay when there is no holdout). */
  calibrationEndDay: number;
}

async function rows(con: DuckDBConnection, sql: string, values: (string | number)[] = []) {
  return (await con.runAndReadAll(sql, values)).getRowObjectsJS();
}

const DAY = `date_diff('day', DATE '1970-01-01', d)::INTEGER`;

/** Analysis date (config or last order date) and the calibration end `holdout_months` before it. */
export async function readDates(con: DuckDBConnection, config: Config): Promise<ClvDates> {
  const given = config.analysis.analysis_date;
  const [row] = await rows(
    con,
    `with a as (select ${given ? "CAST(? AS DATE)" : "(select max(order_date) from main.order_lines)"} as d),
          c as (select CAST(d - to_months(CAST(? AS INTEGER)) AS DATE) as d from a)
     select (select ${DAY} from a) as analysis_day, (select ${DAY} from c) as calibration_end_day`,
    given ? [given, config.clv.holdout_months] : [config.clv.holdout_months],
  );
  if (row.analysis_day === null) throw new ClvInputError("main.order_lines has no orders: no customer lifetime value to compute");
  return { analysisDay: Number(row.analysis_day), calibrationEndDay: Number(row.calibration_end_day) };
}

/** Net amount per customer and day up to the analysis date (returns reduce the day's value). */
export async function readCustomerDays(con: DuckDBConnection, analysisDay: number): Promise<Transaction[]> {
  const reader = await con.runAndReadAll(
    `select customer_id, date_diff('day', DATE '1970-01-01', order_date)::INTEGER as day, sum(amount)::DOUBLE as value
       from main.order_lines
      where order_date <= DATE '1970-01-01' + CAST(? AS INTEGER) and amount is not null
      group by customer_id, order_date
      order by customer_id, day`,
    [analysisDay],
  );
  const cols = reader.getColumnsObjectJS() as { customer_id: string[]; day: number[]; value: number[] };
  return cols.customer_id.map((customerId, i) => ({ customerId, day: cols.day[i], value: cols.value[i] }));
}

/** Every customer (customer export and orders), sorted by id, with a display name. */
export async function readCustomers(con: DuckDBConnection): Promise<{ customerId: string; name: string | null }[]> {
  const found = await rows(
    con,
    `with names as (
       select customer_id, name as customer_name, 1 as priority from main.customers
       union all
       select customer_id, customer_name, 2 from main.order_lines
     )
     -- the export's name, else the smallest name on the orders (as staging.customers does):
     -- arg_min over the priority alone would pick any of a customer's order names
     select customer_id,
            coalesce(min(customer_name) filter (where priority = 1), min(customer_name) filter (where priority = 2)) as customer_name
       from names where customer_id is not null
      group by customer_id order by customer_id`,
  );
  return found.map((r) => ({ customerId: String(r.customer_id), name: r.customer_name === null ? null : String(r.customer_name) }));
}

/**
 * Gross margin for the CLV: the configured share, or "from data" = (revenue - cost) / revenue
 * over the order lines with a known cost in the analysis window.
 */
export async function readGrossMargin(con: DuckDBConnection, config: Config, analysisDay: number): Promise<number> {
  const configured = config.clv.gross_margin;
  if (typeof configured === "number") return configured;
  const [row] = await rows(
    con,
    `with a as (select DATE '1970-01-01' + CAST(? AS INTEGER) as d)
     select sum(amount - cost) / nullif(sum(amount), 0) as margin, count(*) as lines
       from main.order_lines, a
      where cost is not null and order_date <= a.d and order_date > a.d - to_months(CAST(? AS INTEGER))`,
    [analysisDay, config.analysis.window_months],
  );
  const margin = row.margin === null ? Number.NaN : Number(row.margin);
  if (!(margin > 0 && margin <= 1)) {
    throw new ClvInputError(
      `clv.gross_margin is "from data" but the ${config.analysis.window_months} months to the analysis date give ` +
        `${Number(row.lines) === 0 ? "no order line with a cost" : `a margin of ${margin}`}; ` +
        `set clv.gross_margin in the config to a share between 0 and 1 (e.g. 0.3)`,
    );
  }
  return margin;
}

/** Whether a table with that column exists, for the optional equity groupings. */
export async function columnExists(con: DuckDBConnection, schema: string, table: string, column: string): Promise<boolean> {
  const found = await rows(
    con,
    `select 1 from information_schema.columns where table_schema = ? and table_name = ? and column_name = ?`,
    [schema, table, column],
  );
  return found.length > 0;
}
