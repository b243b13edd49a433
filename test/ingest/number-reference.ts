// An independent reference for the ingest's number grammar (loaders/ingest/values.ts), written
// with BigInt from the documented rules, for the property tests to compare the SQL against.
import type { DecimalSeparator } from "../../loaders/ingest/values.ts";


export const FULL = "０１２３４５６７８９．，－＋（）／−";
export const HALF = "0123456789.,-+()/-";
const SCALE = 10_000n;
const LIMIT = 10n ** 14n * SCALE; // |value| * 10^4 must stay below this

/** The value as DuckDB prints a DECIMAL(18,4) ("-1234.5000"), or null when not a number. */
export function reference(raw: string, dec: DecimalSeparator): string | null {
  let t = [...raw].map((ch) => (FULL.includes(ch) ? HALF[FULL.indexOf(ch)] : ch)).join("");
  t = t.replace(/¥|￥|\$|RMB|CNY|元/gi, "").replace(/^[ \t\r\n\v\f\u00a0\u202f\u3000]+|[ \t\r\n\v\f\u00a0\u202f\u3000]+$/g, "");
  let neg = false;
  if (t.startsWith("(") && t.endsWith(")") && t.length >= 2) [neg, t] = [true, t.slice(1, -1).replace(/^ +| +$/g, "")];
  else if (t.endsWith("-")) [neg, t] = [true, t.slice(0, -1).replace(/ +$/, "")];
  else if (t.startsWith("-") || t.startsWith("+")) [neg, t] = [t[0] === "-", t.slice(1).replace(/^ +/, "")];
  const d = dec === "." ? "\\." : ",";
  const g = dec === "." ? "," : "\\.";
  let mantissa: string;
  let exp = 0;
  const plain = dec === "." ? /^([0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE]([-+]?[0-9]+))?$/ : /^([0-9]+,?[0-9]*|,[0-9]+)$/;
  const m = plain.exec(t);
  if (m) {
    mantissa = m[1].replace(",", ".");
    exp = m[2] ? Number(m[2]) : 0;
  } else if (new RegExp(`^[0-9]{1,3}(${g}[0-9]{3})+(${d}[0-9]*)?$`).test(t)) {
    mantissa = t.replaceAll(dec === "." ? "," : ".", "").replace(",", ".");
  } else if (new RegExp(`^[0-9]{1,3}([ \u00a0\u202f][0-9]{3})+(${d}[0-9]*)?$`).test(t)) {
    mantissa = t.replace(/[ \u00a0\u202f]/g, "").replace(",", ".");
  } else return null;
  const [int, frac = ""] = mantissa.split(".");
  // value = digits * 10^(exp - frac.length); scaled by 10^4 and rounded half away from zero.
  const digits = BigInt((int + frac).replace(/^0+(?=.)/, "") || "0");
  const shift = exp - frac.length + 4;
  let scaled: bigint;
  if (shift >= 0) {
    if (shift > 40) return digits === 0n ? "0.0000" : null;
    scaled = digits * 10n ** BigInt(shift);
  } else if (-shift > (int + frac).length + 1) {
    scaled = 0n; // far below 0.00005
  } else {
    const div = 10n ** BigInt(-shift);
    scaled = digits / div + ((digits % div) * 2n >= div ? 1n : 0n);
  }
  if (scaled >= LIMIT) return null;
  const sign = neg && scaled !== 0n ? "-" : "";
  return `${sign}${scaled / SCALE}.${String(scaled % SCALE).padStart(4, "0")}`;
}
