// Turns the plans into transactions, one month at a time, so that any scale streams: a
// month's orders are generated, sorted by date and numbered, their invoices' payments
// are queued for the month they fall in, and the month is handed to the writers. Orders
// and payments live in flat typed arrays (books.ts), so memory stays small at any scale.
import { idRanks, orderId, OrderBook, orderPrefix, PaymentBook, type Line } from "./books.ts";
import { daysFromCivil, daysInMonth, HISTORY, monthIndexOfDay, monthOf, weekday } from "./calendar.ts";
import type { Product } from "./catalog.ts";
import { level, LINES_PER_ORDER, type CustomerPlan } from "./plan.ts";
import { Random } from "./random.ts";

export type { Line } from "./books.ts";

/** A return waiting for its month: one line of an earlier order, with a negative quantity. */
interface PendingReturn {
  day: number;
  customer: number;
  line: Line;
  /** its number among its month's returns, to keep the sort total */
  seq: number;
}

export interface Visit {
  customer: CustomerPlan;
  day: number;
  type: "leadership" | "technical" | "business";
  hoursTenths: number;
  cost: number;
}

export interface Claim {
  customer: CustomerPlan;
  day: number;
  amount: number;
  reason: string;
}

/** One month of the history; its books are valid until the next call of `month`. */
export interface Month {
  index: number;
  orders: OrderBook;
  payments: PaymentBook;
  visits: Visit[];
  claims: Claim[];
}

/** Relative order activity by calendar month (Spring Festival dip, year-end push); mean 1. */
const SEASON = [0.95, 0.65, 1.05, 1.05, 1.0, 1.05, 0.95, 0.95, 1.05, 1.0, 1.1, 1.2];
const CLAIM_REASONS = ["尺寸超差", "表面裂纹", "硬度不达标", "包装破损", "交货延误", "材质不符"];

/** Expected orders of a customer in month m before calibration. */
const orderRate = (p: CustomerPlan, m: number) =>
  (p.ordersPerYear / 12) * Math.sqrt(level(p, m)) * SEASON[m % 12];

/**
 * Scales every customer's order frequency so that the expected number of order lines
 * is `lines` (order values shrink to match, so revenue is unchanged).
 */
export function frequencyScale(plans: CustomerPlan[], lines: number): number {
  let orders = 0;
  for (const p of plans) {
    if (p.archetype === "one_big_order") continue;
    for (let m = p.firstMonth; m <= p.lastMonth; m++) orders += orderRate(p, m);
  }
  return lines / (orders * LINES_PER_ORDER);
}

export class Simulation {
  private pendingReturns = new Map<number, PendingReturn[]>();
  private pendingPayments = new Map<number, PaymentBook>();
  private idRank: Int32Array;
  private book: OrderBook;
  /** the one-big-order customer's order total, cents (set above every other order) */
  readonly bigOrder: number;

  constructor(
    private seed: number,
    private plans: CustomerPlan[],
    private catalog: Product[][],
    private freqScale: number,
  ) {
    // an order value is at most 3.5x its customer's mean order value: the big order is 1.5x
    // the largest possible one, so it is the largest order of the history by construction
    let max = 0;
    for (const p of plans) {
      if (p.archetype === "one_big_order") continue;
      for (let m = p.firstMonth; m <= p.lastMonth; m++) max = Math.max(max, this.meanOrderValue(p, m) * 3.5);
    }
    this.bigOrder = Math.round(max * 1.5 * 100);
    this.idRank = idRanks(plans);
    this.book = new OrderBook(plans, catalog.flat(), this.idRank);
  }

  private meanOrderValue(p: CustomerPlan, m: number): number {
    const lv = level(p, m);
    return (p.size * Math.sqrt(lv)) / (p.ordersPerYear * this.freqScale);
  }

  month(m: number): Month {
    const rng = Random.derive(this.seed, 100_000 + m);
    const { y, m: mm } = monthOf(m);
    const first = daysFromCivil(y, mm, 1);
    const length = daysInMonth(y, mm);
    const orders = this.book;
    orders.reset(orderPrefix(m));
    for (const ret of this.pendingReturns.get(m) ?? []) orders.add(ret.day, ret.customer, ret.seq, true, [ret.line]);
    this.pendingReturns.delete(m);
    const visits: Visit[] = [];
    const claims: Claim[] = [];

    for (const p of this.plans) {
      if (m < p.firstMonth || m > p.lastMonth) continue;
      const r = Random.derive(this.seed ^ 0x5bd1e995, p.index * 128 + m);
      const count = p.archetype === "one_big_order" ? 1 : r.poisson(orderRate(p, m) * this.freqScale);
      for (let k = 0; k < count; k++) {
        const day = workday(r, first, length);
        const value =
          p.archetype === "one_big_order"
            ? this.bigOrder / 100
            : this.meanOrderValue(p, m) * Math.min(3.5, r.noise(p.volatility));
        const lines = this.lines(r, p, value);
        orders.add(day, p.index, k, false, lines);
        if (p.archetype !== "one_big_order" && r.chance(0.015)) this.queueReturn(r, day, p, lines);
      }
      for (let k = r.poisson(p.visitRate); k > 0; k--) visits.push(visit(r, p, workday(r, first, length)));
      if (r.chance(p.claimRate)) {
        const monthly = (p.size * level(p, m)) / 12;
        claims.push({
          customer: p,
          day: workday(r, first, length),
          amount: Math.max(50_000, Math.round(monthly * p.claimShare * r.uniform(0.5, 1.5) * 100)),
          reason: r.pick(CLAIM_REASONS),
        });
      }
    }

    orders.sort();
    for (let k = 0; k < orders.orders; k++) if (!orders.isReturn[orders.at(k)]) this.invoice(rng, m, k);
    visits.sort((a, b) => a.day - b.day || compare(a.customer.id, b.customer.id));
    claims.sort((a, b) => a.day - b.day || compare(a.customer.id, b.customer.id));
    const payments = this.pendingPayments.get(m) ?? new PaymentBook(this.idRank);
    this.pendingPayments.delete(m);
    payments.sort((month, pos) => orderId(orderPrefix(month), pos));
    return { index: m, orders, payments, visits, claims };
  }

