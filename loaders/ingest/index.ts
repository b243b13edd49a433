// ingestSources: every configured (or given) export into the canonical tables of the DuckDB
// file it is handed. The caller builds that file beside the live warehouse and swaps it in
// (loaders/warehouse/atomic.ts), so a failed run changes nothing anyone reads.
import fs from "node:fs";
import path from "node:path";
import type { Config } from "../config/index.ts";
import { rejectsDir as defaultRejectsDir } from "../paths.ts";
import { deriveCustomers } from "./derive_customers.ts";
import { ingestDb, lit } from "./duck.ts";
import { openDuckDb } from "../warehouse/open.ts";
import { dropLeftoverStages, stageArea } from "./stage_area.ts";
import type { DuckDBConnection } from "@duckdb/node-api";
import { UnusableFileError } from "./errors.ts";
import { ingestFile } from "./ingest_file.ts";
import { ensureSchema, pruneOtherTables, pruneSources } from "./reconcile.ts";
import { removeDecodeLitter } from "./read_csv.ts";
import { failedRejectsDir, recordedKeys, rejectsNaming, writeRejectsFiles } from "./rejects_files.ts";
import { folderOf, resolveSources, sourceKey, sourceSettings } from "./sources.ts";
import { emptySummary, formatSummary, type FileSummary } from "./summary.ts";
import { combined, sourceThresholds, thresholdBreach } from "./thresholds.ts";
import { valueMacros } from "./values.ts";
import { todayIn, type DateRange } from "./dates.ts";
import { span } from "../bench/profile.ts";

export type { FileSummary } from "./summary.ts";
export { formatSummary } from "./summary.ts";
export { UnusableFileError } from "./errors.ts";
export { publishRejectsFiles } from "./rejects_files.ts";

export type IngestEvent =
  | { kind: "start"; path: string; bytes: number }
  | { kind: "progress"; path: string; phase: string; done: number; total: number }
  | { kind: "file"; summary: FileSummary }
  | { kind: "message"; text: string };

export interface IngestOptions {
  config: Config;
  dbFile: string;
  /** The run's open connection on `dbFile` (loaders/warehouse/atomic.ts); without it the ingest
   * opens `dbFile` itself. Either way each file is merged in a transaction of its own. */
  con?: DuckDBConnection;
  /** With `con`: a second connection of its instance, outside the ingest's transaction (WarehouseRun.side);
   * the files are read and staged on it. */
  side?: DuckDBConnection;
  /** Files or folders to ingest instead of the configured sources. */
  files?: string[];
  /** Progress and results; default prints one plain line per file. */
  log?: (e: IngestEvent) => void;
  rejectsDir?: string;
  /** "write" (default): the rejects CSV files are written into rejectsDir at the end of the run.
   * "defer": the caller publishes them (publishRejectsFiles) once it has kept the warehouse. */
  rejectsFiles?: "write" | "defer";
}

export interface IngestResult {
  ok: boolean;
  files: FileSummary[];
  /** Problems not tied to one file (e.g. no order lines at all). */
  errors: string[];
}

const plainLog = (e: IngestEvent) => {
  if (e.kind === "file") console.log(formatSummary(e.summary));
  else if (e.kind === "message") console.log(e.text);
};

/** The accepted dates, "today" being the build date in the business time zone. */
export function dateRangeOf(c: Config["ingest"], now = new Date()): DateRange {
  const { min, max } = c.date_range;
  return max === "today" ? { min, max: todayIn(c.time_zone, now), maxIsToday: true } : { min, max };
}

