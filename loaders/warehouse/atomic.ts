// Build the warehouse beside the old one and swap it in only when every step succeeded,
// so that a crash, a kill or a failed data test leaves the last good warehouse in place.
import fs from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.ts";
import { isProcessAlive } from "../pid.ts";
import { spanSync } from "../bench/profile.ts";

/**
 * Run `build` against a working copy of `target` (a copy of the current warehouse, so that
 * incremental ingest sees what was loaded before; or nothing when there is none yet) and
 * rename it over `target` when `build` resolves and `keep(result)` agrees (default: always).
 * Otherwise (a throw, or a result such as a failed ingest that must not be published) the
 * working copy is removed and `target` is untouched. `build` must close every DuckDB
 * instance on the path it was given.
 */
export async function withNewWarehouse<T>(
  target: string,
  build: (workingPath: string) => Promise<T>,
  opts: { fresh?: boolean; keep?: (result: T) => boolean } = {},
): Promise<T> {
  checkTarget(target);
  removeAbandoned(target);
  const working = `${target}.building-${process.pid}`;
  removeDb(working);
  if (!opts.fresh && fs.existsSync(target)) spanSync("warehouse.copy", () => fs.copyFileSync(target, working));
  try {
    const result = await build(working);
    if (opts.keep && !opts.keep(result)) {
      removeDb(working);
      return result;
    }
    // A closed DuckDB database has no WAL; if one is left, the copy would be incomplete.
    if (fs.existsSync(`${working}.wal`)) throw new Error(`warehouse ${working} was not closed (WAL left behind)`);
    spanSync("warehouse.swap", () => fs.renameSync(working, target));
    return result;
  } catch (e) {
    removeDb(working);
    throw e;
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
    throw new UsageError(`cannot write in the warehouse folder ${dir} (read-only?): the new warehouse is built beside the current one there; choose a folder you can write (--db or KAM_DB)`);
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
  for (const f of [file, `${file}.wal`]) fs.rmSync(f, { force: true });
}

/** Working copies left by runs that were killed (their process is gone) only take disk space. */
export function removeAbandoned(target: string): string[] {
  const dir = path.dirname(target);
  const prefix = `${path.basename(target)}.building-`;
  const removed: string[] = [];
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number.parseInt(name.slice(prefix.length), 10);
    if (Number.isInteger(pid) && isProcessAlive(pid)) continue;
    fs.rmSync(path.join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}
