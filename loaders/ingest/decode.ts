// GBK/GB18030 exports are decoded to a temporary UTF-8 file (streaming, any size) for DuckDB.
// Node's TextDecoder (ICU, native) is about twice as fast as iconv-lite; iconv-lite covers
// Node builds without full ICU.
import { isAscii, isUtf8 } from "node:buffer";
import fs from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import iconv from "iconv-lite";

function nativeDecoder(encoding: string): TextDecoder | null {
  try {
    return new TextDecoder(encoding, { ignoreBOM: false });
  } catch {
    return null;
  }
}

/** A line of more than this many bytes is not looked at for UTF-8 (it is no row of an export). */
const LOOK_MAX = 2_000_000;

/** Whether a line (no line end) is UTF-8 text with a character of three bytes or more (CJK):
 * lines of GBK Chinese hardly ever are (a lone 台 = CC A8 is valid UTF-8 of two bytes, so two
 * byte characters do not count). */
export function isUtf8Cjk(line: Buffer): boolean {
  if (!isUtf8(line) || isAscii(line)) return false; // (a GBK line fails the first test)
  for (let i = 0; i < line.length; i++) if (line[i] >= 0xe0) return true;
  return false;
}

/**
 * Decode `src` (in `encoding`) to UTF-8 in `dst`. With `utf8Lines`, also returns the lines (1-based,
 * ending in that newline; the header not counted) that are UTF-8 CJK text already: in a GBK export
 * a line pasted from a UTF-8 file, which decoded as GBK would be mojibake; with their text as written.
 */
export async function decodeToUtf8(src: string, dst: string, encoding: string, onProgress?: (done: number) => void, utf8Lines?: { newline: "\n" | "\r" }): Promise<{ utf8Lines: number[]; utf8Texts: Map<number, string> }> {
  let done = 0;
  const found: number[] = [];
  const texts = new Map<number, string>();
  const nl = utf8Lines?.newline === "\r" ? 0x0d : 0x0a;
  let line = 1;
  let carry: Buffer | null = null;
  let skip = false; // the current line is too long to look at
  const look = (b: Buffer) => {
    if (line > 1 && !skip && isUtf8Cjk(b)) {
      found.push(line);
      if (texts.size < 10_000) texts.set(line, b.subarray(0, 8000).toString("utf8").replace(/\r$/, ""));
    }
  };
  const count = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      done += chunk.length;
      onProgress?.(done);
      if (utf8Lines) {
        const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
        let start = 0;
        let at = buf.indexOf(nl);
        while (at !== -1) {
          look(buf.subarray(start, at));
          skip = false;
          line++;
          start = at + 1;
          at = buf.indexOf(nl, start);
        }
        carry = start < buf.length ? Buffer.from(buf.subarray(start)) : null;
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
    ? new Transform({
        transform(chunk: Buffer, _enc, cb) {
          cb(null, Buffer.from(native.decode(chunk, { stream: true }), "utf8"));
        },
        flush(cb) {
          cb(null, Buffer.from(native.decode(), "utf8"));
        },
      })
    : iconv.decodeStream(encoding, { stripBOM: true });
  const stages = native ? [decode] : [decode, iconv.encodeStream("utf8")];
  await pipeline(fs.createReadStream(src, { highWaterMark: 4 << 20 }), count, ...(stages as [Transform]), fs.createWriteStream(dst));
  return { utf8Lines: found, utf8Texts: texts };
}
