// The rejects as files for analysts: one CSV per source and table (UTF-8 with BOM so that Excel
// shows the Chinese), written from the warehouse's ingest_rejects in one go and swapped in as a
// folder, so the folder always matches a warehouse that was kept: a failed or killed run leaves
// the previous files, a source that left the config leaves its file.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { isProcessAlive } from "../pid.ts";
import { openDb, type Db } from "./duck.ts";
import { lit } from "./duck.ts";

/** File name for each source key: `<table>.<file name>.rejects.csv`; two sources with the same file
 * name (a/orders.csv, b/orders.csv) get a short hash of their path each, so neither overwrites the other. */
export function rejectsNaming(keys: Iterable<string>): (key: string, table: string) => string {
  const byBase = new Map<string, Set<string>>();
  for (const k of keys) {
    const b = path.basename(k);
    byBase.set(b, (byBase.get(b) ?? new Set()).add(k));
  }
  return (key, table) => {
    const base = path.basename(key);
    const clash = (byBase.get(base)?.size ?? 0) > 1;
    const tag = clash ? `.${crypto.createHash("sha256").update(key).digest("hex").slice(0, 8)}` : "";
    return `${table}.${base}${tag}.rejects.csv`;
  };
}

/** Keys the naming must know: every source the warehouse records. */
export const recordedKeys = async (db: Db) => (await db.rows<{ path: string }>(`SELECT DISTINCT path FROM ingest_files`)).map((r) => r.path);

// As the site's CSV downloads do (src/components/csv.js): a cell starting with = + - @ or a
// tab/CR is prefixed with ' so that a spreadsheet shows it instead of running it.
const safe = (col: string) => `CASE WHEN regexp_matches(${col}, '^[=+\\-@\\t\\r]') THEN '''' || ${col} ELSE ${col} END AS ${col}`;

/** Write every source's rejects into `dir`, replacing the folder as a whole. */
export async function writeRejectsFiles(db: Db, dir: string, naming: (key: string, table: string) => string): Promise<string[]> {
  removeAbandonedFolders(dir);
  const groups = await db.rows<{ source_file: string; table_name: string }>(
    `SELECT DISTINCT source_file, table_name FROM ingest_rejects ORDER BY 1, 2`,
  );
  const work = `${dir}.building-${process.pid}`;
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const written: string[] = [];
  try {
    for (const g of groups) {
      const name = naming(g.source_file, g.table_name);
      const tmp = path.join(work, `${name}.tmp`);
      await db.exec(
        `COPY (SELECT ${safe("source_file")}, table_name, row_number, ${safe("column_name")}, ${safe("raw_value")}, ${safe("reason")} FROM ingest_rejects
               WHERE source_file = ${lit(g.source_file)} AND table_name = ${lit(g.table_name)} ORDER BY row_number, column_name)
         TO ${lit(tmp)} (FORMAT csv, HEADER)`,
      );
      fs.writeFileSync(path.join(work, name), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(tmp)]));
      fs.rmSync(tmp);
      written.push(path.join(dir, name));
    }
    swapFolder(work, dir);
  } catch (e) {
    fs.rmSync(work, { recursive: true, force: true });
    throw e;
  }
  return written;
}

/** Where a failed run leaves the rejects it found (`<dir>-failed`, beside the kept warehouse's):
 * the rows that stopped it can be read, and `dir` still matches the warehouse that was kept. */
export const failedRejectsDir = (dir: string) => path.join(path.dirname(dir), `${path.basename(dir)}-failed`);

/** After the warehouse `dbFile` was kept: its rejects as files in `dir` (and a failed run's are gone). */
export async function publishRejectsFiles(dbFile: string, dir: string): Promise<void> {
  const db = await openDb(dbFile, undefined, { readOnly: true });
  try {
    await writeRejectsFiles(db, dir, rejectsNaming(await recordedKeys(db)));
  } finally {
    db.close();
  }
  fs.rmSync(failedRejectsDir(dir), { recursive: true, force: true });
}

function swapFolder(work: string, dir: string) {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const old = `${dir}.old-${process.pid}`;
  fs.rmSync(old, { recursive: true, force: true });
  if (fs.existsSync(dir)) fs.renameSync(dir, old);
  fs.renameSync(work, dir);
  fs.rmSync(old, { recursive: true, force: true });
}

/** Working folders of runs that were killed (their process is gone). */
function removeAbandonedFolders(dir: string) {
  const parent = path.dirname(dir);
  if (!fs.existsSync(parent)) return;
  for (const name of fs.readdirSync(parent)) {
    const m = name.startsWith(`${path.basename(dir)}.`) ? /\.(building|old)-(\d+)$/.exec(name) : null;
    if (!m || isProcessAlive(Number(m[2]))) continue;
    // killed between the two renames of swapFolder: the previous folder is the live one
    if (m[1] === "old" && !fs.existsSync(dir)) fs.renameSync(path.join(parent, name), dir);
    else fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}
