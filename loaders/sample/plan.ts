// The company model: who the customers are and how each one is meant to behave over the
// history (size, trajectory, frequency, prices, payment habits, visits, claims). The
// simulation (simulate.ts) turns plans into transactions; truth.ts checks what was planted.
import { HISTORY } from "./calendar.ts";
import { INDUSTRY_CATEGORIES } from "./catalog.ts";
import { exp, ln } from "./math.ts";
import { companyName, INDUSTRIES, personName, REGIONS, SALES_REPS } from "./names.ts";
import { Random } from "./random.ts";

export type Archetype =
  | "key" // key account: large, steady since before 2021
  | "at_risk_key" // key account that stops buying after 2026-03
  | "regular" // steady, small drift
  | "arrival" // first order during the history: trial, then ramp-up (some leave after the trial)
  | "churned" // declines, then stops buying during the history
  | "decliner" // steady until 2025-01, then falls ~65% a year, still buying
  | "rising_star" // small, since 2023/24, growing ~1.9x a year
  | "loss_maker" // deep discounts, low margin products, many visits and quality claims
  | "one_big_order"; // one very large order in 2024-06 and nothing else

export interface CustomerPlan {
  index: number;
  id: string;
  archetype: Archetype;
  name: string;
  nameEn: string;
  region: string;
  city: string;
  industry: number;
  channel: string;
  salesRep: string;
  creditRating: string;
  influence: number;
  contactName: string;
  /** steady-state revenue, yuan a year (the trajectory scales it) */
  size: number;
  /** month indexes (0 = 2021-01) of the first and last month with orders */
  firstMonth: number;
  lastMonth: number;
  /** orders a year at steady state */
  ordersPerYear: number;
  /** month-to-month log-sd of the order value */
  volatility: number;
  /** discount rate on list price */
  discount: number;
  /** cost / standard cost (loss makers buy low-margin specials) */
  costUplift: number;
  /** payment terms, days after the order date */
  terms: number;
  lowCredit: boolean;
  /** share of each invoice a low-credit customer pays on average */
  collection: number;
  /** expected visits a month while active */
  visitRate: number;
  /** chance of a quality claim in an active month, and its size as a share of a month's revenue */
  claimRate: number;
  claimShare: number;
  /** product categories bought (indexes into the catalog) */
  categories: number[];
  /** trajectory parameters (see level()) */
  growth: number;
  declineFrom: number;
}

/** Planted group sizes at the default scale (1,500 customers); they scale with the customer count. */
export const DEFAULT_CUSTOMERS = 1500;
export const DEFAULT_LINES = 300_000;
/** Mean lines per order: 1 + Poisson(1.8) drawn, fewer kept (small lines rounding to no unit are dropped); measured. */
export const LINES_PER_ORDER = 2.5;

const MEDIAN_SIZE = 150_000;
const SIZE_SIGMA = 1.3;

/** Relative purchase level of a customer in month m (1 = its steady state), 0 when inactive. */
export function level(p: CustomerPlan, m: number): number {
  if (m < p.firstMonth || m > p.lastMonth) return 0;
  const age = m - p.firstMonth;
  switch (p.archetype) {
    case "key":
    case "at_risk_key":
    case "regular":
    case "loss_maker":
      return exp((ln(1 + p.growth) * m) / 12);
    case "rising_star":
      return exp((ln(1 + p.growth) * age) / 12);
    case "arrival":
      // trial orders for two quarters, then a ramp to the steady state over 18 months
      return age < 6 ? 0.15 : Math.min(1, 0.15 + (0.85 * (age - 6)) / 18);
    case "churned":
      return m < p.declineFrom ? 1 : Math.max(0.15, 1 - (0.7 * (m - p.declineFrom)) / 9);
    case "decliner":
      return m < p.declineFrom ? 1 : exp(-0.09 * (m - p.declineFrom));
    case "one_big_order":
      return 1;
  }
}

