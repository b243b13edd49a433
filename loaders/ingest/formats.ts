// Which reader an export needs, from the config, the extension and the first bytes.
import path from "node:path";
import { utf16Of } from "./encoding.ts";
import { UnusableFileError } from "./errors.ts";

export type Format = "csv" | "tsv" | "xlsx" | "parquet";

export function detectFormat(file: string, head: Buffer, override?: Format): Format {
  if (override) return override;
  const ext = path.extname(file).toLowerCase();
  const magic = head.subarray(0, 4).toString("latin1");
  if (magic === "PAR1") return "parquet";
  if (magic === "PK\x03\x04") {
    if (ext === ".xlsx" || ext === ".xlsm" || ext === "") return "xlsx";
    throw new UnusableFileError(file, `is a zip archive (${ext}); expected CSV/TSV, XLSX or Parquet`);
  }
  // (Office's compound file: an .xls, or an .xlsx saved with a password, which Excel encrypts into one)
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])))
    throw new UnusableFileError(
      file,
      ext === ".xlsx" || ext === ".xlsm"
        ? "is a password-protected (encrypted) workbook, or an old .xls renamed: remove the password (File > Info > Protect Workbook) or save it as .xlsx again"
        : "is an old binary Excel (.xls) file; save it as .xlsx or CSV",
    );
  if (ext === ".xlsx" || ext === ".parquet")
    throw new UnusableFileError(file, `has the extension ${ext} but is not ${ext === ".xlsx" ? "an XLSX (zip)" : "a Parquet"} file`);
  // UTF-16 text (Excel's "Unicode text", tab-separated) has NUL bytes but is text.
  if (utf16Of(head)) return ext === ".tsv" || ext === ".tab" ? "tsv" : "csv";
  if (head.includes(0)) throw new UnusableFileError(file, "is a binary file of unknown format; expected CSV/TSV (UTF-8, GBK or UTF-16), XLSX or Parquet");
  if (ext === ".tsv" || ext === ".tab") return "tsv";
  return "csv";
}
