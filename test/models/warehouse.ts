// Small in-memory warehouses for the model tests: the canonical tables (DDL from the schema),
// filled with hand-written rows, then the models run over them.
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { warehouseDdl } from "../../loaders/schema/ddl.ts";
import { parseConfig } from "../../loaders/config/index.ts";
import { runModelsOn } from "../../loaders/models/run.ts";

export type Line = [order_id: string, order_date: string, customer_id: string, amount: number, cost?: number | null, quantity?: number, discount?: number | null, line_type?: "sale" | "return" | "non_product"];

export interface Fixture {
  lines: Line[];
  customers?: { id: string; name?: string; sales_rep?: string; region?: string; industry?: string; credit_rating?: string; industry_influence?: number }[];
  payments?: [customer_id: string, payment_date: string, amount: number, invoice_ref: string | null, due_date: string | null][];
  visits?: [customer_id: string, visit_date: string, cost: number, visit_type?: string, hours?: number][];
  claims?: [customer_id: string, claim_date: string, amount: number][];
  analysis?: Record<string, unknown>;
}

export async function openWarehouse(): Promise<{ con: DuckDBConnection; close: () => void }> {
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  for (const ddl of warehouseDdl()) await con.run(ddl);
  return { con, close: () => (con.closeSync(), instance.closeSync()) };
}

export async function load(con: DuckDBConnection, f: Fixture): Promise<void> {
  const lineNo = new Map<string, number>();
  for (const [order_id, date, customer, amount, cost = null, quantity = 1, discount = null, lineType = null] of f.lines) {
    const n = (lineNo.get(order_id) ?? 0) + 1;
    lineNo.set(order_id, n);
    await con.run(
      `insert into order_lines (order_id, line_no, order_date, customer_id, customer_name, product_id, product_category,
         quantity, unit, unit_price, amount, cost, discount, line_type, source_file, source_row)
       values ($1, $2, $3::DATE, $4, $5, 'P1', 'roll', $6, 't', 1, $7, $8::DOUBLE, $9::DOUBLE,
               coalesce($10, CASE WHEN $6::DOUBLE < 0 OR $7::DOUBLE < 0 THEN 'return' ELSE 'sale' END), 'fixture', $2)`,
      [order_id, n, date, customer, `name ${customer}`, quantity, amount, cost, discount, lineType],
    );
  }
  for (const c of f.customers ?? []) {
    await con.run(`insert into customers (customer_id, name, sales_rep, region, industry, credit_rating, industry_influence, source_file, source_row)
                   values ($1, $2, $3, $4, $5, $6, $7, 'fixture', 1)`, [
      c.id, c.name ?? `name ${c.id}`, c.sales_rep ?? null, c.region ?? null, c.industry ?? null, c.credit_rating ?? null, c.industry_influence ?? null,
    ]);
  }
  for (const [customer, date, amount, ref, due] of f.payments ?? []) {
    await con.run(`insert into payments (customer_id, payment_date, amount, invoice_ref, due_date, source_file, source_row)
                   values ($1, $2::DATE, $3, $4, $5::DATE, 'fixture', 1)`, [customer, date, amount, ref, due]);
  }
  for (const [customer, date, cost, type = "business", hours = 1] of f.visits ?? []) {
    await con.run(`insert into visits (customer_id, visit_date, visit_type, hours, cost, source_file, source_row)
                   values ($1, $2::DATE, $4, $5, $3, 'fixture', 1)`, [customer, date, cost, type, hours]);
  }
  for (const [customer, date, amount] of f.claims ?? []) {
    await con.run(`insert into quality_claims (customer_id, claim_date, amount, source_file, source_row)
                   values ($1, $2::DATE, $3, 'fixture', 1)`, [customer, date, amount]);
  }
}

/** Build a fixture and run every model and data test over it. */
export async function modelled(f: Fixture) {
  const w = await openWarehouse();
  await load(w.con, f);
  await runModelsOn(w.con, parseConfig({ analysis: f.analysis ?? {} }));
  const rows = async (sql: string) => toNumbers((await w.con.runAndReadAll(sql)).getRowObjectsJS());
  return { ...w, rows };
}

/** Counts come back as BigInt; the tests compare plain numbers. */
export function toNumbers(rows: Record<string, unknown>[]): Record<string, any>[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));
}
