// Order lines as exports have them: what the ingest derives when a column is absent or written
// another way, and how it tells sales from returns and from lines that sell no product.
//
// - amount: the export's column, or quantity x unit price less the discount (source option `amount`);
// - discount: an amount, or a rate (0.2, 20%) read into discount_rate, the amount then derived
//   (option `discount`; a plain 折扣/Discount column is a rate when all its values are shares);
// - cost: the export's column, or amount - profit, or amount x (1 - margin) (option `cost`);
// - unit: 'units' when the export has none (quantity is then the volume);
// - line_no: the line's position within its order in the file when the export has no line numbers
//   (so two identical lines stay two lines);
// - order_id: without one (a sales journal, 销售流水), a customer's orders are its days: the order
//   is `customer_id@order_date`;
// - line_type: non_product (a product id of `non_product.product_ids`; `action: exclude` makes those
//   lines rejects of class `excluded`), return (negative quantity or amount, or an order id starting
//   with one of `returns.order_prefixes`), else sale;
// - a blank customer id is a reject of class `no_customer`, whose threshold is a share of the amount.
// Every derivation is recorded per file in ingest_derivations, for the pages to say so.
import type { SourceConfig } from "../config/ingest.ts";
import { DECIMAL_TYPE } from "../schema/column.ts";
import type { TableName } from "../schema/index.ts";
import type { Db } from "./duck.ts";
import { ident, lit } from "./duck.ts";
import { UnusableFileError } from "./errors.ts";
import { normalizeHeader, type ColumnMapping } from "./headers.ts";
import type { RawSource } from "./raw.ts";
import { missingReason, parseSql, type ParseOptions } from "./values.ts";

export interface LinePlan {
  /** The amount is quantity x unit price (less the discount) rather than the export's column. */
  deriveAmount: boolean;
  /** The discount is given as a rate (discount_rate); its amount is derived. */
  discountIsRate: boolean;
  /** The export gives the discount as an amount. */
  discountAmount: boolean;
  /** Where the cost comes from, when not from a cost column. */
  costFrom: "profit" | "margin" | null;
  /** No unit column: every line's unit is 'units'. */
  unitAssumed: boolean;
  /** No line number column: line_no is the position within the order. */
  lineNoFromPosition: boolean;
  /** No order id column: the order is the customer's day (customer_id@order_date). */
  orderIdFromCustomerDay: boolean;
  creditPrefixes: string[];
  nonProductIds: string[];
  excludeNonProduct: boolean;
}

export interface Derivation {
  column: string;
  rule: string;
}

const has = (m: ColumnMapping, c: string) => m.index.has(c);

/** Required columns of order_lines that the ingest can make up for, given what else is mapped. */
export function derivable(table: TableName, source: Pick<SourceConfig, "amount">) {
  return (column: string, index: Map<string, number>): boolean => {
    if (table !== "order_lines") return false;
    if (column === "line_no") return true;
    if (column === "order_id") return index.has("customer_id") && index.has("order_date");
    if (column === "amount") return source.amount !== "export" && index.has("quantity") && index.has("unit_price");
    return false;
  };
}

/** Headers under which a discount column holds an amount whatever its values. */
const amountHeaders = new Set(["折扣额", "折扣金额", "discount amount", "discount_amount"].map(normalizeHeader));

/**
 * Decide the plan for one order-lines export, adjusting `mapping` to it: a discount column read as
 * a rate moves to discount_rate, columns the plan ignores (an amount when it is derived, cost inputs
 * not used) are dropped from the mapping and listed as ignored headers. Reads the discount column
 * once first when only its values can tell an amount from a rate.
 */
