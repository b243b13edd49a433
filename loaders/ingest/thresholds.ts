// Whether a file's rejects fail the run: per kind of problem, the share of read rows rejected
// for it must not exceed the configured maximum (for no_customer: the share of the amount). Total
// rows (合计) and excluded non-product lines never count.
import type { z } from "zod";
import type { RejectThresholds } from "../config/ingest.ts";
import type { FileSummary } from "./summary.ts";

export function thresholdBreach(s: FileSummary, max: z.infer<typeof RejectThresholds>): string | null {
  if (s.unchanged || s.read === 0) return null;
  // Lines without a customer id count by the share of the amount they carry.
  const share = (cls: keyof typeof max) => (cls === "no_customer" ? (s.noCustomerShare ?? 0) : (s.rejectedBy[cls] ?? 0) / s.read);
  const over = (Object.keys(max) as (keyof typeof max)[])
    .filter((cls) => (s.rejectedBy[cls] ?? 0) > 0 && share(cls) > max[cls])
    .map((cls) =>
      cls === "no_customer"
        ? `${s.rejectedBy[cls]} rows without a customer id carry ${pct(share(cls))} of the file's amount (allowed ${pct(max[cls])})`
        : `${s.rejectedBy[cls]} rows rejected for ${cls} problems (${pct(share(cls))} of ${s.read}; allowed ${pct(max[cls])})`,
    );
  return over.length ? `${over.join("; ")} — see ${s.rejectsFile ?? "ingest_rejects"}` : null;
}

const pct = (x: number) => `${(x * 100).toFixed(x && x < 0.001 ? 3 : 1)}%`;
