/**
 * ground_truth.json: what was planted in the sample, for tests to check the analyses find it.
 * Every list is derived from the generated figures (ledger.ts), checked against its rule
 * below; planted customers that chance pushed outside a rule are left out of the list.
 * All ids are sorted. Money in yuan (2 decimals). Quarters: 2021Q1 = 0 .. 2026Q3 = 22.
 *
 * {
 *   generator_version, seed, lines_target,       // what produced the files
 *   history: { start: "2021-01-01", end: "2026-09-30" },
 *   counts: { customers, orders, order_lines, payments, visits, quality_claims },
 *                                                // real rows only (dirty and 合计 rows not counted)
 *   key_accounts: [id],                          // archetype key account (incl. the at-risk ones): large,
 *                                                // buying every quarter since 2021
 *   at_risk_key_accounts: [id],                  // key accounts with orders in every quarter 2021Q1..2026Q1,
 *                                                // none in 2026-04-01..2026-09-30, top 10% by 2025 revenue
 *   rising_stars: [id],                          // revenue 2025 > 1.5 x 2024 > 0 and last 12 months >
 *                                                // 1.5 x the 12 before, yet not in the top 25% (small)
 *   one_big_order: { customer_id, order_id, amount },  // that customer's only order; the largest order
 *   top_orders: [{ order_id, customer_id, amount }],   // the 10 largest orders (net amount)
 *   loss_makers: [id],                           // cost + quality claims > revenue, and
 *                                                // revenue - cost - visit cost - claims < 0 (all history)
 *   late_payers: [id],                           // collection rate < 0.75 (below the 0.8 asked, so that
 *                                                // other windows also give < 0.8) and amount-weighted
 *                                                // mean days paid after the due date >= 60
 *   lifecycle: {                                 // stage as of 2026-09-30
 *     exploration: [id],  // first order on or after 2026-04-01 (trial orders)
 *     formation: [id],    // first order 2024-10-01..2025-09-30, last 12 months > the 12 before, buying in 2026Q3
 *     stability: [id],    // first order in 2021Q1, orders in each of the last 8 quarters, last 12 months
 *                         // within 0.8..1.25 x the 12 before, top 30% by last-12-month revenue
 *     decline: [id]       // last 12 months <= 0.6 x the 12 before (> 0), still buying in 2026Q3
 *   },
 *   capability_credit: {
 *     definition: {...},                         // population, thresholds and formulas, in words
 *     shares: { partners, reform, support, give_up },   // shares of the population
 *     reference: { partners: 0.2, reform: 0.05, support: 0.7, give_up: 0.05 },
 *     customers: { [id]: "partners" | "reform" | "support" | "give_up" }
 *   },
 *   pyramid: { key_customer_share, key_visit_hours_share },
 *   concentration: { top20_revenue_share_all, top20_revenue_share_by_year: { "2021": … } },
 *   dirty_rows: {                                // rows the ingest must reject
 *     <export file>: [{ row, source_row, column, reason, raw }],
 *     //  row: 1-based data row number, the header is not a data row (in customers.xlsx,
 *     //       sheet row 2 is data row 1); source_row = row + 1: the row in the file counting
 *     //       the header as row 1, as the ingest reports it (ingest_rejects.row_number);
 *     //  column: the canonical column; reason: bad_date | not_a_number |
 *     //       unknown_customer_id | missing_value | unknown_visit_type
 *   },
 *   data_rows: { <export file>: number },        // data rows in each file (real + dirty + 合计)
 *   total_rows: { "order_lines.csv": row }       // the closing 合计 row's data row number (source_row = row + 1);
 *                                                // with the order lines by month, one entry per monthly export
 * }
 */
import { daysFromCivil } from "./calendar.ts";
import { formatCents } from "./format.ts";
import { Ledger, QUARTERS } from "./ledger.ts";
import type { CustomerPlan } from "./plan.ts";

