// Written findings for the executive summary, generated from the figures: a pure function
// of the facts and a locale, so every sentence is tested and translated.
import { makeT } from "./i18n.js";
import { makeFormat } from "./format.js";

/**
 * @param facts — every figure as a mart holds it (marts.concentration_slices), none derived here:
 *   period (text), customers, revenue, growth? (revenue vs the period before; undefined when
 *   there is none), needed: {count, customerShare, target},
 *   top: {fraction, share} (share of revenue made by the top `fraction` of customers),
 *   largest: {share, limit?, over?} (largest customer's revenue share, the risk threshold, flagged),
 *   profitTop?: {share} (share of gross profit made by the top fraction ranked by REVENUE:
 *     tests "key accounts bring volume, small and mid customers bring profit"),
 *   lossMaking?: {count, share, loss} (customers with negative gross profit, loss as a positive sum),
 *   keyAccounts?: {customerShare, revenueShare} (the key-account cell of a matrix)
 * @returns string[] one sentence per finding, most important first.
 */
export function summaryFindings(facts, locale = "en") {
  const t = makeT(locale);
  const f = makeFormat(locale);
  const out = [];
  const { period: year, customers, growth } = facts;
  if (!customers) return [t("finding.noData", { year })];

  if (growth != null) {
    const key = Math.abs(growth) < 0.0005 ? "finding.revenueFlat" : growth > 0 ? "finding.revenueUp" : "finding.revenueDown";
    out.push(t(key, { year, revenue: f.money(facts.revenue), change: f.percent(Math.abs(growth)) }));
  } else {
    out.push(t("finding.revenue", { year, revenue: f.money(facts.revenue), customers: f.integer(customers) }));
  }

  if (facts.needed?.count) {
    out.push(
      t("finding.needed", {
        count: f.integer(facts.needed.count),
        customerShare: f.percent(facts.needed.customerShare, 0),
        target: f.percent(facts.needed.target, 0),
      }),
    );
  }

  if (facts.top?.share != null) {
    const verdict = facts.top.share >= 0.7 ? "finding.topStrong" : facts.top.share >= 0.5 ? "finding.topModerate" : "finding.topWeak";
    out.push(t(verdict, { fraction: f.percent(facts.top.fraction, 0), share: f.percent(facts.top.share, 0) }));
  }

  if (facts.profitTop?.share != null && facts.top?.share != null) {
    out.push(
      t("finding.profitVsRevenue", {
        fraction: f.percent(facts.top.fraction, 0),
        revenueShare: f.percent(facts.top.share, 0),
        profitShare: f.percent(facts.profitTop.share, 0),
      }),
    );
  }

  if (facts.largest?.share != null) {
    const over = facts.largest.over ?? (facts.largest.limit != null && facts.largest.share > facts.largest.limit);
    out.push(
      t(over ? "finding.largestRisk" : "finding.largest", {
        share: f.percent(facts.largest.share),
        limit: facts.largest.limit != null ? f.percent(facts.largest.limit, 0) : "",
      }),
    );
  }

  if (facts.lossMaking) {
    const { count, loss } = facts.lossMaking;
    out.push(
      count > 0
        ? t("finding.lossMaking", { count: f.integer(count), share: f.percent(facts.lossMaking.share, 0), loss: f.money(loss) })
        : t("finding.noLossMaking"),
    );
  }

  if (facts.keyAccounts?.customerShare != null) {
    out.push(
      t("finding.keyAccounts", {
        customerShare: f.percent(facts.keyAccounts.customerShare, 0),
        revenueShare: f.percent(facts.keyAccounts.revenueShare, 0),
      }),
    );
  }
  return out;
}
