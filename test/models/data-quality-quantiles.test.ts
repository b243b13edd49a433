// The data quality page's outlier checks rest on two order statistics, computed in bounded memory
// (a window and a top-n, not median()/quantile_disc(), which hold every line in memory): a
// product's median unit price (the mean of the two middle prices when their number is even) and
// the 99th percentile of sale line amounts (the ceil(0.99 n)-th smallest). Each fixture is built
// so that a neighbouring definition gives another count.
import { expect, it } from "vitest";
import { modelled, type Line } from "./warehouse.ts";

const check = async (lines: Line[], name: string) => {
  const m = await modelled({ lines, analysis: { analysis_date: "2024-12-31" } });
  const [row] = await m.rows(`select n, of_n, amount from marts.data_quality_checks where check_name = '${name}'`);
  m.close();
  return [row.n, row.of_n, row.amount];
};

it("flags unit prices over 10x the median, the median of an even count being the mean of the middle two", async () => {
  // one product, unit prices 1, 2, 2, 4, 25, 35: median (2 + 4) / 2 = 3, so only 35 > 30 is an
  // outlier (the lower middle 2 would flag 25 too, the upper middle 4 neither)
  const lines: Line[] = [1, 2, 2, 4, 25, 35].map((a, i) => [`O${i}`, "2024-03-01", `C${i}`, a]);
  expect(await check(lines, "price_outliers")).toEqual([1, 6, 35]);
});

it("flags line amounts over 10x the 99th percentile, the ceil(0.99 n)-th smallest", async () => {
  // 150 sale lines: 147 of 1, then 4, 50, 600; the 149th smallest is 50, so only 600 > 500 is an
  // outlier (the 148th, 4, would flag 50 too; the 150th none)
  const amounts = [...Array(147).fill(1), 4, 50, 600];
  const lines: Line[] = amounts.map((a, i) => [`O${i}`, "2024-03-01", `C${i % 7}`, a]);
  expect(await check(lines, "amount_outliers")).toEqual([1, 150, 600]);
});
