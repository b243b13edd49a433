// GBK/GB18030 exports are decoded to a temporary UTF-8 file (streaming, any size) for DuckDB.
import fs from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import iconv from "iconv-lite";

export async function decodeToUtf8(src: string, dst: string, encoding: string, onProgress?: (done: number) => void): Promise<void> {
  let done = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      done += chunk.length;
      onProgress?.(done);
      cb(null, chunk);
    },
  });
  await pipeline(
    fs.createReadStream(src, { highWaterMark: 4 << 20 }),
    count,
    iconv.decodeStream(encoding, { stripBOM: true }),
    iconv.encodeStream("utf8"),
    fs.createWriteStream(dst),
  );
}