/** How many of the planted customers of each kind at `customers` customers. */
export function groupSizes(customers: number) {
  const s = customers / DEFAULT_CUSTOMERS;
  const at = (n: number, min: number) => Math.max(min, Math.round(n * s));
  return {
    key: at(120, 25), // 8% of customers
    atRiskKey: at(5, 3),
    risingStar: at(40, 12),
    lossMaker: at(20, 12),
    decliner: at(60, 14),
  };
}

export function planCompany(seed: number, customers: number): CustomerPlan[] {
  const rng = Random.derive(seed, 1);
  const sizes: number[] = [];
  for (let i = 0; i < customers; i++) {
    sizes.push(Math.min(60_000_000, Math.max(12_000, rng.lognormal(MEDIAN_SIZE, SIZE_SIGMA))));
  }
  sizes.sort((a, b) => b - a);
  const groups = groupSizes(customers);

  // Archetypes by size rank: the largest are key accounts; the other kinds are drawn
  // from the ranks where such customers are found.
  const archetypes: Archetype[] = new Array(customers).fill("regular");
  for (let r = 0; r < groups.key; r++) archetypes[r] = "key";
  const keyRanks = rng.shuffled(range(Math.floor(groups.key * 0.1), Math.floor(groups.key * 0.5)));
  for (const r of keyRanks.slice(0, groups.atRiskKey)) archetypes[r] = "at_risk_key";
  const rest = rng.shuffled(range(groups.key, customers));
  const take = (n: number, lo: number, hi: number, kind: Archetype) => {
    let placed = 0;
    for (const r of rest) {
      if (placed === n) break;
      if (archetypes[r] !== "regular" || r < lo * customers || r >= hi * customers) continue;
      archetypes[r] = kind;
      placed++;
    }
  };
  take(groups.decliner, 0.1, 0.45, "decliner");
  take(groups.lossMaker, 0.2, 0.6, "loss_maker");
  take(groups.risingStar, 0.4, 1, "rising_star");
  take(1, 0.5, 1, "one_big_order");
  take(Math.round(customers * 0.3), 0.1, 1, "arrival");
  take(Math.round(customers * 0.12), 0.1, 1, "churned");

  const taken = new Set<string>();
  const plans = sizes.map((size, r) =>
    makePlan(Random.derive(seed, 1000 + r), r, r / customers, size, archetypes[r], taken),
  );
  assignIds(Random.derive(seed, 3), plans);
  assignCredit(Random.derive(seed, 2), plans);
  return plans;
}

