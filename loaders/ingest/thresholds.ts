// Whether a file's rejects stop the run: per class of problem, only when they are material — more
// rows than the floor and than a share of the file's rows, or a share of its amount (the rule and
// the defaults: RejectThresholds in config/ingest.ts). Total rows (合计) and excluded non-product
// lines never count.
import path from "node:path";
import type { Limit, LimitInput, RejectThresholds, SourceRejectThresholds } from "../config/ingest.ts";
import { emptySummary, percent as pct, type FileSummary } from "./summary.ts";

type Class = Exclude<keyof RejectThresholds, "min_rows">;
const classes: Class[] = ["structure", "required", "no_customer", "duplicate", "reference", "optional"];

/** The thresholds for one source: its own settings over the run's, an object limit over that class's limits. */
export function sourceThresholds(run: RejectThresholds, own: SourceRejectThresholds = {}): RejectThresholds {
  const over = (base: Limit, l: LimitInput | undefined): Limit =>
    l === undefined ? base : typeof l === "number" ? { rows: l, amount: l } : { ...base, ...l };
  return {
    min_rows: own.min_rows ?? run.min_rows,
    ...(Object.fromEntries(classes.map((c) => [c, over(run[c], own[c])])) as Record<Class, Limit>),
  };
}

/** Why `s`'s rejects stop the run, or null; `unit` names what was judged (a file, or a folder of them). */
export function thresholdBreach(s: FileSummary, max: RejectThresholds, unit: "file" | "folder" = "file"): string | null {
  if (s.unchanged || s.read === 0) return null;
  const over: string[] = [];
  for (const cls of classes) {
    const n = s.rejectedBy[cls] ?? 0;
    if (!n) continue;
    const { rows, amount } = max[cls];
    const rowShare = n / s.read;
    const amountShare = s.rejectedAmountShare?.[cls] ?? (cls === "no_customer" ? s.noCustomerShare : null) ?? null;
    const byRows = n > max.min_rows && rowShare > rows;
    const byAmount = amountShare !== null && amountShare > amount;
    if (!byRows && !byAmount) continue;
    const what = cls === "no_customer" ? `${n} rows without a customer id` : `${n} rows rejected for ${cls} problems`;
    const parts = [
      byRows ? `: ${pct(rowShare)} of ${s.read} rows (allowed ${max.min_rows} rows or ${pct(rows)})` : "",
      byAmount ? `${byRows ? " and" : ""} carry ${pct(amountShare!)} of the ${unit}'s amount (allowed ${pct(amount)})` : "",
    ];
    const top = s.topReasons?.[cls];
    const clip = (t: string) => (t.length > 60 ? `${t.slice(0, 60)}…` : t);
    const most = top
      ? `, most often${top.column ? ` ${top.column}` : ""} (${top.rows === n ? "all of them" : `${top.rows} rows`}, e.g. row ${top.row}${top.raw !== null ? ` ${JSON.stringify(clip(top.raw))}` : ""}): ${top.reason}`
      : "";
    over.push(what + parts.join("") + most);
  }
  return over.length ? `${over.join("; ")} — see ${s.rejectsFile ?? "ingest_rejects"}` : null;
}

/** The files of one folder source read in this run, as one summary to judge (unchanged files were
 * judged when they were read; amounts add up where the files have them). */
export function combined(folder: string, files: FileSummary[]): FileSummary {
  const read = files.filter((f) => !f.unchanged && !f.error);
  const sum = (pick: (f: FileSummary) => Partial<Record<string, number>> | undefined) => {
    const out: Record<string, number> = {};
    for (const f of read) for (const [k, n] of Object.entries(pick(f) ?? {})) out[k] = (out[k] ?? 0) + (n ?? 0);
    return out;
  };
  const total = read.reduce((a, f) => a + (f.amountTotal ?? 0), 0);
  const carried = sum((f) => f.rejectedAmount);
  // each class's most frequent problem: that of the file where it is most frequent
  const topReasons: FileSummary["topReasons"] = {};
  for (const f of read)
    for (const [cls, top] of Object.entries(f.topReasons ?? {}) as [keyof NonNullable<FileSummary["topReasons"]>, NonNullable<FileSummary["topReasons"]>[keyof NonNullable<FileSummary["topReasons"]>]][])
      if (top && (!topReasons[cls] || top.rows > topReasons[cls]!.rows)) topReasons[cls] = { ...top, row: top.row, reason: `${top.reason} (${path.basename(f.path)})` };
  return {
    ...emptySummary(folder, files[0]?.table ?? null),
    topReasons,
    read: read.reduce((a, f) => a + f.read, 0),
    rejected: read.reduce((a, f) => a + f.rejected, 0),
    rejectedBy: sum((f) => f.rejectedBy),
    rejectedAmountShare: total > 0 ? Object.fromEntries(Object.entries(carried).map(([k, v]) => [k, v / total])) : undefined,
  };
}
