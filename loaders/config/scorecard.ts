// The key account scorecard (评价标准) and its tiers: sections `analysis.scorecard` and
// `analysis.tiers` of the config. loaders/models/README.md (marts key_account_*) explains
// how each number is used.
import { z } from "zod";

const share = z.number().min(0).max(1);

/**
 * The indicators the articles name, each from a column of marts.customer_metrics:
 * contract volume (合同量, volume), unit price (单价, price_index: the price paid against the
 * same products' mean), revenue (销售收入), collection rate (回款率), profit (利润水平, gross
 * profit), quality losses (质量损失, claims / revenue, lower is better), industry influence
 * (行业影响力, 1-5), credit (商业信誉, rating A-D as 4-1), growth (vs the compared range) and
 * sustained purchasing (purchase regularity).
 */
export const indicatorNames = [
  "contract_volume",
  "unit_price",
  "revenue",
  "collection_rate",
  "profit",
  "quality_losses",
  "industry_influence",
  "credit",
  "growth",
  "sustained_purchasing",
] as const;
export type IndicatorName = (typeof indicatorNames)[number];

/** Default weights: value first, 0.60 ("monetary is the pillar of all indicators": revenue
 *  0.30, profit 0.20, contract volume 0.10); how the customer buys and pays, 0.25 (sustained
 *  purchasing 0.10, collection 0.10, growth 0.05); its standing, 0.15 (credit 0.05, quality
 *  losses 0.04, unit price 0.03, industry influence 0.03). */
export const defaultWeights: Record<IndicatorName, number> = {
  contract_volume: 0.1,
  unit_price: 0.03,
  revenue: 0.3,
  collection_rate: 0.1,
  profit: 0.2,
  quality_losses: 0.04,
  industry_influence: 0.03,
  credit: 0.05,
  growth: 0.05,
  sustained_purchasing: 0.1,
};

const lowerIsBetter: Partial<Record<IndicatorName, boolean>> = { quality_losses: true };

/**
 * How one indicator's value becomes 0-100 within a period:
 * - `percentile` (default): the mid-rank percentile among the rated customers with a value,
 *   100 x (customers below + half of those tied) / customers; ties share a score, one customer
 *   alone scores 50;
 * - `minmax`: 100 x (value - min) / (max - min) over the period (50 when all are equal);
 * - `range`: 100 x (value - range[0]) / (range[1] - range[0]), clamped to 0-100 (a fixed
 *   policy, e.g. collection rate [0.7, 1]).
 * `direction` `lower` turns the scale round (100 - score): fewer quality losses score higher.
 */
const Indicator = (name: IndicatorName) =>
  z
    .object({
      weight: share.default(defaultWeights[name]),
      direction: z.enum(["higher", "lower"]).default(lowerIsBetter[name] ? "lower" : "higher"),
      scaling: z.enum(["percentile", "minmax", "range"]).default("percentile"),
      range: z.tuple([z.number(), z.number()]).nullable().default(null),
    })
    .refine((i) => i.scaling !== "range" || (i.range !== null && i.range[1] > i.range[0]), {
      message: "scaling 'range' needs range: [low, high] with high > low",
    })
    .prefault({});

export const Scorecard = z
  .object({
    indicators: z
      .object(Object.fromEntries(indicatorNames.map((n) => [n, Indicator(n)])) as { [K in IndicatorName]: ReturnType<typeof Indicator> })
      .strict()
      .prefault({}),
  })
  .superRefine((s, ctx) => {
    const total = indicatorNames.reduce((a, n) => a + s.indicators[n].weight, 0);
    if (Math.abs(total - 1) > 1e-9) {
      ctx.addIssue({
        code: "custom",
        path: ["indicators"],
        message: `the weights must sum to 1, they sum to ${Number(total.toFixed(9))} (${indicatorNames.map((n) => `${n} ${s.indicators[n].weight}`).join(", ")})`,
      });
    }
  })
  .prefault({});
export type Scorecard = z.infer<typeof Scorecard>;

/**
 * Tiers per period from the score rank among the rated customers (those that bought in the
 * period), first rule that applies:
 * 1. key: in the top `key_share` (0.10, the pyramid's ~10%) by score, with at least
 *    `key_min_purchases` (2) purchase orders in at least `key_min_subperiods` (2) sub-periods:
 *    one large order and no repeat purchase is not a key account (大额产品不等于大客户);
 * 2. potential: growing by `potential_min_growth` (0.3) or more against the compared range
 *    (a growing customer is developed, never given up);
 * 3. regular: in the top `key_share + regular_share` (0.10 + 0.30);
 * 4. potential: in its first period (a new customer is not judged on one period);
 * 5. give_up: in the bottom `give_up_share` (0.10, rounded down) by score and not growing;
 * 6. watch: the rest.
 * Key and regular counts round up (ceil of share x customers), give-up rounds down.
 */
export const Tiers = z
  .object({
    key_share: share.default(0.1),
    regular_share: share.default(0.3),
    give_up_share: share.default(0.1),
    key_min_purchases: z.number().int().min(1).default(2),
    key_min_subperiods: z.number().int().min(1).default(2),
    potential_min_growth: z.number().default(0.3),
    /** More key accounts than this: set up a key account department (大客户部), else name a
     *  person in charge (default 20, from the articles). */
    department_min_key_accounts: z.number().int().min(0).default(20),
  })
  .refine((t) => t.key_share + t.regular_share + t.give_up_share <= 1 + 1e-9, {
    message: "key_share + regular_share + give_up_share must not exceed 1",
  })
  .prefault({});
export type Tiers = z.infer<typeof Tiers>;
