// A tiny warehouse per the contract for the CLV tests: 150 simulated customers buying from
// 2023-01 to 2025-06-30 (cost = 70% of the amount), plus hand-made ones with known histories:
// H (same-day lines, a fully returned day), R (returns only), N (a customer who never ordered).
import type { DuckDBConnection } from "@duckdb/node-api";
import { createTableSql } from "../../loaders/schema/ddl.ts";
import { seededRandom } from "../../loaders/clv/simulate.ts";

const day0 = Date.UTC(2023, 0, 1) / 86_400_000;
const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

export interface TinyOptions {
  /** Customers differ in spend per purchase (default true); false = one spend distribution for all. */
  spendVaries?: boolean;
  /** Fill the cost column (default true). */
  withCost?: boolean;
}

function orderLines({ spendVaries = true, withCost = true }: TinyOptions): string[] {
  const random = seededRandom(11);
  const rows: string[] = [];
  let order = 0;
  const line = (customer: string, day: number, amount: number) => {
    order++;
    const cost = withCost ? String(amount * 0.7) : "NULL";
    rows.push(`('SO${order}', 1, DATE '${iso(day)}', '${customer}', 'Name ${customer}', 'P1', 'cat', 1, 'pcs', ${amount}, ${amount}, ${cost}, NULL, 'test', ${order})`);
  };
  for (let i = 0; i < 150; i++) {
    const id = `C${String(i).padStart(4, "0")}`;
    const rate = 0.02 + random() * 0.1; // purchases per day while alive
    const churnAfter = random() < 0.4 ? 0.3 : 0.05; // dropout probability after each purchase
    const typical = spendVaries ? 200 + random() * 1800 : 1000; // spend per purchase differs by customer
    const amount = () => Math.round(typical * (0.5 + random()));
    let day = day0 + Math.floor(random() * 365);
    line(id, day, amount());
    for (;;) {
      day += Math.max(1, Math.round(-Math.log(random()) / rate));
      if (day > day0 + 911) break; // 2025-06-30
      line(id, day, amount());
      if (random() < churnAfter) break;
    }
  }
  const h = Date.UTC(2025, 0, 1) / 86_400_000;
  line("H", h, 500);
  line("H", h, 300); // same day: one purchase of 800
  line("H", h + 14, 200);
  line("H", h + 14, -200); // returned the same day: not a purchase
  line("H", h + 28, 400);
  line("R", h, -50); // returns only: no purchase
  return rows;
}

/** Create main.order_lines and main.customers (contract DDL) and a stand-in marts.rfm_customers. */
export async function createTinyWarehouse(con: DuckDBConnection, options: TinyOptions = {}): Promise<void> {
  await con.run(createTableSql("order_lines"));
  await con.run(createTableSql("customers"));
  const cols = `order_id, line_no, order_date, customer_id, customer_name, product_id, product_category, quantity, unit, unit_price, amount, cost, discount, source_file, source_row`;
  await con.run(`insert into order_lines (${cols}) values ${orderLines(options).join(",\n")}`);
  // Every ordering customer has a record; N never ordered. Regions alternate, H has none.
  await con.run(`insert into customers (customer_id, name, region, industry, source_file, source_row)
    select customer_id, any_value(customer_name), case when customer_id = 'H' then null when hash(customer_id) % 2 = 0 then '华东' else '华北' end,
           'machinery', 'test', 1
      from order_lines group by customer_id
    union all select 'N', 'Never ordered', '华北', 'machinery', 'test', 2`);
  // A stand-in for the SQL engineer's RFM mart; no ABC mart, so that grouping is skipped.
  await con.run(`create schema if not exists marts`);
  await con.run(`create table marts.rfm_customers as select customer_id, case when customer_id < 'C0075' then 'champions' else 'lost' end as segment from customers where customer_id <> 'N'`);
}
