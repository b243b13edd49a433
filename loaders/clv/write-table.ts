// Write rows computed in TypeScript into a (re)created DuckDB table with an appender. The rows
// may come from a generator: they are appended as they come, never all held at once.
import { DuckDBDateValue, type DuckDBConnection } from "@duckdb/node-api";

export type ColumnType = "VARCHAR" | "DOUBLE" | "INTEGER" | "BOOLEAN" | "DATE";
/** A DATE cell is a day number (days since 1970-01-01). Non-finite numbers become NULL. */
export type Cell = string | number | boolean | null;

/** `schema` "temp": a temporary table (gone when the connection closes). */
export async function writeTable(
  con: DuckDBConnection,
  schema: string,
  table: string,
  columns: [name: string, type: ColumnType][],
  rows: Iterable<Cell[]>,
): Promise<void> {
  const temp = schema === "temp";
  if (!temp) await con.run(`create schema if not exists ${schema}`);
  await con.run(`create or replace ${temp ? "temp " : ""}table ${schema}.${table} (${columns.map(([n, t]) => `"${n}" ${t}`).join(", ")})`);
  const appender = temp ? await con.createAppender(table, "main", "temp") : await con.createAppender(table, schema);
  try {
    for (const row of rows) {
      columns.forEach(([name, type], i) => {
        const v = row[i];
        if (v === null || (typeof v === "number" && !Number.isFinite(v))) return appender.appendNull();
        if (type === "VARCHAR" && typeof v === "string") return appender.appendVarchar(v);
        if (type === "DOUBLE" && typeof v === "number") return appender.appendDouble(v);
        if (type === "INTEGER" && typeof v === "number") return appender.appendInteger(v);
        if (type === "BOOLEAN" && typeof v === "boolean") return appender.appendBoolean(v);
        if (type === "DATE" && typeof v === "number") return appender.appendDate(new DuckDBDateValue(v));
        throw new TypeError(`${schema}.${table}.${name}: cannot write ${typeof v} ${String(v)} as ${type}`);
      });
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
