// GBK/GB18030 exports are decoded to a temporary UTF-8 file (streaming, any size) for DuckDB.
// Node's TextDecoder (ICU, native) is about twice as fast as iconv-lite; iconv-lite covers
// Node builds without full ICU. A large GBK file is decoded in parts, one worker thread per core
// (decoding was the ingest's one single-threaded stage: 14.8 s of a 1.16 GB export): GBK and
// GB18030 never use a newline byte inside a character, so a part that starts after a newline
// starts at a character, and the parts' outputs joined in order are the whole file's.
import fs from "node:fs";
import os from "node:os";
import { pipeline } from "node:stream/promises";
import { Worker } from "node:worker_threads";
// plain JS, so that a worker runs without the TypeScript loader (its types: decode_part.d.mts)
import { decodePart, isUtf8Cjk, nativeDecoder, TEXTS_MAX, type PartJob, type PartResult } from "./decode_part.mjs";

export { isUtf8Cjk };

const workerUrl = new URL("./decode_part.mjs", import.meta.url);

/** A part is at least this large (a thread's start costs ~30 ms), and there are at most PARTS_MAX:
 * parts decoded but not yet appended hold disk (at 100M lines, 64 parts of 170 MB). */
const PART_MIN = 128 << 20;
const PARTS_MAX = 64;
/** A part's end is looked for this far past its nominal cut; past it, no cut there. */
const CUT_SEARCH = 16 << 20;

export interface DecodeOptions {
  /** parts of at least this many bytes (default 128 MiB); for tests */
  partMin?: number;
  /** threads to decode with (default: the cores) */
  threads?: number;
}

/** Byte offsets where the parts of `src` start, each just after a `newline` byte; [0] when one part. */
export function partStarts(src: string, size: number, newline: number, parts: number): number[] {
  const starts = [0];
  if (parts < 2) return starts;
  const fd = fs.openSync(src, "r");
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let i = 1; i < parts; i++) {
      let at = Math.max(Math.floor((size * i) / parts), starts[starts.length - 1] + 1);
      const stop = Math.min(size, at + CUT_SEARCH);
      let cut = -1;
      while (cut < 0 && at < stop) {
        const n = fs.readSync(fd, buf, 0, Math.min(buf.length, stop - at), at);
        if (n <= 0) break;
        const k = buf.subarray(0, n).indexOf(newline);
        if (k >= 0) cut = at + k + 1;
        else at += n;
      }
      if (cut > 0 && cut < size) starts.push(cut);
    }
  } finally {
    fs.closeSync(fd);
  }
  return starts;
}

/** The part file beside `dst` for part `i` (named like it, so that removeDecodeLitter finds it). */
const partPath = (dst: string, i: number) => dst.replace(/(\.[A-Za-z0-9]+)?$/, (ext) => `-${i}${ext}`);

function inWorker(job: PartJob, onBytes: (n: number) => void): { done: Promise<PartResult>; stop: () => void } {
  const worker = new Worker(workerUrl, { workerData: { decodePart: job } });
  const done = new Promise<PartResult>((resolve, reject) => {
    worker.on("message", (m: { bytes: number; result?: PartResult }) => {
      onBytes(m.bytes);
      if (m.result) resolve(m.result);
    });
    worker.on("error", reject);
    worker.on("exit", (code) => reject(new Error(`the decoding thread stopped (exit code ${code})`)));
  });
  return { done, stop: () => void worker.terminate() };
}

/**
 * Decode `src` (in `encoding`) to UTF-8 in `dst`. With `utf8Lines`, also returns the lines (1-based,
 * ending in that newline; the header not counted) that are UTF-8 CJK text already: in a GBK export
 * a line pasted from a UTF-8 file, which decoded as GBK would be mojibake; with their text as written.
 * GBK and GB18030 files of more than two parts' minimum are decoded in parallel (see above).
 */
export async function decodeToUtf8(
  src: string,
  dst: string,
  encoding: string,
  onProgress?: (done: number) => void,
  utf8Lines?: { newline: "\n" | "\r" },
  opts: DecodeOptions = {},
): Promise<{ utf8Lines: number[]; utf8Texts: Map<number, string> }> {
  const nl = utf8Lines?.newline === "\r" ? 0x0d : 0x0a;
  const size = fs.statSync(src).size;
  const splittable = /^(gbk|gb18030)$/i.test(encoding) && nativeDecoder(encoding) !== null;
  const threads = opts.threads ?? os.availableParallelism();
  const parts = splittable && threads > 1 ? Math.max(1, Math.min(PARTS_MAX, Math.floor(size / (opts.partMin ?? PART_MIN)))) : 1;
  const starts = partStarts(src, size, nl, parts);
  let done = 0;
  const onBytes = (n: number) => {
    done += n;
    onProgress?.(done);
  };
  const job = (i: number) => ({
    src,
    dst: i === 0 ? dst : partPath(dst, i),
    start: starts[i],
    end: starts[i + 1] ?? size,
    encoding,
    first: i === 0,
    newline: utf8Lines ? nl : undefined,
  });

  let results: PartResult[];
  if (starts.length === 1) results = [await decodePart({ ...job(0), onBytes })];
  else results = await decodeInParts(starts.length, Math.min(threads, starts.length), job, onBytes, dst);

  // the parts' lines numbered in the file: part i's line k is line 1 + (newlines before the part) + k
  const found: number[] = [];
  const texts = new Map<number, string>();
  let before = 1;
  for (const r of results) {
    for (const k of r.found) if (before + k > 1) found.push(before + k);
    for (const [k, t] of r.texts) if (before + k > 1 && texts.size < TEXTS_MAX) texts.set(before + k, t);
    before += r.newlines;
  }
  return { utf8Lines: found, utf8Texts: texts };
}

/** `n` parts on `threads` worker threads, taken in order; each part after the first is appended
 * to `dst` (part 0's file) as soon as it and those before it are done, and removed. */
async function decodeInParts(n: number, threads: number, job: (i: number) => PartJob, onBytes: (b: number) => void, dst: string): Promise<PartResult[]> {
  const results: Promise<PartResult>[] = [];
  const running: (() => void)[] = [];
  let next = 0;
  let failed = false;
  const start = (): Promise<PartResult> | undefined => {
    if (next >= n || failed) return;
    const i = next++;
    const w = inWorker(job(i), onBytes);
    running.push(w.stop);
    const p = w.done.finally(() => {
      w.stop();
      start();
    });
    p.catch(() => {}); // (handled where it is awaited, or in the clean-up below)
    results[i] = p;
    return p;
  };
  for (let t = 0; t < threads; t++) start();
  try {
    const out: PartResult[] = [];
    for (let i = 0; i < n; i++) {
      // a part is started when a thread frees up: wait until part i has been started
      while (!results[i]) await Promise.race(results.filter(Boolean));
      out.push(await results[i]);
      if (i > 0) {
        const part = job(i).dst;
        await pipeline(fs.createReadStream(part, { highWaterMark: 4 << 20 }), fs.createWriteStream(dst, { flags: "a" }));
        fs.rmSync(part, { force: true });
      }
    }
    return out;
  } catch (e) {
    failed = true;
    running.forEach((stop) => stop());
    await Promise.allSettled(results);
    for (let i = 1; i < n; i++) {
      try {
        fs.rmSync(job(i).dst, { force: true });
      } catch {
        // (not a file we wrote: the error above says why the part failed)
      }
    }
    throw e;
  }
}
