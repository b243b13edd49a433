// The slices the filters pick (intermediate.customer_slices and the *_slices marts) on a hand-made
// fixture: four customers in two regions, two industries and two reps. A region AND an industry,
// and a rep within a region, are slices of their own with the figures computed by hand; a rep
// alone is all of the rep's customers; each combination adds up to its region, and the data test
// that says so fails when one combination's figure is off by a cent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractOf } from "../../loaders/models/contract.js";
import { modelled, type Line } from "./warehouse.ts";

type M = Awaited<ReturnType<typeof modelled>>;

describe("slices: region × industry and region × rep", () => {
  let m: M;
  beforeAll(async () => {
    const lines: Line[] = [
      ["O1", "2024-02-10", "C1", 100.1, 60], ["O2", "2024-03-10", "C2", 50.2, 30],
      ["O3", "2024-04-10", "C3", 30.3, 20], ["O4", "2024-05-10", "C4", 20.4, 10],
      ["O5", "2024-06-10", "C1", 9.9, 5],
    ];
    m = await modelled({
      lines, analysis: { analysis_date: "2024-12-31" },
      customers: [
        { id: "C1", region: "华东", industry: "钢铁", sales_rep: "张三" },
        { id: "C2", region: "华东", industry: "造纸", sales_rep: "张三" },
        { id: "C3", region: "华南", industry: "钢铁", sales_rep: "张三" },
        { id: "C4", region: "华南", industry: "钢铁", sales_rep: "李四" },
      ],
    });
  });
  afterAll(() => m.close());

  /** A mart's declared data test "each combination … adds up to its region" (its SQL returns the failing rows). */
  const combinationTest = (mart: string): string => {
    const t = contractOf(mart).tests.find((x) => "sql" in x && x.name?.startsWith("each combination"));
    if (!t || !("sql" in t)) throw new Error(`${mart}.yml declares no combination test`);
    return t.sql;
  };
  const kpi = (where: string) => m.rows(`select region, industry, sales_rep, revenue::double as revenue, customers from marts.kpi_slices
    where period = '2024' and ${where} order by region, industry nulls first, sales_rep nulls first`);

  it("a region AND an industry: one slice per pair that exists, its own figures", async () => {
    expect(await kpi("slice = 'region_industry'")).toEqual([
      { region: "华东", industry: "造纸", sales_rep: null, revenue: 50.2, customers: 1 },
      { region: "华东", industry: "钢铁", sales_rep: null, revenue: 110, customers: 1 },
      { region: "华南", industry: "钢铁", sales_rep: null, revenue: 50.7, customers: 2 },
    ]);
  });

  it("a rep alone is all of the rep's customers; a rep with a region is the rep's customers there", async () => {
    expect(await kpi("slice = 'sales_rep'")).toEqual([
      { region: null, industry: null, sales_rep: "张三", revenue: 190.5, customers: 3 },
      { region: null, industry: null, sales_rep: "李四", revenue: 20.4, customers: 1 },
    ]);
    expect(await kpi("slice = 'region_sales_rep'")).toEqual([
      { region: "华东", industry: null, sales_rep: "张三", revenue: 160.2, customers: 2 },
      { region: "华南", industry: null, sales_rep: "张三", revenue: 30.3, customers: 1 },
      { region: "华南", industry: null, sales_rep: "李四", revenue: 20.4, customers: 1 },
    ]);
  });

  it("concentration and key accounts per combination: shares within the slice", async () => {
    const [c] = await m.rows(`select n_customers, total::double as total, top1_share from marts.concentration_slices
      where measure = 'revenue' and period = '2024' and slice = 'region_industry' and region = '华南' and industry = '钢铁'`);
    expect(c.n_customers).toBe(2);
    expect(c.total).toBeCloseTo(50.7, 9);
    expect(c.top1_share).toBeCloseTo(30.3 / 50.7, 12);
    const [k] = await m.rows(`select n_rated, revenue::double as revenue from marts.key_account_slices
      where period = '2024' and slice = 'region_industry' and region = '华东' and industry = '钢铁'`);
    expect(k).toEqual({ n_rated: 1, revenue: 110 });
  });

  it("the data test 'each combination adds up to its region' passes, and fails when one combination is off by a cent", async () => {
    for (const mart of ["kpi_slices", "concentration_slices", "matrix_cell_slices", "key_account_slices"]) expect(await m.rows(combinationTest(mart)), mart).toEqual([]);
    await m.con.run(`update marts.kpi_slices set revenue = revenue + 0.01 where slice = 'region_industry' and region = '华南' and period = '2024'`);
    expect((await m.rows(combinationTest("kpi_slices"))).length).toBeGreaterThan(0);
  });
});
