// One byte range of a GBK/GB18030 (or UTF-16) export decoded to UTF-8 in a file of its own: run
// in the calling thread, or as a worker thread (decode.ts runs one per core). Plain JavaScript so
// that a worker starts without the TypeScript loader. The range starts at a line's start: there
// every decoder is in its initial state, so the parts' outputs joined are the file's.
import fs from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import iconv from "iconv-lite";

/** A line of more than this many bytes is not looked at for UTF-8 (it is no row of an export). */
const LOOK_MAX = 2_000_000;
/** At most this many pasted lines keep their text (the rest are named by number). */
export const TEXTS_MAX = 10_000;

/** Whether a line (no line end) is UTF-8 text with a character of three bytes or more (CJK):
 * lines of GBK Chinese hardly ever are (a lone 台 = CC A8 is valid UTF-8 of two bytes, so two
 * byte characters do not count). */
export const isUtf8Cjk = (line) => isUtf8CjkAt(line, 0, line.length);

/** isUtf8Cjk of bytes [from, to) of `buf`, as Node's isUtf8 validates (no overlong forms, no
 * surrogates, nothing past U+10FFFF), in place: a GBK line fails at its first Chinese character,
 * where a native call per line cost more than the look (10M lines: 3.8 s of CPU). */
export function isUtf8CjkAt(buf, from, to) {
  let cjk = false;
  let i = from;
  while (i < to) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b < 0xc2) return false;
    if (b < 0xe0) {
      if (i + 1 >= to || (buf[i + 1] & 0xc0) !== 0x80) return false;
      i += 2;
      continue;
    }
    if (b < 0xf0) {
      if (i + 2 >= to) return false;
      const b1 = buf[i + 1];
      if ((b1 & 0xc0) !== 0x80 || (buf[i + 2] & 0xc0) !== 0x80) return false;
      if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 >= 0xa0)) return false; // overlong, surrogate
      cjk = true;
      i += 3;
      continue;
    }
    if (b < 0xf5) {
      if (i + 3 >= to) return false;
      const b1 = buf[i + 1];
      if ((b1 & 0xc0) !== 0x80 || (buf[i + 2] & 0xc0) !== 0x80 || (buf[i + 3] & 0xc0) !== 0x80) return false;
      if ((b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 >= 0x90)) return false; // overlong, past U+10FFFF
      cjk = true;
      i += 4;
      continue;
    }
    return false;
  }
  return cjk;
}

// (WHATWG's GB18030 decoder keeps a byte order mark as U+FEFF: the header's is trimmed later)
export function nativeDecoder(encoding) {
  try {
    return new TextDecoder(encoding);
  } catch {
    return null;
  }
}

/**
 * Decode bytes [start, end) of `src` to UTF-8 in `dst`. `first`: the range is the file's start
 * (iconv-lite drops a byte order mark there; elsewhere it is text). With `newline` (a byte), counts the
 * range's lines and finds those that are UTF-8 CJK text already (see isUtf8Cjk), by their index
 * in the range (0 = its first line), the first TEXTS_MAX with their text.
 * @returns {Promise<{ newlines: number, found: number[], texts: [number, string][] }>}
 */
export async function decodePart({ src, dst, start, end, encoding, first, newline, onBytes }) {
  let newlines = 0;
  const found = [];
  const texts = [];
  let carry = null;
  let skip = false; // the current line is too long to look at
  const look = (buf, from, to) => {
    if (!skip && isUtf8CjkAt(buf, from, to)) {
      found.push(newlines);
      if (texts.length < TEXTS_MAX) texts.push([newlines, buf.subarray(from, Math.min(to, from + 8000)).toString("utf8").replace(/\r$/, "")]);
    }
  };
  // the line a chunk ended in, joined with the next chunk's start (not the whole chunk: no copy)
  const lines = (chunk) => {
    let from = 0;
    if (carry) {
      const at = chunk.indexOf(newline);
      const line = Buffer.concat([carry, at === -1 ? chunk : chunk.subarray(0, at)]);
      carry = null;
      if (at === -1) {
        if (line.length > LOOK_MAX) skip = true;
        else carry = line;
        return;
      }
      look(line, 0, line.length);
      skip = false;
      newlines++;
      from = at + 1;
    }
    let at = chunk.indexOf(newline, from);
    while (at !== -1) {
      look(chunk, from, at);
      skip = false;
      newlines++;
      from = at + 1;
      at = chunk.indexOf(newline, from);
    }
    if (from < chunk.length && !skip) {
      if (chunk.length - from > LOOK_MAX) skip = true;
      else carry = Buffer.from(chunk.subarray(from));
    }
  };
  const count = new Transform({
    transform(chunk, _enc, cb) {
      onBytes?.(chunk.length);
      if (newline !== undefined) lines(chunk);
      cb(null, chunk);
    },
    flush(cb) {
      if (carry) look(carry, 0, carry.length);
      cb();
    },
  });
  const native = nativeDecoder(encoding);
  const decode = native
    ? [
        new Transform({
          transform(chunk, _enc, cb) {
            cb(null, Buffer.from(native.decode(chunk, { stream: true }), "utf8"));
          },
          flush(cb) {
            cb(null, Buffer.from(native.decode(), "utf8"));
          },
        }),
      ]
    : [iconv.decodeStream(encoding, { stripBOM: first }), iconv.encodeStream("utf8")];
  if (end <= start) fs.writeFileSync(dst, "");
  else await pipeline(fs.createReadStream(src, { start, end: end - 1, highWaterMark: 4 << 20 }), count, ...decode, fs.createWriteStream(dst));
  return { newlines, found, texts };
}

// As a worker: decode workerData's range, report bytes read as it goes, then the result.
if (!isMainThread && workerData?.decodePart) {
  let pending = 0;
  const result = await decodePart({
    ...workerData.decodePart,
    onBytes: (n) => {
      pending += n;
      if (pending >= 16 << 20) {
        parentPort.postMessage({ bytes: pending });
        pending = 0;
      }
    },
  });
  parentPort.postMessage({ bytes: pending, result });
}
