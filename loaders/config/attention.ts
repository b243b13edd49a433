// Sections of `analysis` for the accounts that need attention and what to offer them: at-risk
// accounts (流失预警), rising stars (抓大不放小), the differentiated policy (差异化销售政策) and the
// coverage pyramid (金字塔). loaders/models/README.md (marts at_risk_accounts, rising_stars,
// customer_policy, key_account_coverage) explains how each number is used.
import { z } from "zod";

const share = z.number().min(0).max(1);

/** At risk: a key or regular account (scorecard tier in the period or in a period of the grain
 *  within the period before it) that is not lost yet and whose recency reaches `recency_ratio`
 *  (3) x its usual interval between purchases (and at least `min_recency_days`, 60), or whose
 *  purchase orders of the last `frequency_months` (6) fall to `frequency_ratio` (0.5) or less of
 *  the as many months before, or whose revenue falls by `value_drop` (30%) or more against the
 *  compared range, or whose collection rate falls below capability_credit.min_collection_rate
 *  (0.9) and by `collection_drop` (0.1) or more against the compared range. */
export const AtRisk = z
  .object({
    /** History the usual interval is measured over (months before the period's end, 24). */
    gap_months: z.number().int().min(1).max(120).default(24),
    frequency_months: z.number().int().min(1).max(60).default(6),
    recency_ratio: z.number().min(1).default(3),
    min_recency_days: z.number().int().min(0).default(60),
    frequency_ratio: share.default(0.5),
    value_drop: share.default(0.3),
    collection_drop: share.default(0.1),
  })
  .strict()
  .prefault({});

/** Rising stars: potential-tier customers outside the top `small_share` (25%) by revenue that
 *  grow by `min_growth` (50%) or more against the compared range (bought in from its start, so
 *  not the ramp-up of a first period) and buy in at least `min_regularity` (0.75: three quarters
 *  of four) of the period's sub-periods (growth that is sustained, not one order). */
export const RisingStars = z
  .object({
    small_share: share.default(0.25),
    min_growth: z.number().default(0.5),
    min_regularity: share.default(0.75),
  })
  .strict()
  .prefault({});

/** Differentiated policy: a price discount for large volume (top `large_volume_share`, 25%, by
 *  volume) with good collection (>= `min_collection_rate`, 0.95); looser payment terms for a high
 *  price (price index >= `min_price_index`, 1.0: at or above the same products' mean) with stable
 *  contracts (buying in >= `min_regularity`, 0.75, of the sub-periods and in the compared range);
 *  more visits and sales expense for customers without quality claims. A warning where the
 *  discounts take more than `max_discount_margin_share` (0.5) of the margin before them. */
export const Policy = z
  .object({
    large_volume_share: share.default(0.25),
    min_collection_rate: share.default(0.95),
    min_price_index: z.number().min(0).default(1),
    min_regularity: share.default(0.75),
    max_discount_margin_share: share.default(0.5),
  })
  .strict()
  .prefault({});

/** The customer pyramid (金字塔) coverage is judged against: shares of customers and of the sales
 *  team's time for key accounts (0.10 / 0.60), regular customers (0.30 / 0.30) and the rest
 *  (0.60 / 0.10). */
export const Coverage = z
  .object({
    key: z.tuple([share, share]).default([0.1, 0.6]),
    regular: z.tuple([share, share]).default([0.3, 0.3]),
    rest: z.tuple([share, share]).default([0.6, 0.1]),
  })
  .strict()
  .prefault({});