function makePlan(rng: Random, index: number, rankShare: number, size: number, archetype: Archetype, taken: Set<string>): CustomerPlan {
  const region = rng.weighted(REGIONS, [22, 26, 14, 14, 10, 6, 8]);
  const industry = rng.int(0, INDUSTRIES.length - 1);
  const company = companyName(rng, region, industry, taken);
  const isKey = archetype === "key" || archetype === "at_risk_key";
  const base = {
    firstMonth: 0,
    lastMonth: HISTORY.months - 1,
    growth: rng.normal(0.03, 0.08),
    declineFrom: 0,
    volatility: isKey ? 0.3 : 0.45,
    discount: isKey ? rng.uniform(0.05, 0.12) : rng.chance(0.6) ? rng.uniform(0, 0.05) : 0,
    costUplift: 1,
    visitRate: isKey ? 1.3 : rankShare < 0.3 ? 0.25 : 0.05,
    claimRate: isKey ? 0.02 : 0.004,
    claimShare: rng.uniform(0.05, 0.3),
  };
  switch (archetype) {
    case "key":
      base.growth = rng.normal(0.04, 0.04);
      break;
    case "at_risk_key":
      base.growth = rng.normal(0.03, 0.03);
      base.lastMonth = 62; // last orders in 2026-03
      break;
    case "arrival":
      base.firstMonth = rng.int(3, HISTORY.months - 1);
      if (rng.chance(0.3)) base.lastMonth = Math.min(HISTORY.months - 1, base.firstMonth + rng.int(2, 12));
      base.volatility = 0.6;
      break;
    case "churned":
      base.lastMonth = rng.int(10, 58);
      base.declineFrom = base.lastMonth - 9;
      break;
    case "decliner":
      base.declineFrom = 48; // 2025-01
      break;
    case "rising_star":
      base.firstMonth = rng.int(30, 36); // 2023-07 .. 2024-01
      base.growth = rng.uniform(0.75, 1.0); // x1.75-2.0 a year
      size = rng.uniform(20_000, 35_000);
      base.volatility = 0.25;
      break;
    case "loss_maker":
      base.discount = rng.uniform(0.3, 0.36);
      base.costUplift = 1.06;
      base.visitRate = 1.2;
      base.claimRate = 0.3;
      base.claimShare = rng.uniform(0.25, 0.45);
      break;
    case "one_big_order":
      base.firstMonth = base.lastMonth = 41; // 2024-06
      base.visitRate = 0;
      base.claimRate = 0;
      break;
    case "regular":
      break;
  }
  const relative = size / MEDIAN_SIZE;
  const cats = INDUSTRY_CATEGORIES[industry];
  const minOrders = { decliner: 24, rising_star: 8, loss_maker: 12 } as Partial<Record<Archetype, number>>;
  return {
    index,
    id: "",
    archetype,
    ...company,
    industry,
    channel: isKey ? "直销" : rng.weighted(["直销", "经销商", "电商平台"], [6, 3, 1]),
    salesRep: SALES_REPS[(REGIONS.indexOf(region as (typeof REGIONS)[number]) * 2 + rng.int(0, 1)) % SALES_REPS.length],
    creditRating: "B",
    influence: isKey ? rng.int(3, 5) : relative > 2 ? rng.int(2, 4) : rng.int(1, 3),
    contactName: personName(rng),
    size,
    ordersPerYear: Math.min(80, Math.max(minOrders[archetype] ?? 3, 5 * exp(0.4 * ln(relative)))),
    terms: isKey ? rng.weighted([30, 60, 90], [2, 5, 3]) : rng.weighted([30, 60, 90], [13, 6, 1]),
    lowCredit: false,
    collection: 1,
    categories: rng.shuffled(cats).slice(0, rng.int(2, 4)),
    ...base,
  };
}

/**
 * Customer numbers follow registration order (customers of 2021 first, then each arrival
 * as it comes), not size, as in a real customer master. Ids keep leading zeros: C000123.
 * The contact details follow from the number and city (names.ts `contact`), so the plans do
 * not hold them (at 500,000 customers that would be three strings each, for the master only).
 */
function assignIds(rng: Random, plans: CustomerPlan[]) {
  const order = plans.map((p) => ({ p, key: p.firstMonth + rng.next() }));
  order.sort((a, b) => a.key - b.key);
  order.forEach(({ p }, i) => {
    p.id = `C${String(i + 1).padStart(6, "0")}`;
  });
}

/** Expected revenue over the last 12 months (2025-10 .. 2026-09), from the plan alone. */
export function expectedLast12(p: CustomerPlan): number {
  let sum = 0;
  for (let m = HISTORY.months - 12; m < HISTORY.months; m++) sum += (p.size * level(p, m)) / 12;
  return sum;
}

/**
 * Credit behaviour, planted so that the capability x credit matrix comes out near the
 * reference 20/5/70/5: among the customers expected to be in the top 25% by last-12-month
 * revenue, 1 in 5 has low credit; among the others, 1 in 18.
 */
function assignCredit(rng: Random, plans: CustomerPlan[]) {
  const active = plans.filter((p) => p.archetype !== "one_big_order" && expectedLast12(p) > 0);
  active.sort((a, b) => expectedLast12(b) - expectedLast12(a) || a.index - b.index);
  const strong = Math.round(active.length * 0.25);
  active.forEach((p, rank) => {
    p.lowCredit = rng.chance(rank < strong ? 0.2 : 0.055);
  });
  for (const p of plans) {
    p.collection = p.lowCredit ? rng.uniform(0.45, 0.8) : 1;
    p.creditRating = p.lowCredit
      ? rng.weighted(["B", "C", "D"], [1, 5, 4])
      : rng.weighted(["A", "B", "C"], [p.archetype === "key" ? 7 : 4, 5, 1]);
  }
}

const range = (lo: number, hi: number) => Array.from({ length: Math.max(0, hi - lo) }, (_, i) => lo + i);
