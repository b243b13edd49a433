// The at-risk accounts' two 12-month revenues do not depend on the key period: with
// at_risk.key_months = 12 the 12 months before the last 12 still count.
import { describe, expect, it } from "vitest";
import { modelled, type Line } from "./warehouse.ts";

/** One order of `amount` on the first of every month of `year` from month `from` to `to`. */
function months(customer: string, year: number, from: number, to: number, amount: number): Line[] {
  const out: Line[] = [];
  for (let mo = from; mo <= to; mo++) {
    const d = `${year}-${String(mo).padStart(2, "0")}-01`;
    out.push([`${customer}-${d}`, d, customer, amount]);
  }
  return out;
}

describe("at-risk revenues with a 12-month key period", () => {
  it("counts the 12 months before the last 12 although they are outside the key period", async () => {
    const m = await modelled({
      lines: [
        ...months("K1", 2023, 1, 12, 100), ...months("K1", 2024, 1, 6, 100), // stops after June 2024
        ["S1-2024-03-01", "2024-03-01", "S1", 10], // small: not a key account
      ],
      analysis: { analysis_date: "2024-12-31", at_risk: { key_months: 12 } },
    });
    const rows = await m.rows(`select customer_id, revenue_last_12m, revenue_prev_12m, revenue_at_stake, recency_days from marts.at_risk_accounts`);
    // last 12 months: January-June 2024 = 6 x 100; the 12 before: all of 2023 = 12 x 100
    expect(rows).toEqual([{ customer_id: "K1", revenue_last_12m: 600, revenue_prev_12m: 1200, revenue_at_stake: 1200, recency_days: 213 }]);
    m.close();
  });
});
