// A buffered, synchronous text file writer in UTF-8 (optionally with a BOM) or GBK.
// Synchronous writes keep the generator simple and its output order exact; the buffer
// keeps memory flat at any scale. Counts data rows the way the ingest numbers them.
import fs from "node:fs";
import iconv from "iconv-lite";

export type Encoding = "utf8" | "utf8-bom" | "gbk";

export class TextFileWriter {
  private fd: number;
  private chunks: string[] = [];
  private buffered = 0;
  /** data rows written so far (the header is not a data row) */
  rows = 0;

  constructor(
    readonly file: string,
    private encoding: Encoding,
    header: string,
  ) {
    this.fd = fs.openSync(file, "w");
    if (encoding === "utf8-bom") fs.writeSync(this.fd, Buffer.from([0xef, 0xbb, 0xbf]));
    this.push(header);
  }

  /** Writes one data row (already formatted, with its line end); returns its 1-based row number. */
  row(text: string): number {
    this.push(text);
    return ++this.rows;
  }

  private push(text: string) {
    this.chunks.push(text);
    this.buffered += text.length;
    if (this.buffered > 1 << 20) this.flush();
  }

  private flush() {
    if (!this.chunks.length) return;
    const text = this.chunks.join("");
    this.chunks = [];
    this.buffered = 0;
    fs.writeSync(this.fd, this.encoding === "gbk" ? iconv.encode(text, "gbk") : Buffer.from(text, "utf8"));
  }

  close() {
    this.flush();
    fs.closeSync(this.fd);
  }
}
