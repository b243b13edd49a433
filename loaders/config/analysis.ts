// The `analysis` section of the config: parameters of the core analyses (loaders/models).
// Every field has a default; loaders/models/README.md explains how each is used.
import { z } from "zod";
import { isoDate, memoryLimit } from "./common.ts";
import { AtRisk, Coverage, Policy, RisingStars } from "./attention.ts";
import { Lifecycle } from "./lifecycle.ts";
import { Scorecard, Tiers } from "./scorecard.ts";

/** The models' default DuckDB memory_limit (analysis.memory_limit). */
export const MODELS_MEMORY_LIMIT = "750MB";

const share = z.number().min(0).max(1);

/** One RFM segment rule: inclusive score ranges; the first matching rule (in list order) wins. */
const RfmRule = z.object({
  segment: z.string().min(1),
  r: z.tuple([z.number().int().min(1).max(5), z.number().int().min(1).max(5)]).default([1, 5]),
  f: z.tuple([z.number().int().min(1).max(5), z.number().int().min(1).max(5)]).default([1, 5]),
  m: z.tuple([z.number().int().min(1).max(5), z.number().int().min(1).max(5)]).default([1, 5]),
  /** Text shown beside the segment. */
  rule: z.string().default(""),
});

/**
 * Default RFM rules, checked in order after `new` (first purchase within rfm.new_days).
 * Scores are quintiles, 5 = most recent / most frequent / largest.
 */
export const defaultRfmRules: z.infer<typeof RfmRule>[] = [
  { segment: "champions", r: [4, 5], f: [4, 5], m: [4, 5], rule: "R 4-5, F 4-5, M 4-5: recent, frequent and large" },
  { segment: "cant_lose", r: [1, 2], f: [4, 5], m: [4, 5], rule: "R 1-2, F 4-5, M 4-5: were frequent and large, now silent" },
  { segment: "at_risk", r: [1, 2], f: [3, 5], m: [1, 5], rule: "R 1-2, F 3-5: bought often, not recently" },
  { segment: "loyal", r: [3, 5], f: [3, 5], m: [3, 5], rule: "R 3-5, F 3-5, M 3-5: regular buyers of good value" },
  { segment: "promising", r: [4, 5], f: [1, 5], m: [1, 5], rule: "R 4-5, other scores lower: recent buyers still small" },
  // "lapsed", not "lost": lost has one meaning (analysis.lost_after_days), RFM only ranks recency
  { segment: "lapsed", r: [1, 1], f: [1, 5], m: [1, 5], rule: "R 1 and nothing above: longest silent, little bought (lapsed in RFM)" },
  { segment: "hibernating", r: [1, 5], f: [1, 5], m: [1, 5], rule: "everyone else: low recency, frequency and value" },
];

