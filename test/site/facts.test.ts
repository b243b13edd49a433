import { describe, expect, it } from "vitest";
// @ts-ignore plain JS module shared with the browser
import { periodFacts, findingFacts } from "../../src/components/facts.js";
// @ts-ignore
import { summaryFindings } from "../../src/components/findings.js";

const params = { top_share: 0.2, target_share: 0.8, risk_largest_share: 0.1, risk_top10_share: 0.6 };
// Ten customers in 2025: revenue 500, 100, then eight of 50 (total 1,000); two lose money.
const customers = Array.from({ length: 10 }, (_, i) => ({ customer_id: String(i).padStart(3, "0"), region: i < 5 ? "N" : "S" }));
const revenue = [500, 100, 50, 50, 50, 50, 50, 50, 50, 50];
const profit = [50, 30, 10, 10, 10, 10, 10, 10, -20, -30];
const years = [
  ...customers.map((c, i) => ({ customer_id: c.customer_id, year: 2025, revenue: revenue[i], gross_profit: profit[i], volume: 1, orders: 1 })),
  { customer_id: "000", year: 2024, revenue: 800, gross_profit: 80, volume: 1, orders: 1 },
];

describe("period facts", () => {
  it("computes the summary's figures by hand-checkable rules", () => {
    const f = periodFacts(customers, years, 2025, {}, params);
    expect(f.customers).toBe(10);
    expect(f.revenue).toBe(1000);
    expect(f.profit).toBe(90);
    expect(f.topShare).toBeCloseTo(0.6, 12); // top 2 of 10: 500 + 100
    expect(f.topProfitShare).toBeCloseTo(80 / 90, 12);
    expect(f.needed).toBe(6); // 500 + 100 + 4 x 50 = 800
    expect(f.largestShare).toBeCloseTo(0.5, 12);
    expect(f.lossMakers).toBe(2);
    expect(f.loss).toBe(50);
    expect(f.prev.revenue).toBe(800);
  });
  it("filters by region and feeds the findings", () => {
    const south = periodFacts(customers, years, 2025, { region: ["S"] }, params);
    expect(south.customers).toBe(5);
    expect(south.revenue).toBe(250);
    expect(south.prev).toBeNull();
    const sentences = summaryFindings(findingFacts(periodFacts(customers, years, 2025, {}, params), params), "en");
    expect(sentences[0]).toBe("Revenue rose 25.0% in 2025 to ¥1,000.");
    expect(sentences).toContain("6 customers, 60% of the base, made 80% of revenue.");
    expect(sentences).toContain("Risk: the largest customer made 50.0% of revenue, above the 10% limit; losing it would hurt the year.");
  });
});
