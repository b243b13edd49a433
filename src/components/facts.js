// The headline facts of one period for a filtered set of customers: what the summary's
// cards and written findings say. Pure; computed in the browser from customer_year.
import { customersInPeriod } from "./filters.js";
import { customersFor, topCount, topNShare, topShare } from "./concentration.js";

/**
 * @param customers rows {customer_id, region, industry, sales_rep, ...}
 * @param years rows {customer_id, year, revenue, gross_profit, volume, orders}
 * @param year the fiscal year; the facts of year - 1 are given as `prev` for changes
 * @param dims {region, industry, salesRep} arrays (empty = all)
 * @param params marts.analysis_params: top_share, target_share, risk_largest_share, risk_top10_share
 */
export function periodFacts(customers, years, year, dims, params) {
  const one = (y) => {
    const rows = customersInPeriod(customers, years, { from: y, to: y, ...dims });
    const revenue = rows.map((r) => r.revenue);
    const byRevenue = [...rows].sort((a, b) => b.revenue - a.revenue || (a.customer_id < b.customer_id ? -1 : 1));
    const n = rows.length;
    const top = topCount(n, params.top_share);
    const totalProfit = rows.reduce((a, r) => a + r.gross_profit, 0);
    const losers = rows.filter((r) => r.gross_profit < 0);
    return {
      year: y,
      customers: n,
      revenue: revenue.reduce((a, b) => a + b, 0),
      profit: totalProfit,
      volume: rows.reduce((a, r) => a + r.volume, 0),
      topShare: topShare(revenue, params.top_share),
      // share of the period's gross profit made by the top customers ranked by revenue
      // (can exceed 100% when the others lose money in total)
      topProfitShare: n && totalProfit > 0 ? byRevenue.slice(0, top).reduce((a, r) => a + r.gross_profit, 0) / totalProfit : null,
      needed: customersFor(revenue, params.target_share),
      largestShare: topNShare(revenue, 1),
      top10Share: topNShare(revenue, 10),
      lossMakers: losers.length,
      loss: -losers.reduce((a, r) => a + r.gross_profit, 0),
    };
  };
  const now = one(year);
  const prev = one(year - 1);
  return { ...now, prev: prev.customers ? prev : null };
}

/** The facts in the shape summaryFindings() takes. */
export function findingFacts(f, params, keyAccounts) {
  return {
    year: f.year,
    customers: f.customers,
    revenue: f.revenue,
    revenuePrev: f.prev?.revenue,
    profit: f.profit,
    needed: f.needed ? { count: f.needed, target: params.target_share } : null,
    top: { fraction: params.top_share, share: f.topShare },
    profitTop: { share: f.topProfitShare },
    largest: { share: f.largestShare, limit: params.risk_largest_share },
    lossMaking: { count: f.lossMakers, loss: f.loss },
    keyAccounts,
  };
}
