// Number formatting from integers only (money is kept in integer cents, quantities in
// thousandths), so the text never depends on locale or float printing.

function group(digits: string): string {
  let out = "";
  let i = digits.length % 3 || 3;
  out = digits.slice(0, i);
  for (; i < digits.length; i += 3) out += "," + digits.slice(i, i + 3);
  return out;
}

/** Cents as a decimal, e.g. 123456 -> "1234.56"; `thousands` adds separators: "1,234.56". */
export function formatCents(cents: number, thousands = false): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not integer cents: ${cents}`);
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100));
  const frac = String(abs % 100).padStart(2, "0");
  return `${sign}${thousands ? group(whole) : whole}.${frac}`;
}

/** Thousandths as a decimal without trailing zeros, e.g. 12500 -> "12.5", 3000 -> "3". */
export function formatMilli(milli: number): string {
  if (!Number.isSafeInteger(milli)) throw new RangeError(`not integer thousandths: ${milli}`);
  const sign = milli < 0 ? "-" : "";
  const abs = Math.abs(milli);
  const whole = Math.floor(abs / 1000);
  const frac = String(abs % 1000).padStart(3, "0").replace(/0+$/, "");
  return `${sign}${whole}${frac ? "." + frac : ""}`;
}

/** Quote a CSV field when it needs it (RFC 4180). */
export function csvField(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 34 || c === 10 || c === 13) return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}

export const csvRow = (fields: readonly string[]) => fields.map(csvField).join(",") + "\r\n";
