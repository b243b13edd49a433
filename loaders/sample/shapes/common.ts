// What the export shapes share: a shape writes its export(s), the config an analyst would write
// for them, and the truth the tests check the ingest against (computed here in integers, never
// by the code under test).
import fs from "node:fs";
import path from "node:path";
import { civilFromDays } from "../calendar.ts";

export interface ShapeResult {
  /** Files written, relative to the folder. */
  files: string[];
  /** The config for these exports (paths relative to the folder, as `kam.config.json` there has them). */
  config: Record<string, unknown>;
  /** What the exports hold, for tests: counts and exact sums (amounts in 1/10,000 as decimal strings). */
  truth: Record<string, unknown>;
}

export interface ShapeOptions {
  /** Folder to write into (created). */
  dir: string;
  seed?: number;
  /** About this many customers (the shape's default when absent). */
  customers?: number;
}

/** Write the shape's files, its kam.config.json and truth.json. */
export function writeShape(dir: string, files: Record<string, string>, result: Omit<ShapeResult, "files">): ShapeResult {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  fs.writeFileSync(path.join(dir, "kam.config.json"), JSON.stringify(result.config, null, 2) + "\n");
  fs.writeFileSync(path.join(dir, "truth.json"), JSON.stringify(result.truth, null, 2) + "\n");
  return { files: Object.keys(files), ...result };
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** dd/mm/yyyy HH:MM (a UK system). */
export const ukDateTime = (days: number, minutes: number) => {
  const { y, m, d } = civilFromDays(days);
  return `${pad2(d)}/${pad2(m)}/${y} ${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
};

/** m/d/yyyy without leading zeros (a US system). */
export const usDate = (days: number) => {
  const { y, m, d } = civilFromDays(days);
  return `${m}/${d}/${y}`;
};

/** An exact decimal from an integer count of 1/10,000 (e.g. 2619600 -> "261.96"), no trailing zeros. */
export function decimal4(v: bigint): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const frac = String(a % 10_000n).padStart(4, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${a / 10_000n}${frac ? "." + frac : ""}`;
}

/** Round a rational numerator/denominator to an integer, half away from zero. */
export function roundHalfAway(num: bigint, den: bigint): bigint {
  const neg = num < 0n !== den < 0n;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  const q = n / d + (2n * (n % d) >= d ? 1n : 0n);
  return neg ? -q : q;
}

/** Quote a CSV field when it needs it (RFC 4180). */
export const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
export const csvLine = (fields: string[]) => fields.map(csvField).join(",");
