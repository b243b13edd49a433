// A month's orders and the payments waiting for a month, in flat typed arrays instead of one
// object per order, line and payment: at 100M order lines a month holds ~580,000 orders and
// ~1.45M lines, and payments wait up to eight months, which as objects took gigabytes of
// heap. Here a line costs ~50 bytes and a payment ~28, outside the JS heap, and the buffers
// are reused. Money in integer cents and quantities in thousandths, as everywhere in the
// generator (Float64: exact for integers far beyond any total here).
import { monthOf } from "./calendar.ts";
import type { Product } from "./catalog.ts";
import type { CustomerPlan } from "./plan.ts";

/** One priced line while an order is being made (short-lived; the book keeps the numbers). */
export interface Line {
  product: Product;
  qtyMilli: number;
  price: number;
  amount: number;
  cost: number;
  discount: number;
}

const grow = <T extends Int32Array | Uint8Array | Float64Array>(a: T, n: number): T => {
  if (n <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(n, a.length * 2));
  b.set(a);
  return b;
};

/** The order-number prefix of month index m: SO202406. */
export function orderPrefix(m: number): string {
  const { y, m: mm } = monthOf(m);
  return `SO${y}${String(mm).padStart(2, "0")}`;
}

/** The order number printed for the k-th order (0-based) of month `prefix` (SO202406): SO202406000001. */
export const orderId = (prefix: string, k: number) => prefix + String(k + 1).padStart(6, "0");

/**
 * The orders of one month. `add` appends; `sort` puts them in file order (by day, customer
 * id, sales before returns, then the order's number within its customer's month) and fixes
 * the order numbers; after that `at(k)` is the k-th order of the file and `lineAt(j)` the
 * j-th line. Valid until the next `reset`.
 */
export class OrderBook {
  orders = 0;
  lines = 0;
  /** per order (by insertion) */
  day = new Int32Array(1024);
  customer = new Int32Array(1024);
  seq = new Int32Array(1024);
  isReturn = new Uint8Array(1024);
  firstLine = new Int32Array(1024);
  lineCount = new Uint8Array(1024);
  /** per line (by insertion) */
  product = new Int32Array(2048);
  qtyMilli = new Float64Array(2048);
  price = new Float64Array(2048);
  amount = new Float64Array(2048);
  cost = new Float64Array(2048);
  discount = new Float64Array(2048);
  /** file order: the k-th order of the file is order `sorted[k]` */
  sorted = new Int32Array(1024);
  /** file order of lines: line `lineOrder[j]`, of file order `lineOwner[j]` (k) */
  lineOrder = new Int32Array(2048);
  lineOwner = new Int32Array(2048);
  prefix = "";

  constructor(
    readonly plans: readonly CustomerPlan[],
    readonly products: readonly Product[],
    /** rank of each plan's id in string order (ids compare as strings, as before) */
    private idRank: Int32Array,
  ) {}

  reset(prefix: string) {
    this.orders = 0;
    this.lines = 0;
    this.prefix = prefix;
  }

  add(day: number, customer: number, seq: number, isReturn: boolean, lines: readonly Line[]): number {
    const o = this.orders++;
    if (o >= this.day.length) {
      const n = o + 1;
      this.day = grow(this.day, n);
      this.customer = grow(this.customer, n);
      this.seq = grow(this.seq, n);
      this.isReturn = grow(this.isReturn, n);
      this.firstLine = grow(this.firstLine, n);
      this.lineCount = grow(this.lineCount, n);
    }
    this.day[o] = day;
    this.customer[o] = customer;
    this.seq[o] = seq;
    this.isReturn[o] = isReturn ? 1 : 0;
    this.firstLine[o] = this.lines;
    this.lineCount[o] = lines.length;
    const need = this.lines + lines.length;
    if (need > this.product.length) {
      this.product = grow(this.product, need);
      this.qtyMilli = grow(this.qtyMilli, need);
      this.price = grow(this.price, need);
      this.amount = grow(this.amount, need);
      this.cost = grow(this.cost, need);
      this.discount = grow(this.discount, need);
    }
    for (const l of lines) {
      const j = this.lines++;
      this.product[j] = l.product.index;
      this.qtyMilli[j] = l.qtyMilli;
      this.price[j] = l.price;
      this.amount[j] = l.amount;
      this.cost[j] = l.cost;
      this.discount[j] = l.discount;
    }
    return o;
  }