export async function planLines(
  db: Db,
  file: string,
  raw: RawSource,
  mapping: ColumnMapping,
  source: Pick<SourceConfig, "amount" | "discount" | "cost" | "returns" | "non_product">,
  parse: ParseOptions,
): Promise<LinePlan> {
  const drop = (c: string) => {
    const i = mapping.index.get(c);
    if (i === undefined) return;
    mapping.index.delete(c);
    if (![...mapping.index.values()].includes(i)) mapping.ignored.push(raw.headers[i]);
  };
  // Amount.
  const amountMode = source.amount ?? "auto";
  const canDerive = has(mapping, "quantity") && has(mapping, "unit_price");
  if (amountMode === "derive" && !canDerive)
    throw new UnusableFileError(file, `"amount": "derive" needs a quantity and a unit price column`, raw.headers);
  const deriveAmount = amountMode === "derive" || (amountMode === "auto" && !has(mapping, "amount"));
  if (deriveAmount) drop("amount");

  // Discount: an amount or a rate. A column named as a rate is one (an alias of discount_rate); a
  // plain discount column is a rate when the source says so or, in auto, when its values are.
  if (has(mapping, "discount")) {
    const mode = source.discount ?? "auto";
    const at = mapping.index.get("discount")!;
    const rate =
      mode === "rate" ||
      (mode === "auto" && !has(mapping, "discount_rate") && !amountHeaders.has(normalizeHeader(raw.headers[at])) && (await looksLikeRates(db, raw, at, parse)));
    if (rate) {
      if (!has(mapping, "discount_rate")) mapping.index.set("discount_rate", at);
      drop("discount");
    }
  }
  // Given a rate and no amount, the discount's amount is derived.
  const discountIsRate = has(mapping, "discount_rate") && !has(mapping, "discount");

  // Cost.
  const costMode = source.cost ?? "auto";
  let costFrom: LinePlan["costFrom"] = null;
  if (costMode === "profit" || costMode === "margin") {
    if (!has(mapping, costMode)) throw new UnusableFileError(file, `"cost": "${costMode}" needs a ${costMode} column`, raw.headers);
    costFrom = costMode;
  } else if (costMode === "auto" && !has(mapping, "cost")) costFrom = has(mapping, "profit") ? "profit" : has(mapping, "margin") ? "margin" : null;
  if (costFrom) drop("cost");
  for (const input of ["profit", "margin"]) if (input !== costFrom) drop(input);

  const returns = source.returns?.order_prefixes ?? [];
  const nonProduct = source.non_product ?? { product_ids: [], action: "tag" as const };
  return {
    deriveAmount,
    discountIsRate,
    discountAmount: has(mapping, "discount"),
    costFrom,
    unitAssumed: !has(mapping, "unit"),
    lineNoFromPosition: !has(mapping, "line_no"),
    orderIdFromCustomerDay: !has(mapping, "order_id"),
    creditPrefixes: returns,
    nonProductIds: nonProduct.product_ids.map((p) => p.trim().toUpperCase()),
    excludeNonProduct: nonProduct.action === "exclude",
  };
}

/** Whether a discount column's values are rates: every readable value a share (0 to 1) or written
 * with %, and at least one strictly between 0 and 1 (or with %). */
async function looksLikeRates(db: Db, raw: RawSource, at: number, parse: ParseOptions): Promise<boolean> {
  const v = `kam_blank(${raw.columns[at]})`;
  const [r] = await db.rows<{ pct: number; values: number; outside: number; fractions: number }>(
    `SELECT count(*) FILTER (ends_with(v, '%')) AS pct, count(d) AS "values", count(*) FILTER (d < 0 OR d > 1) AS outside,
            count(*) FILTER (d > 0 AND d < 1) AS fractions
     FROM (SELECT v, ${parseSql("share", "v", parse)} AS d FROM (SELECT ${v} AS v FROM ${raw.from}))`,
  );
  return r.values > 0 && r.outside === 0 && (r.pct > 0 || r.fractions > 0);
}

/** What the plan derives, in words, for ingest_derivations. */
export function derivations(plan: LinePlan): Derivation[] {
  const out: Derivation[] = [];
  if (plan.orderIdFromCustomerDay) out.push({ column: "order_id", rule: orderIdRule });
  if (plan.lineNoFromPosition) out.push({ column: "line_no", rule: "position of the line within its order, in file order" });
  if (plan.deriveAmount)
    out.push({
      column: "amount",
      rule: plan.discountIsRate ? "quantity x unit_price x (1 - discount_rate)" : plan.discountAmount ? "quantity x unit_price - discount" : "quantity x unit_price",
    });
  if (plan.discountIsRate)
    out.push({ column: "discount", rule: plan.deriveAmount ? "quantity x unit_price x discount_rate" : "amount x discount_rate / (1 - discount_rate)" });
  if (plan.costFrom) out.push({ column: "cost", rule: plan.costFrom === "profit" ? "amount - profit" : "amount x (1 - margin)" });
  if (plan.unitAssumed) out.push({ column: "unit", rule: "'units' (the export has no unit column): quantity counts as volume" });
  return out;
}

