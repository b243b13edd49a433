// The five exports' file names, encodings, headers and row formats (fixed in the shared
// brief: the ingest's built-in aliases expect exactly these).
import { isoDate } from "./calendar.ts";
import { csvField, formatCents, formatMilli } from "./format.ts";
import { INDUSTRIES } from "./names.ts";
import type { CustomerPlan } from "./plan.ts";
import type { Claim, Line, Order, Payment, Visit } from "./simulate.ts";
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

export const orderLineFields = (o: Order, l: Line, lineNo: number): string[] => [
  o.id,
  String(lineNo),
  isoDate(o.day),
  o.customer.id,
  o.customer.name,
  l.product.id,
  l.product.category,
  formatMilli(l.qtyMilli),
  l.product.unit,
  formatCents(l.price, true),
  formatCents(l.amount, true),
  formatCents(l.cost, true),
  formatCents(l.discount, true),
];

export const orderLineRow = (fields: string[]) => row(ORDER_LINES, fields);

/** The 进销存's closing 合计 row: totals of amount, cost and discount. */
export const orderTotalRow = (amount: number, cost: number, discount: number) =>
  row(ORDER_LINES, ["合计", "", "", "", "", "", "", "", "", "", formatCents(amount, true), formatCents(cost, true), formatCents(discount, true)]);

export const paymentFields = (p: Payment): string[] => [p.customer.id, isoDate(p.day), formatCents(p.amount), p.invoice, isoDate(p.due)];
export const paymentRow = (fields: string[]) => row(PAYMENTS, fields);

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

export const customerRow = (p: CustomerPlan): (string | number)[] => [
  p.id, p.name, p.nameEn, p.region, INDUSTRY_NAMES[p.industry], p.channel, p.salesRep, p.creditRating, p.influence,
  p.contactName, p.phone, p.email, p.address,
];
