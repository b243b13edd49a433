// CSV/TSV through DuckDB's read_csv: every column as VARCHAR (parsing happens in SQL later),
// ragged rows caught by DuckDB's rejects. GBK/GB18030 is first decoded to a UTF-8 temp file.
import { isUtf8 } from "node:buffer";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isProcessAlive } from "../pid.ts";
import { decodeToUtf8 } from "./decode.ts";
import { literalPath } from "./literal_path.ts";
import { fileDetail, span } from "../bench/profile.ts";
import type { Db } from "./duck.ts";
import { lit } from "./duck.ts";
import { UnusableFileError } from "./errors.ts";
import type { RawSource, StructuralReject } from "./raw.ts";
import { decideEncoding, type EncodingSetting } from "./encoding.ts";
import { LONG_LINE, scanFile, type FileScan } from "./scan.ts";

export interface CsvOptions {
  encoding: EncodingSetting;
  delimiter?: string;
  tsv: boolean;
  onProgress?: (phase: string, done: number, total: number) => void;
  /** Folder for the decoded temp file (beside the warehouse: same disk, and cleared of the files of killed runs). */
  tempDir: string;
  /** Whether a line's fields are a header of the table (title lines above the header are skipped). */
  fits?: (headers: string[]) => boolean;
}

/** Non-blank lines looked at for the header: a report's title lines above it (标题, 制表日期, Excel's
 * `sep=;`) are skipped when a later one of these fits the table and the first does not. */
const HEADER_SEARCH = 10;

/** Name of a decoded temp file; `pid` tells whether its run still lives (removeDecodeLitter). */
const tempName = (pid: number, n: number) => `kam-decode-${pid}-${n}.csv`;

/** Decoded temp files of runs that were killed (their process is gone), in `dir` and in the
 * system temp folder (where older versions wrote them as kam-ingest-<pid>-<n>.csv). */
export function removeDecodeLitter(dir: string): string[] {
  const removed: string[] = [];
  for (const d of [dir, os.tmpdir()]) {
    if (!fs.existsSync(d)) continue;
    for (const name of fs.readdirSync(d)) {
      // (kam-decode-<pid>-<n>-<part>.csv: a part of a file decoded in parallel)
      const m = /^kam-(?:decode|ingest|link)-(\d+)-\d+(?:-\d+)?(\.[A-Za-z0-9]+)?$/.exec(name);
      if (!m || isProcessAlive(Number(m[1]))) continue;
      fs.rmSync(path.join(d, name), { force: true });
      removed.push(path.join(d, name));
    }
  }
  return removed;
}

let seq = 0;

/** Why a row with a CR inside an unquoted value is refused. */
export const crReason = "a carriage return (CR) inside the row, not at its end, in a value without quotes: the row cannot be split into its columns";

/** Delimiters tried when the source sets none: the one giving the header the most fields. */
const DELIMITERS = [",", "\t", ";", "|"] as const;
/** Longest raw text kept for a refused row (a stray quote can make a "row" of the rest of the file). */
const RAW_MAX = 1000;
const clip = (t: string) => (t.length > RAW_MAX ? `${t.slice(0, RAW_MAX)}… (${t.length.toLocaleString("en-US")} characters)` : t);

/** Why DuckDB's CSV reader refused a row, in the ingest's words. */
function structuralReason(type: string | null, message: string | null, width: number, encoding: string): { reason: string; unterminated: boolean } {
  switch (type) {
    case "UNQUOTED VALUE":
      return { reason: "a quote opened in this row is never closed (a stray \" in a value?): the row is rejected and the lines after it are read on their own", unterminated: true };
    case "INVALID ENCODING":
    case "INVALID UNICODE":
      return { reason: `the row is not valid ${encoding} (the file as a whole is read as ${encoding}; see its encoding evidence)`, unterminated: false };
    case "LINE SIZE OVER MAXIMUM":
      return { reason: `the row is longer than 2,000,000 bytes${message ? ` (${message.replace(/^.*Actual Size:\s*/i, "").replace(/\.$/, "")})` : ""}: not a row of an export`, unterminated: false };
    case "TOO MANY COLUMNS":
    case "MISSING COLUMNS":
      return { reason: `row does not fit the header's ${width} columns: ${message ?? type.toLowerCase()}`, unterminated: false };
    default:
      return { reason: `the row could not be read: ${message ?? type?.toLowerCase() ?? "no reason given by the CSV reader"}`, unterminated: false };
  }
}

