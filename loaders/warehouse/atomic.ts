// A run changes the warehouse as one DuckDB transaction on the warehouse itself: BEGIN, the
// ingest, the models, the CLV fit and the data tests, then COMMIT only when everything passed
// (and the caller agrees), ROLLBACK otherwise. Until COMMIT DuckDB publishes nothing: a crash,
// a kill -9 or a failed data test leaves the last committed warehouse readable and unchanged
// (what a killed run had written ahead sits in blocks the file's header does not reference, and
// the next checkpoint reuses them). No copy of the warehouse, no second file of its size.
// A first-ever run (no warehouse yet) builds into a file beside it and renames it in, so that a
// killed first run leaves no half-built warehouse either.
import fs from "node:fs";
import path from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { UsageError } from "../errors.ts";
import { isProcessAlive } from "../pid.ts";
import { span, spanSync } from "../bench/profile.ts";
import { openDuckDb } from "./open.ts";

export interface WarehouseRun {
  /** The file being written: the warehouse itself, or for a first-ever run the file beside it. */
  file: string;
  /** The run's one connection (one DuckDB instance per run): every stage uses it. */
  con: DuckDBConnection;
  /** A second connection of the same instance, outside the transaction, for a statement that may
   * fail on a file DuckDB cannot read (a failed statement would end the run's transaction). */
  side: DuckDBConnection;
}

/**
 * Open `target` once (DuckDB's file lock keeps every other process out until it is closed),
 * BEGIN, run `work`, and COMMIT when it resolves and `keep(result)` agrees (default: always),
 * then CHECKPOINT so no WAL is left. Otherwise (a throw, or a result such as a failed ingest that
 * must not be published) ROLLBACK: `target` holds exactly what it held before.
 */
export async function withWarehouseTransaction<T>(
  target: string,
  work: (run: WarehouseRun) => Promise<T>,
  opts: { keep?: (result: T) => boolean; memoryLimit?: string } = {},
): Promise<T> {
  checkTarget(target);
  removeAbandoned(target);
  const first = !fs.existsSync(target);
  const file = first ? `${target}.building-${process.pid}` : target;
  if (first) removeDb(file);
  const db = await openDuckDb(file, { memoryLimit: opts.memoryLimit });
  let open = true;
  const close = () => {
    if (open) db.close();
    open = false;
  };
  try {
    const side = await db.instance.connect();
    await db.con.run("BEGIN TRANSACTION");
    let result: T;
    try {
      result = await work({ file, con: db.con, side });
    } catch (e) {
      await rollback(db.con);
      throw e;
    }
    if (opts.keep && !opts.keep(result)) {
      await rollback(db.con);
      close();
      if (first) removeDb(file);
      return result;
    }
    await span("warehouse.commit", () => db.con.run("COMMIT"));
    await span("warehouse.checkpoint", () => db.con.run("CHECKPOINT"));
    side.closeSync();
    close();
    // A closed DuckDB database has no WAL; if one were left, the rename would lose its part.
    if (fs.existsSync(`${file}.wal`)) throw new Error(`warehouse ${file} was not closed (WAL left behind)`);
    if (first) spanSync("warehouse.swap", () => fs.renameSync(file, target));
    return result;
  } catch (e) {
    close();
    if (first) removeDb(file);
    throw e;
  }
}

async function rollback(con: DuckDBConnection) {
  // An error inside DuckDB may have ended the transaction already.
  await con.run("ROLLBACK").catch(() => {});
}

/** The warehouse path must name a DuckDB file (or nothing yet) in a folder this process can write:
 * said plainly here, instead of a DuckDB or file system error about the working copy. */
export function checkTarget(target: string) {
  if (fs.existsSync(target)) {
    const st = fs.statSync(target);
    if (st.isDirectory()) throw new UsageError(`the warehouse ${target} is a folder: give the warehouse's file, e.g. ${path.join(target, "kam.duckdb")} (--db or KAM_DB)`);
    if (!isDuckDbFile(target))
      throw new UsageError(`${target} is not a DuckDB database (its first bytes say otherwise): move it away or give another warehouse file (--db or KAM_DB)`);
  }
  const dir = path.dirname(target);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError(`cannot create the warehouse folder ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): choose a folder you can write (--db or KAM_DB)`);
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new UsageError(`cannot write in the warehouse folder ${dir} (read-only?): a run writes the warehouse there, and DuckDB its journal (WAL) and spill files beside it; choose a folder you can write (--db or KAM_DB)`);
  }
}

/** A DuckDB database file: "DUCK" at byte 8 (an empty file is one DuckDB has not written yet). */
export function isDuckDbFile(file: string): boolean {
  const fd = fs.openSync(file, "r");
  try {
    const b = Buffer.alloc(12);
    const n = fs.readSync(fd, b, 0, 12, 0);
    return n === 0 || (n === 12 && b.subarray(8, 12).toString("latin1") === "DUCK");
  } finally {
    fs.closeSync(fd);
  }
}

function removeDb(file: string) {
  // (`.tmp` is DuckDB's spill folder beside a database file)
  for (const f of [file, `${file}.wal`, `${file}.tmp`]) fs.rmSync(f, { force: true, recursive: true });
}

/** Working copies and stage files (loaders/ingest/stage_area.ts) left by runs that were killed
 * (their process is gone) only take disk space. */
export function removeAbandoned(target: string): string[] {
  const dir = path.dirname(target);
  const base = path.basename(target);
  const removed: string[] = [];
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const prefix = [`${base}.building-`, `${base}.stage-`].find((p) => name.startsWith(p));
    if (!prefix) continue;
    const pid = Number.parseInt(name.slice(prefix.length), 10);
    if (Number.isInteger(pid) && isProcessAlive(pid)) continue;
    fs.rmSync(path.join(dir, name), { force: true, recursive: true }); // its WAL and spill folder too
    removed.push(name);
  }
  return removed;
}