  private lines(r: Random, p: CustomerPlan, value: number): Line[] {
    const n = Math.min(8, 1 + r.poisson(1.8));
    const weights = Array.from({ length: n }, () => r.uniform(0.2, 1));
    const total = weights.reduce((a, b) => a + b, 0);
    const big = p.archetype === "one_big_order";
    const used = new Set<Product>();
    const lines: Line[] = [];
    for (const w of weights) {
      const lineValue = (value * w) / total;
      // small lines buy what they can afford; one line per product, as on an order form
      const category = this.catalog[big ? 0 : r.pick(p.categories)];
      const affordable = category.filter((x) => x.price <= lineValue * 100 && !used.has(x));
      const product = affordable.length ? r.pick(affordable) : cheapest(category);
      if (used.has(product)) continue;
      used.add(product);
      const line = priceLine(r, p, product, lineValue);
      if (line) lines.push(line);
    }
    if (!lines.length) {
      // the order still needs one line: the cheapest thing in its first category, once
      const product = cheapest(this.catalog[big ? 0 : p.categories[0]]);
      lines.push(priceLine(r, p, product, product.price / 100)!);
    }
    return lines;
  }

  private queueReturn(r: Random, orderDay: number, customer: CustomerPlan, lines: Line[]) {
    const day = orderDay + r.int(3, 25);
    if (day > HISTORY.end) return;
    const line = r.pick(lines);
    const share = r.uniform(0.1, 0.5);
    const qtyMilli =
      line.product.unit === "t"
        ? Math.max(1, Math.round(line.qtyMilli * share))
        : 1000 * Math.max(1, Math.round((line.qtyMilli / 1000) * share));
    const part = qtyMilli / line.qtyMilli;
    const back: Line = {
      product: line.product,
      qtyMilli: -qtyMilli,
      price: line.price,
      amount: -Math.round(line.amount * part),
      cost: -Math.round(line.cost * part),
      discount: -Math.round(line.discount * part),
    };
    const m = monthIndexOfDay(day);
    const list = this.pendingReturns.get(m) ?? [];
    list.push({ day, customer: customer.index, line: back, seq: list.length });
    this.pendingReturns.set(m, list);
  }

  /** The invoice is the k-th order of month m; its payment (if any falls inside the history) is queued. */
  private invoice(r: Random, m: number, k: number) {
    const book = this.book;
    const o = book.at(k);
    const total = book.total(o);
    if (total <= 0) return;
    const p = this.plans[book.customer[o]];
    const due = book.day[o] + p.terms;
    let share: number;
    let day: number;
    if (p.lowCredit) {
      share = Math.min(1, Math.max(0, r.normal(p.collection, 0.12)));
      day = due + r.int(60, 160);
      if (share < 0.1) return;
    } else {
      share = r.chance(0.97) ? 1 : r.uniform(0.5, 0.95);
      day = due + Math.max(-25, Math.round(r.normal(2, 7)));
    }
    if (day > HISTORY.end) return;
    const pm = monthIndexOfDay(day);
    let pending = this.pendingPayments.get(pm);
    if (!pending) this.pendingPayments.set(pm, (pending = new PaymentBook(this.idRank)));
    pending.add(p.index, day, Math.round(total * share), m, k, due);
  }
}

/** A priced line worth about `value` yuan; whole units are rounded at random (unbiased); null when that gives none. */
function priceLine(r: Random, p: CustomerPlan, product: Product, value: number): Line | null {
  const units = (value * 100) / product.price;
  const whole = Math.floor(units) + (r.chance(units - Math.floor(units)) ? 1 : 0);
  const qtyMilli = product.unit === "t" ? Math.max(1, Math.round(units * 1000)) : 1000 * whole;
  if (qtyMilli === 0) return null;
  const gross = Math.round((qtyMilli * product.price) / 1000);
  const discount = p.discount > 0 ? Math.round(gross * p.discount * r.uniform(0.85, 1.15)) : 0;
  const cost = Math.round(gross * product.costRatio * p.costUplift * r.uniform(0.97, 1.03));
  return { product, qtyMilli, price: product.price, amount: gross - discount, cost, discount };
}

const cheapest = (products: Product[]) => products.reduce((a, b) => (b.price < a.price ? b : a));

const VISIT_TYPES = ["leadership", "technical", "business"] as const;

function visit(r: Random, p: CustomerPlan, day: number): Visit {
  const key = p.archetype === "key" || p.archetype === "at_risk_key";
  const type = r.weighted(VISIT_TYPES, key ? [25, 35, 40] : [5, 30, 65]);
  const hours = type === "leadership" ? r.uniform(3, 6) : type === "technical" ? r.uniform(4, 8) : r.uniform(2, 4);
  const hoursTenths = Math.round(hours * 10);
  const cost = Math.round(hoursTenths * 2500 + r.uniform(200, 2500) * 100);
  return { customer: p, day, type, hoursTenths, cost };
}

/** A day in the month, mostly Monday to Friday. */
function workday(r: Random, first: number, length: number): number {
  for (;;) {
    const day = first + r.int(0, length - 1);
    const wd = weekday(day);
    if ((wd !== 0 && wd !== 6) || r.chance(0.1)) return day;
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

