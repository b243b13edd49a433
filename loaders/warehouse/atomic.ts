// A run builds the next warehouse as a new DuckDB file beside the live one,
// `<warehouse>.building-<pid>`, and renames it over the live one only when everything passed (the
// ingest, the models, the CLV fit, the data tests) and the caller agrees. The live file is only
// read (copied while open read-only, then let go): a failed run, a crash or a
// kill -9 leaves it byte for byte as it was, readable by the page loaders throughout, and the
// killed run's file is removed by the next run (removeAbandoned).
// Why a new file and not one transaction on the live one: DuckDB scans what the current
// transaction wrote on one thread (its rows sit in the transaction's local storage), and the
// models read the ingest's tables and each other's; in the new file every statement commits (the
// ingest is one transaction of its own, loaders/ingest/index.ts), so every scan is parallel.
// 10M order lines, 2 cores: a GROUP BY into a table 4.06 s from the run's own rows, 1.41 s from
// committed ones. The price: the live warehouse is copied (its file; the derived schemas are then
// dropped from the copy when the models are rebuilt anyway), and the disk holds both files until
// the rename.
import fs from "node:fs";
import path from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { UsageError } from "../errors.ts";
import { isProcessAlive } from "../pid.ts";
import { span, spanSync } from "../bench/profile.ts";
import { ident, lit, openDuckDb, whenFree } from "./open.ts";

export interface WarehouseRun {
  /** The file being written (`<warehouse>.building-<pid>`), renamed over the warehouse on success. */
  file: string;
  /** The run's connection (one DuckDB instance per run): every stage uses it; each statement
   * commits unless the stage opens a transaction of its own. */
  con: DuckDBConnection;
  /** A second connection of the same instance, for work that runs beside a transaction of `con`
   * (the ingest's stage files, loaders/ingest/stage_area.ts) or a statement that may fail on a
   * file DuckDB cannot read (a failed statement would end that transaction). */
  side: DuckDBConnection;
}

export interface RunOptions<T> {
  /** Whether a result is kept (default: always); e.g. a failed ingest must not become the warehouse. */
  keep?: (result: T) => boolean;
  memoryLimit?: string;
  /** What of the live warehouse the run starts from: "all" (default), or "sources": only the
   * ingested tables of the main schema, for a run that rebuilds the derived schemas anyway. */
  carry?: "all" | "sources";
}

/**
 * Build the next warehouse for `target` into a new file (starting from a copy of what `target`
 * holds, see `carry`), run `work`, then CHECKPOINT, close and rename it over `target` when `work`
 * resolves and `keep(result)` agrees. Otherwise (a throw, or a result that must not be kept) the
 * new file is removed: `target` holds exactly what it held before.
 */
export async function withWarehouseRun<T>(target: string, work: (run: WarehouseRun) => Promise<T>, opts: RunOptions<T> = {}): Promise<T> {
  checkTarget(target);
  removeAbandoned(target);
  const file = `${target}.building-${process.pid}`;
  removeDb(file);
  let db: RunFile | undefined;
  const close = () => {
    db?.close();
    db = undefined;
  };
  try {
    db = await openRunFile(target, file, opts);
    const side = await db.instance.connect();
    const result = await work({ file, con: db.con, side });
    if (opts.keep && !opts.keep(result)) {
      side.closeSync();
      close();
      removeDb(file);
      return result;
    }
    const { con } = db;
    await span("warehouse.checkpoint", () => con.run("CHECKPOINT"));
    side.closeSync();
    close();
    // A closed DuckDB database has no WAL; if one were left, the rename would lose its part.
    if (fs.existsSync(`${file}.wal`)) throw new Error(`warehouse ${file} was not closed (WAL left behind)`);
    spanSync("warehouse.swap", () => {
      // A WAL the live file had (closed without a checkpoint) was read into this run's file by the
      // carry: left beside the new file, it would be replayed into it.
      fs.rmSync(`${target}.wal`, { force: true });
      fs.renameSync(file, target);
    });
    return result;
  } catch (e) {
    close();
    removeDb(file);
    throw e;
  }
}

