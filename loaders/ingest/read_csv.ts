// CSV/TSV through DuckDB's read_csv: every column as VARCHAR (parsing happens in SQL later),
// ragged rows caught by DuckDB's rejects. GBK/GB18030 is first decoded to a UTF-8 temp file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isProcessAlive } from "../pid.ts";
import { decodeToUtf8 } from "./decode.ts";
import { fileDetail, span } from "../bench/profile.ts";
import type { Db } from "./duck.ts";
import { lit } from "./duck.ts";
import { UnusableFileError } from "./errors.ts";
import type { RawSource, StructuralReject } from "./raw.ts";
import type { FileScan } from "./scan.ts";

export interface CsvOptions {
  encoding: "auto" | "utf-8" | "gb18030" | "gbk";
  delimiter?: string;
  tsv: boolean;
  onProgress?: (phase: string, done: number, total: number) => void;
  /** Folder for the decoded temp file (beside the warehouse: same disk, and cleared of the files of killed runs). */
  tempDir: string;
}

/** Name of a decoded temp file; `pid` tells whether its run still lives (removeDecodeLitter). */
const tempName = (pid: number, n: number) => `kam-decode-${pid}-${n}.csv`;

/** Decoded temp files of runs that were killed (their process is gone), in `dir` and in the
 * system temp folder (where older versions wrote them as kam-ingest-<pid>-<n>.csv). */
export function removeDecodeLitter(dir: string): string[] {
  const removed: string[] = [];
  for (const d of [dir, os.tmpdir()]) {
    if (!fs.existsSync(d)) continue;
    for (const name of fs.readdirSync(d)) {
      const m = /^kam-(?:decode|ingest)-(\d+)-\d+\.csv$/.exec(name);
      if (!m || isProcessAlive(Number(m[1]))) continue;
      fs.rmSync(path.join(d, name), { force: true });
      removed.push(path.join(d, name));
    }
  }
  return removed;
}

let seq = 0;

export async function readCsv(db: Db, file: string, scan: FileScan, opts: CsvOptions): Promise<RawSource> {
  const n = ++seq;
  const encoding = opts.encoding === "auto" ? (scan.utf8 ? "utf-8" : "gb18030") : opts.encoding;
  if (encoding === "utf-8" && !scan.utf8)
    throw new UnusableFileError(file, "is set to UTF-8 in the config but is not valid UTF-8 (a GBK/GB18030 export?); use encoding \"auto\" or \"gb18030\"");
  let utf8File = file;
  let temp: string | null = null;
  if (encoding !== "utf-8") {
    temp = path.join(opts.tempDir, tempName(process.pid, n));
    await span("ingest.decode", () => decodeToUtf8(file, temp!, encoding, (d) => opts.onProgress?.("decoding", d, scan.bytes)), fileDetail(file));
    utf8File = temp;
  }
  const cleanup = async () => {
    if (temp) fs.rmSync(temp, { force: true });
  };
  try {
    const headLine = firstLine(utf8File);
    if (!headLine.trim()) throw new UnusableFileError(file, "is empty: expected a header row and data rows");
    const delim = opts.delimiter ?? (opts.tsv || headLine.split("\t").length > headLine.split(",").length ? "\t" : ",");
    const dialect = `delim=${lit(delim)}, quote='"', escape='"', all_varchar=true, auto_detect=false`;
    // The header row as written, read as data (with header=true DuckDB would rename duplicates and blanks).
    const width = headerWidth(headLine, delim);
    const cols = Array.from({ length: width }, (_, i) => `c${i}`);
    const spec = `columns={${cols.map((c) => `'${c}': 'VARCHAR'`).join(", ")}}`;
    const [first] = await db.rows<Record<string, string | null>>(
      `SELECT * FROM read_csv(${lit(utf8File)}, header=false, ${dialect}, ${spec}, ignore_errors=true) LIMIT 1`,
    );
    const headers = cols.map((c) => (first?.[c] ?? "").replace(/^\uFEFF/, "").trim());
    const rejTable = `kam_csv_rejects_${n}`;
    const rejScan = `kam_csv_scans_${n}`;
    // No copy of the raw text: the staging statement reads the file itself, in parallel, and keeps
    // the file's order (preserve_insertion_order), so the stage's rowid is the position among the
    // rows read. (Numbering rows with row_number() OVER () would make the read single-threaded.)
    return {
      headers,
      columns: cols,
      from: `read_csv(${lit(utf8File)}, header=true, ${dialect}, ${spec}, store_rejects=true, rejects_table='${rejTable}', rejects_scan='${rejScan}')`,
      rowSql: null,
      skippedLines: scan.emptyLines,
      encoding: encoding + (scan.bom ? " (BOM)" : ""),
      async structuralRejects(): Promise<StructuralReject[]> {
        const rows = await db.rows<{ line: number; csv_line: string; error_message: string }>(
          `SELECT line, any_value(csv_line) AS csv_line, arg_min(error_message, column_idx) AS error_message
           FROM ${rejTable} GROUP BY line ORDER BY line`,
        );
        return rows.map((r) => ({
          row: r.line,
          column: null,
          raw: r.csv_line.replace(/^\r?\n/, ""),
          reason: `row does not fit the header's ${width} columns: ${r.error_message}`,
        }));
      },
      cleanup,
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

/** Fields in the first line, delimiters inside quotes not counted (DuckDB then reads the values). */
export function headerWidth(firstLine: string, delim: string): number {
  let width = 1;
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delim && !quoted) width++;
  }
  return width;
}

function firstLine(file: string): string {
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(65536);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString("utf8").replace(/^\uFEFF/, "").split(/\r?\n/)[0] ?? "";
  } finally {
    fs.closeSync(fd);
  }
}
