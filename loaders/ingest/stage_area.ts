// Where a file's stage (its rows parsed and checked, before the merge) is written: a DuckDB file of
// its own beside the warehouse, attached to the run's instance and written by the run's second
// connection, outside the ingest's transaction, so that each statement on it commits.
// Why: DuckDB scans a table written by the current transaction on one thread (its rows sit in the
// transaction's local storage), and the stage is read whole several times (the duplicate-key check,
// the rejects, the amounts, the merge). 10M order lines on 2 cores, INSERT into order_lines from the
// stage: 13.6 s from a stage of the ingest's transaction, 6.3 s from a committed one. The stage holds
// nothing anyone reads after the file's merge; its file goes then (and a killed run's is removed by
// the next run, loaders/warehouse/atomic.ts removeAbandoned).
import fs from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { ingestDb, ident, lit, type Db } from "./duck.ts";
import { valueMacros } from "./values.ts";

export interface StageArea {
  /** The connection outside the ingest's transaction (its own temp tables and macros). */
  db: Db;
  /** A new, empty stage database: the qualified name for the stage table in it. */
  open(): Promise<string>;
  /**
   * A stage table in the warehouse itself, for a file whose table is empty: its merge can make the
   * stage the table (ingest_file.ts `adoptStage`) instead of copying every row into it. The
   * qualified name; the table is the merge's once `taken` says so, else `close` drops it.
   */
  openInWarehouse(): Promise<string>;
  /** The warehouse stage is now the run's (renamed into the table or dropped in its transaction). */
  taken(): void;
  /** Detach the stage database and remove its file (or drop the warehouse stage). */
  close(): Promise<void>;
}

/** Prefix of warehouse stage tables (a killed run's are dropped by the next: dropLeftoverStages). */
export const WAREHOUSE_STAGE = "kam_stage_";

/** Warehouse stage tables a killed or failed run left behind (none is ever a run's to keep). */
export async function dropLeftoverStages(db: Db): Promise<void> {
  const left = await db.rows<{ name: string }>(
    `SELECT table_name AS name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND starts_with(table_name, '${WAREHOUSE_STAGE}')`,
  );
  for (const { name } of left) await db.exec(`DROP TABLE main.${ident(name)}`);
}

/** The `n`th stage file of `dbFile` for this process. */
export const stageFileOf = (dbFile: string, n: number, pid = process.pid) => `${dbFile}.stage-${pid}-${n}`;

export async function stageArea(side: DuckDBConnection, dbFile: string): Promise<StageArea> {
  const db = await ingestDb(side);
  // A stage is never read again once its file is merged, so nothing of it is checkpointed: not when
  // its row numbers are written (an automatic checkpoint at that UPDATE's commit: 3.87M payments,
  // 2.93 -> 0.66 s), not when the run's COMMIT lets go of it (3.3 s more there). Both settings are the
  // instance's: the warehouse is checkpointed explicitly at the end of its run instead (atomic.ts, and
  // ingestSources when it opened the warehouse itself).
  await side.run(`SET checkpoint_threshold = '1TB'`);
  await side.run(`PRAGMA disable_checkpoint_on_shutdown`);
  for (const sql of valueMacros) await db.exec(sql);
  // A fresh database (name and file) for each file's stage: the ingest's transaction sees an attached
  // database as it was when it first read it (a stage created later under the same name would be
  // hidden) and keeps its file open until it ends (a removed stage file's blocks are free then).
  let n = 0;
  let attached: string | null = null;
  let inWarehouse: string | null = null;
  const close = async () => {
    if (inWarehouse) {
      // (after a failed merge the run's transaction may still hold it: retried by the next close)
      await side.run(`DROP TABLE IF EXISTS ${inWarehouse}`);
      inWarehouse = null;
    }
    if (!attached) return;
    const file = stageFileOf(dbFile, n);
    attached = null;
    await side.run(`DETACH ${ident(`kam_stage_${n}`)}`);
    for (const f of [file, `${file}.wal`, `${file}.tmp`]) fs.rmSync(f, { force: true, recursive: true });
  };
  return {
    db,
    async open() {
      await close();
      attached = `kam_stage_${++n}`;
      const file = stageFileOf(dbFile, n);
      for (const f of [file, `${file}.wal`]) fs.rmSync(f, { force: true });
      await side.run(`ATTACH ${lit(file)} AS ${ident(attached)}`);
      return `${ident(attached)}.main.kam_stage`;
    },
    async openInWarehouse() {
      await close();
      inWarehouse = `main.${ident(`${WAREHOUSE_STAGE}${process.pid}_${++n}`)}`;
      return inWarehouse;
    },
    taken() {
      inWarehouse = null;
    },
    close,
  };
}
