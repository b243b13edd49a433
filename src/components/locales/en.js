// English labels. Keep the keys in the same order as zh-CN.js.
export default {
  // site
  "site.title": "Key account report",
  "nav.summary": "Executive summary",
  "nav.concentration": "Concentration",
  "nav.segments": "Segments",
  "nav.retention": "Retention",
  "nav.dataQuality": "Data quality",
  "nav.methodology": "Methodology",

  // findings
  "finding.noData": "No sales in {year} for this selection.",
  "finding.revenue": "Revenue in {year} was {revenue} from {customers} customers.",
  "finding.revenueUp": "Revenue rose {change} in {year} to {revenue}.",
  "finding.revenueDown": "Revenue fell {change} in {year} to {revenue}.",
  "finding.revenueFlat": "Revenue held steady in {year} at {revenue}.",
  "finding.needed": "{count} customers, {customerShare} of the base, made {target} of revenue.",
  "finding.topStrong": "The top {fraction} of customers made {share} of revenue: the 80/20 rule holds.",
  "finding.topModerate": "The top {fraction} of customers made {share} of revenue: concentrated, but less than the 80/20 rule.",
  "finding.topWeak": "The top {fraction} of customers made only {share} of revenue: revenue is spread widely.",
  "finding.profitVsRevenue": "The top {fraction} of customers by revenue made {revenueShare} of revenue and {profitShare} of gross profit.",
  "finding.largest": "The largest customer made {share} of revenue.",
  "finding.largestRisk": "Risk: the largest customer made {share} of revenue, above the {limit} limit; losing it would hurt the year.",
  "finding.lossMaking": "{count} customers ({share} of the base) lost money: {loss} of negative gross profit.",
  "finding.noLossMaking": "No customer had negative gross profit.",
  "finding.keyAccounts": "Key accounts are {customerShare} of customers and make {revenueShare} of revenue.",
};
