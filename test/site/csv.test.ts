import { describe, expect, it } from "vitest";
// @ts-ignore plain JS module shared with the browser
import { toCsv } from "../../src/components/csv.js";

describe("CSV serializer", () => {
  it("quotes commas, quotes and newlines, keeps leading zeros and Chinese text", () => {
    const rows = [
      { id: "000123", name: '华北 "重点", 公司', revenue: 1234.5 },
      { id: "A7", name: "line\nbreak", revenue: null },
    ];
    expect(toCsv(rows, [["id", "客户编码"], ["name", "客户名称"], ["revenue", "金额"]])).toBe(
      '客户编码,客户名称,金额\r\n000123,"华北 ""重点"", 公司",1234.5\r\nA7,"line\nbreak",\r\n',
    );
  });
  it("neutralises spreadsheet formulas and writes markup as plain text", () => {
    expect(toCsv([{ n: "=HYPERLINK(1)" }, { n: "<img src=x onerror=alert(1)>" }])).toBe(
      "n\r\n'=HYPERLINK(1)\r\n<img src=x onerror=alert(1)>\r\n",
    );
  });
  it("dates as ISO days, non-finite numbers empty, default columns from the first row", () => {
    expect(toCsv([{ d: new Date(Date.UTC(2026, 8, 30)), x: Number.NaN }])).toBe("d,x\r\n2026-09-30,\r\n");
  });
});
