// Every DuckDB database this project opens goes through here, so that none of them can
// install or autoload an extension from the network (json and parquet are built in) and
// each runs under a memory limit.
import fs from "node:fs";
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
  const create = () =>
    DuckDBInstance.create(file, {
      ...hermeticSettings,
      ...(opts.memoryLimit ? { memory_limit: opts.memoryLimit } : {}),
      ...(opts.readOnly ? { access_mode: "READ_ONLY" } : {}),
    });
  const instance = await whenFree(file, create);
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

export class WarehouseWrittenError extends Error {}

/** DuckDB's refusal while another process holds the file for writing. */
export const isLockConflict = (e: unknown) => /Could not set lock on file/i.test(String((e as Error)?.message ?? e));

/**
 * DuckDB refuses to open a file another process holds for writing, and a writer while a reader
 * has it open. A run never opens the live warehouse for writing (it builds the next one beside it
 * and renames it in, atomic.ts), so kam's own readers and runs do not meet here; another program
 * holding the file, or a run's own file opened by hand, can. Wait, as a second run waits for the
 * lock (KAM_LOCK_WAIT seconds, default 600), saying once whom for (loaders/warehouse/lock.ts
 * writes `<warehouse>.lock`); then say it plainly instead of DuckDB's lock error.
 */
export async function whenFree<T>(file: string, create: () => Promise<T>, log = (l: string) => console.error(l)): Promise<T> {
  const s = Number(process.env.KAM_LOCK_WAIT ?? 600);
  const waitMs = Number.isFinite(s) && s >= 0 ? s * 1000 : 600_000;
  const t0 = Date.now();
  let said = false;
  for (;;) {
    try {
      return await create();
    } catch (e) {
      if (!isLockConflict(e)) throw e;
      const who = writer(file);
      if (Date.now() - t0 >= waitMs)
        throw new WarehouseWrittenError(
          `the warehouse ${file} is in use by ${who}; try again when it has finished` +
            (waitMs ? ` (waited ${Math.round(waitMs / 1000)} s; KAM_LOCK_WAIT sets how long)` : ""),
        );
      if (!said) log(`waiting for ${who} to finish with ${file}`);
      said = true;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

function writer(file: string): string {
  try {
    const h = JSON.parse(fs.readFileSync(`${file}.lock`, "utf8")) as { pid: number; what: string; since: string };
    // our own lock (a run waiting for a reader to close the file) names nobody else
    if (h.pid !== process.pid) return `another run (${h.what}, pid ${h.pid}, since ${h.since})`;
  } catch {
    /* no run holds the lock: a reader, or a program outside kam */
  }
  return "another process";
}
