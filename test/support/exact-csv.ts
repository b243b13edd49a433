// An independent reading of the fixture exports for tests: a small RFC 4180 parser and exact
// decimal arithmetic in BigInt (1/10,000), never the ingest's reader or its SQL.
import fs from "node:fs";

/** RFC 4180 records of a CSV text, header first. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(field), (field = "");
    else if (ch === "\n") row.push(field), rows.push(row), (row = []), (field = "");
    else if (ch !== "\r") field += ch;
  }
  return rows;
}
export const records = (file: string) => {
  const [header, ...rows] = parseCsv(fs.readFileSync(file, "utf8"));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
};

/** Exact decimals in 1/10,000. */
export const dec = (s: string): bigint => {
  const neg = s.startsWith("-");
  const [w, f = ""] = s.replace("-", "").split(".");
  const v = BigInt(w) * 10_000n + BigInt((f + "0000").slice(0, 4));
  return neg ? -v : v;
};
export const times = (a: bigint, b: bigint) => {
  const p = a * b; // 1/10^8, rounded half away from zero to 1/10^4
  const q = p / 10_000n;
  const r = p % 10_000n;
  return 2n * (r < 0n ? -r : r) >= 10_000n ? q + (p < 0n ? -1n : 1n) : q;
};
export const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
/** 1/10,000 to cents, half away from zero (what a page shows). */
export const cents = (v: bigint): number => {
  const q = v / 100n;
  const r = v % 100n;
  const c = 2n * (r < 0n ? -r : r) >= 100n ? q + (v < 0n ? -1n : 1n) : q;
  return Number(c) / 100;
};

/** Independent normalisation of an id a spreadsheet wrote as a number: 17850.0 -> 17850; 1.785E+04 -> 17850. */
export const spreadsheetId = (raw: string) => {
  if (/^\d+\.0$/.test(raw)) return raw.slice(0, -2);
  const m = /^(\d)(?:\.(\d+))?E\+0?(\d+)$/.exec(raw);
  return m ? (m[1] + (m[2] ?? "")).padEnd(Number(m[3]) + 1, "0") : raw;
};
