// The `clv` section of the config: customer lifetime value with BG/NBD + Gamma-Gamma
// (loaders/clv). Every field has a default; an absent section uses them all.
// The analysis date is `analysis.analysis_date` (default: the last order date), shared with
// the other analyses.
import { z } from "zod";

export const ClvConfig = z.object({
  /** Model time unit (default week, as in the literature); only changes the units of
   *  recency, T and the fitted alpha, not the predictions. */
  time_unit: z.enum(["day", "week", "month"]).default("week"),
  /** Holdout: the models are also fitted on the history up to this many calendar months
   *  before the analysis date and checked against what customers bought in those months
   *  (marts.clv_holdout). Default 12; 0 = no holdout check. The check runs only when the
   *  calibration period (first purchase to the analysis date minus the holdout) is at least
   *  as long as the holdout; otherwise marts.clv_model says it did not run and why. */
  holdout_months: z.number().int().min(0).max(120).default(12),
  /** CLV horizon in months from the analysis date (default 36). */
  horizon_months: z.number().int().min(1).max(240).default(36),
  /** Monthly discount rate for future gross profit (default 0.01, about 12.7% a year). */
  monthly_discount_rate: z.number().min(0).max(1).default(0.01),
  /** Gross margin applied to expected revenue: a share such as 0.3, or "from data"
   *  (default) = gross profit / revenue over the lines with a known cost in the analysis
   *  window (analysis.window_months ending on the analysis date). When no line there has a
   *  cost, CLV is expected revenue (margin 1) and the CLV marts say so (value_basis). */
  gross_margin: z.union([z.literal("from data"), z.number().gt(0).max(1)]).default("from data"),
  /** Gamma-Gamma assumes a customer's spend per purchase does not depend on how often they
   *  buy; the assumption is reported as acceptable while |Pearson correlation| of frequency
   *  and mean spend among repeat buyers is at most this (default 0.3, "weak"). */
  max_frequency_spend_correlation: z.number().min(0).max(1).default(0.3),
});
export type ClvConfig = z.infer<typeof ClvConfig>;

/** Days per model time unit. A month is 365.25 / 12 days. */
export const daysPerTimeUnit = (unit: ClvConfig["time_unit"]) => ({ day: 1, week: 7, month: 365.25 / 12 })[unit];
