// Accounts at risk per period at a finer grain: a key account that goes silent is watched in the
// next quarter (a period of the grain within the period before it), as an inactive customer.
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

describe("accounts at risk by quarter", () => {
  it("watches last quarter's key account this quarter and flags its silence against its usual interval", async () => {
    const m = await modelled({
      lines: [
        ...months("K1", 2023, 1, 12, 100), ...months("K1", 2024, 1, 6, 100), // stops after June 2024
        ...months("K2", 2023, 1, 12, 100), ...months("K2", 2024, 1, 12, 100), // steady
        ["S1-2024-03-01", "2024-03-01", "S1", 10], // small
      ],
      analysis: { analysis_date: "2024-12-31", grain: "quarter" },
    });
    const tiers = await m.rows(`select period, customer_id, state from marts.customer_states where customer_id = 'K1' and period in ('2024Q2', '2024Q3', '2024Q4') order by period`);
    expect(tiers.map((r) => r.state)).toEqual(["key", "inactive", "inactive"]); // K1 and K2 tie in Q2: K1 first by id
    const q3 = await m.rows(`select customer_id, state, is_key_account, recency_days, typical_gap_days, reasons from marts.at_risk_accounts where period = '2024Q3'`);
    // 2024-06-01 .. 2024-09-30 = 121 days, usually every 30.4 days (2023-01-01..2024-06-01: 17 gaps);
    // April-September 3 orders vs October-March 6 (ratio 0.5); Q3 nothing vs Q2 300 (-100%)
    expect(q3).toEqual([{ customer_id: "K1", state: "inactive", is_key_account: true, recency_days: 121, typical_gap_days: 517 / 17,
      reasons: "no purchase for 121 days (usually every 30); 3 orders in the last 6 months vs 6 before; revenue -100% against the compared range" }]);
    // in Q4 the key quarter (Q2) is more than a quarter back: no longer watched
    expect(await m.rows(`select customer_id from marts.at_risk_accounts where period = '2024Q4' and customer_id = 'K1'`)).toEqual([]);
    m.close();
  });
});
