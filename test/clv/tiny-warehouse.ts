// A tiny warehouse per the contract for the CLV tests: 150 simulated customers buying from
// 2023-01 to 2025-06-30 (cost = 70% of the amount), plus hand-made ones with known histories:
// H (same-day orders, a fully returned order), R (returns only), N (a customer who never ordered).
// The CLV model reads the model graph, so tests run the whole runner on it (`runOn`).
import type { DuckDBConnection } from "@duckdb/node-api";
import { warehouseDdl } from "../../loaders/schema/ddl.ts";
import { seededRandom } from "../../loaders/clv/simulate.ts";
import { parseConfig } from "../../loaders/config/index.ts";
import { runModelsOn } from "../../loaders/models/run.ts";

const day0 = Date.UTC(2023, 0, 1) / 86_400_000;
const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

export interface TinyOptions {
  /** Customers differ in spend per purchase (default true); false = one spend distribution for all. */
  spendVaries?: boolean;
  /** Fill the cost column (default true). */
  withCost?: boolean;
  /** Customers never leave (default false): a base where P(alive) can say nothing. */
  noDropout?: boolean;
}

function orderLines({ spendVaries = true, withCost = true, noDropout = false }: TinyOptions): string[] {
  const random = seededRandom(11);
  const rows: string[] = [];
  let order = 0;
  const line = (customer: string, day: number, amount: number, sameOrder = false) => {
    if (!sameOrder) order++;
    const cost = withCost ? String(amount * 0.7) : "NULL";
    rows.push(`('SO${order}', ${rows.length + 1}, DATE '${iso(day)}', '${customer}', 'Name ${customer}', 'P1', 'cat', 1, 'pcs', ${amount}, ${amount}, ${cost}, NULL, 'test', ${rows.length + 1})`);
  };
  for (let i = 0; i < 150; i++) {
    const id = `C${String(i).padStart(4, "0")}`;
    const rate = 0.02 + random() * 0.1; // purchases per day while alive
    const churnAfter = noDropout ? 0 : random() < 0.4 ? 0.3 : 0.05; // dropout probability after each purchase
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
  line("H", h, 300); // a second order the same day: one purchase day worth 800, two purchases
  line("H", h + 14, 200);
  line("H", h + 14, -200, true); // returned in the same order: still a purchase by the models' rule (a line > 0), worth 0
  line("H", h + 20, -50); // a credit note alone: not a purchase
  line("H", h + 28, 400);
  line("R", h, -50); // returns only: no purchase
  return rows;
}

/** Create the contract's tables (empty ones included) and fill order_lines and customers. */
export async function createTinyWarehouse(con: DuckDBConnection, options: TinyOptions = {}): Promise<void> {
  for (const ddl of warehouseDdl()) await con.run(ddl);
  const cols = `order_id, line_no, order_date, customer_id, customer_name, product_id, product_category, quantity, unit, unit_price, amount, cost, discount, source_file, source_row`;
  // line_type as the ingest sets it from the signs.
  await con.run(`insert into order_lines (${cols}, line_type)
    select *, case when quantity < 0 or amount < 0 then 'return' else 'sale' end from (values ${orderLines(options).join(",\n")}) v(${cols})`);
  // Every ordering customer has a record; N never ordered. Regions alternate, H has none.
  await con.run(`insert into customers (customer_id, name, region, industry, source_file, source_row)
    select customer_id, any_value(customer_name), case when customer_id = 'H' then null when hash(customer_id) % 2 = 0 then '华东' else '华北' end,
           'machinery', 'test', 1
      from order_lines group by customer_id
    union all select 'N', 'Never ordered', '华北', 'machinery', 'test', 2`);
}

/** Run the model runner (the CLV model included) with a raw config. */
export async function runOn(con: DuckDBConnection, raw: unknown) {
  return runModelsOn(con, parseConfig(raw));
}
