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
  settings VARCHAR NOT NULL,
  -- why the encoding was chosen, and what the reader noticed (one per line)
  encoding_evidence VARCHAR,
  warnings VARCHAR
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

/** What the ingest derived for a file's rows (amount = quantity x unit price, line_no = position,
 * unit = 'units', cost = amount - profit, ...): one row per file and column, for the pages to say so. */
export const ingestDerivationsSql = `CREATE TABLE IF NOT EXISTS ingest_derivations (
  path VARCHAR NOT NULL,
  table_name VARCHAR NOT NULL,
  column_name VARCHAR NOT NULL,
  rule VARCHAR NOT NULL,
  "lines" BIGINT NOT NULL
)`;

/** Without a customers export, the customers' attributes come from their order lines: per attribute,
 * how many customers got one, and how many had several values or a tie (data quality page). */
export const derivedAttributesSql = `CREATE TABLE IF NOT EXISTS derived_attributes (
  attribute VARCHAR NOT NULL,
  customers BIGINT NOT NULL,
  with_value BIGINT NOT NULL,
  varying BIGINT NOT NULL,
  tied BIGINT NOT NULL,
  rule VARCHAR NOT NULL
)`;

/** Every canonical and bookkeeping table, created if missing. */
export const warehouseDdl = (): string[] => [...tableNames.map((t) => createTableSql(t)), ingestFilesSql, ingestRejectsSql, ingestDerivationsSql, derivedAttributesSql];
