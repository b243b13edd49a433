// One table, CSV and axis format per unit of the output contract (src/components/units.js).
import { describe, expect, it } from "vitest";
// @ts-ignore plain JS shared with the browser
import { axisTicks, csvValue, formatValue } from "../../src/components/units.js";
// @ts-ignore
import { makeFormat } from "../../src/components/format.js";

describe("formats by unit", () => {
  const en = makeFormat("en");
  const zh = makeFormat("zh-CN");

  it("print a table cell in the locale's style", () => {
    expect(formatValue("money", en)(407186082.51)).toBe("¥407M");
    expect(formatValue("money", zh)(407186082.51)).toBe("¥4.07亿");
    expect(formatValue("share", en)(0.2299)).toBe("23.0%");
    expect(formatValue("share", en, { digits: 0 })(0.2299)).toBe("23%");
    expect(formatValue("change", en)(0.047)).toBe("+4.7%");
    expect(formatValue("count", en)(1209)).toBe("1,209");
    expect(formatValue("measure", en, { measure: "volume" })(12345)).toBe("12.3K");
    expect(formatValue("measure", en, { measure: "revenue" })(12345)).toBe("¥12.3K");
    expect(formatValue("date", en)("2026-09-30")).toBe("Sep 30, 2026");
    expect(formatValue("share", en)(null)).toBe("–");
    expect(formatValue("name", en)("<b>王五</b>")).toBe("<b>王五</b>");
  });

  it("write CSV raw: money to the cent, shares as fractions without float noise, one format per column", () => {
    expect(csvValue("money", 407186082.51000005)).toBe("407186082.51");
    expect(csvValue("money", 3)).toBe("3.00");
    expect(csvValue("measure", 3, { measure: "volume" })).toBe("3");
    expect(csvValue("quantity", 2.5)).toBe("2.5");
    expect(csvValue("share", 0.30000000000000004)).toBe("0.3");
    expect(csvValue("share", 0.0094035412)).toBe("0.00940354");
    expect(csvValue("count", 12)).toBe("12");
    expect(csvValue("money", null)).toBe(null);
    expect(csvValue("money", Number.NaN)).toBe(null);
    expect(csvValue("date", "2026-09-30")).toBe("2026-09-30");
  });

  it("label chart axes", () => {
    expect(axisTicks("share", en)(0.25)).toBe("25%");
    expect(axisTicks("money", zh)(150_000_000)).toBe("¥1.5亿");
  });
});
