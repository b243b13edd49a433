// What the ingest says about each file (printed, returned, and recorded in ingest_files).
import type { RejectClass } from "./stage.ts";

export interface FileSummary {
  path: string;
  table: string | null;
  format: string | null;
  encoding: string | null;
  /** Why that encoding: "utf-8 (valid UTF-8 throughout)", "gb18030 (1,203 lines are not valid UTF-8, ...)". */
  encodingEvidence: string | null;
  /** What the reader noticed (an encoding setting that contradicts the file, a delimiter it chose, ...). */
  warnings: string[];
  /** Data rows in the file (blank lines are not rows; header not counted). */
  read: number;
  loaded: number;
  /** Rows not loaded, each explained in ingest_rejects; includes total rows (合计). loaded + rejected = read. */
  rejected: number;
  /** Rejected rows by kind of problem (a row counts once, under its most serious problem). */
  rejectedBy: Partial<Record<RejectClass, number>>;
  /** order_lines: the share of the file's amount (absolute) on lines rejected for having no customer
   * id (class no_customer, whose threshold is on this share), or null without amounts. */
  noCustomerShare?: number | null;
  /** Per class, the share of the file's amount (absolute values, rows whose amount was read) that its
   * rejected rows carry; absent for tables without an amount. */
  rejectedAmountShare?: Partial<Record<RejectClass, number>>;
  /** The same as sums: what each class's rejected rows carry, and the file's whole amount (so that a
   * folder of exports can be judged as the one source it is). */
  rejectedAmount?: Partial<Record<RejectClass, number>>;
  amountTotal?: number;
  /** Per class, its most frequent problem (column and reason) with how many rows have it and the
   * first of them: what a failure message shows, so that no one has to open the rejects to learn it. */
  topReasons?: Partial<Record<RejectClass, TopReason>>;
  /** Rows already in the warehouse that this file replaced (same key, or loaded earlier from the same path). */
  replaced: number;
  rejectsFile: string | null;
  /** The same content was loaded before: nothing was changed. */
  unchanged: boolean;
  /** Headers no canonical column uses. */
  ignoredHeaders: string[];
  /** Why this file fails the run (unusable, or rejects over a threshold), or null. */
  error: string | null;
}

export interface TopReason {
  column: string | null;
  reason: string;
  rows: number;
  row: number;
  raw: string | null;
}

/** A file about which nothing is known yet (or that could not be used). */
export const emptySummary = (path: string, table: string | null = null): FileSummary => ({
  path,
  table,
  format: null,
  encoding: null,
  encodingEvidence: null,
  warnings: [],
  read: 0,
  loaded: 0,
  rejected: 0,
  rejectedBy: {},
  replaced: 0,
  rejectsFile: null,
  unchanged: false,
  ignoredHeaders: [],
  error: null,
});

export function formatSummary(s: FileSummary): string {
  if (s.unchanged) return `${s.path} -> ${s.table}: unchanged since last ingest (sha256 recorded), skipped`;
  if (s.read === 0 && s.error) return `${s.path}: ${s.error}`;
  const by = Object.entries(s.rejectedBy)
    .filter(([, n]) => n)
    .map(([k, n]) => {
      // What the rejected rows carry of the file's amount, where that is known and not nothing.
      const share = s.rejectedAmountShare?.[k as RejectClass] ?? (k === "no_customer" ? s.noCustomerShare : null);
      return share ? `${k} ${n}: ${percent(share)} of the amount` : `${k} ${n}`;
    })
    .join(", ");
  const parts = [
    `${s.path} -> ${s.table}: read ${s.read}, loaded ${s.loaded}, rejected ${s.rejected}${by ? ` (${by})` : ""}`,
    s.replaced ? `replaced ${s.replaced} earlier rows` : "",
    s.rejectsFile ? `rejects: ${s.rejectsFile}` : "",
  ].filter(Boolean);
  return parts.join("; ") + s.warnings.map((w) => `\n  note: ${w}`).join("") + (s.error ? `\n  FAILED: ${s.error}` : "");
}

/** A share as a percentage, never a small share shown as 0: 12.3%, 0.015%, <0.001%. */
export const percent = (x: number) => (x > 0 && x < 0.00001 ? "<0.001%" : `${(x * 100).toFixed(x > 0 && x < 0.001 ? 3 : 1)}%`);
