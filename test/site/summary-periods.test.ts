// How the summary names a period, a partial period and the range it is compared with
// (src/components/periods.js), and the report's stamp (src/components/stamp.js, loaders/site/stamp.ts).
import { describe, expect, it } from "vitest";
// @ts-ignore plain JS modules shared with the browser
import { periodLabel, compareName, comparisonLabel, noComparisonText, rangeText } from "../../src/components/periods.js";
// @ts-ignore
import { stampFooter, stampText } from "../../src/components/stamp.js";
// @ts-ignore
import { makeT } from "../../src/components/i18n.js";
// @ts-ignore
import { makeFormat } from "../../src/components/format.js";
import { buildDate } from "../../loaders/site/stamp.ts";
// @ts-ignore
import { reviewTitle } from "../../src/components/review.js";
// @ts-ignore
import { riskSignals } from "../../src/components/risk-signals.js";

const en = { t: makeT("en"), fmt: makeFormat("en") };
const zh = { t: makeT("zh-CN"), fmt: makeFormat("zh-CN") };

// staging.periods' columns for the sample's 2026, cut short on Sep 30
const partial = {
  period: "2026", is_partial: true, covered_start: "2026-01-01", covered_end: "2026-09-30",
  comparison_basis: "same_months", previous_period: "2025", compare_start: "2025-01-01", compare_end: "2025-09-30",
};
const complete = { period: "2025", is_partial: false, comparison_basis: "previous_period", previous_period: "2024" };

describe("period names", () => {
  it("mark a partial period and name the same months it is compared with", () => {
    expect(periodLabel(partial, en)).toBe("2026 (Jan–Sep, partial)");
    expect(periodLabel(partial, zh)).toBe("2026年（1–9月，不完整）");
    expect(comparisonLabel(partial, en)).toBe("vs Jan–Sep 2025");
    expect(comparisonLabel(partial, zh)).toBe("较2025年1–9月");
    expect(periodLabel(complete, en)).toBe("2025");
    expect(comparisonLabel(complete, en)).toBe("vs 2024");
    expect(compareName(complete, zh)).toBe("2024年");
  });

  it("name the window from window_months, never 'twelve months' hard-coded", () => {
    const w = { period: "window", comparison_basis: "previous_window" };
    expect(periodLabel(w, { ...en, windowMonths: 6 })).toBe("the last 6 months");
    expect(comparisonLabel(w, { ...en, windowMonths: 6 })).toBe("vs the 6 months before");
    expect(periodLabel(w, { ...zh, windowMonths: 18 })).toBe("最近18个月");
  });

  it("say ranges as short as they can be: whole months, else the days; two years spelled out", () => {
    expect(rangeText("2026-04-01", "2026-04-30", en.fmt)).toBe("Apr");
    expect(rangeText("2026-01-01", "2026-09-15", en.fmt)).toBe("Jan 1, 2026 – Sep 15, 2026");
    expect(rangeText("2025-10-01", "2026-03-31", en.fmt)).toBe("Oct 2025 – Mar 2026");
    expect(rangeText("2025-10-01", "2026-03-31", zh.fmt)).toBe("2025年10月–2026年3月");
    expect(rangeText("2025-01-01", "2025-09-30", zh.fmt, { withYear: true })).toBe("2025年1–9月");
  });

  it("say why there is no comparison", () => {
    expect(noComparisonText({ period: "2021", comparison_reason: "starts_before_data" }, en)).toBe("No comparison: 2021 starts before the data does.");
    expect(noComparisonText(complete, en)).toBeNull();
    expect(comparisonLabel({ period: "2021" }, en)).toBeNull();
  });
});

describe("the report's stamp", () => {
  it("says when the data ends and when the report was built, in the page's language", () => {
    const stamp = { dataEnd: "2026-09-30", built: "2026-12-01" };
    expect(stampText(stamp, en)).toBe("Data to Sep 30, 2026 · report built Dec 1, 2026");
    expect(stampText(stamp, zh)).toBe("数据截至2026年9月30日 · 报告生成于2026年12月1日");
    expect(stampText({ built: "2026-12-01" }, en)).toBe("report built Dec 1, 2026");
    expect(stampFooter(stamp, en)).toBe('<span class="kam-stamp">Data to Sep 30, 2026 · report built Dec 1, 2026</span> · Key account report · built from the configured sales exports');
  });

  it("dates the build in the business time zone, or SOURCE_DATE_EPOCH's day, whatever the machine's TZ", () => {
    const now = new Date("2026-12-01T17:30:00Z"); // already Dec 2 in Shanghai
    expect(buildDate("Asia/Shanghai", {}, now)).toBe("2026-12-02");
    expect(buildDate("UTC", {}, now)).toBe("2026-12-01");
    expect(buildDate("Asia/Shanghai", { SOURCE_DATE_EPOCH: "0" }, now)).toBe("1970-01-01");
    expect(buildDate("Asia/Shanghai", { SOURCE_DATE_EPOCH: String(Date.UTC(2025, 5, 30, 20) / 1000) }, now)).toBe("2025-07-01");
  });
});

describe("why an account is at risk", () => {
  const row = {
    recency_slips: true, frequency_slips: true, value_slips: false, collection_slips: true, recency_days: 189, typical_gap_days: 8,
    purchases_recent: 2, purchases_recent_before: 7, growth: -0.31, collection_rate: 0.62, previous_collection_rate: 0.95,
  };
  it("names the signals that fire, with the figures behind them, in the page's language (the sentences of /risks)", () => {
    expect(riskSignals(row, { ...en, frequencyMonths: 6 })).toBe("no purchase for 189 days (usually every 8); 2 orders in the last 6 months vs 7 before; collection 62%, down from 95%");
    expect(riskSignals(row, { ...zh, frequencyMonths: 6 })).toBe("189天未采购（平常每8天一次）；近6个月2个订单，此前同期7个；回款率62%，此前95%");
    expect(riskSignals({ value_slips: true, growth: -0.31 }, { ...en, frequencyMonths: 6 })).toBe("revenue -31% against the compared range");
  });
});

describe("the annual review's title", () => {
  it("says when the period is not over", () => {
    expect(reviewTitle({ period: "2025" }, en)).toBe("Annual review 2025");
    expect(reviewTitle({ period: "2026", partial: true }, en)).toBe("Annual review 2026 (partial: the period is not over)");
    expect(reviewTitle({ period: "2025" }, zh)).toBe("2025年度经营回顾");
    expect(reviewTitle({ period: "2026", partial: true }, zh)).toBe("2026年度经营回顾（不完整：本期尚未结束）");
  });
});