export interface DerivedSql {
  /** Levels of `expr AS name` evaluated after the parsed values (each may use the ones before). */
  levels: string[][];
  /** Canonical column -> the name of its derived value. */
  values: Map<string, string>;
  /** Problems the derivations add: column, raw value SQL, reason SQL (NULL = none), class. */
  problems: { column: string; raw: string; reason: string; cls: string }[];
}

/** Order-line derivations as SQL over the stage's parsed values `v_<col>` (NULL when not mapped). */
export function derivedSql(plan: LinePlan, mapped: (c: string) => boolean): DerivedSql {
  const v = (c: string) => (mapped(c) ? ident(`v_${c}`) : "NULL");
  const values = new Map<string, string>();
  const problems: DerivedSql["problems"] = [];
  const exact = (e: string) => `TRY_CAST(${e} AS ${DECIMAL_TYPE})`;
  const wide = (c: string) => `CAST(${v(c)} AS DECIMAL(38,8))`;
  // quantity x unit price, exact (DECIMAL(38,16)); a product beyond DECIMAL(18,4) gives NULL, not an overflow error.
  const listAmount = `CASE WHEN abs(CAST(${v("quantity")} AS DOUBLE) * CAST(${v("unit_price")} AS DOUBLE)) < 1e14 THEN ${wide("quantity")} * ${wide("unit_price")} END`;
  const rate = `coalesce(${v("discount_rate")}, 0)`;
  const levels: string[][] = [[], [], []];
  if (plan.deriveAmount) {
    levels[0].push(`${listAmount} AS w_list_amount`);
    levels[1].push(
      `${exact(plan.discountIsRate ? `w_list_amount * (1 - ${rate})` : `w_list_amount - coalesce(${v("discount")}, 0)`)} AS w_amount`,
    );
    values.set("amount", "w_amount");
    problems.push({
      column: "amount",
      raw: "NULL",
      reason: `CASE WHEN w_amount IS NULL AND ${v("quantity")} IS NOT NULL THEN CASE WHEN ${v("unit_price")} IS NULL
        THEN 'amount cannot be derived: the line has no unit price (amount = quantity x unit price)'
        ELSE 'amount cannot be derived: quantity x unit price is too large' END END`,
      cls: "required",
    });
  }
  const amount = plan.deriveAmount ? "w_amount" : v("amount");
  if (mapped("discount_rate"))
    problems.push({
      column: "discount_rate",
      raw: ident("s_discount_rate"),
      reason: `CASE WHEN ${v("discount_rate")} < 0 OR ${v("discount_rate")} > 1 THEN ${lit(rateRangeReason)} END`,
      cls: "optional",
    });
  if (plan.discountIsRate) {
    levels[2].push(
      `${plan.deriveAmount ? exact(`w_list_amount * ${v("discount_rate")}`) : `CASE WHEN ${v("discount_rate")} < 1 THEN ${exact(`${amount} * ${v("discount_rate")} / (1 - ${v("discount_rate")})`)} END`} AS w_discount`,
    );
    values.set("discount", "w_discount");
  }
  if (plan.costFrom) {
    levels[2].push(`${exact(plan.costFrom === "profit" ? `${amount} - ${v("profit")}` : `CAST(${amount} AS DECIMAL(38,8)) * (1 - ${v("margin")})`)} AS w_cost`);
    values.set("cost", "w_cost");
  }
  if (plan.unitAssumed) values.set("unit", "'units'");
  // The line type: a list_contains, not IN: a long IN list would become a join (see kam_blank).
  const nonProduct = plan.nonProductIds.length ? `list_contains([${plan.nonProductIds.map(lit).join(", ")}], upper(${v("product_id")}))` : "false";
  const credit = plan.creditPrefixes.length ? plan.creditPrefixes.map((p) => `starts_with(${v("order_id")}, ${lit(p)})`).join(" OR ") : "false";
  levels[2].push(
    `CASE WHEN ${nonProduct} THEN 'non_product' WHEN ${credit} OR ${v("quantity")} < 0 OR ${amount} < 0 THEN 'return' ELSE 'sale' END AS w_line_type`,
  );
  values.set("line_type", "w_line_type");
  if (plan.excludeNonProduct && plan.nonProductIds.length)
    problems.push({
      column: "product_id",
      raw: v("product_id"),
      reason: `CASE WHEN w_line_type = 'non_product' THEN 'non-product line (product id ' || ${v("product_id")} || '): excluded by this source''s non_product setting' END`,
      cls: "excluded",
    });
  return { levels: levels.filter((l) => l.length), values, problems };
}

