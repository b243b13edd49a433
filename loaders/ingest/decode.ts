// GBK/GB18030 exports are decoded to a temporary UTF-8 file (streaming, any size) for DuckDB.
// Node's TextDecoder (ICU, native) is about twice as fast as iconv-lite; iconv-lite covers
// Node builds without full ICU.
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

export async function decodeToUtf8(src: string, dst: string, encoding: string, onProgress?: (done: number) => void): Promise<void> {
  let done = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      done += chunk.length;
      onProgress?.(done);
      cb(null, chunk);
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
}