export async function readCsv(db: Db, file: string, scan: FileScan, opts: CsvOptions): Promise<RawSource> {
  const n = ++seq;
  const decision = await decideEncoding(file, scan, opts.encoding);
  const { encoding } = decision;
  // DuckDB reads the file itself (UTF-8) or a decoded copy; either under a name it takes literally.
  const literal = literalPath(file, opts.tempDir);
  let utf8File = literal.path;
  let temp: string | null = null;
  const temps: string[] = [];
  // The decoded copy (13 GB for a 100M-line GBK export) and any blanked copies go as soon as the
  // stage is written: the structural rejects are DuckDB's rejects tables, which keep each line's text.
  const release = async () => {
    for (const t of temps.splice(0)) fs.rmSync(t, { force: true });
  };
  const cleanup = async () => {
    await release();
    literal.cleanup();
  };
  try {
    let emptyLines = scan.emptyLines;
    let newline = scan.newline;
    let mixedLineEnds = scan.mixedLineEnds;
    let loneCr = scan.loneCr;
    /** Lines with a CR inside an unquoted value: DuckDB stops on them; they are rejects. */
    let crLines: number[] = [];
    // Lines of a GBK export that are UTF-8 text (pasted from another file): rejected, never mojibake.
    // (A file that is valid UTF-8 throughout but set to GBK is obeyed, with the warning above.)
    let utf8Lines: number[] = [];
    let utf8Texts = new Map<number, string>();
    if (encoding !== "utf-8") {
      temp = path.join(opts.tempDir, tempName(process.pid, n));
      temps.push(temp);
      const gbk = (encoding === "gb18030" || encoding === "gbk") && !scan.utf8;
      ({ utf8Lines, utf8Texts } = await span("ingest.decode", () => decodeToUtf8(file, temp!, encoding, (d) => opts.onProgress?.("decoding", d, scan.bytes), gbk ? { newline } : undefined), fileDetail(file)));
      utf8File = temp;
      // UTF-16 has its newlines in two bytes: find the empty lines in the decoded text.
      if (encoding.startsWith("utf-16")) ({ emptyLines, newline, mixedLineEnds, loneCr } = await scanFile(temp));
    }
    // Rows ending in CRLF and in LF both (exports put together, a line edited by hand): DuckDB's
    // reader takes one kind per file and stops on the other ("state machine reached an invalid
    // state"), and without its strict mode it would cut ragged rows short. Read a copy whose row
    // ends are all LF; a quoted cell keeps its line breaks as written. (Excel's CRLF rows with an
    // LF inside a cell look mixed too: their copy reads the same.) A CR inside an unquoted value
    // (not a line end) stops DuckDB too: the copy finds those lines, which are then rejected, and
    // reads CR CR LF (a file converted twice) as a line end.
    if (newline === "\n" && (mixedLineEnds || loneCr)) {
      const copy = path.join(opts.tempDir, tempName(process.pid, ++seq));
      temps.push(copy);
      // A quote never closed (a stray " in a value) would hold every CRLF after it: then all of them become LF.
      const src = utf8File;
      crLines = await span("ingest.line_ends", async () => (await rowEndsToLf(src, copy, true)) ?? (await rowEndsToLf(src, copy, false))!, fileDetail(file));
      utf8File = copy;
    }
    // Read as UTF-8 although the file is not: usable only when its header is.
    if (encoding === "utf-8" && !scan.utf8 && !isUtf8(firstLineBytes(file)))
      throw new UnusableFileError(
        file,
        opts.encoding === "utf-8"
          ? "is set to UTF-8 in the config but is not valid UTF-8, not even its header (a GBK/GB18030 export?); use encoding \"auto\" or \"gb18030\""
          : "has a header row that is not valid UTF-8 while most of its text is: set \"encoding\" for this source",
      );
    // The header: the first non-blank line, or the first of the next few that fits the table when it does not.
    const candidates = firstLines(utf8File);
    if (!candidates.length) throw new UnusableFileError(file, "is empty: expected a header row and data rows");
    const delimOf = (line: string) => opts.delimiter ?? (opts.tsv ? "\t" : DELIMITERS.map((d) => ({ d, w: headerWidth(line, d) })).reduce((a, b) => (b.w > a.w ? b : a)).d);
    const fitsLine = (line: string) => opts.fits!(splitFields(line, delimOf(line)));
    let at = 0;
    if (opts.fits && !fitsLine(candidates[0].text)) at = Math.max(0, candidates.findIndex((c) => fitsLine(c.text)));
    const { n: headerLine, text: headLine } = candidates[at];
    const notes: string[] = [];
    if (at > 0) {
      const above = candidates.slice(0, at).map((c) => JSON.stringify(c.text.trim().slice(0, 60)));
      notes.push(`the header is line ${headerLine}: ${at === 1 ? "the line above it is a title" : `the ${at} lines above it are a title`}, not data (${above.join(", ")})`);
    }
    const delim = delimOf(headLine);
    if (!opts.delimiter && !opts.tsv && delim !== ",") notes.push(`fields separated by ${JSON.stringify(delim)} (the header has ${headerWidth(headLine, delim)} fields so; set "delimiter" to choose)`);
    // Lines above the header (blank or a title) give no row: DuckDB skips them; the row numbers
    // count them (as lines 2..header of a file whose header is line 1, see lineSegments).
    if (headerLine > 1) emptyLines = [...Array.from({ length: headerLine - 1 }, (_, i) => i + 2), ...emptyLines.filter((l) => l > headerLine)];
    const skip = headerLine > 1 ? `, skip=${headerLine - 1}` : "";
    // (no hive partition columns from folder names such as region=East/: the header is the file's)
    const dialect = `delim=${lit(delim)}, quote='"', escape='"', all_varchar=true, auto_detect=false, hive_partitioning=false${skip}`;
    // The header row as written, read as data (with header=true DuckDB would rename duplicates and blanks).
    const width = headerWidth(headLine, delim);
    const cols = Array.from({ length: width }, (_, i) => `c${i}`);
    const spec = `columns={${cols.map((c) => `'${c}': 'VARCHAR'`).join(", ")}}`;
    const [first] = await db.rows<Record<string, string | null>>(
      `SELECT * FROM read_csv(${lit(utf8File)}, header=false, ${dialect}, ${spec}, ignore_errors=true) LIMIT 1`,
    );
    const headers = cols.map((c) => (first?.[c] ?? "").replace(/^\uFEFF/, "").trim());

    // No copy of the raw text: the staging statement reads the file itself, in parallel, and keeps
    // the file's order (preserve_insertion_order), so the stage's rowid is the position among the
    // rows read. (Numbering rows with row_number() OVER () would make the read single-threaded.)
    const source = (text: string, removed: StructuralReject[], k: number): RawSource => {
      const rejTable = `kam_csv_rejects_${n}_${k}`;
      const rejScan = `kam_csv_scans_${n}_${k}`;
      return {
        headers,
        columns: cols,
        from: `read_csv(${lit(text)}, header=true, ${dialect}, ${spec}, store_rejects=true, rejects_table='${rejTable}', rejects_scan='${rejScan}')`,
        rowSql: null,
        skippedLines: emptyLines,
        encoding,
        encodingEvidence: decision.evidence,
        warnings: [...decision.warnings, ...notes],
        async structuralRejects(): Promise<StructuralReject[]> {
          const rows = await db.rows<{ line: number; csv_line: string | null; error_type: string | null; error_message: string | null }>(
            // (a row-level error, such as a line over DuckDB's size limit, has no column: it comes first;
            // arg_min over a NULL column_idx gave NULL, and the reason an internal TypeError)
            `SELECT line, any_value(csv_line) AS csv_line, arg_min(error_type, coalesce(column_idx, -1)) AS error_type, arg_min(error_message, coalesce(column_idx, -1)) AS error_message
             FROM ${rejTable} GROUP BY line ORDER BY line`,
          );
          const fromDuck = rows.map((r) => {
            const why = structuralReason(r.error_type, r.error_message, width, encoding);
            return { row: r.line, column: null, raw: clip((r.csv_line ?? "").replace(/^\r?\n/, "")), reason: why.reason, unterminated: why.unterminated };
          });
          return [...removed, ...fromDuck].sort((a, b) => a.row - b.row);
        },
        // A row whose quote never closes swallows the lines after it (DuckDB, reading in parallel,
        // also drops some): read a copy in which those lines are blank, so the rest is read on its own.
        async withoutLines(lines: number[], reason = structuralReason("UNQUOTED VALUE", null, width, encoding).reason, raws?: Map<number, string>): Promise<RawSource> {
          const copy = path.join(opts.tempDir, tempName(process.pid, ++seq));
          temps.push(copy);
          const texts = await blankLines(utf8File, copy, new Set(lines), newline);
          const gone = lines.map((l) => ({ row: l, column: null, raw: clip(raws?.get(l) ?? texts.get(l) ?? ""), reason: typeof reason === "string" ? reason : reason(l) }));
          const prior = removed.filter((r) => !lines.includes(r.row));
          return source(copy, [...prior, ...gone], k + 1);
        },
        release,
        cleanup,
      };
    };
    const plain = source(utf8File, [], 0);
    // Lines of more than a megabyte: rejected before DuckDB sees them (it fails on lines over its
    // limit that hold multi-byte text).
    const long = new Map(scan.longLines.filter((l) => l.line > headerLine).map((l) => [l.line, l.bytes]));
    const pasted = new Set(utf8Lines.filter((l) => l > headerLine && !long.has(l)));
    const withCr = new Set(crLines.filter((l) => l > headerLine && !long.has(l) && !pasted.has(l)));
    if (pasted.size) {
      const first = [...pasted].slice(0, 5);
      notes.push(`${pasted.size.toLocaleString("en-US")} line(s) are UTF-8 text in a file read as ${encoding} (first: line ${first.join(", ")}); they are rejected, the rest of the file is read as ${encoding}`);
    }
    if (long.size || pasted.size || withCr.size) {
      const reason = (l: number) =>
        long.has(l)
          ? `the row is ${long.get(l)!.toLocaleString("en-US")} bytes long, more than ${LONG_LINE.toLocaleString("en-US")}: not a row of an export`
          : withCr.has(l)
            ? crReason
            : `the row is UTF-8 text in a file read as ${encoding} (its other lines are not valid UTF-8): read as ${encoding} its text would be mojibake`;
      return plain.withoutLines!([...long.keys(), ...pasted, ...withCr].sort((a, b) => a - b), reason, utf8Texts);
    }
    return plain;
  } catch (e) {
    await cleanup();
    throw e;
  }
}

