// Which text encoding a CSV is in, decided per file with evidence, never by a guess that can
// turn valid UTF-8 into mojibake:
// - a UTF-16 byte order mark (or the NUL bytes of UTF-16 text) -> UTF-16 (Excel's "Unicode text");
// - valid UTF-8 throughout -> UTF-8;
// - otherwise each line is looked at: lines with non-ASCII text that are valid UTF-8 against lines
//   that are not. UTF-8 wins when the valid ones are at least as many (a UTF-8 export with a few
//   broken lines: those lines become rejects, the rest keeps its Chinese); else GB18030 (GBK's
//   superset), where hardly a line of Chinese text is valid UTF-8.
// An explicit encoding is obeyed, with a warning when it contradicts the file (valid UTF-8 read as
// GBK would be mojibake; a file set to UTF-8 that has broken lines).
import fs from "node:fs";
import { isUtf8 } from "node:buffer";
import type { FileScan } from "./scan.ts";

export type Encoding = "utf-8" | "gb18030" | "gbk" | "utf-16le" | "utf-16be";
export type EncodingSetting = "auto" | Encoding;

export interface EncodingDecision {
  encoding: Encoding;
  /** Why, in words (recorded with the file). */
  evidence: string;
  warnings: string[];
}

export interface LineEvidence {
  /** Lines with non-ASCII bytes that are valid UTF-8. */
  validNonAscii: number;
  /** Lines that are not valid UTF-8, and the first few of them (1-based). */
  invalid: number;
  firstInvalid: number[];
  /** Lines looked at (the look stops early once the file is plainly not UTF-8). */
  lines: number;
  complete: boolean;
}

/** UTF-16 from the byte order mark, or from NUL bytes at every other position of the first bytes. */
export function utf16Of(head: Buffer): "utf-16le" | "utf-16be" | null {
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  // Without a byte order mark: text whose every other byte is NUL, the bytes between them text
  // (ASCII letters, digits, tabs and newlines in UTF-16). Short or mixed files are not taken for it.
  const n = Math.min(head.length & ~1, 1024);
  if (n < 32) return null;
  const text = (b: number) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f) || b >= 0x80;
  for (const [nul, other, name] of [[1, 0, "utf-16le"], [0, 1, "utf-16be"]] as const) {
    let nuls = 0;
    let texts = 0;
    let otherNuls = 0;
    for (let i = 0; i < n; i += 2) {
      if (head[i + nul] === 0) {
        nuls++;
        if (text(head[i + other])) texts++;
      }
      if (head[i + other] === 0) otherNuls++;
    }
    if (otherNuls === 0 && nuls >= 0.5 * (n / 2) && texts >= 0.9 * nuls) return name;
  }
  return null;
}

/** Per-line UTF-8 evidence (only needed when the file as a whole is not valid UTF-8). */
export async function lineEvidence(file: string): Promise<LineEvidence> {
  const ev: LineEvidence = { validNonAscii: 0, invalid: 0, firstInvalid: [], lines: 0, complete: true };
  let carry = Buffer.alloc(0);
  const look = (line: Buffer) => {
    ev.lines++;
    let ascii = true;
    for (let i = 0; i < line.length; i++)
      if (line[i] >= 0x80) {
        ascii = false;
        break;
      }
    if (ascii) return;
    if (isUtf8(line)) ev.validNonAscii++;
    else {
      ev.invalid++;
      if (ev.firstInvalid.length < 5) ev.firstInvalid.push(ev.lines);
    }
  };
  const stream = fs.createReadStream(file, { highWaterMark: 4 << 20 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    let at = buf.indexOf(0x0a);
    while (at !== -1) {
      look(buf.subarray(start, at));
      start = at + 1;
      at = buf.indexOf(0x0a, start);
    }
    carry = Buffer.from(buf.subarray(start));
    // Plainly not UTF-8 (a GBK export): no need to read the rest.
    if (ev.invalid >= 200 && ev.validNonAscii * 20 < ev.invalid) {
      ev.complete = false;
      stream.destroy();
      return ev;
    }
  }
  if (carry.length) look(carry);
  return ev;
}

const n = (x: number) => x.toLocaleString("en-US");

export async function decideEncoding(file: string, scan: FileScan, setting: EncodingSetting): Promise<EncodingDecision> {
  const utf16 = utf16Of(scan.head);
  if (setting === "auto") {
    if (utf16) return { encoding: utf16, evidence: `${utf16} (${scan.head[0] === 0xff || scan.head[0] === 0xfe ? "byte order mark" : "NUL bytes of UTF-16 text"})`, warnings: [] };
    if (scan.utf8) return { encoding: "utf-8", evidence: `utf-8 (valid UTF-8 throughout${scan.bom ? ", with BOM" : ""})`, warnings: [] };
    const ev = await lineEvidence(file);
    if (ev.validNonAscii >= ev.invalid && ev.validNonAscii > 0) {
      return {
        encoding: "utf-8",
        evidence: `utf-8 (${n(ev.validNonAscii)} lines of non-ASCII text are valid UTF-8; ${n(ev.invalid)} are not and are rejected)`,
        warnings: [`${n(ev.invalid)} line(s) are not valid UTF-8 (first: line ${ev.firstInvalid.join(", ")}); they are rejected, the rest of the file is read as UTF-8`],
      };
    }
    return {
      encoding: "gb18030",
      evidence: `gb18030 (${ev.complete ? "" : "at least "}${n(ev.invalid)} lines are not valid UTF-8, ${n(ev.validNonAscii)} of non-ASCII text are)`,
      warnings: [],
    };
  }
  const warnings: string[] = [];
  if ((setting === "gb18030" || setting === "gbk") && scan.utf8 && !scan.ascii)
    warnings.push(
      `is set to ${setting} in the config, but it is valid UTF-8 with non-ASCII text: read as ${setting} its Chinese would be mojibake; use "encoding": "auto" (or "utf-8") if it is UTF-8`,
    );
  if (setting === "utf-8" && !scan.utf8) {
    const ev = await lineEvidence(file);
    warnings.push(
      `is set to UTF-8 in the config, but ${ev.complete ? "" : "at least "}${n(ev.invalid)} line(s) are not valid UTF-8 (first: line ${ev.firstInvalid.join(", ")}); they are rejected (a GBK export? use "encoding": "auto")`,
    );
  }
  if ((setting === "utf-16le" || setting === "utf-16be") && !utf16)
    warnings.push(`is set to ${setting} in the config, but its first bytes do not look like UTF-16`);
  return { encoding: setting, evidence: `${setting} (set in the config)`, warnings };
}