const LAST = QUARTERS - 1; // 2026Q3
const last12 = (l: Ledger, i: number) => l.revenue(i, LAST - 3, LAST);
const prev12 = (l: Ledger, i: number) => l.revenue(i, LAST - 7, LAST - 4);
const year = (l: Ledger, i: number, y: number) => l.revenue(i, (y - 2021) * 4, (y - 2021) * 4 + 3);
const yuan = (cents: number) => Number(formatCents(Math.round(cents)));
const round4 = (x: number) => Math.round(x * 10000) / 10000;

export interface TruthInput {
  version: string;
  seed: number;
  lines: number;
  plans: CustomerPlan[];
  ledger: Ledger;
  dirty: Record<string, { row: number; source_row: number; column: string; reason: string; raw: string }[]>;
  dataRows: Record<string, number>;
  /** the closing 合计 row's data row number, per order-lines export */
  totalRows: Record<string, number>;
}

export function groundTruth({ version, seed, lines, plans, ledger: l, dirty, dataRows, totalRows }: TruthInput) {
  const ids = (pred: (p: CustomerPlan) => boolean) => plans.filter(pred).map((p) => p.id).sort();
  const is = (p: CustomerPlan, ...kinds: CustomerPlan["archetype"][]) => kinds.includes(p.archetype);

  // capability x credit over the customers who bought in the last 12 months
  const population = plans.filter((p) => last12(l, p.index) > 0);
  const byRevenue = population.slice().sort((a, b) => last12(l, b.index) - last12(l, a.index) || (a.id < b.id ? -1 : 1));
  const strongCount = Math.round(0.25 * byRevenue.length);
  const strong = new Set(byRevenue.slice(0, strongCount).map((p) => p.index));
  const collection = (i: number) => (l.invoicedDue[i] > 0 ? l.paidDue[i] / l.invoicedDue[i] : 1);
  const cells: Record<string, string> = {};
  const tally = { partners: 0, reform: 0, support: 0, give_up: 0 };
  for (const p of byRevenue.slice().sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const low = collection(p.index) < 0.9;
    const cell = strong.has(p.index) ? (low ? "reform" : "partners") : low ? "give_up" : "support";
    cells[p.id] = cell;
    tally[cell as keyof typeof tally]++;
  }
  const top30 = new Set(byRevenue.slice(0, Math.round(0.3 * byRevenue.length)).map((p) => p.index));
  const top10of2025 = new Set(
    plans
      .slice()
      .sort((a, b) => year(l, b.index, 2025) - year(l, a.index, 2025))
      .slice(0, Math.round(0.1 * plans.length))
      .map((p) => p.index),
  );
  const everyQuarter = (i: number, from: number, to: number) => {
    for (let q = from; q <= to; q++) if (l.ordersIn(i, q, q) === 0) return false;
    return true;
  };
  const firstOn = (i: number) => l.firstDay[i];
  const big = plans.find((p) => p.archetype === "one_big_order")!;
  const bigOrder = l.top.find((o) => o.customer === big.id);

  const keyHours = plans.filter((p) => is(p, "key", "at_risk_key")).reduce((a, p) => a + l.visitHoursTenths[p.index], 0);
  const allHours = plans.reduce((a, p) => a + l.visitHoursTenths[p.index], 0);

  return {
    generator_version: version,
    seed,
    lines_target: lines,
    history: { start: "2021-01-01", end: "2026-09-30" },
    counts: {
      customers: plans.length,
      orders: l.counts.orders,
      order_lines: l.counts.lines,
      payments: l.counts.payments,
      visits: l.counts.visits,
      quality_claims: l.counts.claims,
    },
    key_accounts: ids((p) => is(p, "key", "at_risk_key")),
    at_risk_key_accounts: ids(
      (p) => is(p, "at_risk_key") && everyQuarter(p.index, 0, LAST - 2) && l.ordersIn(p.index, LAST - 1, LAST) === 0 && top10of2025.has(p.index),
    ),
    rising_stars: ids(
      (p) =>
        is(p, "rising_star") &&
        year(l, p.index, 2024) > 0 &&
        year(l, p.index, 2025) > 1.5 * year(l, p.index, 2024) &&
        last12(l, p.index) > 1.5 * prev12(l, p.index) &&
        !strong.has(p.index),
    ),
    one_big_order: bigOrder && l.orders[big.index] === 1 ? { customer_id: big.id, order_id: bigOrder.id, amount: yuan(bigOrder.amount) } : null,
    top_orders: l.top.map((o) => ({ order_id: o.id, customer_id: o.customer, amount: yuan(o.amount) })),
    loss_makers: ids((p) => {
      const i = p.index;
      const revenue = l.revenue(i, 0, LAST);
      return is(p, "loss_maker") && l.cost[i] + l.claims[i] > revenue && revenue - l.cost[i] - l.visitCost[i] - l.claims[i] < 0;
    }),
    late_payers: ids(
      (p) => p.lowCredit && collection(p.index) < 0.75 && l.paidAll[p.index] > 0 && l.lateDaysWeighted[p.index] / l.paidAll[p.index] >= 60,
    ),
    lifecycle: {
      exploration: ids((p) => is(p, "arrival") && firstOn(p.index) >= daysFromCivil(2026, 4, 1)),
      formation: ids(
        (p) =>
          is(p, "arrival") &&
          firstOn(p.index) >= daysFromCivil(2024, 10, 1) &&
          firstOn(p.index) <= daysFromCivil(2025, 9, 30) &&
          l.ordersIn(p.index, LAST, LAST) > 0 &&
          last12(l, p.index) > prev12(l, p.index),
      ),
      stability: ids((p) => {
        const i = p.index;
        const ratio = last12(l, i) / prev12(l, i);
        return (
          is(p, "key", "regular") && firstOn(i) >= 0 && firstOn(i) < daysFromCivil(2021, 4, 1) &&
          everyQuarter(i, LAST - 7, LAST) && ratio >= 0.8 && ratio <= 1.25 && top30.has(i)
        );
      }),
      decline: ids(
        (p) =>
          is(p, "decliner") &&
          prev12(l, p.index) > 0 &&
          last12(l, p.index) <= 0.6 * prev12(l, p.index) &&
          l.ordersIn(p.index, LAST, LAST) > 0,
      ),
    },
    capability_credit: {
      definition: {
        population: "customers with net order revenue > 0 in 2025-10-01..2026-09-30 (the last 12 months)",
        strong: "the first round(0.25 x population) customers by that revenue, descending (top 25%)",
        collection_rate:
          "payments (by 2026-09-30) on invoices due by 2026-09-30 / those invoices' amounts, over the whole history; 1 when no invoice is due yet",
        low_credit: "collection_rate < 0.9",
      },
      shares: {
        partners: round4(tally.partners / population.length),
        reform: round4(tally.reform / population.length),
        support: round4(tally.support / population.length),
        give_up: round4(tally.give_up / population.length),
      },
      reference: { partners: 0.2, reform: 0.05, support: 0.7, give_up: 0.05 },
      customers: cells,
    },
    pyramid: {
      key_customer_share: round4(plans.filter((p) => is(p, "key", "at_risk_key")).length / plans.length),
      key_visit_hours_share: round4(keyHours / allHours),
    },
    concentration: {
      top20_revenue_share_all: round4(top20(plans.map((p) => l.revenue(p.index, 0, LAST)))),
      top20_revenue_share_by_year: Object.fromEntries(
        [2021, 2022, 2023, 2024, 2025].map((y) => [String(y), round4(top20(plans.map((p) => year(l, p.index, y))))]),
      ),
    },
    dirty_rows: dirty,
    data_rows: dataRows,
    total_rows: totalRows,
  };
}

/** Share of the total made by the top 20% of customers with revenue > 0 (rounded count). */
export function top20(values: number[]): number {
  const positive = values.filter((v) => v > 0).sort((a, b) => b - a);
  const n = Math.round(positive.length * 0.2);
  const total = positive.reduce((a, b) => a + b, 0);
  return positive.slice(0, n).reduce((a, b) => a + b, 0) / total;
}

