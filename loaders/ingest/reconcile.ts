// The warehouse holds exactly what the config names, in the shape the schema defines:
// tables of an older shape are rebuilt (every export is read again), and rows of sources the
// config no longer names leave the warehouse with their bookkeeping.
import { tableNames, type TableName } from "../schema/index.ts";
import { derivedAttributesSql, ingestDerivationsSql, ingestFilesSql, ingestRejectsSql, warehouseDdl, createTableSql } from "../schema/ddl.ts";
import type { Db } from "./duck.ts";

const bookkeeping = ["ingest_files", "ingest_rejects", "ingest_derivations", "derived_attributes"] as const;
const bookkeepingDdl: Record<string, string> = {
  ingest_files: ingestFilesSql,
  ingest_rejects: ingestRejectsSql,
  ingest_derivations: ingestDerivationsSql,
  derived_attributes: derivedAttributesSql,
};
const ddlOf = (t: string) => bookkeepingDdl[t] ?? createTableSql(t as TableName);

interface Shape {
  table_name: string;
  cols: string;
}
/** Column list of each table of `database` (current_database() or 'temp') among `names`. */
const shapeSql = (database: string, names: string[]) =>
  `SELECT table_name, string_agg(column_name || ' ' || data_type || CASE WHEN is_nullable THEN '' ELSE ' NOT NULL' END, ', ' ORDER BY column_index) AS cols
   FROM duckdb_columns() WHERE database_name = ${database} AND schema_name = 'main' AND table_name IN (${names.map((n) => `'${n}'`).join(", ")}) GROUP BY table_name`;

/** Create the tables; when any existing one has another shape than the schema's (a warehouse
 * built by an older version, e.g. DOUBLE money), drop them all so that every export is loaded
 * again into the current shape. Returns the tables that differed. */
export async function ensureSchema(db: Db): Promise<string[]> {
  const names = [...tableNames, ...bookkeeping];
  const current = await db.rows<Shape>(shapeSql("current_database()", names));
  if (current.length) {
    for (const t of names) await db.exec(ddlOf(t).replace(/CREATE TABLE IF NOT EXISTS (\w+)/, "CREATE OR REPLACE TEMP TABLE kam_expected_$1"));
    const expected = new Map(
      (await db.rows<Shape>(shapeSql("'temp'", names.map((n) => `kam_expected_${n}`)))).map((r) => [
        r.table_name.replace(/^kam_expected_/, ""),
        r.cols,
      ]),
    );
    for (const t of names) await db.exec(`DROP TABLE IF EXISTS temp.main.kam_expected_${t}`);
    const differ = current.filter((r) => expected.get(r.table_name) !== r.cols).map((r) => r.table_name);
    if (differ.length) {
      for (const t of names) await db.exec(`DROP TABLE IF EXISTS main.${t}`);
      for (const sql of warehouseDdl()) await db.exec(sql);
      return differ;
    }
  }
  for (const sql of warehouseDdl()) await db.exec(sql);
  return [];
}

export interface Pruned {
  table: string;
  source: string;
  rows: number;
}

/** Remove everything loaded from sources other than `keep` (source keys), from every table. */
export async function pruneSources(db: Db, keep: string[]): Promise<Pruned[]> {
  const list = `(SELECT unnest(CAST(CAST(? AS JSON) AS VARCHAR[])))`;
  const params = [JSON.stringify(keep)];
  const removed = await db.rows<Pruned>(`SELECT table_name AS "table", path AS source, loaded AS rows FROM ingest_files WHERE path NOT IN ${list} ORDER BY 2, 1`, params);
  await removeRows(db, tableNames, `source_file NOT IN ${list}`, params);
  await db.exec(`DELETE FROM ingest_files WHERE path NOT IN ${list}`, params);
  await db.exec(`DELETE FROM ingest_rejects WHERE source_file NOT IN ${list}`, params);
  await db.exec(`DELETE FROM ingest_derivations WHERE path NOT IN ${list}`, params);
  return removed;
}

/** Remove what source `key` loaded into tables other than `table` (its config now names another). */
export async function pruneOtherTables(db: Db, key: string, table: string): Promise<Pruned[]> {
  const removed = await db.rows<Pruned>(`SELECT table_name AS "table", path AS source, loaded AS rows FROM ingest_files WHERE path = ? AND table_name <> ?`, [key, table]);
  await removeRows(db, tableNames.filter((t) => t !== table), `source_file = ?`, [key]);
  await db.exec(`DELETE FROM ingest_files WHERE path = ? AND table_name <> ?`, [key, table]);
  await db.exec(`DELETE FROM ingest_rejects WHERE source_file = ? AND table_name <> ?`, [key, table]);
  await db.exec(`DELETE FROM ingest_derivations WHERE path = ? AND table_name <> ?`, [key, table]);
  return removed;
}

async function removeRows(db: Db, tables: readonly TableName[], where: string, params: unknown[]): Promise<void> {
  for (const t of tables) await db.exec(`DELETE FROM ${t} WHERE ${where}`, params);
}
