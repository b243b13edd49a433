// Shared by the page data loaders: run ONE read-only query against the warehouse and
// print the result as compact JSON on stdout (Framework caches it as the page's file).
// Numbers come out as JSON numbers (BIGINT and DECIMAL converted), dates as "YYYY-MM-DD".
import { DuckDBInstance, type DuckDBValue } from "@duckdb/node-api";
import { warehouseFile } from "../../loaders/paths.ts";

type Json = string | number | boolean | null;

function toJson(v: DuckDBValue): Json | Json[] {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "bigint") return Number(v);
  const o = v as { toDouble?: () => number; items?: DuckDBValue[] };
  if (typeof o.toDouble === "function") return o.toDouble();
  if (Array.isArray(o.items)) return o.items.map((x) => toJson(x) as Json); // LIST: one level
  return String(v);
}

/** Run `sql` read-only; return the rows (`shape: "rows"`) or one array per column. */
export async function query(sql: string, shape: "rows" | "columns" = "rows"): Promise<unknown> {
  const instance = await DuckDBInstance.create(warehouseFile(), { access_mode: "READ_ONLY" });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    if (shape === "columns") {
      const cols = reader.getColumnsObject();
      return Object.fromEntries(Object.entries(cols).map(([k, vs]) => [k, vs.map(toJson)]));
    }
    return reader.getRowObjects().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, toJson(v)])));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The whole loader: query and print. A failure names the query and exits non-zero. */
export async function emit(sql: string, shape: "rows" | "columns" = "rows"): Promise<void> {
  try {
    process.stdout.write(JSON.stringify(await query(sql, shape)));
  } catch (e) {
    console.error(`data loader query failed on ${warehouseFile()}: ${(e as Error).message}\n${sql}`);
    process.exit(1);
  }
}
