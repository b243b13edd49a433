// Shared by the page data loaders: read-only queries against the warehouse, printed as
// compact JSON on stdout (Framework caches it as the page's file).
// Plain JavaScript run by node, not tsx: a loader starts in 0.5 s instead of 1.6 s.
// Numbers come out as JSON numbers (BIGINT and DECIMAL converted), dates as "YYYY-MM-DD",
// LISTs as arrays.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** The warehouse: KAM_DB, else data/warehouse/kam.duckdb (the same rule as loaders/paths.ts). */
export const warehouseFile = () => path.resolve(process.env.KAM_DB ?? path.join(root, "data/warehouse/kam.duckdb"));

/** Columns the schema marks private (loaders/schema: contacts of customers); never published.
 *  Plain JS cannot import the schema, so test/site/loaders.test.ts checks this list against it. */
export const privateColumns = ["contact_name", "phone", "email", "address"];
const sqlList = (names) => names.map((n) => `'${n}'`).join(", ");
/** `column_name in (…private…)` for queries over rejects. */
export const privateColumnSql = `(${sqlList(privateColumns)})`;

export function toJson(v) {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "bigint") return Number(v);
  if (typeof v.toDouble === "function") return v.toDouble();
  if (Array.isArray(v.items)) return v.items.map(toJson); // LIST
  return String(v);
}

/** Open the warehouse read-only for `fn(run)`, where run(sql, shape) returns rows or columns. */
export async function withWarehouse(fn) {
  // Extensions are never fetched (json and parquet are built in): the same settings as loaders/warehouse/open.ts.
  const instance = await afterTheWriter(() =>
    DuckDBInstance.create(warehouseFile(), {
      access_mode: "READ_ONLY",
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
    }),
  );
  const connection = await instance.connect();
  const run = async (sql, shape = "rows") => {
    const reader = await connection.runAndReadAll(sql);
    if (shape === "columns") {
      return Object.fromEntries(Object.entries(reader.getColumnsObject()).map(([k, vs]) => [k, vs.map(toJson)]));
    }
    return reader.getRowObjects().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, toJson(v)])));
  };
  try {
    return await fn(run);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** While a run (kam build, ingest, transform) writes the warehouse, DuckDB refuses readers: in the
 *  preview, wait for it as loaders/warehouse/open.ts does (KAM_LOCK_WAIT seconds, default 600). */
async function afterTheWriter(create) {
  const s = Number(process.env.KAM_LOCK_WAIT ?? 600);
  const waitMs = Number.isFinite(s) && s >= 0 ? s * 1000 : 600_000;
  const t0 = Date.now();
  for (;;) {
    try {
      return await create();
    } catch (e) {
      if (!/Could not set lock on file/i.test(String(e?.message ?? e)) || Date.now() - t0 >= waitMs) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Run `sql` read-only; return the rows (`shape: "rows"`) or one array per column. */
export const query = (sql, shape = "rows") => withWarehouse((run) => run(sql, shape));

/** The whole loader: query and print. A failure names the warehouse and the query, and exits non-zero. */
export async function emit(sql, shape = "rows") {
  try {
    process.stdout.write(JSON.stringify(await query(sql, shape)));
  } catch (e) {
    console.error(`data loader query failed on ${warehouseFile()}: ${e.message}\n${sql}`);
    process.exit(1);
  }
}
