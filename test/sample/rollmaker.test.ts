// The roll maker's 2009 review (domain.md): the committed fixture is what the script
// makes, and its totals are the article's: 93 customers, 30 over 100 t (32%) with
// 9,416 t of 13,017 t (72%).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rollmakerCsv } from "../../loaders/sample/rollmaker.ts";
import { duckdb, rows } from "./helpers.ts";

const fixture = path.resolve(import.meta.dirname, "../fixtures/rollmaker/order_lines.csv");

describe("roll maker fixture", () => {
  it("is exactly what loaders/sample/rollmaker.ts writes", () => {
    expect(fs.readFileSync(fixture, "utf8")).toBe(rollmakerCsv());
  });

  it("reproduces the 2009 review: 93 customers, 30 over 100 t = 32%, 9,416 t of 13,017 t = 72%", async () => {
    const { con, close } = await duckdb();
    try {
      const [r] = await rows<Record<string, number>>(
        con,
        `with c as (select customer_id, sum(quantity) as t from read_csv('${fixture}', header = true, types = {'quantity': 'DECIMAL(12,3)'}) group by customer_id)
         select count(*)::int as customers, (count(*) filter (where t > 100))::int as large,
           (sum(t) filter (where t > 100))::double as large_t, sum(t)::double as total_t, max(t)::double as max_t from c`,
      );
      expect(r).toEqual({ customers: 93, large: 30, large_t: 9416, total_t: 13017, max_t: expect.any(Number) });
      expect(Math.round((100 * r.large) / r.customers)).toBe(32);
      expect(Math.round((100 * r.large_t) / r.total_t)).toBe(72);
      // (read as text: DuckDB's sniffer would take the unit 't' for the boolean true)
      const [shape] = await rows<{ orders: number; first: string; last: string; units: string[]; min_orders: number }>(
        con,
        `with l as (select * from read_csv('${fixture}', header = true, all_varchar = true)),
           per as (select customer_id, count(distinct order_id) as n from l group by 1)
         select count(distinct order_id)::int as orders, min(order_date) as first, max(order_date) as last,
           list(distinct unit) as units, (select min(n) from per)::int as min_orders from l`,
      );
      expect(shape.first >= "2009-01-01" && shape.last <= "2009-12-31").toBe(true);
      expect(shape.units).toEqual(["t"]);
      expect(shape.orders).toBeGreaterThan(93 * 2);
      expect(shape.min_orders).toBeGreaterThanOrEqual(1);
    } finally {
      close();
    }
  });
});
