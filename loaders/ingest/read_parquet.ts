// Parquet through DuckDB's built-in read_parquet; every column cast to VARCHAR so that the
// same validation applies (a DATE column casts to 2024-01-05, a DOUBLE to 1234.5).
import type { Db } from "./duck.ts";
import { ident, lit } from "./duck.ts";
import { UnusableFileError } from "./errors.ts";
import type { RawSource } from "./raw.ts";

export async function readParquet(db: Db, file: string): Promise<RawSource> {
  const from = `read_parquet(${lit(file)}, file_row_number=true)`;
  let names: string[];
  try {
    names = (await db.rows<{ column_name: string }>(`DESCRIBE SELECT * FROM ${from}`)).map((r) => r.column_name);
  } catch (e) {
    throw new UnusableFileError(file, `cannot be read as Parquet: ${(e as Error).message}`);
  }
  const headers = names.filter((n) => n !== "file_row_number");
  return {
    headers,
    columns: headers.map((h) => `CAST(${ident(h)} AS VARCHAR)`),
    from,
    // Parquet has no header row: rows are numbered from 1.
    rowSql: "(file_row_number + 1)",
    skippedLines: [],
    encoding: null,
    structuralRejects: async () => [],
    cleanup: async () => {},
  };
}
