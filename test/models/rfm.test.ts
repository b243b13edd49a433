// RFM scores (quintiles by cume_dist, ties share a score) and segments, by hand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelled } from "./warehouse.ts";

describe("RFM", () => {
  let m: Awaited<ReturnType<typeof modelled>>;
  beforeAll(async () => {
    m = await modelled({
      lines: [
        ["A0", "2023-01-01", "A", 50], ["A1", "2024-09-01", "A", 100], ["A2", "2024-10-01", "A", 100], ["A3", "2024-11-01", "A", 100], ["A4", "2024-12-01", "A", 100],
        ["B1", "2024-12-15", "B", 1000],
        ["C0", "2022-01-01", "C", 10], ["C1", "2024-01-15", "C", 300], ["C2", "2024-02-01", "C", 300], ["C3", "2024-03-01", "C", 300],
        ["D1", "2022-06-01", "D", 70],
        ["E0", "2023-05-01", "E", 20], ["E1", "2024-06-01", "E", 50],
        ["F1", "2024-06-01", "F", -10], // only a return: no purchase, not scored
      ],
      analysis: { analysis_date: "2024-12-31" },
    });
  });
  afterAll(() => m.close());

  it("scores recency, frequency and monetary value", async () => {
    const rows = await m.rows(`select * from marts.rfm_customers order by customer_id`);
    expect(rows.map((r) => [r.customer_id, r.recency_days, r.frequency, r.monetary, r.rfm_code])).toEqual([
      // recency desc D 944, C 305, E 213, A 30, B 16 -> 1..5; frequency D0 B1 E1 C3 A4 (B, E tie at 3/5)
      ["A", 30, 4, 400, "453"],
      ["B", 16, 1, 1000, "535"],
      ["C", 305, 3, 900, "244"],
      ["D", 944, 0, 0, "111"],
      ["E", 213, 1, 50, "332"],
    ]);
    expect(rows[0].orders_total).toBe(5);
    expect(rows[0].revenue_total).toBe(450);
  });

  it("names the segments by the first matching rule", async () => {
    const rows = await m.rows(`select customer_id, segment from marts.rfm_customers order by customer_id`);
    expect(Object.fromEntries(rows.map((r) => [r.customer_id, r.segment]))).toEqual({
      A: "loyal", B: "new", C: "cant_lose", D: "lapsed", E: "hibernating",
    });
  });

  it("sizes every segment, empty ones included", async () => {
    const rows = await m.rows(`select * from marts.rfm_segments order by sort_order`);
    expect(rows.map((r) => r.segment)).toEqual(["new", "champions", "cant_lose", "at_risk", "loyal", "promising", "lapsed", "hibernating"]);
    const by = Object.fromEntries(rows.map((r) => [r.segment, r]));
    expect(by.champions.n_customers).toBe(0);
    expect(by.new.customer_share).toBeCloseTo(0.2, 12);
    expect(by.cant_lose.monetary_share).toBeCloseTo(900 / 2350, 12);
    expect(by.loyal.avg_recency_days).toBe(30);
  });

  it("follows configured rules", async () => {
    const c = await modelled({
      lines: [["A1", "2024-12-01", "A", 100], ["B1", "2024-01-01", "B", 10]],
      analysis: { analysis_date: "2024-12-31", rfm: { new_days: 0, rules: [{ segment: "big", m: [5, 5] }, { segment: "rest" }] } },
    });
    const rows = await c.rows(`select customer_id, segment from marts.rfm_customers order by customer_id`);
    expect(rows.map((r) => r.segment)).toEqual(["big", "rest"]);
    c.close();
  });
});
