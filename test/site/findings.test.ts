import { describe, expect, it } from "vitest";
// @ts-ignore plain JS module shared with the browser
import { summaryFindings } from "../../src/components/findings.js";

// The roll maker's 2009 review from the domain brief: 93 customers, the 30 largest made
// 9,416 t of 13,017 t = 72.3% of volume.
// The facts are the marts' figures as they are (shares computed in SQL), never derived here.
const rollMaker = {
  period: "2009",
  customers: 93,
  revenue: 13_017_000,
  needed: { count: 30, customerShare: 30 / 93, target: 9_416 / 13_017 },
  top: { fraction: 0.2, share: 0.68 },
  largest: { share: 0.12, limit: 0.1 },
  lossMaking: { count: 12, share: 12 / 93, loss: 345_678 },
};

describe("written findings", () => {
  it("states the Pareto finding as the articles do", () => {
    const en = summaryFindings(rollMaker, "en");
    expect(en).toContain("30 customers, 32% of the base, made 72% of revenue.");
    const zh = summaryFindings(rollMaker, "zh-CN");
    expect(zh).toContain("30家客户（占客户总数的32%）贡献了72%的销售收入。");
  });

  it("judges the top-20% share against the 80/20 rule", () => {
    const at = (share: number) => summaryFindings({ ...rollMaker, top: { fraction: 0.2, share } }, "en")[2];
    expect(at(0.81)).toBe("The top 20% of customers made 81% of revenue: the 80/20 rule holds.");
    expect(at(0.55)).toMatch(/concentrated, but less than the 80\/20 rule/);
    expect(at(0.3)).toMatch(/only 30% of revenue/);
  });

  it("flags the largest customer only above the limit", () => {
    expect(summaryFindings(rollMaker, "en")).toContain(
      "Risk: the largest customer made 12.0% of revenue, above the 10% limit; losing it would hurt the year.",
    );
    const safe = summaryFindings({ ...rollMaker, largest: { share: 0.04, limit: 0.1 } }, "en");
    expect(safe).toContain("The largest customer made 4.0% of revenue.");
  });

  it("year-over-year revenue change, loss-making customers, empty selections", () => {
    const grown = summaryFindings({ ...rollMaker, revenue: 112, growth: 0.12 }, "en");
    expect(grown[0]).toBe("Revenue rose 12.0% in 2009 to ¥112.");
    // the page passes the period as text in the page's locale (notes.js periodText)
    const fell = summaryFindings({ ...rollMaker, period: "2009年", revenue: 90_000_000, growth: -0.1 }, "zh-CN");
    expect(fell[0]).toBe("2009年销售收入下降10.0%，为¥9000万。");
    // no period before: the revenue and the customers, no change
    expect(summaryFindings({ ...rollMaker, revenue: 112 }, "en")[0]).toBe("Revenue in 2009 was ¥112 from 93 customers.");
    // the largest customer's flag as the mart set it wins over the limit
    expect(summaryFindings({ ...rollMaker, largest: { share: 0.12, limit: 0.1, over: false } }, "en")).toContain("The largest customer made 12.0% of revenue.");
    expect(summaryFindings(rollMaker, "en")).toContain("12 customers (13% of the base) lost money: ¥346K of negative gross profit.");
    expect(summaryFindings({ ...rollMaker, lossMaking: { count: 0, loss: 0 } }, "en")).toContain("No customer had negative gross profit.");
    expect(summaryFindings({ period: "2026", customers: 0 }, "en")).toEqual(["No sales in 2026 for this selection."]);
  });
});