  /** Puts the orders in file order (a total order: no two orders compare equal). */
  sort() {
    const n = this.orders;
    if (this.sorted.length < n) this.sorted = new Int32Array(Math.max(n, this.sorted.length * 2));
    const sorted = this.sorted.subarray(0, n);
    for (let i = 0; i < n; i++) sorted[i] = i;
    const { day, customer, isReturn, seq, idRank } = this;
    sorted.sort((a, b) => day[a] - day[b] || idRank[customer[a]] - idRank[customer[b]] || isReturn[a] - isReturn[b] || seq[a] - seq[b]);
    if (this.lineOrder.length < this.lines) {
      this.lineOrder = new Int32Array(Math.max(this.lines, this.lineOrder.length * 2));
      this.lineOwner = new Int32Array(this.lineOrder.length);
    }
    let j = 0;
    for (let k = 0; k < n; k++) {
      const o = sorted[k];
      for (let l = this.firstLine[o], end = l + this.lineCount[o]; l < end; l++) {
        this.lineOrder[j] = l;
        this.lineOwner[j++] = k;
      }
    }
  }

  /** The order (insertion index) that is the k-th of the file. */
  at(k: number): number {
    return this.sorted[k];
  }

  id(k: number): string {
    return orderId(this.prefix, k);
  }

  /** Net amount of an order (insertion index), cents. */
  total(o: number): number {
    let sum = 0;
    for (let l = this.firstLine[o], end = l + this.lineCount[o]; l < end; l++) sum += this.amount[l];
    return sum;
  }
}

/**
 * Payments due to appear in one month, added as invoices are issued (the invoice is the
 * order: month and position in that month's file). `sort` puts them in file order: by day,
 * customer id, invoice.
 */
export class PaymentBook {
  count = 0;
  customer = new Int32Array(256);
  day = new Int32Array(256);
  due = new Int32Array(256);
  amount = new Float64Array(256);
  invoiceMonth = new Int32Array(256);
  invoicePos = new Int32Array(256);
  sorted = new Int32Array(0);

  constructor(private idRank: Int32Array) {}

  add(customer: number, day: number, amount: number, invoiceMonth: number, invoicePos: number, due: number) {
    const i = this.count++;
    if (i >= this.customer.length) {
      const n = i + 1;
      this.customer = grow(this.customer, n);
      this.day = grow(this.day, n);
      this.due = grow(this.due, n);
      this.amount = grow(this.amount, n);
      this.invoiceMonth = grow(this.invoiceMonth, n);
      this.invoicePos = grow(this.invoicePos, n);
    }
    this.customer[i] = customer;
    this.day[i] = day;
    this.amount[i] = amount;
    this.invoiceMonth[i] = invoiceMonth;
    this.invoicePos[i] = invoicePos;
    this.due[i] = due;
  }

  sort(invoiceId: (month: number, pos: number) => string) {
    const n = this.count;
    this.sorted = new Int32Array(n);
    for (let i = 0; i < n; i++) this.sorted[i] = i;
    const { day, customer, invoiceMonth: im, invoicePos: ip, idRank } = this;
    // Invoice numbers compare as text; while every number has six digits (fewer than a
    // million orders a month) that is the order of (month, position).
    const short = (i: number) => ip[i] < 999_999;
    this.sorted.sort(
      (a, b) =>
        day[a] - day[b] ||
        idRank[customer[a]] - idRank[customer[b]] ||
        (short(a) && short(b) ? im[a] - im[b] || ip[a] - ip[b] : compare(invoiceId(im[a], ip[a]), invoiceId(im[b], ip[b]))),
    );
  }

  at(k: number): number {
    return this.sorted[k];
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Rank of each plan's id in string order. */
export function idRanks(plans: readonly CustomerPlan[]): Int32Array {
  const order = plans.map((_, i) => i).sort((a, b) => compare(plans[a].id, plans[b].id));
  const rank = new Int32Array(plans.length);
  order.forEach((i, r) => (rank[i] = r));
  return rank;
}
