// DuckDB DDL generated from the canonical schemas, plus the ingest bookkeeping tables.
import { columnsOf, keyOf, tableNames, type TableName } from "./index.ts";
import { ident as q } from "../warehouse/open.ts";


export function createTableSql(table: TableName, name: string = table): string {
  const cols = columnsOf(table).map((c) => `  ${q(c.name)} ${c.duckdb}${c.required ? " NOT NULL" : ""}`);
  const key = keyOf(table);
  // No PRIMARY KEY constraint: DuckDB indexes slow bulk loads; the ingest enforces the key.
  const comment = key.length ? `-- key (${key.join(", ")})\n` : "";
  return `${comment}CREATE TABLE IF NOT EXISTS ${name} (\n${cols.join(",\n")}\n)`;
}

export const ingestFilesSql = `CREATE TABLE IF NOT EXISTS ingest_files (
  path VARCHAR NOT NULL,
  table_name VARCHAR NOT NULL,
  sha256 VARCHAR NOT NULL,
  format VARCHAR,
  encoding VARCHAR,
  bytes BIGINT,
  "read" BIGINT NOT NULL,
  loaded BIGINT NOT NULL,
  rejected BIGINT NOT NULL,
  totals BIGINT NOT NULL,
  replaced BIGINT NOT NULL,
  rejects_file VARCHAR,
  ingested_seq INTEGER NOT NULL,
  -- the source's settings when it was loaded (sources.ts sourceSettings): same bytes + same settings = skipped
  settings VARCHAR NOT NULL
)`;

export const ingestRejectsSql = `CREATE TABLE IF NOT EXISTS ingest_rejects (
  source_file VARCHAR NOT NULL,
  table_name VARCHAR NOT NULL,
  row_number BIGINT,
  column_name VARCHAR,
  raw_value VARCHAR,
  reason VARCHAR NOT NULL,
  reason_class VARCHAR NOT NULL
)`;

/** Every canonical and bookkeeping table, created if missing. */
export const warehouseDdl = (): string[] => [...tableNames.map((t) => createTableSql(t)), ingestFilesSql, ingestRejectsSql];
