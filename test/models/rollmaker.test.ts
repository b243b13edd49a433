// The roll maker's 2009 review (domain.md): 93 customers; the 30 with annual contracts over
// 100 t = 32% of customers signed 9,416 t of 13,017 t = 72% of the volume.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../loaders/config/index.ts";
import { runModelsOn } from "../../loaders/models/run.ts";
import { openWarehouse, toNumbers } from "./warehouse.ts";

const csv = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/rollmaker/order_lines.csv");

describe("roll maker 2009", () => {
  let w: Awaited<ReturnType<typeof openWarehouse>>;
  const rows = async (sql: string) => toNumbers((await w.con.runAndReadAll(sql)).getRowObjectsJS());
  beforeAll(async () => {
    w = await openWarehouse();
    await w.con.run(`insert into order_lines by name
      select *, null as cost, null as discount, 'sale' as line_type, 'order_lines.csv' as source_file, 0 as source_row
      from read_csv($1, header = true, types = {'order_id': 'VARCHAR', 'customer_id': 'VARCHAR', 'line_no': 'INTEGER', 'order_date': 'DATE'})`, [csv]);
    await runModelsOn(w.con, parseConfig({ analysis: { analysis_date: "2009-12-31" } }));
  });
  afterAll(() => w.close());

  it("has 93 customers and 13,017 t", async () => {
    const [s] = await rows(`select * from intermediate.concentration_summary where measure = 'volume' and period = '2009'`);
    expect(s.n_customers).toBe(93);
    expect(s.total).toBeCloseTo(13017, 6);
  });

  it("30 customers = 32% of customers make 72% of the volume", async () => {
    const big = await rows(`select rank, cum_share, cum_customer_share from intermediate.concentration_ranked
                            where measure = 'volume' and period = '2009' and value > 100 order by rank`);
    expect(big.length).toBe(30);
    const last = big.at(-1)!;
    expect(last.rank).toBe(30);
    expect(Math.round(100 * last.cum_customer_share)).toBe(32);
    expect(last.cum_share).toBeCloseTo(9416 / 13017, 9);
    expect(Math.round(100 * last.cum_share)).toBe(72);
    // the same point as the ABC mart shows it
    const [abc30] = await rows(`select cum_share from intermediate.abc_customers where measure = 'volume' and period = '2009' and rank = 30`);
    expect(abc30.cum_share).toBeCloseTo(9416 / 13017, 9);
  });

  it("needs more than 30 customers for 80% (70-80% from 20-30% is the long-run pattern, 2009 was flatter)", async () => {
    const [s] = await rows(`select n_to_target, share_to_target from intermediate.concentration_summary where measure = 'volume' and period = '2009'`);
    expect(s.n_to_target).toBeGreaterThan(30);
    // the independent count: customers sorted by tonnage until 80% of 13,017 t
    const tonnes = (await rows(`select sum(quantity) as t from order_lines group by customer_id order by t desc`)).map((r) => r.t as number);
    let cum = 0, n = 0;
    while (cum < 0.8 * 13017 - 1e-9) cum += tonnes[n++];
    expect(s.n_to_target).toBe(n);
  });
});
