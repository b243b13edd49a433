// Every rule the ingest writes into ingest_derivations / derived_attributes reads in the report's
// language on the data quality page (src/components/ingest-texts.js), and every canonical column
// has a reader's name in both dictionaries, so no raw rule or column name reaches the zh-CN page.
import { describe, expect, it } from "vitest";
import { derivations, type LinePlan } from "../../loaders/ingest/derive_lines.ts";
import { attributeRule } from "../../loaders/ingest/derive_customers.ts";
import { conversionRule } from "../../loaders/ingest/currency.ts";
import { columnsOf, inputColumnsOf, tableNames } from "../../loaders/schema/index.ts";
// @ts-ignore plain JS shared with the pages
import { columnText, derivationKey, derivationText } from "../../src/components/ingest-texts.js";
// @ts-ignore plain JS shared with the pages
import { dictionaries, makeT } from "../../src/components/i18n.js";

/** Every plan the ingest can make (each flag on or off, both cost sources). */
function allPlans(): LinePlan[] {
  const flags = ["lineNoFromPosition", "orderIdFromCustomerDay", "deriveAmount", "discountIsRate", "discountAmount", "unitAssumed"] as const;
  const plans: LinePlan[] = [];
  for (let bits = 0; bits < 1 << flags.length; bits++)
    for (const costFrom of [undefined, "profit", "margin"] as const) {
      const plan = Object.fromEntries(flags.map((f, i) => [f, Boolean(bits & (1 << i))])) as unknown as LinePlan;
      (plan as any).costFrom = costFrom;
      plans.push(plan);
    }
  return plans;
}

describe("what the ingest derived, in the report's language", () => {
  const money = { report: "CNY", rates: { USD: 7.1, EUR: 7.7 } };
  const conversions = [
    conversionRule({ kind: "row", column: "币种", blank: "CNY" }, money, ["USD", "CNY", "EUR"])!,
    conversionRule({ kind: "file", code: "USD", rate: 7.1 }, money, [])!,
  ];
  const rules = [...new Set([...allPlans().flatMap((p) => derivations(p).map((d) => d.rule)), attributeRule, ...conversions])];

  it("has a translation for every rule the ingest writes", () => {
    expect(rules.length).toBeGreaterThanOrEqual(10);
    for (const rule of rules) expect(derivationKey(rule), rule).toBeDefined();
    const zh = makeT("zh-CN");
    expect(derivationText("quantity x unit_price - discount", zh)).toBe("金额＝数量×单价－折扣");
    expect(derivationText("amount - profit", makeT("en"))).toBe("cost = amount − profit");
    expect(derivationText("something new", zh)).toBe("something new");
    expect(derivationText(conversions[0], zh)).toBe("EUR, USD 的行（列 币种）按 EUR 7.7, USD 7.1 折算为 CNY（ingest.exchange_rates）");
    expect(derivationText(conversions[1], zh)).toBe("金额按 7.1 由 USD 折算为 CNY（ingest.exchange_rates；该文件为 USD）");
  });

  it("names every canonical column for readers in both locales", () => {
    const names = new Set(tableNames.flatMap((t) => [...columnsOf(t), ...inputColumnsOf(t)].map((c) => c.name)));
    for (const name of names) {
      if (name === "source_file" || name === "source_row") continue;
      for (const dict of Object.values(dictionaries) as Record<string, string>[]) expect(dict[`column.${name}`], name).toBeTruthy();
      // the Chinese name is Chinese, not the raw column name
      expect(columnText(name, makeT("zh-CN")), name).not.toMatch(/_/);
    }
    expect(columnText("order_date", makeT("zh-CN"))).toBe("订单日期");
  });
});