export const AnalysisConfig = z.object({
  /** DuckDB memory_limit while the models run (default 750MB). The process's RSS runs past
   *  DuckDB's limit (Node ~0.2 GB, allocator slack, what DuckDB allocates outside its buffer pool):
   *  the 10M-line transform peaked at 2.0-2.2 GB with 1.5GB, 1.5-1.8 GB with 1GB, 1.2-1.5 GB with
   *  750MB (the budget: 1.5 GB), for 5-10% more CPU (a smaller buffer pool reads more
   *  again). DuckDB spills to a temporary folder beside the warehouse beyond the limit. */
  memory_limit: memoryLimit.default(MODELS_MEMORY_LIMIT),
  /** "As of" date YYYY-MM-DD; null (default) = the last order date in the data. */
  analysis_date: isoDate.nullable().default(null),
  /** First day the exports cover, YYYY-MM-DD; null (default) = the first order date, moved
   *  back to the 1st of its month when it falls on day 1-7 (an export of whole months whose
   *  first days had no order). A period starting before it is partial: no growth against it. */
  data_start: isoDate.nullable().default(null),
  /** The analysis window: this many months ending on the analysis date (default 12). */
  window_months: z.number().int().min(1).max(120).default(12),
  /** At most this many customers get a dossier page (/accounts/<id>), the most pressing first: the
   *  key accounts of the window, then the accounts at risk, the rising stars, and the former key
   *  accounts by revenue. Bounds the site build whatever the number of customers (default 1000). */
  max_dossiers: z.number().int().min(0).max(100_000).default(1000),
  /** Period grain of the per-period concentration and of the cohorts (default year). */
  grain: z.enum(["year", "quarter", "month"]).default("year"),
  /** Period of the cohorts (first-purchase period and the offsets counted from it); null
   *  (default) = the grain, or months when the data covers fewer than two periods of the grain
   *  (a one-year history still gives cohorts, by month). */
  cohort_grain: z.enum(["year", "quarter", "month"]).nullable().default(null),
  /** First month of the fiscal year, 1-12 (default 1 = calendar year). */
  fiscal_year_start_month: z.number().int().min(1).max(12).default(1),
  /** Unit whose quantities make "volume"; null (default) = the unit with the most lines. */
  volume_unit: z.string().nullable().default(null),
  /** Share of customers whose value share is reported ("the top 20%", default 0.2). */
  top_share: share.default(0.2),
  /** Share of the measure to reach ("how many customers make 80%", default 0.8). */
  target_share: share.default(0.8),
  /** ABC cut-offs on the cumulative share: A up to `a` (0.8), B up to `b` (0.95), C the rest. */
  abc: z.object({ a: share.default(0.8), b: share.default(0.95) }).prefault({}),
  /** Concentration risk flags: largest customer above `largest_share` (0.10) of the measure,
   *  top 10 customers above `top10_share` (0.60). */
  risk: z.object({ largest_share: share.default(0.1), top10_share: share.default(0.6) }).prefault({}),
  /** Handling cost of one order (order entry, picking, invoicing: what makes many small orders
   *  expensive), in the reporting currency of the exports, part of cost to serve. Default null
   *  = not counted: no amount fits every currency and business, so cost to serve then holds
   *  only what the data carries (discounts, visits, claims) and the marts say so. */
  handling_cost_per_order: z.number().min(0).nullable().default(null),
  /** The order amounts are net of the line discounts (default true: 金额 = 数量 x 单价 - 折扣额),
   *  so a discount is not counted again as a cost to serve; false = amounts are list values
   *  and the discounts count as a cost to serve. */
  amounts_net_of_discounts: z.boolean().default(true),
  /** Collection (回款): a period's collection rate judges its invoices dated up to this many
   *  days before the analysis date, so that they are due (default 90 = the longest usual
   *  payment term); younger invoices are not judged yet. */
  credit_lag_days: z.number().int().min(0).max(730).default(90),
  /** Sales capability x credit matrix. Default rule: strong = top 25% of customers by window
   *  revenue (the few that carry the business, cf. the 20% partners of the reference);
   *  high credit = collection rate >= 0.9 (a customer leaving more than a tenth unpaid is a
   *  credit risk); customers with no invoice due yet count as high credit (no evidence). */
  capability_credit: z
    .object({
      measure: z.enum(["revenue", "volume"]).default("revenue"),
      capability_top_share: share.default(0.25),
      min_collection_rate: share.default(0.9),
    })
    .prefault({}),
  /** Gross margin x cost-to-serve matrix. Default rule: each threshold is the median of the
   *  active customers (null), so the cells compare customers with each other; set a number
   *  (e.g. margin 0.2, cost ratio 0.1) to use a fixed policy instead. */
  margin_cost: z
    .object({
      min_gross_margin: z.number().nullable().default(null),
      max_cost_to_serve_ratio: z.number().nullable().default(null),
    })
    .prefault({}),
  /** Current value x potential matrix. Default rule: high value = top 20% by window revenue
   *  (the 80/20 rule); high potential = not shrinking (growth vs the window before >= -10%,
   *  or new) AND buying in at least 2 of the last 4 quarters, so that one large order is not
   *  mistaken for a key account ("大额产品不等于大客户"). Share of wallet is not in the data. */
  value_potential: z
    .object({
      value_top_share: share.default(0.2),
      min_growth: z.number().default(-0.1),
      min_active_quarters: z.number().int().min(1).max(4).default(2),
    })
    .prefault({}),
  /** RFM: frequency and monetary over the window; recency from the last purchase ever. */
  rfm: z
    .object({
      /** A first purchase within this many days makes the customer `new` (default 90). */
      new_days: z.number().int().min(0).default(90),
      rules: z.array(RfmRule).min(1).default(() => defaultRfmRules.map((r) => ({ ...r }))),
    })
    .prefault({}),
  /** Lost (流失), the one meaning everywhere (lifecycle, tier transitions, re-rating): a customer
   *  that has purchased before and not for this many days as of a period's end (default 365). */
  lost_after_days: z.number().int().min(1).default(365),
  /** Lifecycle stages as a rule list (lifecycle.ts). */
  lifecycle: Lifecycle,
  /** The key account scorecard (评价标准): indicators, weights (sum 1) and scaling (scorecard.ts). */
  scorecard: Scorecard,
  /** Tiers key / regular / potential / watch / give_up from the score, with guard rules (scorecard.ts). */
  tiers: Tiers,
  /** At-risk accounts, rising stars, the differentiated policy and the coverage pyramid (attention.ts). */
  at_risk: AtRisk,
  rising_stars: RisingStars,
  policy: Policy,
  coverage: Coverage,
});
export type AnalysisConfig = z.infer<typeof AnalysisConfig>;
