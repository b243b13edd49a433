// The ingest writes what it derived in English (main.ingest_derivations.rule,
// main.derived_attributes.rule: loaders/ingest/derive_lines.ts and derive_customers.ts); the
// report says it in its locale. One key per rule the ingest can write; a test checks that every
// one of them is covered (test/site/ingest-texts.test.ts), so a new rule cannot reach the zh-CN
// page in English. A rule without a key is shown as written.
const derivationKeys = {
  "quantity x unit_price": "derive.amount",
  "quantity x unit_price - discount": "derive.amountDiscount",
  "quantity x unit_price x (1 - discount_rate)": "derive.amountRate",
  "quantity x unit_price x discount_rate": "derive.discountFromRate",
  "amount x discount_rate / (1 - discount_rate)": "derive.discountFromAmount",
  "amount - profit": "derive.costProfit",
  "amount x (1 - margin)": "derive.costMargin",
  "position of the line within its order, in file order": "derive.lineNo",
  "customer_id@order_date: one order per customer and day (the export has no order id)": "derive.orderId",
  "'units' (the export has no unit column): quantity counts as volume": "derive.unit",
  "most frequent value over the customer's orders; a tie goes to the value on the latest order": "derive.attribute",
};

/** Rules with the row's specifics (a conversion's currencies and rates: loaders/ingest/currency.ts). */
const derivationPatterns = [
  [/^rows in (.+) \(column (.+)\) converted to (\S+) at (.+) \(ingest\.exchange_rates\)$/, "derive.currencyRows", (m) => ({from: m[1], column: m[2], to: m[3], rates: m[4]})],
  [/^converted from (\S+) to (\S+) at (\S+) \(ingest\.exchange_rates; the file is in \S+\)$/, "derive.currencyFile", (m) => ({from: m[1], to: m[2], rate: m[3]})],
];

/** The key of a rule the ingest writes, or undefined. */
export const derivationKey = (rule) => derivationKeys[rule] ?? derivationPatterns.find(([re]) => re.test(rule))?.[1];

/** A derivation rule in the report's language (t: the page's translator). */
export function derivationText(rule, t) {
  if (derivationKeys[rule]) return t(derivationKeys[rule]);
  for (const [re, key, values] of derivationPatterns) {
    const m = re.exec(rule);
    if (m) return t(key, values(m));
  }
  return rule;
}

/** A canonical column's name for readers ("order_date" -> "order date" / "订单日期"); unknown names as written. */
export const columnText = (name, t) => (name == null || name === "" ? "–" : t.or(`column.${name}`, name));

/** A canonical table's name for readers. */
export const tableText = (name, t) => t.or(`table.${name}`, name);
