// The key account model's tiers and states (marts.key_account_scorecard tier, marts.customer_states
// state) for every page: one order, one colour per code (never per translated label, so a tier
// looks the same in both editions and on every chart), and their labels. Also the scorecard's
// indicators, in scorecard order.
import { palette, tierColors } from "./colors.js";

/** Tiers best first (key > regular > potential > watch > give_up). */
export const tiers = ["key", "regular", "potential", "watch", "give_up"];
/** States: a tier, or no purchase in the period (inactive) or for lost_after_days (lost). */
export const states = [...tiers, "inactive", "lost"];
/** A state's colour: colors.js's tier colours (one colour per code on every page), "new" purple. */
export const stateColor = { ...tierColors, new: palette.purple };
/** The label of a tier or state ("new" = not a customer yet in the period before). */
export const stateLabel = (state, { t }) => (state == null ? "–" : t.or(`tier.${state}`, String(state)));

/** The scorecard's indicators (key_account_indicators.indicator), in scorecard order. */
export const indicators = [
  "contract_volume", "unit_price", "revenue", "collection_rate", "profit",
  "quality_losses", "industry_influence", "credit", "growth", "sustained_purchasing",
];
export const indicatorLabel = (name, { t }) => (name == null ? "–" : t.or(`indicator.${name}`, String(name)));
