// Header privacy: an export's contact person never becomes a published customer name. A CRM export
// with both `Name` (the contact) and `Account Name` maps `Account Name`; a header that names a
// private column (contact, phone, e-mail, address) is never taken for a public one.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
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
