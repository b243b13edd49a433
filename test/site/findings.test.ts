import { describe, expect, it } from "vitest";
// @ts-ignore plain JS modules shared with the browser
import { summaryFindings } from "../../src/components/findings.js";
// @ts-ignore
import { makeT } from "../../src/components/i18n.js";
// @ts-ignore
import { makeFormat } from "../../src/components/format.js";

const en = { t: makeT("en"), fmt: makeFormat("en") };
const zh = { t: makeT("zh-CN"), fmt: makeFormat("zh-CN") };

// The figures as the marts hold them (shares computed in SQL), never derived here. The sample's
// 2026 (Jan–Sep) against Jan–Sep 2025: +3.55% (378,754,665.89 / 365,756,809.81 - 1), after
// +4.70% in 2025; the bridge: +62.67M expansion, -48.46M contraction, 71 lost taking 2.71M,
// 1.10M new + 0.41M won back.
const facts = {
  period: "2026 (Jan–Sep, partial)",
  revenue: {
    value: 378_754_665.89, customers: 1194, growth: 378_754_665.89 / 365_756_809.81 - 1, comparison: "Jan–Sep 2025",
    previousGrowth: 0.04696, previousPeriod: "2025", margin: 0.233, marginChange: -0.001,
  },
  bridge: { expansion: 62_670_157.89, contraction: -48_463_155.87, new: 1_095_454.56, returning: 407_720.73, lost: -2_712_321.23, nLost: 71 },
  concentration: {
    fraction: 0.2, share: 0.772, target: 0.8, needed: 272, neededShare: 0.228,
    largest: 0.041, largestLimit: 0.1, largestOver: false, top10: 0.167, top10Limit: 0.5, top10Over: false, profitShare: 0.74,
  },
  lossMaking: { count: 20, share: 20 / 1194, loss: 212_000 },
};

