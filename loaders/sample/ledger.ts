// Running per-customer totals kept while the exports are written (a few numbers per
// customer and quarter, so it stays small at any scale). truth.ts derives the planted
// truths from these actual figures, not from the plans' intentions.
import { HISTORY, monthIndexOfDay } from "./calendar.ts";
import type { OrderBook, PaymentBook } from "./books.ts";
import type { Claim, Month, Visit } from "./simulate.ts";

export const QUARTERS = Math.ceil(HISTORY.months / 3);

export interface TopOrder {
  id: string;
  customer: string;
  amount: number;
}

export class Ledger {
  /** net revenue (cents) and order count per customer x quarter */
  readonly revenueQ: Float64Array;
  readonly ordersQ: Int32Array;
  readonly cost: Float64Array;
  readonly discount: Float64Array;
  readonly visitCost: Float64Array;
  readonly visitHoursTenths: Float64Array;
  readonly claims: Float64Array;
  /** invoices due by the end of the history, and what was paid on them by then */
  readonly invoicedDue: Float64Array;
  readonly paidDue: Float64Array;
  /** amount-weighted days paid after the due date, and the amount they weight */
  readonly lateDaysWeighted: Float64Array;
  readonly paidAll: Float64Array;
  readonly orders: Int32Array;
  readonly firstDay: Int32Array;
  readonly lastDay: Int32Array;
  readonly top: TopOrder[] = [];
  counts = { orders: 0, lines: 0, payments: 0, visits: 0, claims: 0 };

  constructor(readonly customers: number) {
    this.revenueQ = new Float64Array(customers * QUARTERS);
    this.ordersQ = new Int32Array(customers * QUARTERS);
    this.cost = new Float64Array(customers);
    this.discount = new Float64Array(customers);
    this.visitCost = new Float64Array(customers);
    this.visitHoursTenths = new Float64Array(customers);
    this.claims = new Float64Array(customers);
    this.invoicedDue = new Float64Array(customers);
    this.paidDue = new Float64Array(customers);
    this.lateDaysWeighted = new Float64Array(customers);
    this.paidAll = new Float64Array(customers);
    this.orders = new Int32Array(customers);
    this.firstDay = new Int32Array(customers).fill(-1);
    this.lastDay = new Int32Array(customers).fill(-1);
  }

  addMonth(month: Month) {
    // in file order, as the exports are written (the top-10 list keeps the first of equal orders)
    for (let k = 0; k < month.orders.orders; k++) this.addOrder(month.orders, k);
    for (let k = 0; k < month.payments.count; k++) this.addPayment(month.payments, month.payments.at(k));
    for (const v of month.visits) this.addVisit(v);
    for (const c of month.claims) this.addClaim(c);
  }

  /** The k-th order of the month's file. */
  private addOrder(b: OrderBook, k: number) {
    const o = b.at(k);
    const i = b.customer[o];
    const day = b.day[o];
    const q = Math.floor(monthIndexOfDay(day) / 3);
    let total = 0;
    for (let l = b.firstLine[o], end = l + b.lineCount[o]; l < end; l++) {
      total += b.amount[l];
      this.cost[i] += b.cost[l];
      this.discount[i] += b.discount[l];
    }
    this.revenueQ[i * QUARTERS + q] += total;
    this.ordersQ[i * QUARTERS + q]++;
    this.orders[i]++;
    if (this.firstDay[i] < 0) this.firstDay[i] = day;
    this.lastDay[i] = day;
    this.counts.orders++;
    this.counts.lines += b.lineCount[o];
    if (!b.isReturn[o] && total > 0) {
      const plan = b.plans[i];
      const due = day + plan.terms;
      if (due <= HISTORY.end) this.invoicedDue[i] += total;
      this.keepTop(total, () => ({ id: b.id(k), customer: plan.id, amount: total }));
    }
  }

  private keepTop(amount: number, order: () => TopOrder) {
    if (this.top.length === 10 && amount <= this.top[9].amount) return;
    this.top.push(order());
    this.top.sort((a, b) => b.amount - a.amount || (a.id < b.id ? -1 : 1));
    if (this.top.length > 10) this.top.pop();
  }

  private addPayment(b: PaymentBook, p: number) {
    const i = b.customer[p];
    const amount = b.amount[p];
    this.counts.payments++;
    this.paidAll[i] += amount;
    this.lateDaysWeighted[i] += amount * (b.day[p] - b.due[p]);
    // at most one payment per invoice, always inside the history
    if (b.due[p] <= HISTORY.end) this.paidDue[i] += amount;
  }

  private addVisit(v: Visit) {
    this.counts.visits++;
    this.visitCost[v.customer.index] += v.cost;
    this.visitHoursTenths[v.customer.index] += v.hoursTenths;
  }

  private addClaim(c: Claim) {
    this.counts.claims++;
    this.claims[c.customer.index] += c.amount;
  }

  revenue(i: number, fromQuarter: number, toQuarter: number): number {
    let sum = 0;
    for (let q = fromQuarter; q <= toQuarter; q++) sum += this.revenueQ[i * QUARTERS + q];
    return sum;
  }

  ordersIn(i: number, fromQuarter: number, toQuarter: number): number {
    let sum = 0;
    for (let q = fromQuarter; q <= toQuarter; q++) sum += this.ordersQ[i * QUARTERS + q];
    return sum;
  }
}
