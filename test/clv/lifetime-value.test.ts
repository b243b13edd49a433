import { describe, expect, it } from "vitest";
import { conditionalExpectedPurchases } from "../../loaders/clv/bgnbd.ts";
import { DAYS_PER_MONTH, customerLifetimeValue, horizonPurchases } from "../../loaders/clv/lifetime-value.ts";
import { scoreCustomers } from "../../loaders/clv/score.ts";
import type { CustomerSummary } from "../../loaders/clv/summary.ts";

const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const customer = { frequency: 2, recency: 30.43, T: 38.86 };

describe("CLV over a horizon", () => {
  it("without discounting is margin x spend x expected purchases over the horizon", () => {
    const weeks = (12 * DAYS_PER_MONTH) / 7; // 52.18 weeks
    const clv = customerLifetimeValue(bg, customer, 40, { horizonMonths: 12, monthlyDiscountRate: 0, grossMargin: 0.3, daysPerUnit: 7 });
    expect(clv).toBeCloseTo(0.3 * 40 * conditionalExpectedPurchases(bg, weeks, 2, 30.43, 38.86), 10);
  });

  it("discounts month m's purchases by (1 + d)^m", () => {
    const e1 = conditionalExpectedPurchases(bg, DAYS_PER_MONTH / 7, 2, 30.43, 38.86);
    const e2 = conditionalExpectedPurchases(bg, (2 * DAYS_PER_MONTH) / 7, 2, 30.43, 38.86);
    const clv = customerLifetimeValue(bg, customer, 40, { horizonMonths: 2, monthlyDiscountRate: 0.01, grossMargin: 0.3, daysPerUnit: 7 });
    expect(clv).toBeCloseTo(0.3 * 40 * (e1 / 1.01 + (e2 - e1) / 1.01 ** 2), 10);
  });

  it("is the same in days as in weeks", () => {
    const weeks = horizonPurchases(bg, customer, { horizonMonths: 24, monthlyDiscountRate: 0.01, daysPerUnit: 7 });
    const days = horizonPurchases(
      { ...bg, alpha: bg.alpha * 7 },
      { frequency: 2, recency: 30.43 * 7, T: 38.86 * 7 },
      { horizonMonths: 24, monthlyDiscountRate: 0.01, daysPerUnit: 1 },
    );
    expect(days.expected).toBeCloseTo(weeks.expected, 10);
    expect(days.discounted).toBeCloseTo(weeks.discounted, 10);
  });
});

describe("scoring customers by how much history they have", () => {
  const summary = (id: string, frequency: number, recency: number, T: number, monetaryValue: number): CustomerSummary => ({
    customerId: id, frequency, recency, T, monetaryValue, meanPurchaseValue: monetaryValue || 50, firstPurchaseDay: 0, holdoutFrequency: 0, holdoutValue: 0,
  });
  const rows = scoreCustomers(
    ["A", "B", "Z"],
    [summary("A", 3, 20, 30, 80), summary("B", 0, 0, 30, 0)],
    { bgnbd: bg, expectedSpend: (s) => (s.frequency ? s.monetaryValue : 55) },
    { horizonMonths: 12, monthlyDiscountRate: 0.01, grossMargin: 0.5, daysPerUnit: 7 },
  );

  it("repeat, single and none", () => {
    expect(rows.map((r) => r.history)).toEqual(["repeat", "single", "none"]);
    expect(rows[1].pAlive).toBe(1);
    expect(rows[1].monetaryValue).toBeNull();
    expect(rows[1].expectedAvgSpend).toBe(55);
    expect(rows[2]).toMatchObject({ pAlive: null, frequency: null, expectedPurchases: 0, clv: 0 });
    expect(rows[0].clv).toBeCloseTo(customerLifetimeValue(bg, { frequency: 3, recency: 20, T: 30 }, 80, { horizonMonths: 12, monthlyDiscountRate: 0.01, grossMargin: 0.5, daysPerUnit: 7 }), 10);
  });
});