describe("written findings", () => {
  it("say the change against the comparable range, why it moved, and that growth is slowing", () => {
    const out = summaryFindings(facts, en);
    expect(out[0]).toBe("Revenue rose 3.6% to ¥379M in 2026 (Jan–Sep, partial), against Jan–Sep 2025.");
    expect(out[1]).toBe("Growth is slowing: +3.6% after +4.7% in 2025.");
    expect(out[2]).toBe(
      "Customers who bought in both periods added ¥62.7M and cut ¥48.5M; the 71 customers lost took ¥2.71M, new and returning customers brought ¥1.5M.",
    );
    // a margin move under half a point is not a finding
    expect(out.join(" ")).not.toMatch(/margin/i);
  });

  it("tell a turn, a deepening decline and a pick-up apart, and stay quiet on a small move", () => {
    const trend = (growth: number, previousGrowth: number) =>
      summaryFindings({ ...facts, bridge: undefined, revenue: { ...facts.revenue, growth, previousGrowth } }, en)[1];
    expect(trend(-0.02, 0.03)).toBe("The trend turned: revenue -2.0% after +3.0% in 2025.");
    expect(trend(-0.05, -0.02)).toBe("The decline is deepening: -5.0% after -2.0% in 2025.");
    expect(trend(0.08, 0.03)).toBe("Growth picked up: +8.0% after +3.0% in 2025.");
    expect(trend(0.04, 0.045)).toMatch(/^The top 20%/); // within a point: no trend sentence
  });

  it("never claim the 80/20 rule holds when the top 20% make less than 80%", () => {
    const at = (share: number) => summaryFindings({ ...facts, concentration: { ...facts.concentration, share } }, en).find((s: string) => s.startsWith("The top 20% of"));
    expect(at(0.81)).toBe("The top 20% of customers made 81% of revenue: the 80/20 rule holds.");
    expect(at(0.772)).toBe("The top 20% of customers made 77% of revenue: concentrated, but short of the 80/20 rule. 80% of revenue takes 272 customers (23% of them).");
    expect(at(0.5)).toMatch(/moderately concentrated, well short of the 80\/20 rule/);
    expect(at(0.3)).toMatch(/made only 30% of revenue: revenue is spread widely/);
    for (const s of [0.3, 0.5, 0.6, 0.772, 0.799]) expect(at(s)).not.toMatch(/holds/);
    // another configured rule is named as configured, not as 80/20
    const other = summaryFindings({ ...facts, concentration: { ...facts.concentration, fraction: 0.3, target: 0.7, share: 0.75 } }, en);
    expect(other).toContain("The top 30% of customers made 75% of revenue: the configured rule (70% from the top 30%) holds.");
    expect(summaryFindings({ ...facts, concentration: { ...facts.concentration, share: 0.85 } }, zh)).toContain("前20%的客户贡献了85%的销售收入：二八法则成立。");
  });

  it("state each fact once", () => {
    const full = {
      ...facts,
      risk: { count: 19, keyCount: 5, atStake: 24_000_000, top: { name: "华东精密", atStake: 3_200_000, isKey: true, reason: "no purchase for 187 days (usually every 30)" } },
      keyAccounts: { count: 52, customerShare: 0.043, revenueShare: 0.45, profitShare: 0.47, entered: 6, left: 4, previousPeriod: "2025", department: "key_account_department", departmentMin: 20 },
    };
    for (const locale of [en, zh]) {
      const out = summaryFindings(full, locale);
      expect(new Set(out).size).toBe(out.length);
      // the revenue total appears once, in the trend sentence
      expect(out.filter((s: string) => s.includes(locale.fmt.money(facts.revenue.value)))).toHaveLength(1);
    }
    const out = summaryFindings(full, en);
    expect(out).toContain("Largest risk: 华东精密, a key account, with ¥3.2M of revenue at stake: no purchase for 187 days (usually every 30).");
    expect(out).toContain("In all 19 accounts are at risk (5 of them key accounts), with ¥24M of revenue at stake.");
    expect(out).toContain("52 key accounts (4% of customers) made 45% of revenue and 47% of gross profit.");
    expect(out).toContain("On re-rating, 6 entered the key account list and 4 left it since 2025.");
    expect(out).toContain("With 52 key accounts, more than 20, a key account department (大客户部) is warranted.");
    expect(summaryFindings({ ...full, keyAccounts: { ...full.keyAccounts, count: 12, department: "named_manager" } }, zh)).toContain("大客户有12家，不超过20家，指定专人负责即可。");
  });

  it("write money in the build's reporting currency", () => {
    const usd = { t: makeT("en"), fmt: makeFormat("en", { currency: "USD" }) };
    expect(summaryFindings(facts, usd)[0]).toBe("Revenue rose 3.6% to USD 379M in 2026 (Jan–Sep, partial), against Jan–Sep 2025.");
    expect(summaryFindings(facts, usd).join(" ")).not.toContain("¥");
  });

  it("say why there is no comparison, and that gross profit is not available without cost", () => {
    const first = summaryFindings({
      ...facts, period: "2021", bridge: null,
      revenue: { value: 423_026_270.41, customers: 1052, noComparison: "No comparison: 2021 starts before the data does." },
      costUnknown: "the exports carry no cost", lossMaking: null,
    }, en);
    expect(first.slice(0, 2)).toEqual(["Revenue in 2021 was ¥423M from 1,052 customers.", "No comparison: 2021 starts before the data does."]);
    expect(first).toContain("Gross profit, margin and loss makers are not available: the exports carry no cost.");
    expect(first.join(" ")).not.toMatch(/lost money|negative gross profit|rose|fell/);
    expect(summaryFindings({ ...facts, lossMaking: { count: 0, share: 0, loss: 0 } }, en)).toContain("No customer had negative gross profit.");
    expect(summaryFindings({ period: "2026", revenue: { value: 0, customers: 0 } }, zh)).toEqual(["2026该筛选条件下没有销售。"]);
  });

  it("read as the articles do in zh-CN", () => {
    const out = summaryFindings({ ...facts, period: "2026年（1–9月，不完整）", revenue: { ...facts.revenue, comparison: "2025年1–9月", previousPeriod: "2025年" } }, zh);
    expect(out[0]).toBe("2026年（1–9月，不完整）销售收入¥3.79亿，较2025年1–9月增长3.6%。");
    expect(out[1]).toBe("增长在放缓：+3.6%，而2025年为+4.7%。");
    expect(out).toContain("20家客户（占2%）亏损，负毛利合计¥21.2万。");
  });
});
