// The executive summary's written findings: what matters, most important first, each fact once.
// A pure function of the marts' figures and {t, fmt} (the page's translator and formats, so
// money is in the reporting currency of the build); nothing here computes a figure, it only
// compares figures the marts hold to choose the words.
//
// facts (every part optional except period; a missing part says nothing, never a guess):
//   period: the period's name as the page shows it ("2026 (partial: …)")
//   revenue: {value, customers, growth?, comparison? ("vs 2024"), noComparison? (why there is none),
//             previousGrowth?, previousPeriod? (its name), margin?, marginChange?}
//   bridge: {expansion, contraction, new, returning, lost, nLost} (marts.kpi_slices bridge_*)
//   risk: {count, keyCount, atStake, top: {name, atStake, isKey, reason}} (at_risk_accounts)
//   keyAccounts: {count, customerShare, revenueShare, profitShare, entered, left, previousPeriod,
//                 department, departmentMin} (key_account_summary)
//   concentration: {fraction, share, target, needed, neededShare, largest, largestLimit, largestOver,
//                   top10, top10Limit, top10Over, profitShare}
//   lossMaking: {count, share, loss} | null;  costUnknown: the reason text when cost is not in the data
// returns string[]
const notable = 0.005; // half a point: smaller moves of growth or margin are not findings

export function summaryFindings(facts, { t, fmt }) {
  const out = [];
  const { period } = facts;
  const rev = facts.revenue;
  if (!rev || !rev.customers) return [t("finding.noData", { year: period })];

  // 1. the trend: the change against the comparable range, and whether it is worsening
  if (rev.growth != null) {
    const dir = Math.abs(rev.growth) < 0.0005 ? "Flat" : rev.growth > 0 ? "Up" : "Down";
    out.push(t(`finding.revenue${dir}`, { period, revenue: fmt.money(rev.value), change: fmt.percent(Math.abs(rev.growth)), comparison: rev.comparison }));
    if (rev.previousGrowth != null) {
      const args = { change: fmt.change(rev.growth), before: fmt.change(rev.previousGrowth), previous: rev.previousPeriod };
      if (rev.growth < 0 && rev.previousGrowth >= 0) out.push(t("finding.trendTurnedDown", args));
      else if (rev.growth < 0 && rev.growth < rev.previousGrowth - notable) out.push(t("finding.trendDeepening", args));
      else if (rev.growth >= 0 && rev.growth < rev.previousGrowth - notable * 2) out.push(t("finding.trendSlowing", args));
      else if (rev.growth > rev.previousGrowth + 0.02) out.push(t("finding.trendFaster", args));
    }
  } else {
    out.push(t("finding.revenue", { period, revenue: fmt.money(rev.value), customers: fmt.integer(rev.customers) }));
    if (rev.noComparison) out.push(rev.noComparison);
  }
  const b = facts.bridge;
  if (b && rev.growth != null) {
    out.push(t("finding.bridge", {
      expansion: fmt.money(b.expansion), contraction: fmt.money(Math.abs(b.contraction)),
      lost: fmt.money(Math.abs(b.lost)), nLost: fmt.integer(b.nLost), new: fmt.money(b.new + (b.returning ?? 0)),
    }));
  }
  if (rev.marginChange != null && Math.abs(rev.marginChange) >= notable) {
    out.push(t(rev.marginChange < 0 ? "finding.marginDown" : "finding.marginUp", { change: fmt.points(Math.abs(rev.marginChange)).replace(/^\+/, ""), margin: fmt.percent(rev.margin) }));
  }

  // 2. the largest risk
  const r = facts.risk;
  if (r?.top) {
    out.push(t(r.top.isKey ? "finding.riskKey" : "finding.risk", { name: r.top.name, atStake: fmt.money(r.top.atStake), reason: r.top.reason }));
    if (r.count > 1) out.push(t("finding.riskAll", { count: fmt.integer(r.count), key: fmt.integer(r.keyCount), atStake: fmt.money(r.atStake) }));
  } else if (r && r.count === 0) out.push(t("finding.noRisk"));

  // 3. the key accounts: who carries the result, the re-rating, the department finding
  const k = facts.keyAccounts;
  if (k?.count != null) {
    out.push(k.count > 0
      ? t(k.profitShare != null ? "finding.keyAccounts" : "finding.keyAccountsNoProfit", {
          count: fmt.integer(k.count), customerShare: fmt.percent(k.customerShare, 0),
          revenueShare: fmt.percent(k.revenueShare, 0), profitShare: fmt.percent(k.profitShare, 0),
        })
      : t("finding.noKeyAccounts"));
    if (k.entered != null && (k.entered > 0 || k.left > 0)) {
      out.push(t("finding.reRating", { entered: fmt.integer(k.entered), left: fmt.integer(k.left), previous: k.previousPeriod }));
    }
    if (k.department) out.push(t(`finding.department.${k.department}`, { count: fmt.integer(k.count), min: fmt.integer(k.departmentMin) }));
  }

  // 4. concentration, judged honestly against the 80/20 rule, and the dependence on the largest
  const c = facts.concentration;
  if (c?.share != null) {
    const rule = ruleName(c.fraction, c.target, { t, fmt });
    const args = { fraction: fmt.percent(c.fraction, 0), share: fmt.percent(c.share, 0), rule,
      needed: fmt.integer(c.needed), neededShare: fmt.percent(c.neededShare, 0), target: fmt.percent(c.target, 0) };
    const key = c.share >= c.target ? "finding.ruleHolds" : c.share >= 0.6 ? "finding.ruleShort" : c.share >= 0.4 ? "finding.ruleModerate" : "finding.ruleSpread";
    out.push(t(key, args) + (key !== "finding.ruleHolds" && c.needed ? " " + t("finding.needed", args) : ""));
    if (c.largestOver) out.push(t("finding.largestRisk", { share: fmt.percent(c.largest), limit: fmt.percent(c.largestLimit, 0) }));
    if (c.top10Over) out.push(t("finding.top10Risk", { share: fmt.percent(c.top10), limit: fmt.percent(c.top10Limit, 0) }));
    if (c.profitShare != null) {
      const gap = c.share - c.profitShare;
      const pk = gap >= 0.05 ? "finding.profitLess" : gap <= -0.05 ? "finding.profitMore" : "finding.profitSame";
      out.push(t(pk, { fraction: fmt.percent(c.fraction, 0), share: fmt.percent(c.share, 0), profitShare: fmt.percent(c.profitShare, 0) }));
    }
  }

  // 5. customers that lose money, or why that is not known
  if (facts.costUnknown) out.push(t("finding.costUnknown", { reason: facts.costUnknown }));
  else if (facts.lossMaking) {
    const { count, share, loss } = facts.lossMaking;
    out.push(count > 0 ? t("finding.lossMaking", { count: fmt.integer(count), share: fmt.percent(share, 0), loss: fmt.money(loss) }) : t("finding.noLossMaking"));
  }
  return out;
}

/** The rule the top share is judged against: the 80/20 rule (二八法则) as configured by default, else the configured pair. */
export function ruleName(fraction, target, { t, fmt }) {
  if (Math.abs(fraction - 0.2) < 1e-9 && Math.abs(target - 0.8) < 1e-9) return t("finding.rule8020");
  return t("finding.ruleConfigured", { fraction: fmt.percent(fraction, 0), target: fmt.percent(target, 0) });
}
