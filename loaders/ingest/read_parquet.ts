// Parquet through DuckDB's built-in read_parquet; every column cast to VARCHAR so that the
// same validation applies (a DATE column casts to 2024-01-05, a DOUBLE to 1234.5).
import type { Db } from "./duck.ts";
import { ident, lit } from "./duck.ts";
import { UnusableFileError } from "./errors.ts";
import { literalPath } from "./literal_path.ts";
import type { RawSource } from "./raw.ts";

/** `timeZone`: instants (TIMESTAMP WITH TIME ZONE) are read as the wall time in this zone, whatever
 * the machine's zone (which DuckDB's cast to text would use). A TIMESTAMP without zone is a wall time already. */
export async function readParquet(db: Db, file: string, timeZone: string, tempDir: string): Promise<RawSource> {
  // A file in a hive-style folder (month=2024-01/part-0.parquet) also has the folder's key as a
  // column (DuckDB's default); a path with glob characters is read through a plain-named link.
  const literal = literalPath(file, tempDir);
  const from = `read_parquet(${lit(literal.path)}, file_row_number=true)`;
  let described: { column_name: string; column_type: string }[];
  try {
    described = await db.probe<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${from}`);
  } catch (e) {
    literal.cleanup();
    throw new UnusableFileError(file, `cannot be read as Parquet: ${firstLineOf((e as Error).message)}`);
  }
  const kept = described.filter((r) => r.column_name !== "file_row_number");
  const headers = kept.map((r) => r.column_name);
  const text = (r: (typeof kept)[number]) =>
    r.column_type === "TIMESTAMP WITH TIME ZONE" ? `CAST(timezone(${lit(timeZone)}, ${ident(r.column_name)}) AS VARCHAR)` : `CAST(${ident(r.column_name)} AS VARCHAR)`;
  return {
    headers,
    columns: kept.map(text),
    from,
    // Parquet has no header row: rows are numbered from 1.
    rowSql: "(file_row_number + 1)",
    skippedLines: [],
    encoding: null,
    structuralRejects: async () => [],
    cleanup: async () => literal.cleanup(),
  };
}

/** DuckDB's message without the lines it may add (never more of the file than that). */
const firstLineOf = (m: string) => m.split("\n")[0].slice(0, 300);
