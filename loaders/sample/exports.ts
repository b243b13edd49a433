// The five exports' file names, encodings, headers and row formats (fixed in the shared
// brief: the ingest's built-in aliases expect exactly these).
import { isoDate } from "./calendar.ts";
import { csvField, formatCents, formatMilli } from "./format.ts";
import { contact, INDUSTRIES } from "./names.ts";
import type { CustomerPlan } from "./plan.ts";
import { orderId, orderPrefix, type OrderBook, type PaymentBook } from "./books.ts";
import type { Claim, Visit } from "./simulate.ts";
import type { Encoding } from "./writers/textFile.ts";

export interface CsvExport {
  file: string;
  encoding: Encoding;
  header: string[];
  /** line end: the 进销存 and the Excel-made files use CRLF, the finance system LF */
  eol: "\r\n" | "\n";
}

export const ORDER_LINES: CsvExport = {
  file: "order_lines.csv",
  encoding: "gbk",
  header: ["单据编号", "行号", "单据日期", "客户编码", "客户名称", "商品编码", "商品类别", "数量", "单位", "单价", "金额", "成本", "折扣额"],
  eol: "\r\n",
};
export const PAYMENTS: CsvExport = {
  file: "payments.csv",
  encoding: "utf8",
  header: ["customer_id", "payment_date", "amount", "invoice_ref", "due_date"],
  eol: "\n",
};
export const VISITS: CsvExport = {
  file: "visits.csv",
  encoding: "utf8-bom",
  header: ["客户编码", "走访日期", "走访类型", "工时", "费用"],
  eol: "\r\n",
};
export const QUALITY_CLAIMS: CsvExport = {
  file: "quality_claims.csv",
  encoding: "utf8",
  header: ["客户编码", "索赔日期", "索赔金额", "原因"],
  eol: "\n",
};
export const CUSTOMERS = {
  file: "customers.xlsx",
  sheet: "客户档案",
  header: ["客户编码", "客户名称", "英文名称", "地区", "行业", "渠道", "业务员", "信用等级", "行业影响力", "联系人", "联系电话", "电子邮箱", "地址"],
};

const INDUSTRY_NAMES = INDUSTRIES.map((i) => i[0]);

export const VISIT_TYPE_LABELS = { leadership: "高层拜访", technical: "技术交流", business: "商务拜访" } as const;

const row = (e: CsvExport, fields: string[]) => fields.map(csvField).join(",") + e.eol;
export const headerRow = (e: CsvExport) => row(e, e.header);

/** The j-th line of the month's file (books.ts: after the book is sorted). */
export function orderLineFields(b: OrderBook, j: number): string[] {
  const l = b.lineOrder[j];
  const k = b.lineOwner[j];
  const o = b.at(k);
  const customer = b.plans[b.customer[o]];
  const product = b.products[b.product[l]];
  return [
    b.id(k),
    String(l - b.firstLine[o] + 1),
    isoDate(b.day[o]),
    customer.id,
    customer.name,
    product.id,
    product.category,
    formatMilli(b.qtyMilli[l]),
    product.unit,
    formatCents(b.price[l], true),
    formatCents(b.amount[l], true),
    formatCents(b.cost[l], true),
    formatCents(b.discount[l], true),
  ];
}

export const orderLineRow = (fields: string[]) => row(ORDER_LINES, fields);

/** An amount as `csvField(formatCents(cents, true))` gives it: quoted when it has a thousands separator. */
const moneyField = (cents: number) => {
  const s = formatCents(cents, true);
  return s.includes(",") ? `"${s}"` : s;
};

/**
 * `orderLineRow(orderLineFields(b, j))` without the intermediate array (the hot path: one
 * call per order line). Ids, numbers and dates never need quoting; names, categories and
 * units go through csvField; amounts are quoted exactly when they carry a separator.
 */
export function orderLineText(b: OrderBook, j: number): string {
  const l = b.lineOrder[j];
  const k = b.lineOwner[j];
  const o = b.at(k);
  const customer = b.plans[b.customer[o]];
  const product = b.products[b.product[l]];
  // one join (a flat string) rather than a template literal (a rope of ~30 pieces to collect)
  return [
    b.id(k),
    l - b.firstLine[o] + 1,
    isoDate(b.day[o]),
    customer.id,
    csvField(customer.name),
    product.id,
    csvField(product.category),
    formatMilli(b.qtyMilli[l]),
    csvField(product.unit),
    moneyField(b.price[l]),
    moneyField(b.amount[l]),
    moneyField(b.cost[l]),
    moneyField(b.discount[l]) + ORDER_LINES.eol,
  ].join(",");
}

/** The 进销存's closing 合计 row: totals of amount, cost and discount. */
export const orderTotalRow = (amount: number, cost: number, discount: number) =>
  row(ORDER_LINES, ["合计", "", "", "", "", "", "", "", "", "", formatCents(amount, true), formatCents(cost, true), formatCents(discount, true)]);

/** The k-th payment of the month's file (the invoice is the order it pays). */
export function paymentFields(b: PaymentBook, k: number, plans: readonly { id: string }[]): string[] {
  const p = b.at(k);
  return [plans[b.customer[p]].id, isoDate(b.day[p]), formatCents(b.amount[p]), orderId(orderPrefix(b.invoiceMonth[p]), b.invoicePos[p]), isoDate(b.due[p])];
}
export const paymentRow = (fields: string[]) => row(PAYMENTS, fields);

/** `paymentRow(paymentFields(b, k, plans))` without the array: every field is an id, a date or a plain number. */
export function paymentText(b: PaymentBook, k: number, plans: readonly { id: string }[]): string {
  const p = b.at(k);
  return [plans[b.customer[p]].id, isoDate(b.day[p]), formatCents(b.amount[p]), orderId(orderPrefix(b.invoiceMonth[p]), b.invoicePos[p]), isoDate(b.due[p]) + PAYMENTS.eol].join(",");
}

export const visitFields = (v: Visit): string[] => [
  v.customer.id,
  isoDate(v.day),
  VISIT_TYPE_LABELS[v.type],
  formatMilli(v.hoursTenths * 100),
  formatCents(v.cost),
];
export const visitRow = (fields: string[]) => row(VISITS, fields);

export const claimFields = (c: Claim): string[] => [c.customer.id, isoDate(c.day), formatCents(c.amount), c.reason];
export const claimRow = (fields: string[]) => row(QUALITY_CLAIMS, fields);

export function customerRow(p: CustomerPlan): (string | number)[] {
  const { phone, email, address } = contact(Number(p.id.slice(1)), p.city);
  return [
    p.id, p.name, p.nameEn, p.region, INDUSTRY_NAMES[p.industry], p.channel, p.salesRep, p.creditRating, p.influence,
    p.contactName, phone, email, address,
  ];
}
