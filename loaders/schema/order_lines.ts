import { z } from "zod";
import { column, currencyInput, customerId, lineage } from "./column.ts";

/** One line of a sales order (or a return: negative quantity and amount, kept as such). */
export const OrderLine = z.object({
  order_id: column("id", {
    required: true,
    key: true,
    aliases: ["单据编号", "订单编号", "订单号", "单号", "销售单号", "出库单号", "单据号", "发票号", "发票号码", "销售发票号", "order_id", "order id", "order no", "order number", "invoice no", "invoice", "document no", "invoice number", "sales document", "sales order", "sales order no", "billing document", "document number", "transaction id", "sales order id"],
    description: "Order (document) number; text, leading zeros kept.",
  }),
  line_no: column("integer", {
    required: true,
    key: true,
    aliases: ["行号", "序号", "明细行号", "line_no", "line no", "line", "line number", "item no", "order line number", "line item", "order item id", "sales order detail id"],
    description: "Line number within the order.",
  }),
  order_date: column("date", {
    required: true,
    aliases: ["单据日期", "订单日期", "销售日期", "日期", "开单日期", "出库日期", "发票日期", "业务日期", "记账日期", "order_date", "order date", "date", "invoice date", "billing date", "document date", "posting date", "transaction date", "sales date"],
    description: "Date of the order.",
  }),
  customer_id: customerId(),
  customer_name: column("text", {
    aliases: ["客户名称", "客户全称", "购货单位", "客户简称", "customer_name", "customer name", "account name", "company name", "客户", "customer"],
    description: "Customer name as written on the order.",
  }),
  product_id: column("id", {
    required: true,
    aliases: ["商品编码", "产品编码", "存货编码", "物料编码", "商品编号", "产品编号", "产品代码", "物料代码", "商品代码", "存货代码", "料号", "product_id", "product id", "product code", "stock code", "sku", "item code", "material", "material number", "product number", "article number", "item id"],
    description: "Product (SKU) id; text.",
  }),
  product_category: column("text", {
    aliases: ["商品类别", "产品类别", "存货分类", "商品分类", "产品分类", "类别", "product_category", "product category", "category"],
    description: "Product category.",
  }),
  quantity: column("number", {
    required: true,
    aliases: ["数量", "销售数量", "实发数量", "出库数量", "发货数量", "quantity", "qty", "quantity ordered", "order quantity", "billed quantity", "quantity sold", "qty ordered", "order qty"],
    description: "Quantity in `unit`; negative for returns.",
  }),
  unit: column("text", {
    aliases: ["单位", "计量单位", "unit", "uom"],
    description: "Unit of measure (t, pcs, 箱, ...).",
  }),
  unit_price: column("number", {
    aliases: ["单价", "无税单价", "不含税单价", "含税单价", "销售单价", "unit_price", "unit price", "price", "price each", "net price", "selling price"],
    description: "Unit price in the reporting currency.",
  }),
  amount: column("number", {
    required: true,
    aliases: ["金额", "销售金额", "无税金额", "不含税金额", "本币无税金额", "价税合计", "净额", "amount", "net amount", "sales amount", "revenue", "sales", "net value", "line total", "line amount", "extended price", "extended amount"],
    description: "Net line amount in the reporting currency; negative for returns.",
  }),
  cost: column("number", {
    aliases: ["成本", "成本金额", "销售成本", "cost", "cogs"],
    description: "Cost of the line (optional).",
  }),
  discount: column("number", {
    aliases: ["折扣额", "折扣金额", "折扣", "discount", "discount amount"],
    description: "Discount amount given on the line (optional). A plain 折扣/Discount column whose values are all shares (0 to 1, or 20%) is read as `discount_rate` (source option `discount`).",
  }),
  discount_rate: column("share", {
    aliases: ["折扣率", "折扣比例", "discount_rate", "discount rate", "discount %", "discount pct", "disc %", "unit price discount"],
    description: "Discount as a share of the list amount (0.2 or 20%). With a rate, `discount` is derived: quantity x unit price x rate when the amount is derived, else amount x rate / (1 - rate).",
  }),
  line_type: column("text", {
    required: true,
    derived: true,
    aliases: [],
    description:
      "Set by the ingest: `sale`, `return` (negative quantity or amount, or an order id with the source's credit-note prefix) or `non_product` (a product id in the source's non-product list: postage, fees, bank charges, adjustments). Net revenue counts returns; purchases and orders count sales only; non-product lines are no revenue.",
  }),
  region: column("text", {
    aliases: ["销售区域", "区域", "地区", "region", "sales region", "ship region", "territory"],
    description: "Region of the line (ship-to or sales region, may vary by order). Without a customers export it fills the customer's region (most frequent).",
  }),
  country: column("text", {
    aliases: ["国家", "国家/地区", "country", "ship country", "country/region"],
    description: "Country of the line. Without a customers export it fills the customer's country (most frequent).",
  }),
  channel: column("text", {
    aliases: ["渠道", "客户类型", "客户类别", "segment", "customer segment", "channel", "customer type"],
    description: "Channel or customer segment on the line. Without a customers export it fills the customer's channel (most frequent).",
  }),
  sales_rep: column("text", {
    aliases: ["业务员", "销售员", "销售代表", "客户经理", "sales_rep", "sales rep", "salesperson", "sales person", "account manager"],
    description: "Sales representative on the line. Without a customers export it fills the customer's sales rep (most frequent).",
  }),
  ...lineage,
});

/** Columns an order-lines export may carry that the ingest reads but does not store: they give `cost`,
 * and the currency the amounts are converted from. */
export const OrderLineInputs = z.object({
  profit: column("number", {
    aliases: ["利润", "毛利", "毛利额", "利润额", "profit", "gross profit", "margin amount"],
    description: "Profit of the line: cost = amount - profit (source option `cost`).",
  }),
  margin: column("share", {
    aliases: ["毛利率", "利润率", "margin %", "margin rate", "profit margin", "gross margin", "gross margin %"],
    description: "Margin of the line as a share of its amount (0.25 or 25%): cost = amount x (1 - margin).",
  }),
  currency: currencyInput(),
});
