import { describe, expect, it } from "vitest";
import { summariseTransactions, mergeSameDay, dayNumber } from "../../loaders/clv/summary.ts";
import { CALIBRATION_END, HOLDOUT_END, readSampleTransactions, readShippedSummary } from "./cdnow.ts";

describe("RFM summary from transactions", () => {
  const summary = summariseTransactions(readSampleTransactions(), {
    calibrationEnd: CALIBRATION_END,
    holdoutEnd: HOLDOUT_END,
    countZeroValueDays: true,
  });
  const shipped = readShippedSummary();

  it("equals the shipped CDNOW summary for all 2,357 customers", () => {
    expect(shipped).toHaveLength(2357);
    expect(summary).toHaveLength(2357);
    const byId = new Map(summary.map((s) => [s.customerId, s]));
    let mismatches = 0;
    for (const want of shipped) {
      const got = byId.get(want.id);
      if (!got) throw new Error(`customer ${want.id} missing from the summary`);
      const ok =
        got.frequency === want.x &&
        Math.abs(got.recency - want.tx) <= 0.0051 &&
        Math.abs(got.T - want.T) <= 0.0051 &&
        Math.abs(got.monetaryValue - want.zbar) <= 0.0051;
      if (!ok) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it("matches the published totals: 946 repeat buyers, 2,457 repeat purchases", () => {
    expect(summary.filter((s) => s.frequency > 0)).toHaveLength(946);
    expect(summary.reduce((s, r) => s + r.frequency, 0)).toBe(2457);
  });

  it("counts 1,882 holdout purchases by 684 customers (day-merged)", () => {
    expect(summary.reduce((s, r) => s + r.holdoutFrequency, 0)).toBe(1882);
    expect(summary.filter((r) => r.holdoutFrequency > 0)).toHaveLength(684);
  });

  it("merges same-day transactions and does not count a day whose net value is <= 0", () => {
    const d = dayNumber(2024, 1, 1);
    const rows = summariseTransactions(
      [
        { customerId: "A", day: d, value: 100 },
        { customerId: "A", day: d + 7, value: 30 },
        { customerId: "A", day: d + 7, value: 20 }, // same day: one purchase of 50
        { customerId: "A", day: d + 14, value: 40 },
        { customerId: "A", day: d + 14, value: -40 }, // fully returned the same day: net 0, no purchase
        { customerId: "A", day: d + 15, value: -5 }, // a return alone: no purchase
        { customerId: "A", day: d + 28, value: 10 }, // after the calibration end: holdout
        { customerId: "B", day: d + 21, value: -5 }, // only a return: no row
      ],
      { calibrationEnd: d + 21, holdoutEnd: d + 35 },
    );
    expect(rows).toEqual([
      { customerId: "A", frequency: 1, recency: 1, T: 3, monetaryValue: 50, meanPurchaseValue: 75, firstPurchaseDay: d, holdoutFrequency: 1, holdoutValue: 10 },
    ]);
    expect(mergeSameDay([{ customerId: "A", day: 1, value: 2 }, { customerId: "A", day: 1, value: 3 }]).get("A")!.get(1)).toBe(5);
  });
});