export async function ingestSources(opts: IngestOptions): Promise<IngestResult> {
  const { config } = opts;
  const log = opts.log ?? plainLog;
  const sources = resolveSources(config.ingest, opts.files);
  // Files given on the command line are added to what is there; a run from the config makes the
  // warehouse hold exactly the sources it names.
  const exact = !opts.files?.length;
  if (opts.con && !opts.side) throw new Error("ingestSources: a run's connection comes with its side connection (WarehouseRun.side)");
  if (opts.con) await opts.con.run(`SET memory_limit = ${lit(config.ingest.memory_limit)}`);
  const own = opts.con ? null : await openDuckDb(opts.dbFile, { memoryLimit: config.ingest.memory_limit });
  const side = opts.side ?? (await own!.instance.connect());
  const db = await ingestDb(opts.con ?? own!.con, own ? () => (side.closeSync(), own.close()) : undefined, side);
  const stage = await stageArea(side, path.resolve(opts.dbFile));
  // A transaction per file (committed after its merge, below) and one for what follows the last,
  // committed whatever the result: a command's run discards its file when the result is not kept
  // (loaders/warehouse/atomic.ts); the models that follow read committed tables (scanned in
  // parallel, where the transaction's own rows are scanned on one thread).
  await db.exec("BEGIN TRANSACTION");
  const files: FileSummary[] = [];
  const errors: string[] = [];
  try {
    const reshaped = await ensureSchema(db);
    if (reshaped.length) log({ kind: "message", text: `the warehouse was built by an older version (${reshaped.join(", ")} changed shape): every export is loaded again` });
    for (const sql of valueMacros) await db.exec(sql);
    await dropLeftoverStages(db);
    let customersChanged = false;
    if (exact) {
      for (const p of await pruneSources(db, sources.map(sourceKey))) {
        log({ kind: "message", text: `${p.source} -> ${p.table}: no longer in the config; its ${p.rows} rows left the warehouse` });
        if (p.table === "customers") customersChanged = true;
      }
    }
    const rejectsDir = opts.rejectsDir ?? defaultRejectsDir();
    // A run whose rejects are published only if it is kept: a file over a threshold fails it, so
    // its rejects are in the failed run's folder (written below), which is where the message points.
    const failedDir = opts.rejectsFiles === "defer" ? failedRejectsDir(rejectsDir) : rejectsDir;
    const inFailedDir = (file: string | null) => (file && failedDir !== rejectsDir ? path.join(failedDir, path.basename(file)) : file);
    const tempDir = path.dirname(path.resolve(opts.dbFile));
    removeDecodeLitter(tempDir);
    const rejectsName = rejectsNaming([...sources.map(sourceKey), ...(await recordedKeys(db))]);
    const byFolder = new Map<string, { source: (typeof sources)[number]; files: FileSummary[] }>();
    for (const source of sources) {
      log({ kind: "start", path: source.path, bytes: fs.existsSync(source.path) && fs.statSync(source.path).isFile() ? fs.statSync(source.path).size : 0 });
      let summary: FileSummary;
      // Unusable files are found before anything is written; any other error aborts the run
      // (and the caller discards the warehouse being built).
      try {
        summary = await ingestFile(
          {
            db,
            stage,
            range: dateRangeOf(config.ingest),
            timeZone: config.ingest.time_zone,
            rejectsDir,
            rejectsName,
            tempDir,
            onProgress: (phase, done, total) => log({ kind: "progress", path: source.path, phase, done, total }),
            settings: sourceSettings(source, config.ingest, config.site.currency),
            money: { report: config.site.currency, rates: config.ingest.exchange_rates },
            // Rows of the other tables were checked against the customers: read them again when those changed.
            reload: customersChanged && source.table !== "customers",
          },
          source,
        );
        // A folder's files are judged together, after the last of them (below).
        const folder = folderOf(source);
        if (folder) (byFolder.get(folder) ?? byFolder.set(folder, { source, files: [] }).get(folder)!).files.push(summary);
        else {
          summary.error = thresholdBreach({ ...summary, rejectsFile: inFailedDir(summary.rejectsFile) }, sourceThresholds(config.ingest.reject_thresholds, source.reject_thresholds));
          if (summary.error) summary.rejectsFile = inFailedDir(summary.rejectsFile);
        }
        if (summary.table === "customers" && !summary.unchanged) customersChanged = true;
        if (summary.table) for (const p of await pruneOtherTables(db, summary.path, summary.table)) {
          log({ kind: "message", text: `${p.source}: now feeds ${summary.table}; its ${p.rows} rows left ${p.table}` });
        }
      } catch (e) {
        if (!(e instanceof UnusableFileError)) {
          // An error no rule foresaw (DuckDB's CSV reader giving up on a file): it ends the run,
          // but says which file (the message is kept, its code too: the CLI explains ENOSPC etc.).
          if (e instanceof Error && !e.message.includes(source.path)) {
            const csv = /CSV Parser state machine/i.test(e.message) ? " (DuckDB's CSV reader could not split this file into rows: is it a CSV export? its rows, line ends and quotes?)" : "";
            e.message = `${source.path}: ${e.message.split("\n")[0]}${csv}`;
          }
          throw e;
        }
        const key = sourceKey(source);
        summary = { ...emptySummary(key, source.table), error: e.message.startsWith(source.path) ? e.message.slice(source.path.length + 2) : e.message };
      }
      files.push(summary);
      log({ kind: "file", summary });
      // Each file's merge commits: the next file's merge then scans the tables as committed rows
      // (in parallel; the transaction's own rows DuckDB scans on one thread) and the transaction lets
      // go of this file's stage. A command's run discards its file when the run is not kept.
      await db.exec("COMMIT");
      await db.exec("BEGIN TRANSACTION");
    }
    // A folder of exports (monthly files, a partitioned dataset) is one source: its rejects are
    // material or not over the files read in this run, not month by month.
    for (const [folder, g] of byFolder) {
      const breach = thresholdBreach({ ...combined(folder, g.files), rejectsFile: failedDir }, sourceThresholds(config.ingest.reject_thresholds, g.source.reject_thresholds), "folder");
      if (breach) errors.push(`${folder} (${g.files.length} files): ${breach}`);
    }
    await deriveCustomers(db);
    const [{ n }] = await db.rows<{ n: number }>(`SELECT count(*) AS n FROM ingest_files WHERE table_name = 'order_lines'`);
    if (!n) errors.push("no order_lines export has been loaded: the warehouse needs one (check `ingest.sources` in the config)");
    if (opts.rejectsFiles !== "defer") await writeRejectsFiles(db, rejectsDir, rejectsName);
    else if (errors.length || files.some((f) => f.error)) {
      // Not kept: the rejects it found as files of their own (the kept warehouse's stay as they are).
      if ((await writeRejectsFiles(db, failedDir, rejectsName)).length)
        log({ kind: "message", text: `the rejects this run found are in ${failedDir} (the run is not kept; ${rejectsDir} still holds those of the warehouse kept before)` });
      else fs.rmSync(failedDir, { recursive: true, force: true });
    }
    await span("ingest.commit", () => db.exec("COMMIT"));
    if (!opts.con) await db.exec("CHECKPOINT"); // (not at close: stage_area.ts; a command's run checkpoints at its end)
  } catch (e) {
    await db.exec("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    await stage.close().catch(() => {});
    if (!opts.con) db.close();
  }
  for (const e of errors) log({ kind: "message", text: `FAILED: ${e}` });
  return { ok: errors.length === 0 && files.every((f) => !f.error), files, errors };
}
