// Every reason the ingest can write reads in Chinese on the zh-CN data quality page.
import { describe, expect, it } from "vitest";
import { dateRangeReason, expectation, formulaReason, missingReason } from "../../loaders/ingest/values.ts";
import { ambiguousDetail, futureDateReason, timeReason } from "../../loaders/ingest/dates.ts";
import { noCustomerReason, rateRangeReason } from "../../loaders/ingest/derive_lines.ts";
import { noRateReason } from "../../loaders/ingest/currency.ts";
// @ts-ignore plain JS shared with the pages
import { rejectReason, translates } from "../../src/components/reject-reasons.js";

// The reasons written in ingest_file.ts and read_csv.ts, as they come out for one example.
const composed = [
  "total row (合计): a summary line, not data",
  "duplicate key (order_id, line_no) in this file: row 12 has the same key and is loaded instead",
  "unknown customer id: not in the customers export",
  "unknown customer id: the customers export has it, but its row there was rejected (/data/exports/客户档案.csv row 12; see that file's rejects)",
  "row does not fit the header's 13 columns: Expected Number of Columns: 13 Found: 12",
  timeReason,
  ambiguousDetail.none,
  ambiguousDetail.both(120, 80),
  futureDateReason("2026-12-01"),
  "amount cannot be derived: the line has no unit price (amount = quantity x unit price)",
  "amount cannot be derived: quantity x unit price is too large",
  "non-product line (product id POST): excluded by this source's non_product setting",
  noCustomerReason,
  // read_csv.ts and read_xlsx.ts
  "a quote opened in this row is never closed (a stray \" in a value?): the row is rejected and the lines after it are read on their own",
  "the row is not valid utf-8 (the file as a whole is read as utf-8; see its encoding evidence)",
  "the row is longer than 2,000,000 bytes (2000123 bytes): not a row of an export",
  "the row is 2,000,027 bytes long, more than 1,000,000: not a row of an export",
  "a carriage return (CR) inside the row, not at its end, in a value without quotes: the row cannot be split into its columns",
  "the row is UTF-8 text in a file read as gb18030 (its other lines are not valid UTF-8): read as gb18030 its text would be mojibake",
  "the row could not be read: unexpected end",
  "row does not fit the header's 7 columns: a value in column 9, which has no header",
  rateRangeReason,
  // currency.ts and stage.ts
  noRateReason({ report: "CNY", rates: {} }, "USD"),
  "amount too large once converted to CNY: at most 14 digits before the decimal point",
  "expected a currency: an ISO code such as CNY, USD or EUR (or 人民币, 美元, 欧元)",
  `written with $, the sign of another currency than CNY (the report's currency, site.currency): set the source's "currency" (e.g. "USD") and its rate in ingest.exchange_rates, or export the amounts in CNY without the sign`,
  `written with ¥, the sign of another currency than USD: export the amounts in USD (the file's currency), or set the source's "currency"`,
];

describe("reject reasons in zh-CN", () => {
  const all = [...Object.values(expectation), missingReason, formulaReason, dateRangeReason({ min: "1990-01-01", max: "2100-12-31" }), ...composed];

  it("has a translation for every reason the ingest writes", () => {
    for (const reason of all) expect(translates(reason, "zh-CN"), reason).toBe(true);
  });

  it("keeps the specifics of the row", () => {
    expect(rejectReason(dateRangeReason({ min: "1990-01-01", max: "2100-12-31" }), "zh-CN")).toBe("日期超出范围（1990-01-01 至 2100-12-31）");
    expect(rejectReason(composed[1], "zh-CN")).toBe("文件内主键重复（order_id, line_no）：第 12 行主键相同，导入的是该行");
    expect(rejectReason(composed[0], "zh-CN")).toBe("合计行（合计）：汇总行，不是数据");
    expect(rejectReason(ambiguousDetail.both(120, 80), "zh-CN")).toContain("该列有 120 个日期只能按日在前读取，80 个只能按月在前读取");
    expect(rejectReason(noRateReason({ report: "CNY", rates: {} }, "USD"), "zh-CN")).toBe(
      "金额为 USD，而报告币种为 CNY（site.currency）：请设置 ingest.exchange_rates.USD（1 USD 折合多少 CNY）以折算，或以 CNY 导出",
    );
    expect(rejectReason(futureDateReason("2026-12-01"), "zh-CN")).toBe("日期晚于构建日期（2026-12-01）：未来日期；如需接受，请设置 ingest.date_range.max");
    expect(rejectReason("row does not fit the header's 7 columns: a value in column 9, which has no header", "zh-CN")).toBe("该行与表头的 7 列不符：第 9 列有值，但该列没有表头");
    expect(rejectReason("the row is not valid gb18030 (the file as a whole is read as gb18030; see its encoding evidence)", "zh-CN")).toBe("该行不是有效的 gb18030 编码（整个文件按 gb18030 读取；见该文件的编码说明）");
  });

  it("leaves English and unknown reasons as written", () => {
    expect(rejectReason(missingReason, "en")).toBe(missingReason);
    expect(rejectReason("something new", "zh-CN")).toBe("something new");
  });
});
