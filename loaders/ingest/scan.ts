// One streaming pass over an export: content hash, whether it is valid UTF-8, and where the
// empty lines are (DuckDB skips them; the row numbers in the rejects must still match the file).
import crypto from "node:crypto";
import fs from "node:fs";
import { isAscii, isUtf8 } from "node:buffer";

export interface FileScan {
  sha256: string;
  bytes: number;
  utf8: boolean;
  /** No byte above 0x7f (then every ASCII-compatible encoding reads it alike). */
  ascii: boolean;
  bom: boolean;
  /** "\r" for files with CR-only line ends (old Mac exports), else "\n" (CRLF included). */
  newline: "\n" | "\r";
  /** First bytes, for format sniffing. */
  head: Buffer;
  /** Lines longer than LONG_LINE bytes (1-based), with their length: not rows of an export, and
   * beyond what DuckDB's CSV reader takes (it fails on them). */
  longLines: { line: number; bytes: number }[];
  /** 1-based line numbers of empty lines (only "\n" or "\r\n"; "\r" in a CR-only file). */
  emptyLines: number[];
  /** Lines end in "\r\n" and in a bare "\n" both (some of them may be inside quoted cells). */
  mixedLineEnds: boolean;
  /** A "\r" other than one before "\n" (inside a value, or CR CR LF) in a file whose lines end in "\n". */
  loneCr: boolean;
}

/** Bytes at the end of `buf` that start a UTF-8 sequence the buffer does not complete. */
function incompleteTail(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** A line longer than this (1 MB) is no row of an export; decoded to UTF-8 it stays below
 * DuckDB's 2 MB line limit (GBK and UTF-16 grow by at most half). */
export const LONG_LINE = 1_000_000;

export async function scanFile(file: string, opts: { lines?: boolean; onProgress?: (done: number) => void } = {}): Promise<FileScan> {
  const hash = crypto.createHash("sha256");
  let utf8 = true;
  let carry = Buffer.alloc(0);
  let head: Buffer | null = null;
  let bytes = 0;
  let line = 1;
  let prev = 0x0a; // the byte before the current chunk ("\n" at the start: a leading empty line counts)
  let prev2 = 0;
  const emptyLines: number[] = [];
  let ascii = true;
  let sawCr = false;
  const longLines: { line: number; bytes: number }[] = [];
  let lineStart = 0; // offset of the current line's first byte in the file
  let crlf = 0;
  let lf = 0;
  let loneCr = false;
  let crAtEnd = false; // the previous chunk ended in CRs: the next byte decides
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 4 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    if (!head) head = chunk.subarray(0, 4096);
    bytes += chunk.length;
    if (ascii) ascii = isAscii(chunk);
    if (!sawCr && line === 1) sawCr = chunk.includes(0x0d);
    if (utf8) {
      const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const tail = incompleteTail(buf);
      utf8 = isUtf8(buf.subarray(0, buf.length - tail));
      carry = Buffer.from(buf.subarray(buf.length - tail));
    }
    if (opts.lines !== false && !loneCr) {
      // A CR followed by anything but CR or LF (one indexOf per chunk when there is no CR at all).
      if (crAtEnd && chunk[0] !== 0x0a && chunk[0] !== 0x0d) loneCr = true;
      let at = chunk.indexOf(0x0d);
      while (at !== -1 && !loneCr) {
        let j = at;
        while (j < chunk.length && chunk[j] === 0x0d) j++;
        if ((j < chunk.length && chunk[j] !== 0x0a) || j - at > 1) loneCr = true; // (CR CR LF too: a file converted twice)
        at = chunk.indexOf(0x0d, j);
      }
      crAtEnd = chunk[chunk.length - 1] === 0x0d;
    }
    if (opts.lines !== false) {
      // Count newlines natively; an empty line is "\n" right after "\n" (or after "\n\r").
      let at = chunk.indexOf(0x0a);
      while (at !== -1) {
        const b1 = at >= 1 ? chunk[at - 1] : prev;
        const b2 = at >= 2 ? chunk[at - 2] : at === 1 ? prev : prev2;
        if (b1 === 0x0a || (b1 === 0x0d && b2 === 0x0a)) emptyLines.push(line);
        if (b1 === 0x0d) crlf++;
        else lf++;
        const end = bytes - chunk.length + at;
        if (end - lineStart > LONG_LINE) longLines.push({ line, bytes: end - lineStart });
        lineStart = end + 1;
        line++;
        at = chunk.indexOf(0x0a, at + 1);
      }
      prev2 = chunk.length >= 2 ? chunk[chunk.length - 2] : prev;
      prev = chunk[chunk.length - 1];
    }
    opts.onProgress?.(bytes);
  }
  if (bytes - lineStart > LONG_LINE) longLines.push({ line, bytes: bytes - lineStart });
  if (carry.length) utf8 = false;
  head ??= Buffer.alloc(0);
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  // No "\n" at all but "\r": lines end in CR only (DuckDB reads them so); find its empty lines by CR.
  const newline = line === 1 && sawCr ? "\r" : "\n";
  if (newline === "\r" && opts.lines !== false) emptyLines.push(...(await crEmptyLines(file)));
  return { sha256: hash.digest("hex"), bytes, utf8, ascii, bom, newline, head, emptyLines, longLines: newline === "\n" ? longLines : [], mixedLineEnds: crlf > 0 && lf > 0, loneCr: newline === "\n" && loneCr };
}

async function crEmptyLines(file: string): Promise<number[]> {
  const out: number[] = [];
  let line = 1;
  let prev = 0x0d;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 4 << 20 }) as AsyncIterable<Buffer>) {
    let at = chunk.indexOf(0x0d);
    while (at !== -1) {
      if ((at >= 1 ? chunk[at - 1] : prev) === 0x0d) out.push(line);
      line++;
      at = chunk.indexOf(0x0d, at + 1);
    }
    prev = chunk[chunk.length - 1];
  }
  return out;
}
