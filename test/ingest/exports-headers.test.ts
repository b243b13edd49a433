// Header privacy: an export's contact person never becomes a published customer name. A CRM export
// with both `Name` (the contact) and `Account Name` maps `Account Name`; a header that names a
// private column (contact, phone, e-mail, address) is never taken for a public one.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { derivable } from "../../loaders/ingest/derive_lines.ts";
import { mapHeaders, normalizeHeader, privateHeaders } from "../../loaders/ingest/headers.ts";
import { columnsOf, tableNames } from "../../loaders/schema/index.ts";
import { ingest, lenient, query, tempDir } from "./helpers.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const byColumn = (headers: string[], m: ReturnType<typeof mapHeaders>) => Object.fromEntries([...m.index].map(([c, i]) => [c, headers[i]]));

describe("header privacy", () => {
  it("maps Account Name, not Name, to the customer's name in a CRM export", () => {
    const headers = ["Account ID", "Name", "Account Name", "Phone", "Email", "Region"];
    const m = mapHeaders("crm.csv", "customers", headers);
    expect(byColumn(headers, m)).toEqual({ customer_id: "Account ID", name: "Account Name", phone: "Phone", email: "Email", region: "Region" });
    expect(m.ignored).toEqual(["Name"]);
    const lines = ["Order ID", "Line", "Order Date", "Account ID", "Name", "Account Name", "Product ID", "Quantity", "Amount"];
    expect(byColumn(lines, mapHeaders("orders.csv", "order_lines", lines)).customer_name).toBe("Account Name");
  });

  it("still reads a plain Name when no account-name header is there", () => {
    const headers = ["Customer ID", "Name", "Contact"];
    expect(byColumn(headers, mapHeaders("c.csv", "customers", headers))).toEqual({ customer_id: "Customer ID", name: "Name", contact_name: "Contact" });
  });

  it("never maps a private column's header to a public column, even when the config says so", () => {
    expect(() => mapHeaders("c.csv", "customers", ["客户编码", "联系人"], { name: "联系人" })).toThrow(
      /the mapping puts column "联系人", which names a private contact detail, into customers\.name, which is published/,
    );
    expect(() => mapHeaders("o.csv", "order_lines", ["单据编号", "行号", "日期", "客户编码", "Contact Name", "商品编码", "数量", "金额"], { customer_name: "Contact Name" })).toThrow(
      /private contact detail/,
    );
  });

  it("no public column's alias is a private column's header", () => {
    for (const t of tableNames)
      for (const c of columnsOf(t).filter((c) => !c.private))
        for (const a of c.aliases) expect(privateHeaders.has(normalizeHeader(a)), `${t}.${c.name}: ${a}`).toBe(false);
  });

  it("loads a CRM export without publishing its contact persons as customer names", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, "accounts.csv");
    fs.writeFileSync(file, "Account ID,Name,Account Name,Phone\nA1,Jane Doe,Acme Ltd,555-0100\nA2,John Roe,Beta GmbH,555-0101\n");
    const r = await ingest(dir, [{ path: file, table: "customers" }], { thresholds: lenient });
    expect(r.files[0].error).toBeNull();
    expect(await query(dir, `SELECT customer_id, name, contact_name, phone FROM customers ORDER BY customer_id`)).toEqual([
      { customer_id: "A1", name: "Acme Ltd", contact_name: null, phone: "555-0100" },
      { customer_id: "A2", name: "Beta GmbH", contact_name: null, phone: "555-0101" },
    ]);
  });
});

describe("headers with their unit", () => {
  it("金额（元）, 数量（吨）, Amount (USD) are the columns they name; the rows load as they are", async () => {
    const headers = ["单据编号", "单据日期", "客户编码", "商品编码", "数量（吨）", "单价(元)", "金额（元）", "成本 [RMB]", "折扣率(%)"];
    const m = mapHeaders("o.csv", "order_lines", headers, {}, (c) => c === "line_no");
    expect(byColumn(headers, m)).toEqual({
      order_id: "单据编号", order_date: "单据日期", customer_id: "客户编码", product_id: "商品编码",
      quantity: "数量（吨）", unit_price: "单价(元)", amount: "金额（元）", cost: "成本 [RMB]",
    });
    // a rate "in %" is left alone: its 20 would be read as a rate of 20
    expect(m.ignored).toEqual(["折扣率(%)"]);
    const en = ["Order ID", "Order Date", "Customer ID", "Product ID", "Quantity (pcs)", "Amount (USD)"];
    expect(byColumn(en, mapHeaders("o.csv", "order_lines", en, {}, (c) => c === "line_no")).amount).toBe("Amount (USD)");
    // a unit that is no unit of the column: not taken (the file then lacks the column, said as such)
    expect(() => mapHeaders("o.csv", "order_lines", ["单据编号", "单据日期（年）", "客户编码", "商品编码", "数量", "金额"], {}, (c) => c === "line_no")).toThrow(/no column for order_lines\.order_date/);
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, "orders.csv");
    fs.writeFileSync(file, `${headers.join(",")}\nSO1,2024-01-05,C1,P1,2,5,10,6,0\n`);
    const r = await ingest(dir, [{ path: file, table: "order_lines" }]);
    expect(r.files[0]).toMatchObject({ error: null, loaded: 1 });
    expect(await query(dir, `SELECT quantity, amount, cost FROM order_lines`)).toEqual([{ quantity: 2, amount: 10, cost: 6 }]);
  });

  it("a money column in 万元 (or thousands) is refused, found or mapped: read as 元 it would be 10,000 times too small", () => {
    const base = ["单据编号", "单据日期", "客户编码", "商品编码", "数量"];
    for (const h of ["金额（万元）", "金额(千元)", "Amount (USD k)", "Amount ('000)"]) {
      expect(() => mapHeaders("o.csv", "order_lines", [...base, h], {}, (c) => c === "line_no"), h).toThrow(/not in units of the currency: read as they are its values would be .* times too small/);
    }
    expect(() => mapHeaders("o.csv", "order_lines", [...base, "销售额（万元）"], { amount: "销售额（万元）" }, (c) => c === "line_no")).toThrow(/order_lines\.amount in 万元/);
  });
});

