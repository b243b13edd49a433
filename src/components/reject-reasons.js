// The ingest writes its reject reasons in English (they also go to the rejects CSV that
// analysts open); the zh-CN report shows them in Chinese. One pattern per reason the ingest
// can write (loaders/ingest/values.ts, ingest_file.ts, read_csv.ts); a test checks that every
// one of them is covered, so a new reason cannot slip through untranslated.
const zhCN = [
  [/^expected a number\b.*$/, () => "应为数字（如 1,234.50、¥1234；负数写作 (123) 或 123-）"],
  [/^expected a date\b.*$/, () => "应为日期（2024-01-05、2024/1/5、2024年1月5日、20240105、按该列日月顺序的 5/1/2024、5-Jan-2024 或 Excel 日期序号），可带有效时间"],
  [/^expected a valid time of day after the date\b.*$/, () => "日期后的时间无效（时 0-23，带 AM/PM 时 1-12；分、秒 0-59）"],
  [/^ambiguous date: day and month order cannot be told \(no value in this column has a day above 12\).*$/, () =>
    "日期有歧义：无法判断日与月的先后（该列没有日大于 12 的值）；请为此数据源设置 \"dates\": {\"order\": \"dmy\"} 或 {\"order\": \"mdy\"}"],
  [/^ambiguous date: day and month order cannot be told \(the column has (\d+) dates only day-first can read and (\d+) only month-first can read\).*$/, (m) =>
    `日期有歧义：无法判断日与月的先后（该列有 ${m[1]} 个日期只能按日在前读取，${m[2]} 个只能按月在前读取）；请为此数据源设置 "dates": {"order": "dmy"} 或 {"order": "mdy"}`],
  [/^date after the build date \((.+)\): a future date\b.*$/, (m) => `日期晚于构建日期（${m[1]}）：未来日期；如需接受，请设置 ingest.date_range.max`],
  [/^expected a share \(0\.2 or 20%\)$/, () => "应为比例（0.2 或 20%）"],
  [/^amount cannot be derived: the line has no unit price\b.*$/, () => "无法推算金额：该行没有单价（金额 = 数量 × 单价）"],
  [/^amount cannot be derived: quantity x unit price is too large$/, () => "无法推算金额：数量 × 单价过大"],
  [/^non-product line \(product id (.*)\): excluded by this source's non_product setting$/, (m) => `非商品行（商品编码 ${m[1]}）：按此数据源的 non_product 设置排除`],
  [/^expected a discount rate between 0 and 1\b.*$/, () => "折扣率应在 0 至 1 之间（0.2 或 20%）"],
  [/^no customer id: the line cannot be given to a customer\b.*$/, () => "无客户编码：该行无法归属到客户（零售散客？）；按其金额占比计入阈值"],
  [/^expected a whole number from 1 to 5$/, () => "应为 1 至 5 的整数"],
  [/^expected a whole number$/, () => "应为整数"],
  [/^expected a credit rating\b.*$/, () => "应为信用等级 A、B、C 或 D（优/良/中/差）"],
  [/^expected a visit type\b.*$/, () => "应为走访类型：高层拜访、技术交流或商务拜访"],
  [/^expected an id$/, () => "应为编码"],
  [/^expected text$/, () => "应为文本"],
  [/^required value is missing$/, () => "必填值缺失"],
  [/^a formula without a calculated value\b.*$/, () => "公式没有计算结果：该工作簿由不计算公式的程序保存；请在 Excel 中打开并保存（或导出数值）"],
  [/^date out of range \((.+) to (.+)\)$/, (m) => `日期超出范围（${m[1]} 至 ${m[2]}）`],
  [/^total row \((.*)\): a summary line, not data$/, (m) => `合计行（${m[1]}）：汇总行，不是数据`],
  [/^duplicate key \((.+)\) in this file: row (\d+) has the same key and is loaded instead$/, (m) => `文件内主键重复（${m[1]}）：第 ${m[2]} 行主键相同，导入的是该行`],
  [/^unknown customer id: not in the customers export$/, () => "未知客户编码：客户档案中没有该客户"],
  [/^unknown customer id: the customers export has it, but its row there was rejected \((.+) row (\d+); see that file's rejects\)$/, (m) =>
    `未知客户编码：客户档案中有该客户，但其所在行被拒绝（${m[1]} 第 ${m[2]} 行；见该文件的拒绝记录）`],
  [/^row does not fit the header's (\d+) columns: a value in column (\d+), which has no header$/, (m) => `该行与表头的 ${m[1]} 列不符：第 ${m[2]} 列有值，但该列没有表头`],
  [/^row does not fit the header's (\d+) columns: ([\s\S]*)$/, (m) => `该行与表头的 ${m[1]} 列不符：${m[2]}`],
  [/^a quote opened in this row is never closed\b.*$/, () => "该行有未闭合的引号（值中可能有多余的 \"）：该行被拒绝，其后各行单独读取"],
  [/^the row is not valid (\S+) \(the file as a whole is read as (\S+); see its encoding evidence\)$/, (m) => `该行不是有效的 ${m[1]} 编码（整个文件按 ${m[2]} 读取；见该文件的编码说明）`],
  [/^the row is longer than 2,000,000 bytes\b.*: not a row of an export$/, () => "该行超过 2,000,000 字节：不是导出数据的一行"],
  [/^the row is ([\d,]+) bytes long, more than 1,000,000: not a row of an export$/, (m) => `该行长 ${m[1]} 字节，超过 1,000,000：不是导出数据的一行`],
  [/^the row is UTF-8 text in a file read as (\S+) \(its other lines are not valid UTF-8\): read as \S+ its text would be mojibake$/, (m) =>
    `该行是 UTF-8 文本，而文件按 ${m[1]} 读取（其余各行不是有效的 UTF-8）：按 ${m[1]} 读取会成乱码`],
  [/^the row could not be read: ([\s\S]*)$/, (m) => `该行无法读取：${m[1]}`],
  [/^a carriage return \(CR\) inside the row\b.*$/, () => "该行中间有回车符（CR），且所在值没有引号：无法拆分为各列"],
  // loaders/ingest/currency.ts and stage.ts
  [/^amounts in (\S+), not in (\S+) \(the report's currency, site\.currency\): .*$/, (m) =>
    `金额为 ${m[1]}，而报告币种为 ${m[2]}（site.currency）：请设置 ingest.exchange_rates.${m[1]}（1 ${m[1]} 折合多少 ${m[2]}）以折算，或以 ${m[2]} 导出`],
  [/^written with (.+), the sign of another currency than (\S+)( \(the report's currency, site\.currency\))?: .*$/, (m) =>
    m[3] ? `带有 ${m[1]} 符号，不是报告币种 ${m[2]}（site.currency）：请为此数据源设置 "currency"（如 "USD"）并在 ingest.exchange_rates 中设置其汇率，或以不带符号的 ${m[2]} 金额导出`
      : `带有 ${m[1]} 符号，不是该文件的币种 ${m[2]}：请以 ${m[2]} 导出金额，或修改此数据源的 "currency"`],
  [/^expected a currency\b.*$/, () => "应为币种：ISO 代码（如 CNY、USD、EUR）或人民币、美元、欧元"],
  [/^(\S+) too large once converted to (\S+): .*$/, (m) => `${m[1]} 折算为 ${m[2]} 后过大：小数点前最多 14 位`],
];

const patterns = { "zh-CN": zhCN };

/** The reason in the report's locale; a reason without a pattern is shown as written. */
export function rejectReason(reason, locale) {
  for (const [re, text] of patterns[locale] ?? []) {
    const m = re.exec(reason ?? "");
    if (m) return text(m);
  }
  return reason;
}

/** Whether `locale` has a translation for `reason` (used by the tests). */
export const translates = (reason, locale) => (patterns[locale] ?? []).some(([re]) => re.test(reason));
