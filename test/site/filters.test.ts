import { describe, expect, it } from "vitest";
// @ts-ignore plain JS module shared with the browser
import { choices, customersInPeriod, rowsOf, totalsByYear } from "../../src/components/filters.js";

const customers = rowsOf({
  customer_id: ["001", "002", "003"],
  region: ["华北", "华东", "华北"],
  industry: ["steel", "steel", "auto"],
  sales_rep: ["王", "李", "李"],
});
const years = rowsOf({
  customer_id: ["001", "001", "002", "003", "003"],
  year: [2024, 2025, 2025, 2024, 2025],
  revenue: [100, 200, 50, 10, 20],
  gross_profit: [10, 30, -5, 2, 4],
  volume: [1, 2, 3, 4, 5],
  orders: [1, 2, 1, 1, 1],
});

describe("browser filters", () => {
  it("columnar JSON to rows keeps ids as text", () => {
    expect(customers[0]).toEqual({ customer_id: "001", region: "华北", industry: "steel", sales_rep: "王" });
  });
  it("sums a period per customer and applies dimension filters", () => {
    const all = customersInPeriod(customers, years, { from: 2024, to: 2025 });
    expect(all.map((c: any) => [c.customer_id, c.revenue, c.gross_profit])).toEqual([
      ["001", 300, 40],
      ["002", 50, -5],
      ["003", 30, 6],
    ]);
    const north2025 = customersInPeriod(customers, years, { from: 2025, to: 2025, region: ["华北"] });
    expect(north2025.map((c: any) => [c.customer_id, c.revenue])).toEqual([["001", 200], ["003", 20]]);
    const liSteel = customersInPeriod(customers, years, { salesRep: ["李"], industry: ["steel"] });
    expect(liSteel.map((c: any) => c.customer_id)).toEqual(["002"]);
  });
  it("totals by year and distinct choices", () => {
    expect(totalsByYear(customers, years, { region: ["华北"] })).toEqual([
      { year: 2024, revenue: 110, gross_profit: 12, volume: 5, customers: 2 },
      { year: 2025, revenue: 220, gross_profit: 34, volume: 7, customers: 2 },
    ]);
    expect(choices(customers, "sales_rep")).toHaveLength(2);
  });
});

// @ts-ignore plain JS module shared with the browser
import { cellShares } from "../../src/components/matrix.js";

describe("matrix cell shares", () => {
  it("shares of customers, revenue and profit per cell; empty cells kept", () => {
    const rows = [
      { customer_id: "1", cell: "partners", revenue: 600, gross_profit: 60 },
      { customer_id: "2", cell: "support", revenue: 300, gross_profit: 50 },
      { customer_id: "3", cell: "support", revenue: 100, gross_profit: -10 },
    ];
    const out = cellShares(rows, ["partners", "reform", "support", "give_up"]);
    expect(out.map((c: any) => [c.cell, c.n_customers, c.customer_share, c.revenue_share, c.profit_share])).toEqual([
      ["partners", 1, 1 / 3, 0.6, 0.6],
      ["reform", 0, 0, 0, 0],
      ["support", 2, 2 / 3, 0.4, 0.4],
      ["give_up", 0, 0, 0, 0],
    ]);
    expect(() => cellShares([{ customer_id: "9", cell: "x" }], ["partners"])).toThrow(/customer 9 .*unknown cell x/);
  });
});
