// One byte range of a GBK/GB18030 (or UTF-16) export decoded to UTF-8 in a file of its own: run
// in the calling thread, or as a worker thread (decode.ts runs one per core). Plain JavaScript so
// that a worker starts without the TypeScript loader. The range starts at a line's start: there
// every decoder is in its initial state, so the parts' outputs joined are the file's.
import { isAscii, isUtf8 } from "node:buffer";
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
export function isUtf8Cjk(line) {
  if (!isUtf8(line) || isAscii(line)) return false; // (a GBK line fails the first test)
  for (let i = 0; i < line.length; i++) if (line[i] >= 0xe0) return true;
  return false;
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
  const look = (b) => {
    if (!skip && isUtf8Cjk(b)) {
      found.push(newlines);
      if (texts.length < TEXTS_MAX) texts.push([newlines, b.subarray(0, 8000).toString("utf8").replace(/\r$/, "")]);
    }
  };
  const count = new Transform({
    transform(chunk, _enc, cb) {
      onBytes?.(chunk.length);
      if (newline !== undefined) {
        const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
        let from = 0;
        let at = buf.indexOf(newline);
        while (at !== -1) {
          look(buf.subarray(from, at));
          skip = false;
          newlines++;
          from = at + 1;
          at = buf.indexOf(newline, from);
        }
        carry = from < buf.length ? Buffer.from(buf.subarray(from)) : null;
        if (carry && carry.length > LOOK_MAX) {
          carry = null;
          skip = true;
        }
      }
      cb(null, chunk);
    },
    flush(cb) {
      if (carry) look(carry);
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