describe("English ERP and public sample exports", () => {
  // what the ingest makes up for (line_no from the position; amount from quantity x price)
  const lines = derivable("order_lines", { amount: "auto" });
  it("maps an SAP-style billing export's headers", () => {
    const headers = ["Sales Document", "Item", "Billing Date", "Sold-To Party", "Material", "Billed Quantity", "Net Price", "Net Value", "Currency"];
    expect(byColumn(headers, mapHeaders("vbrp.csv", "order_lines", headers, {}, lines))).toEqual({
      order_id: "Sales Document",
      order_date: "Billing Date",
      customer_id: "Sold-To Party",
      product_id: "Material",
      quantity: "Billed Quantity",
      unit_price: "Net Price",
      amount: "Net Value",
      currency: "Currency", // read, not stored: amounts in another currency are converted (currency.test.ts)
    });
  });

  it("maps the Kaggle sample sales export, and says how its customer name can stand for the missing id", () => {
    const headers = ["ORDERNUMBER", "QUANTITYORDERED", "PRICEEACH", "ORDERLINENUMBER", "SALES", "ORDERDATE", "STATUS", "PRODUCTLINE", "MSRP", "PRODUCTCODE", "CUSTOMERNAME", "PHONE", "COUNTRY", "TERRITORY"];
    let message = "";
    try {
      mapHeaders("sales_data_sample.csv", "order_lines", headers, {}, lines);
    } catch (e) {
      message = (e as Error).message;
    }
    // the one column it lacks, and the mapping that supplies it
    expect(message).toMatch(/no column for order_lines\.customer_id \(expected a header such as [^)]*\); the export names its customers only: to use the name as the id, map it \("mapping": \{"customer_id": "CUSTOMERNAME"\}\) — add a "mapping"/);
    expect(message).not.toMatch(/order_lines\.(quantity|order_id|order_date|product_id|amount) /);
    const mapped = byColumn(headers, mapHeaders("sales_data_sample.csv", "order_lines", headers, { customer_id: "CUSTOMERNAME" }, lines));
    expect(mapped).toMatchObject({
      order_id: "ORDERNUMBER",
      line_no: "ORDERLINENUMBER",
      order_date: "ORDERDATE",
      customer_id: "CUSTOMERNAME",
      product_id: "PRODUCTCODE",
      quantity: "QUANTITYORDERED",
      unit_price: "PRICEEACH",
      amount: "SALES",
      country: "COUNTRY",
      region: "TERRITORY",
    });
    expect(mapped.customer_name).toBeUndefined();
  });

  it("maps AdventureWorks' SalesOrderDetail joined to its header", () => {
    const headers = ["SalesOrderID", "SalesOrderDetailID", "OrderDate", "CustomerID", "ProductID", "OrderQty", "UnitPrice", "UnitPriceDiscount", "LineTotal"];
    expect(byColumn(headers, mapHeaders("aw.csv", "order_lines", headers, {}, lines))).toEqual({
      order_id: "SalesOrderID",
      line_no: "SalesOrderDetailID",
      order_date: "OrderDate",
      customer_id: "CustomerID",
      product_id: "ProductID",
      quantity: "OrderQty",
      unit_price: "UnitPrice",
      discount_rate: "UnitPriceDiscount",
      amount: "LineTotal",
    });
  });

  it("maps a 用友 U8 sales statistics export, its amount before tax (无税金额) rather than with tax (价税合计)", () => {
    const headers = ["发票日期", "发票号", "客户编码", "客户名称", "存货编码", "存货名称", "数量", "含税单价", "无税单价", "价税合计", "税额", "无税金额", "业务员"];
    expect(byColumn(headers, mapHeaders("u8.xlsx", "order_lines", headers, {}, lines))).toEqual({
      order_id: "发票号",
      order_date: "发票日期",
      customer_id: "客户编码",
      customer_name: "客户名称",
      product_id: "存货编码",
      quantity: "数量",
      unit_price: "无税单价",
      amount: "无税金额",
      sales_rep: "业务员",
    });
  });

  it("maps a 金蝶 K/3 sales issue export", () => {
    const headers = ["日期", "单据编号", "购货单位", "产品代码", "产品名称", "单位", "实发数量", "销售单价", "销售金额", "业务员"];
    expect(() => mapHeaders("k3.xlsx", "order_lines", headers, {}, lines)).toThrow(/to use the name as the id, map it \("mapping": \{"customer_id": "购货单位"\}\)/);
    expect(byColumn(headers, mapHeaders("k3.xlsx", "order_lines", headers, { customer_id: "购货单位" }, lines))).toEqual({
      order_id: "单据编号",
      order_date: "日期",
      customer_id: "购货单位",
      product_id: "产品代码",
      unit: "单位",
      quantity: "实发数量",
      unit_price: "销售单价",
      amount: "销售金额",
      sales_rep: "业务员",
    });
  });

  it("gives no such hint when the export has no customer name either", () => {
    expect(() => mapHeaders("o.csv", "order_lines", ["Order ID", "Order Date", "Product ID", "Quantity", "Amount"], {}, lines)).toThrow(/no column for order_lines\.customer_id \([^)]*\) — add a "mapping"/);
  });
});
