// Section `analysis.lifecycle` of the config: the customer lifecycle (客户生命周期) stages as a
// rule list. loaders/models/README.md (marts lifecycle_stages, lifecycle_flows) explains how
// it is used.
import { z } from "zod";

/** What a lifecycle condition can test, per customer and period (as of the period's covered end). */
export const lifecycleMetrics = [
  "tenure_months", // whole months since the first purchase
  "tenure_years", // days since the first purchase / 365.25
  "growth", // revenue against the compared range (NULL when not available: the condition fails)
  "recency_days", // days since the last purchase
  "revenue", // net revenue in the period
  "previous_revenue", // net revenue in the compared range
  "regularity", // share of the period's sub-periods with a purchase
  "purchases", // purchase orders in the period
] as const;

const Condition = z
  .object({
    metric: z.enum(lifecycleMetrics),
    op: z.enum(["<", "<=", ">", ">=", "=", "<>"]),
    value: z.number(),
  })
  .strict();

/** One rule: a stage and the conditions that must all hold (none = always). Rules are tried in
 *  order after `lost` (no purchase for analysis.lost_after_days, the one meaning of lost); the
 *  first that holds gives the stage and, from its conditions, the reason. */
const Rule = z
  .object({
    stage: z.enum(["exploration", "formation", "stability", "decline"]),
    when: z.array(Condition).default([]),
  })
  .strict();

/** Defaults: exploration (考察期) = a customer for less than 9 months (three quarters of trial
 *  orders); decline (退化期) = revenue down 30% or more against the compared range (beyond the
 *  usual year-to-year noise); formation (形成期) = a customer for less than 3 years, or growing by
 *  50% or more; else stability (稳定期). */
export const defaultLifecycleRules: z.input<typeof Rule>[] = [
  { stage: "exploration", when: [{ metric: "tenure_months", op: "<", value: 9 }] },
  { stage: "decline", when: [{ metric: "growth", op: "<=", value: -0.3 }] },
  { stage: "formation", when: [{ metric: "tenure_years", op: "<", value: 3 }] },
  { stage: "formation", when: [{ metric: "growth", op: ">=", value: 0.5 }] },
  { stage: "stability", when: [] },
];

export const Lifecycle = z
  .object({
    rules: z
      .array(Rule)
      .min(1)
      .default(() => defaultLifecycleRules.map((r) => Rule.parse(r)))
      .refine((rules) => rules.some((r) => r.when.length === 0), {
        message: "the last rule should have no conditions (when: []) so that every customer gets a stage",
      }),
  })
  .strict()
  .prefault({});
export type Lifecycle = z.infer<typeof Lifecycle>;
