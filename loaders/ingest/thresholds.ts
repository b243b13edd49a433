// Whether a file's rejects fail the run: per kind of problem, the share of read rows rejected
// for it must not exceed the configured maximum. Total rows (合计) never count.
import type { z } from "zod";
import type { RejectThresholds } from "../config/ingest.ts";
import type { FileSummary } from "./summary.ts";

export function thresholdBreach(s: FileSummary, max: z.infer<typeof RejectThresholds>): string | null {
  if (s.unchanged || s.read === 0) return null;
  const over = (Object.keys(max) as (keyof typeof max)[])
    .filter((cls) => (s.rejectedBy[cls] ?? 0) / s.read > max[cls])
    .map((cls) => `${s.rejectedBy[cls]} rows rejected for ${cls} problems (${pct(s.rejectedBy[cls]! / s.read)} of ${s.read}; allowed ${pct(max[cls])})`);
  return over.length ? `${over.join("; ")} — see ${s.rejectsFile ?? "ingest_rejects"}` : null;
}

const pct = (x: number) => `${(x * 100).toFixed(x && x < 0.001 ? 3 : 1)}%`;
