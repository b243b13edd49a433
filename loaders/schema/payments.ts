import { z } from "zod";
import { column, customerId, lineage } from "./column.ts";

/** Money received from a customer (回款): collection rate and days to pay. */
export const Payment = z.object({
  customer_id: customerId(),
  payment_date: column("date", {
    required: true,
    aliases: ["回款日期", "收款日期", "到账日期", "日期", "payment_date", "payment date", "date"],
    description: "Date the money was received.",
  }),
  amount: column("number", {
    required: true,
    aliases: ["回款金额", "收款金额", "金额", "amount", "payment amount"],
    description: "Amount received in the reporting currency.",
  }),
  invoice_ref: column("id", {
    aliases: ["发票号", "发票号码", "单据编号", "订单编号", "invoice_ref", "invoice ref", "invoice", "invoice no", "order_id"],
    description: "Invoice or order the payment settles (optional).",
  }),
  due_date: column("date", {
    aliases: ["到期日", "应收日期", "约定回款日期", "due_date", "due date"],
    description: "Date the payment was due (optional).",
  }),
  ...lineage,
});