/** Why a discount rate is refused. */
export const rateRangeReason = "expected a discount rate between 0 and 1 (0.2 or 20%)";

/** Why an order line without a customer id is not loaded (class no_customer). */
export const noCustomerReason = "no customer id: the line cannot be given to a customer (walk-in sale?); counted by its share of the amount";

/** The reason for a blank required value: on an order line, a missing customer id says what it means. */
export const missingReasonOf = (table: TableName, column: string) => (table === "order_lines" && column === "customer_id" ? noCustomerReason : missingReason);

/** The class of a problem of a column: a blank customer id on an order line is `no_customer`. */
export const problemClassSql = (table: TableName, column: string, required: boolean, reason: string) =>
  table === "order_lines" && column === "customer_id"
    ? `CASE WHEN ${reason} = ${lit(noCustomerReason)} THEN 'no_customer' ELSE 'required' END`
    : lit(required ? "required" : "optional");

/** How an order id is made when the export has none. */
export const orderIdRule = "customer_id@order_date: one order per customer and day (the export has no order id)";

/**
 * After the stage has its row numbers and its dates are settled (resolveDayMonth): order ids from the
 * customer and the day, then line numbers from positions (all rows of the order count, also rejected
 * ones, so that fixing one line later does not renumber the others).
 */
export async function completeLines(db: Db, stage: string, plan: LinePlan): Promise<void> {
  if (plan.orderIdFromCustomerDay) await db.exec(`UPDATE ${stage} SET order_id = customer_id || '@' || strftime(order_date, '%Y-%m-%d')`);
  if (!plan.lineNoFromPosition) return;
  await db.exec(
    `UPDATE ${stage} SET line_no = p.n FROM (
       SELECT rowid AS rid, CAST(row_number() OVER (PARTITION BY order_id ORDER BY source_row) AS INTEGER) AS n FROM ${stage}) p
     WHERE ${stage}.rowid = p.rid`,
  );
}

/** The share of the file's amount (absolute) on lines rejected only for having no customer id. */
export async function noCustomerShare(db: Db, stage: string): Promise<number | null> {
  const [r] = await db.rows<{ none: number | null; all: number | null }>(
    `SELECT sum(abs(amount)) FILTER (total_label IS NULL AND list_contains(list_transform(problems, p -> p.class), 'no_customer')
              AND NOT list_contains(list_transform(problems, p -> p.class), 'required')
              AND NOT list_contains(list_transform(problems, p -> p.class), 'excluded')) AS "none",
            sum(abs(amount)) FILTER (total_label IS NULL) AS "all"
     FROM ${stage}`,
  );
  if (!r.none) return r.all ? 0 : null;
  return Number(r.none) / Number(r.all);
}

/** Replace the file's rows of ingest_derivations. */
export async function recordDerivations(db: Db, file: string, table: string, list: Derivation[], lines: number): Promise<void> {
  await db.exec(`DELETE FROM ingest_derivations WHERE path = ? AND table_name = ?`, [file, table]);
  for (const d of list) await db.exec(`INSERT INTO ingest_derivations VALUES (?, ?, ?, ?, ?)`, [file, table, d.column, d.rule, lines]);
}
