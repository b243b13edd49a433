import { describe, expect, it } from "vitest";
import fc from "fast-check";
// @ts-ignore plain JS module shared with the browser
import * as c from "../../src/components/concentration.js";

// Five customers, worked by hand: total 100.
const five = [5, 50, 10, 30, 5];

describe("concentration measures", () => {
  it("top share, top-N and customers needed for 80%", () => {
    expect(c.topCount(5, 0.2)).toBe(1);
    expect(c.topCount(93, 0.2)).toBe(19); // 18.6 -> 19
    expect(c.topCount(10, 0.2)).toBe(2); // exact, no float drift
    expect(c.topShare(five, 0.2)).toBeCloseTo(0.5, 12);
    expect(c.topShare(five, 0.4)).toBeCloseTo(0.8, 12);
    expect(c.topNShare(five, 1)).toBeCloseTo(0.5, 12);
    expect(c.customersFor(five, 0.8)).toBe(2); // 50 + 30 = 80 exactly
    expect(c.customersFor(five, 0.81)).toBe(3);
    expect(c.topShare([], 0.2)).toBeNull();
  });

  it("Gini matches the mean-absolute-difference definition", () => {
    // sum over ordered pairs |xi - xj| = 460; G = 460 / (2 * 25 * 20) = 0.46
    expect(c.gini(five)).toBeCloseTo(0.46, 12);
    expect(c.gini([7, 7, 7])).toBeCloseTo(0, 12);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 40 }), (xs) => {
        const total = xs.reduce((a, b) => a + b, 0);
        fc.pre(total > 0);
        let pairs = 0;
        for (const a of xs) for (const b of xs) pairs += Math.abs(a - b);
        const expected = pairs / (2 * xs.length * total);
        expect(c.gini(xs)).toBeCloseTo(expected, 9);
      }),
    );
  });

  it("HHI on the 0..10,000 scale", () => {
    expect(c.hhi(five)).toBeCloseTo((2500 + 900 + 100 + 25 + 25) / 10_000, 12);
    expect(c.hhi([1])).toBeCloseTo(1, 12);
  });

  it("Pareto curve ends at 100% and, for profit with losses, rises above it first (whale curve)", () => {
    const curve = c.paretoCurve(five);
    expect(curve.map((p: any) => p.cumulativeShare)).toEqual([0, 0.5, 0.8, 0.9, 0.95, 1]);
    const whale = c.whaleCurve([60, 50, -10]);
    expect(whale.map((p: any) => +p.cumulativeShare.toFixed(6))).toEqual([0, 0.6, 1.1, 1]);
    // concentration counts a negative customer as 0: shares of the positive total (110)
    expect(c.paretoCurve([60, 50, -10]).map((p: any) => +p.cumulativeShare.toFixed(6))).toEqual([0, 0.545455, 1, 1]);
    expect(c.topShare([60, 50, -10], 0.2)).toBeCloseTo(60 / 110, 12);
  });

  it("Lorenz curve runs from the smallest customer", () => {
    expect(c.lorenzCurve(five).map((p: any) => p.cumulativeShare)).toEqual([0, 0.05, 0.1, 0.2, 0.5, 1]);
  });

  it("ABC classes: A until 80% (the crossing customer included), B until 95%, then C", () => {
    // ties (the two 5s) keep input order: the first 5 reaches 95% exactly, the second is C
    expect(c.abcClasses(five)).toEqual(["B", "A", "B", "A", "C"]);
    const s = c.abcSummary(five);
    expect(s.map((r: any) => [r.cls, r.customers, r.share])).toEqual([
      ["A", 2, 0.8],
      ["B", 2, 0.15],
      ["C", 1, 0.05],
    ]);
  });
});
