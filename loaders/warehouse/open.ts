// Every DuckDB database this project opens goes through here, so that none of them can
// install or autoload an extension from the network (json and parquet are built in) and
// each runs under a memory limit.
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";

export interface OpenOptions {
  /** DuckDB memory_limit, e.g. "1.5GB". */
  memoryLimit?: string;
  readOnly?: boolean;
}

export const hermeticSettings = {
  autoinstall_known_extensions: "false",
  autoload_known_extensions: "false",
} as const;

export async function openDuckDb(file: string, opts: OpenOptions = {}): Promise<{ instance: DuckDBInstance; con: DuckDBConnection; close(): void }> {
  const instance = await DuckDBInstance.create(file, {
    ...hermeticSettings,
    ...(opts.memoryLimit ? { memory_limit: opts.memoryLimit } : {}),
    ...(opts.readOnly ? { access_mode: "READ_ONLY" } : {}),
  });
  const con = await instance.connect();
  return {
    instance,
    con,
    close() {
      con.closeSync();
      instance.closeSync();
    },
  };
}

/** Open `file`, run `work` on a connection, and always close it again. */
export async function withDuckDb<T>(file: string, opts: OpenOptions, work: (con: DuckDBConnection) => Promise<T>): Promise<T> {
  const db = await openDuckDb(file, opts);
  try {
    return await work(db.con);
  } finally {
    db.close();
  }
}

/** SQL string literal. */
export const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
/** SQL identifier. */
export const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
