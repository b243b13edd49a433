// A DuckDB connection for the ingest: bounded memory, no extension ever fetched from the network.
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";

export interface Db {
  con: DuckDBConnection;
  /** Run a statement; returns the number of rows it changed. */
  exec(sql: string, params?: unknown[]): Promise<number>;
  /** Run a query and return its rows as plain JS objects (BIGINT as number). */
  rows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): void;
}

export async function openDb(file: string, memoryLimit = "2GB"): Promise<Db> {
  const instance = await DuckDBInstance.create(file, {
    memory_limit: memoryLimit,
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
  });
  const con = await instance.connect();
  const toJs = (v: unknown): unknown => (typeof v === "bigint" ? Number(v) : v);
  return {
    con,
    async exec(sql, params) {
      const r = await con.run(sql, params as never);
      return r.rowsChanged;
    },
    async rows<T>(sql: string, params?: unknown[]) {
      const r = await con.runAndReadAll(sql, params as never);
      return r.getRowObjectsJS().map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toJs(v)]))) as T[];
    },
    close() {
      con.closeSync();
      instance.closeSync();
    },
  };
}

/** SQL string literal. */
export const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
/** SQL identifier. */
export const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