/** The schemas DuckDB makes itself in every database. */
const builtinSchemas = ["information_schema", "pg_catalog"];

type RunFile = Awaited<ReturnType<typeof openDuckDb>>;

/**
 * The run's file, open: empty for a first-ever warehouse, else starting from the live one. A live
 * file closed by DuckDB (no WAL beside it, as every run leaves it) is copied as a file; one with a
 * WAL table by table, since the WAL holds part of it.
 */
async function openRunFile(target: string, file: string, opts: Pick<RunOptions<unknown>, "memoryLimit" | "carry">): Promise<RunFile> {
  const open = () => openDuckDb(file, { memoryLimit: opts.memoryLimit });
  if (!fs.existsSync(target)) return open();
  const carry = opts.carry ?? "all";
  return span("warehouse.carry", async () => {
    const asFile = !fs.existsSync(`${target}.wal`);
    if (asFile) await copyLive(target, file);
    const db = await open();
    try {
      if (!asFile) await carryOver(db.con, target, carry);
      else if (carry === "sources") await dropDerived(db.con);
      return db;
    } catch (e) {
      db.close();
      throw e;
    }
  });
}

/**
 * The live warehouse's file copied to `file` (a clone where the file system can make one, else at
 * disk speed), while it is open read-only here: a program writing it in place is waited for, as
 * when it is opened. A 10M-line warehouse (1.2 GB), on a loaded machine: `kam transform`'s carry
 * (the ingested tables, INSERTed into a new file) 21.0 -> 2.1 s; `kam ingest`'s (everything, COPY FROM
 * DATABASE) 66.9 -> 4.8 s, the run 74.2 -> 13.3 s and 1.16 -> 0.25 GB. The copy keeps the live file's
 * free blocks (its size stays put over rebuilds: 1.04, 0.96, 0.96 GB over three `kam transform`s).
 */
async function copyLive(target: string, file: string) {
  const live = await openDuckDb(target, { readOnly: true });
  try {
    fs.copyFileSync(target, file, fs.constants.COPYFILE_FICLONE);
  } finally {
    live.close();
  }
}

/** The derived schemas leave the copy (a run that rebuilds them), their blocks freed for the new ones. */
async function dropDerived(con: DuckDBConnection) {
  const schemas = (await con.runAndReadAll(`SELECT schema_name FROM duckdb_schemas() WHERE database_name = current_database() AND schema_name <> 'main' AND schema_name NOT IN (${builtinSchemas.map(lit).join(", ")})`)).getRows();
  for (const [s] of schemas) await con.run(`DROP SCHEMA ${ident(String(s))} CASCADE`);
  // (a checkpoint makes the dropped blocks free now: the models write into them, not past the file's end)
  if (schemas.length) await con.run("CHECKPOINT");
}

/** Copy what the live warehouse holds into the run's (empty) file: its whole catalog (schemas,
 * tables, views, macros, sequences) and the rows of its tables, in their stored order; with
 * "sources", the derived schemas are left out (dropped again before any row is copied). */
async function carryOver(con: DuckDBConnection, target: string, carry: "all" | "sources") {
  const here = ident(String((await con.runAndReadAll("SELECT current_database()")).getRows()[0][0]));
  // (another program holding the live file for writing is waited for, as when it is opened)
  await whenFree(target, () => con.run(`ATTACH ${lit(target)} AS kam_prev (READ_ONLY)`));
  try {
    if (carry === "all") {
      await con.run(`COPY FROM DATABASE kam_prev TO ${here}`);
      return;
    }
    await con.run(`COPY FROM DATABASE kam_prev TO ${here} (SCHEMA)`);
    await dropDerived(con);
    const tables = (await con.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' ORDER BY table_name`)).getRows();
    for (const [t] of tables) await con.run(`INSERT INTO main.${ident(String(t))} SELECT * FROM kam_prev.main.${ident(String(t))}`);
  } finally {
    await con.run("DETACH kam_prev");
  }
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
