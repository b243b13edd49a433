// Field types more than one config section uses, defined once.
import os from "node:os";
import { z } from "zod";

/** DuckDB memory_limit: 1.5GB keeps DuckDB plus Node under 2 GB (the budget);
 *  DuckDB spills to disk beyond it. */
export const DEFAULT_MEMORY_LIMIT = "1.5GB";

const UNITS: Record<string, number> = { kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };
/** Bytes of a size such as "1.5GB" or "512MiB" (null when not one). */
export function sizeBytes(s: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.exec(s.trim());
  return m ? Number(m[1]) * UNITS[m[2].toLowerCase()] : null;
}
const MIN_MEMORY = 128 * 2 ** 20;

/** A DuckDB memory limit this machine can give: at least 128 MiB, at most its memory. */
export const memoryLimit = z
  .string()
  .refine((s) => sizeBytes(s) !== null, "expected a size such as 2GB or 512MB")
  .refine((s) => (sizeBytes(s) ?? MIN_MEMORY) >= MIN_MEMORY, "too small: DuckDB needs at least 128MB to work")
  .refine((s) => (sizeBytes(s) ?? 0) <= os.totalmem(), {
    message: `more than this machine's memory (${(os.totalmem() / 2 ** 30).toFixed(1)} GiB): DuckDB spills to disk beyond the limit, so keep it below what the machine has`,
  })
  .default(DEFAULT_MEMORY_LIMIT);

/** A real calendar date written YYYY-MM-DD (2024-02-30 and 2024-13-01 are refused). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date written YYYY-MM-DD")
  .refine((s) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return true; // said above
    const [y, m, d] = s.split("-").map(Number);
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, "not a date of the calendar (check the month and the day)");
