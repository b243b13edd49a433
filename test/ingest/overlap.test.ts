// Exports without a natural key (payments, claims, visits) that overlap (Jan-Jun, then Apr-Sep)
// must not double-count the months they share: the newer export replaces the rows it brings
// again, by customer, invoice reference, date and amount (configurable per source).
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../loaders/config/index.ts";
import { ingest, query, tempDir } from "./helpers.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
const ORDERS = "order_id,line_no,order_date,customer_id,product_id,quantity,amount\nSO1,1,2024-01-05,C1,P1,1,100\n";
const month = (m: number) => `2024-${String(m).padStart(2, "0")}-15`;
/** One payment per month m of [from, to] of 100 x m (invoice INV-m), plus, in June, a second equal payment without invoice. */
const payments = (from: number, to: number) =>
  ["customer_id,payment_date,amount,invoice_ref", ...Array.from({ length: to - from + 1 }, (_, i) => from + i).flatMap((m) => [`C1,${month(m)},${100 * m},INV-${m}`, ...(m === 6 ? [`C1,${month(6)},5,`, `C1,${month(6)},5,`] : [])])].join("\n") + "\n";

describe("overlapping exports without a natural key", () => {
  it("payments Jan-Jun then Apr-Sep: Apr-Jun counted once, equal payments within a file kept", async () => {
    const dir = fresh();
    const orders = path.join(dir, "orders.csv");
    const h1 = path.join(dir, "payments_h1.csv");
    const q2q3 = path.join(dir, "payments_apr_sep.csv");
    fs.writeFileSync(orders, ORDERS);
    fs.writeFileSync(h1, payments(1, 6));
    fs.writeFileSync(q2q3, payments(4, 9));
    const r = await ingest(dir, [
      { path: orders, table: "order_lines" },
      { path: h1, table: "payments" },
      { path: q2q3, table: "payments" },
    ]);
    expect(r.ok).toBe(true);
    expect(r.files[2]).toMatchObject({ read: 8, loaded: 8, replaced: 5 }); // Apr, May, Jun and the two equal June payments
    const [t] = await query<{ n: number; total: number }>(dir, `SELECT count(*) AS n, CAST(sum(amount) AS INTEGER) AS total FROM payments`);
    // months 1..9 once each (100 x 45) and the two equal June payments of 5
    expect(t).toEqual({ n: 11, total: 4510 });
    expect(await query(dir, `SELECT count(*) AS n FROM payments WHERE source_file = '${h1}'`)).toEqual([{ n: 3 }]);
  });

  it("a source can name its own key columns", async () => {
    const dir = fresh();
    const orders = path.join(dir, "orders.csv");
    const a = path.join(dir, "payments_a.csv");
    const b = path.join(dir, "payments_b.csv");
    fs.writeFileSync(orders, ORDERS);
    // the same payments, the second export with the invoice reference filled in later
    fs.writeFileSync(a, "customer_id,payment_date,amount,invoice_ref\nC1,2024-03-01,50,\n");
    fs.writeFileSync(b, "customer_id,payment_date,amount,invoice_ref\nC1,2024-03-01,50,INV-9\n");
    const base = [{ path: orders, table: "order_lines" }, { path: a, table: "payments" }];
    await ingest(dir, [...base, { path: b, table: "payments" }]);
    expect(await query(dir, `SELECT count(*) AS n FROM payments`)).toEqual([{ n: 2 }]); // default key: the invoice differs
    const d2 = fresh();
    await ingest(d2, [...base, { path: b, table: "payments", key: ["customer_id", "payment_date", "amount"] }]);
    expect(await query(d2, `SELECT invoice_ref FROM payments`)).toEqual([{ invoice_ref: "INV-9" }]);
  });

  it("claims and visits overlap the same way; the config checks a key's columns", async () => {
    const dir = fresh();
    const orders = path.join(dir, "orders.csv");
    fs.writeFileSync(orders, ORDERS);
    fs.writeFileSync(path.join(dir, "v1.csv"), "customer_id,visit_date,visit_type,hours\nC1,2024-01-10,business,2\nC1,2024-02-10,technical,3\n");
    fs.writeFileSync(path.join(dir, "v2.csv"), "customer_id,visit_date,visit_type,hours\nC1,2024-02-10,technical,4\nC1,2024-03-10,business,1\n");
    await ingest(dir, [{ path: orders, table: "order_lines" }, { path: path.join(dir, "v1.csv"), table: "visits" }, { path: path.join(dir, "v2.csv"), table: "visits" }]);
    expect(await query(dir, `SELECT CAST(sum(hours) AS INTEGER) AS h, count(*) AS n FROM visits`)).toEqual([{ h: 7, n: 3 }]);
    expect(() => parseConfig({ ingest: { sources: [{ path: "/x.csv", table: "payments", key: ["payday"] }] } })).toThrow("ingest.sources.0.key.0: 'payday' is not a column of payments");
    expect(() => parseConfig({ ingest: { sources: [{ path: "/x.csv", table: "order_lines", key: ["order_id"] }] } })).toThrow("order_lines has its own key");
  });
});
