// A DuckDB connection for the ingest: bounded memory, no extension ever fetched from the network.
import type { DuckDBConnection } from "@duckdb/node-api";
import { openDuckDb } from "../warehouse/open.ts";
import { DEFAULT_MEMORY_LIMIT } from "../config/common.ts";

export interface Db {
  con: DuckDBConnection;
  /** Run a statement; returns the number of rows it changed. */
  exec(sql: string, params?: unknown[]): Promise<number>;
  /** Run a query and return its rows as plain JS objects (BIGINT as number). */
  rows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** `rows` for a query that may fail on a file DuckDB cannot read: outside the run's
   * transaction when there is one (a failed statement would end it). */
  probe<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  close(): void;
}

export async function openDb(file: string, memoryLimit = DEFAULT_MEMORY_LIMIT, opts: { readOnly?: boolean } = {}): Promise<Db> {
  const { con, close } = await openDuckDb(file, { memoryLimit, readOnly: opts.readOnly });
  return ingestDb(con, close);
}

/** The ingest's settings on a connection someone else opened (a run's one connection,
 * loaders/warehouse/atomic.ts); `close` is theirs to give (default: closing is left to them). */
export async function ingestDb(con: DuckDBConnection, close: () => void = () => {}, side: DuckDBConnection = con): Promise<Db> {
  // Common-subexpression elimination would hoist the slow parsing paths (regexes) out of their
  // COALESCE/CASE and run them on every row; without it they run only where the cast failed.
  await con.run(`SET disabled_optimizers = 'common_subexpressions'`);
  // CSV row numbers come from the order rows are stored in (the default, set here because the
  // ingest relies on it): a CREATE TABLE ... AS SELECT FROM read_csv keeps the file's order.
  await con.run(`SET preserve_insertion_order = true`);
  // Track query progress (polled for the progress bar) without DuckDB printing its own.
  await con.run(`SET enable_progress_bar = true`);
  await con.run(`SET enable_progress_bar_print = false`);
  const toJs = (v: unknown): unknown => (typeof v === "bigint" ? Number(v) : v);
  // KAM_INGEST_PROFILE=1 prints every statement's time on stderr (for the benchmark).
  const profile = process.env.KAM_INGEST_PROFILE
    ? async <T>(sql: string, f: () => Promise<T>) => {
        const t0 = performance.now();
        const r = await f();
        console.error(`[sql ${((performance.now() - t0) / 1000).toFixed(2)} s] ${sql.replace(/\s+/g, " ").slice(0, 100)}`);
        return r;
      }
    : <T>(_sql: string, f: () => Promise<T>) => f();
  return {
    con,
    async exec(sql, params) {
      const r = await profile(sql, () => con.run(sql, params as never));
      return r.rowsChanged;
    },
    async rows<T>(sql: string, params?: unknown[]) {
      const r = await profile(sql, () => con.runAndReadAll(sql, params as never));
      return r.getRowObjectsJS().map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toJs(v)]))) as T[];
    },
    async probe<T>(sql: string) {
      const r = await side.runAndReadAll(sql);
      return r.getRowObjectsJS().map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toJs(v)]))) as T[];
    },
    close,
  };
}

export { ident, lit } from "../warehouse/open.ts";
