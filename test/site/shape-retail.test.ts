// Issue #13, shape (a): an online retailer's invoice lines (quantity x price, no line numbers,
// credit notes C..., fee codes, spreadsheet ids, walk-in sales without ids, GBP, one year from
// mid-December, no cost, no payments), built into the site with the config an analyst writes.
// What the site publishes is checked against an independent reading of the CSV (exact BigInt
// sums); what a one-year export without cost or payments cannot tell is "not available" with its
// reason, never 0, "good credit" or a growth against a fortnight.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RETAIL_NON_PRODUCT } from "../../loaders/sample/shapes/retail.ts";
import { cents, dec, records, spreadsheetId, sum, times } from "../support/exact-csv.ts";
import { buildShapeSite, concentration, type ShapeSite } from "../support/shape-site.ts";

let site: ShapeSite;
let lines: { customer: string; date: string; amount: bigint; type: string }[];
beforeAll(async () => {
  site = await buildShapeSite("retail");
  lines = records(site.file)
    .filter((l) => l.CustomerID !== "") // walk-in sales: rejected with their reason (test/ingest/exports-shapes)
    .map((l) => {
      const [d, m, y] = l.InvoiceDate.slice(0, 10).split("/");
      const amount = times(dec(l.Quantity), dec(l.UnitPrice));
      const type = RETAIL_NON_PRODUCT.includes(l.StockCode.toUpperCase())
        ? "non_product"
        : l.InvoiceNo.startsWith("C") || amount < 0n || Number(l.Quantity) < 0 ? "return" : "sale";
      return { customer: spreadsheetId(l.CustomerID), date: `${y}-${m}-${d}`, amount, type };
    });
}, 600_000);
afterAll(() => site && fs.rmSync(site.dir, { recursive: true, force: true }));

/** Net revenue (sales less returns, no fees) of each customer who bought within [from, to]. */
function revenueByCustomer(from: string, to: string) {
  const within = lines.filter((l) => l.date >= from && l.date <= to && l.type !== "non_product");
  const buyers = new Set(within.filter((l) => l.type === "sale").map((l) => l.customer));
  const revenue = new Map<string, bigint>();
  for (const l of within) if (buyers.has(l.customer)) revenue.set(l.customer, (revenue.get(l.customer) ?? 0n) + l.amount);
  return [...revenue.values()];
}

describe("shape (a) built into the site", () => {
  it("publishes both calendar years as partial and the window whole, with revenue and concentration as computed independently", () => {
    const [params] = site.published("analysis_params");
    const dates = lines.map((l) => l.date).sort();
    expect(dates[0]).toBe(site.truth.first_date);
    expect(params.analysis_date).toBe(dates.at(-1));
    const slices = site.published("concentration_slices.revenue").filter((r) => r.slice === "all");
    const ranges: Record<string, [string, string]> = {
      "2010": ["2010-01-01", "2010-12-31"],
      "2011": ["2011-01-01", "2011-12-31"],
      window: [params.window_start, params.window_end],
    };
    expect(slices.map((r) => r.period).sort()).toEqual(Object.keys(ranges).sort());
    for (const [period, [from, to]] of Object.entries(ranges)) {
      const got = slices.find((r) => r.period === period)!;
      const c = concentration(revenueByCustomer(from, to));
      expect(got, period).toMatchObject({ n_customers: c.n, top_n: c.topN, n_to_target: c.toTarget });
      expect(got.total, period).toBe(cents(c.total));
      expect(got.top_share_value, period).toBeCloseTo(c.topShare, 5);
      expect(got.is_partial, period).toBe(period !== "window");
    }
    // the window is the whole export: sales less returns, fees left out (truth.json, in integers)
    const t = site.truth.amount_with_customer_by_type;
    expect(slices.find((r) => r.period === "window")!.total).toBe(cents(dec(t.sale) + dec(t.return)));
  });

  it("gives no growth of 2011 against the fortnight of 2010 the data holds", () => {
    const slices = site.published("concentration_slices.revenue").filter((r) => r.slice === "all");
    expect(slices.find((r) => r.period === "2011")!.growth).toBeNull();
    const avail = new Map(site.published("data_availability").map((r) => [r.analysis, r]));
    for (const a of ["growth", "window_growth", "lifecycle_change", "value_potential_matrix"])
      expect(avail.get(a), a).toMatchObject({ status: "not_available", reason: "history_too_short", needs: "history" });
    // a one-year history still has cohorts, by month
    expect(avail.get("cohorts")).toMatchObject({ status: "available", reason: "by_month" });
    expect(new Set(site.published("cohort_retention").map((r) => r.cohort_kind))).toContain("acquired");
  });

  it("says gross profit, margin, loss makers and credit are not available, and places nobody in a matrix it cannot tell", () => {
    const avail = new Map(site.published("data_availability").map((r) => [r.analysis, r]));
    for (const a of ["gross_profit", "gross_margin", "whale_curve", "loss_makers", "margin_cost_matrix", "contribution"])
      expect(avail.get(a), a).toMatchObject({ status: "not_available", reason: "no_cost", needs: "cost" });
    expect(avail.get("capability_credit_matrix")).toMatchObject({ status: "not_available", reason: "no_payments" });
    expect(avail.get("handling_cost")).toMatchObject({ status: "not_available", reason: "not_configured" });
    // no cost anywhere: no gross profit figure, and no customer in any profit ranking
    for (const r of site.published("concentration_slices.revenue")) expect([r.gross_profit, r.gross_margin]).toEqual([null, null]);
    expect(site.published("concentration_slices.gross_profit")).toEqual([]);
    expect(site.published("concentration_slice_top.gross_profit")).toEqual([]);
    // credit, cost to serve and potential unknown: every matrix cell is empty, never "good credit"
    for (const c of site.published("matrix_cells")) expect(c.n_customers, `${c.period} ${c.matrix} ${c.cell}`).toBe(0);
    expect(site.published("matrix_customers")).toEqual([]);
  });

  it("still rates the key accounts of the year, on the indicators the export has", async () => {
    const [s] = await site.query<{ n_rated: number; n_key: number; absent: string }>(
      `select n_rated, n_key, absent_indicators as absent from marts.key_account_summary where period = 'window'`,
    );
    const [params] = site.published("analysis_params");
    expect(Number(s.n_rated)).toBe(revenueByCustomer(params.window_start, params.window_end).length);
    expect(Number(s.n_key)).toBeGreaterThan(0);
    expect(s.absent.split(",")).toEqual(expect.arrayContaining(["collection_rate", "profit", "credit"]));
  });

  it("shows money in pounds on every page", () => {
    const pages = site.pages();
    expect(pages.size).toBeGreaterThan(3);
    for (const [name, html] of pages) expect(html, name).toContain('<meta name="kam-currency" content="GBP">');
  });
});
