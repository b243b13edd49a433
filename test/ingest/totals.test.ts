// A total row (合计, 总计, Total, ...) is a reject of class `total` even when every field of it is
// filled in and valid: it never loads as an order (counting the lines above it twice) or as a
// customer.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ingest, query, tempDir } from "./helpers.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};

describe("total rows with every field filled", () => {
  it("in an order export: rejected as totals, the sum not doubled", async () => {
    const dir = fresh();
    const file = path.join(dir, "orders.csv");
    fs.writeFileSync(
      file,
      [
        "单据编号,行号,单据日期,客户编码,商品编码,数量,金额",
        "SO1,1,2024-01-05,C1,P1,1,100",
        "SO2,1,2024-01-06,C2,P1,2,250",
        "小计,1,2024-01-06,C2,P1,3,350",
        "SO3,1,2024-01-07,C1,P1,1,50",
        "合计：,1,2024-01-31,C1,P1,4,400",
        "Grand Total,1,2024-01-31,ALL,ALL,4,400",
      ].join("\n") + "\n",
    );
    const r = await ingest(dir, [{ path: file, table: "order_lines" }]);
    expect(r.files[0]).toMatchObject({ read: 6, loaded: 3, rejected: 3, rejectedBy: { total: 3 }, error: null });
    expect(await query(dir, `SELECT CAST(sum(amount) AS INTEGER) AS s FROM order_lines`)).toEqual([{ s: 400 }]);
    expect(await query(dir, `SELECT row_number, raw_value FROM ingest_rejects ORDER BY 1`)).toEqual([
      { row_number: 4, raw_value: "小计" },
      { row_number: 6, raw_value: "合计：" },
      { row_number: 7, raw_value: "Grand Total" },
    ]);
  });

  it("in a customers export: no customer named 合计", async () => {
    const dir = fresh();
    const customers = path.join(dir, "customers.csv");
    const orders = path.join(dir, "orders.csv");
    fs.writeFileSync(customers, "客户编码,客户名称,地区\nC1,甲公司,华东\nC2,乙公司,华北\n合计,2家,全国\n");
    fs.writeFileSync(orders, "单据编号,行号,单据日期,客户编码,商品编码,数量,金额\nSO1,1,2024-01-05,C1,P1,1,100\n");
    const r = await ingest(dir, [{ path: customers, table: "customers" }, { path: orders, table: "order_lines" }]);
    expect(r.files[0]).toMatchObject({ read: 3, loaded: 2, rejectedBy: { total: 1 } });
    expect(await query(dir, `SELECT string_agg(customer_id, ',' ORDER BY customer_id) AS ids FROM customers`)).toEqual([{ ids: "C1,C2" }]);
  });

  it("an id that only looks like a total word is data", async () => {
    const dir = fresh();
    const file = path.join(dir, "orders.csv");
    fs.writeFileSync(file, "单据编号,行号,单据日期,客户编码,商品编码,数量,金额\nTOTAL-2024-001,1,2024-01-05,C1,P1,1,100\nSUMMIT-7,1,2024-01-05,C1,P1,1,5\n");
    const r = await ingest(dir, [{ path: file, table: "order_lines" }]);
    expect(r.files[0]).toMatchObject({ read: 2, loaded: 2, rejected: 0 });
  });
});
