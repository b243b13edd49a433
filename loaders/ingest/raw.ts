// What every reader hands to the validation: the export's columns as VARCHAR SQL expressions
// over a FROM clause, and how to find each row's number in the file.
export interface RawSource {
  /** Header texts as written (BOM removed). */
  headers: string[];
  /** One VARCHAR SQL expression per header position. */
  columns: string[];
  /** FROM clause (a table or a table function). */
  from: string;
  /** SQL for the row number in the file, or null: then the rows come in file order and the staging
   * table, created by one order-preserving statement, numbers them by its rowid (0-based position
   * among the rows read); the physical line is derived from that position. */
  rowSql: string | null;
  /** Rows the reader itself refused (ragged rows), known once `from` has been scanned. */
  structuralRejects(): Promise<StructuralReject[]>;
  /** Physical lines DuckDB skipped without yielding a row (empty lines), for CSV line numbers. */
  skippedLines: number[];
  encoding: string | null;
  /** Why that encoding (encoding.ts). */
  encodingEvidence?: string;
  /** What the reader noticed and the summary should say (an encoding contradicting the file, a delimiter it chose). */
  warnings?: string[];
  /** CSV: the same source read again with these physical lines blank (rows whose quote never closes). */
  withoutLines?(lines: number[], reason?: string | ((line: number) => string), raws?: Map<number, string>): Promise<RawSource>;
  /** XLSX: the workbook uses the 1904 date system (serial numbers count from 1904-01-01). */
  excel1904?: boolean;
  /** XLSX: a cell's text "=FORMULA" is a formula without a calculated value (read_xlsx.ts cellText). */
  formulas?: boolean;
  /** The stage is written and its structural rejects read: files made only to be read (a decoded
   * copy) may go now, before the merge. Optional; `cleanup` removes whatever is left. */
  release?(): Promise<void>;
  cleanup(): Promise<void>;
}

export interface StructuralReject {
  row: number;
  column: string | null;
  raw: string;
  reason: string;
  /** A quote opened in this row never closes (the reader swallowed what followed). */
  unterminated?: boolean;
}
