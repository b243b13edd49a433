// Build the warehouse beside the old one and swap it in only when every step succeeded,
// so that a crash, a kill or a failed data test leaves the last good warehouse in place.
import fs from "node:fs";
import path from "node:path";
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
  fs.mkdirSync(path.dirname(target), { recursive: true });
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