/** Copy `src` to `dst` with the given lines (1-based) emptied, newlines kept; returns their text. */
async function blankLines(src: string, dst: string, lines: Set<number>, newline: "\n" | "\r"): Promise<Map<number, string>> {
  const nl = newline === "\n" ? 0x0a : 0x0d;
  const out = fs.createWriteStream(dst);
  const texts = new Map<number, Buffer[]>();
  let line = 1;
  for await (const chunk of fs.createReadStream(src, { highWaterMark: 4 << 20 }) as AsyncIterable<Buffer>) {
    let start = 0;
    const parts: Buffer[] = [];
    while (start <= chunk.length) {
      const at = chunk.indexOf(nl, start);
      const end = at === -1 ? chunk.length : at;
      if (lines.has(line)) {
        const t = texts.get(line) ?? [];
        if (t.reduce((a, b) => a + b.length, 0) < 8 * RAW_MAX) t.push(chunk.subarray(start, end));
        texts.set(line, t);
        // keep a CR of a CRLF line end, so the copy's line ends stay as they were
        if (newline === "\n" && at !== -1 && end > start && chunk[end - 1] === 0x0d) parts.push(Buffer.from([0x0d]));
      } else parts.push(chunk.subarray(start, end));
      if (at === -1) break;
      parts.push(chunk.subarray(at, at + 1));
      line++;
      start = at + 1;
    }
    if (!out.write(Buffer.concat(parts))) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return new Map([...texts].map(([l, b]) => [l, Buffer.concat(b).toString("utf8").replace(/\r$/, "")]));
}

/** Copy `src` to `dst` with every CRLF and CR CR LF (`quotes`: outside quotes) written as LF (line
 * numbers unchanged); returns the lines (1-based) with a CR inside an unquoted value (written ␍),
 * or null when a quote was still open at the end of the file. */
async function rowEndsToLf(src: string, dst: string, quotes: boolean): Promise<number[] | null> {
  const out = fs.createWriteStream(dst);
  let quoted = false;
  let crs = 0; // CRs outside quotes, held until the next byte says whether they end a row
  let line = 1;
  const lone: number[] = [];
  for await (const chunk of fs.createReadStream(src, { highWaterMark: 4 << 20 }) as AsyncIterable<Buffer>) {
    const o = Buffer.allocUnsafe(chunk.length + 64);
    let k = 0;
    let parts: Buffer[] | null = null;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (crs && b !== 0x0d) {
        if (b !== 0x0a) {
          // not a line end: written as ␍ (U+240D), so that DuckDB can read the copy and the
          // rejected row shows where the CR was; said once per line
          if (lone[lone.length - 1] !== line) lone.push(line);
          for (; crs > 0; crs--) {
            if (k + 3 > o.length) (parts ??= []).push(Buffer.from(o.subarray(0, k))), (k = 0);
            o[k++] = 0xe2;
            o[k++] = 0x90;
            o[k++] = 0x8d;
          }
        }
        crs = 0;
      }
      if (b === 0x0a) line++;
      if (b === 0x22) quoted = quotes && !quoted;
      else if (b === 0x0d && !quoted) {
        crs++;
        continue;
      }
      if (k === o.length) (parts ??= []).push(Buffer.from(o.subarray(0, k))), (k = 0);
      o[k++] = b;
    }
    const buf = parts ? Buffer.concat([...parts, o.subarray(0, k)]) : o.subarray(0, k);
    if (!out.write(buf)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  if (crs) out.write(Buffer.alloc(crs, 0x0d));
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return quoted ? null : lone;
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

/** The bytes of the first line (up to 64 KiB). */
function firstLineBytes(file: string): Buffer {
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(65536);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const b = buf.subarray(0, n);
    const end = [b.indexOf(0x0a), b.indexOf(0x0d)].filter((i) => i >= 0);
    return b.subarray(0, end.length ? Math.min(...end) : n);
  } finally {
    fs.closeSync(fd);
  }
}

/** The first non-blank lines (up to HEADER_SEARCH, within the first 256 KiB) with their 1-based line numbers. */
function firstLines(file: string): { n: number; text: string }[] {
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(1 << 18);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const lines = buf.subarray(0, n).toString("utf8").replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
    if (n === buf.length && lines.length > 1) lines.pop(); // cut short
    const out: { n: number; text: string }[] = [];
    for (let i = 0; i < lines.length && out.length < HEADER_SEARCH; i++) if (lines[i].trim()) out.push({ n: i + 1, text: lines[i] });
    return out;
  } finally {
    fs.closeSync(fd);
  }
}

/** A line's fields (quotes as in CSV), trimmed: a header candidate. */
function splitFields(line: string, delim: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch !== '"') cur += ch;
      else if (line[i + 1] === '"') (cur += '"'), i++;
      else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === delim) out.push(cur.trim()), (cur = "");
    else cur += ch;
  }
  out.push(cur.trim());
  return out;
}
