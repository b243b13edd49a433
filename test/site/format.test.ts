import { describe, expect, it } from "vitest";
// @ts-ignore plain JS module shared with the browser
import { makeFormat } from "../../src/components/format.js";

describe("number, money, percent and date formatting", () => {
  const en = makeFormat("en");
  const zh = makeFormat("zh-CN");

  it("zh-CN writes large figures with 万 and 亿", () => {
    expect(zh.money(123_456_789)).toBe("¥1.23亿");
    expect(zh.money(45_678)).toBe("¥4.57万");
    expect(zh.compact(1_234_567)).toBe("123万");
    expect(zh.compact(9_999)).toBe("9,999");
    expect(zh.money(-2_500_000)).toBe("-¥250万");
  });

  it("en writes K, M and B", () => {
    expect(en.money(123_456_789)).toBe("¥123M");
    expect(en.money(45_678)).toBe("¥45.7K");
    expect(en.money(-5_000)).toBe("-¥5,000");
    expect(en.integer(1234567.4)).toBe("1,234,567");
  });

  it("percentages, changes and percentage points", () => {
    expect(en.percent(0.3215)).toBe("32.2%");
    expect(en.percent(0.72, 0)).toBe("72%");
    expect(en.change(0.125)).toBe("+12.5%");
    expect(en.change(-0.03)).toBe("-3.0%");
    expect(en.points(-0.021)).toBe("-2.1 pp");
    expect(zh.points(0.05)).toBe("+5.0个百分点");
  });

  it("dates in the locale's style, independent of the host time zone", () => {
    expect(en.date("2026-09-30")).toBe("Sep 30, 2026");
    expect(zh.date("2026-09-30")).toBe("2026年9月30日");
    expect(zh.date(new Date(Date.UTC(2021, 0, 1)))).toBe("2021年1月1日");
  });

  it("missing values print as a dash, never as NaN", () => {
    for (const f of [en, zh]) {
      expect(f.money(null)).toBe("–");
      expect(f.percent(Number.NaN)).toBe("–");
      expect(f.date("")).toBe("–");
    }
  });
});

describe("reporting currency", () => {
  it("CNY prints as ¥, another ISO code before the figure", () => {
    expect(makeFormat("en", { currency: "USD" }).money(1_234_567)).toBe("USD 1.23M");
    expect(makeFormat("zh-CN", { currency: "CNY" }).money(1_234_567)).toBe("¥123万");
  });
});

describe("small and vanishing amounts", () => {
  it("never prints a negative zero, and shows cents under 10", () => {
    const en = makeFormat("en");
    const zh = makeFormat("zh-CN");
    expect(en.money(-0.004)).toBe("¥0.00");
    expect(zh.money(-0.3)).toBe("-¥0.30");
    expect(en.money(0)).toBe("¥0");
    expect(en.money(-0)).toBe("¥0");
    expect(en.money(9.994)).toBe("¥9.99");
    expect(en.money(-12.4)).toBe("-¥12");
  });
});
