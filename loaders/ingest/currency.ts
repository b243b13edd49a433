// Money in another currency: one report has one currency (site.currency), so an export's amounts
// in another one are converted at the rate the config gives (ingest.exchange_rates), or refused
// naming that setting; never added up as if they were the report's.
//
// Where an amount's currency comes from, per money column: the unit in its header (Amount (USD),
// 金额（美元）), else the row's currency column (币种 / Currency), else the report's currency.
import { DECIMAL_TYPE } from "../schema/column.ts";
import { mappableColumnsOf, type TableName } from "../schema/index.ts";
import { lit } from "./duck.ts";
import { UnusableFileError } from "./errors.ts";
import { currencyCode, currencyNames, isoCurrencies } from "./currency_codes.ts";
import { headerUnit, isMoney, type ColumnMapping } from "./headers.ts";

export interface Money {
  /** The report's currency (site.currency). */
  report: string;
  /** Units of the report's currency one unit of each other currency buys (ingest.exchange_rates). */
  rates: Record<string, number>;
}

/** The rate from `code` to the report's currency: 1 for the report's own, null when the config has none. */
export const rateOf = (money: Money, code: string): number | null => (code === money.report ? 1 : (money.rates[code] ?? null));

/** Why amounts in `code` cannot be loaded (no rate in the config). */
export const noRateReason = (money: Money, code: string) =>
  `amounts in ${code}, not in ${money.report} (the report's currency, site.currency): set ingest.exchange_rates.${code} (${money.report} per 1 ${code}) to convert them, or export in ${money.report}`;

/** A rate as a DECIMAL literal, exact for the rates a config writes (at most 10 decimal places). */
const rateSql = (r: number) => `CAST(${lit(String(r))} AS DECIMAL(18,10))`;

/** SQL: the ISO code of a row's currency column (`v`; NULL when blank: then `blank`, the source's currency or the report's). */
export function rowCurrencySql(v: string, blank: string): string {
  const u = `upper(trim(${v}))`;
  const cases = Object.entries(currencyNames).map(([n, c]) => `WHEN ${lit(n)} THEN ${lit(c)}`).join(" ");
  return `CASE WHEN ${v} IS NULL THEN ${lit(blank)} ELSE CASE ${u} ${cases} ELSE CASE WHEN list_contains([${[...isoCurrencies].map(lit).join(", ")}], ${u}) THEN ${u} END END END`;
}

/** SQL: the rate of a row's currency code (`code`), NULL when the config has none. */
export function rowRateSql(code: string, money: Money): string {
  const known = [[money.report, 1] as const, ...Object.entries(money.rates).filter(([c]) => c !== money.report)];
  return `CASE ${code} ${known.map(([c, r]) => `WHEN ${lit(c)} THEN ${rateSql(r)}`).join(" ")} END`;
}

/** SQL: an amount in the report's currency, exact to the stored 4 decimals; NULL when it does not fit.
 * (DECIMAL(38,4) x DECIMAL(18,10) is multiplied in 128 bits: in DECIMAL(18,4) it overflowed.) */
export const convertedSql = (amount: string, rate: string | number) =>
  `TRY_CAST(round(CAST(${amount} AS DECIMAL(38,4)) * ${typeof rate === "number" ? rateSql(rate) : rate}, 4) AS ${DECIMAL_TYPE})`;

/** Why a row's currency column is refused (NULL when its amounts can be loaded): `code` and `rate` as rowCurrencySql and rowRateSql give them. */
export const rowCurrencyReasonSql = (code: string, rate: string, money: Money) =>
  `CASE WHEN ${code} IS NULL THEN ${lit("expected a currency: an ISO code such as CNY, USD or EUR (or 人民币, 美元, 欧元)")}
    WHEN ${rate} IS NULL THEN replace(${lit(noRateReason(money, "{code}"))}, '{code}', ${code}) END`;

/** How one file's money reaches the report's currency: at one rate (its headers name the currency),
 * or at each row's (its currency column). */
export type CurrencyPlan = { kind: "file"; code: string; rate: number } | { kind: "row"; column: string; blank: string };

/**
 * The file's plan, or null when its money is in the report's currency already. The headers' units
 * (Amount (USD)) name the file's currency; one file cannot have two, nor a unit and a currency
 * column; a currency without a rate in the config makes the file unusable (naming the setting).
 */
export function planCurrency(file: string, table: TableName, headers: string[], mapping: ColumnMapping, money: Money, configured?: string): CurrencyPlan | null {
  const named = new Map<string, string>(); // code -> the first header naming it
  for (const c of mappableColumnsOf(table).filter(isMoney)) {
    const i = mapping.index.get(c.name);
    const unit = i === undefined ? null : headerUnit(headers[i]);
    const code = unit && currencyCode(unit.unit);
    if (code && !named.has(code)) named.set(code, headers[i!]);
  }
  const column = mapping.index.get("currency");
  if (named.size > 1)
    throw new UnusableFileError(file, `its money columns are in different currencies (${[...named.values()].map((h) => JSON.stringify(h)).join(", ")}): export them in one`, headers);
  const [code] = named.keys();
  if (code && column !== undefined)
    throw new UnusableFileError(
      file,
      `header ${JSON.stringify(named.get(code))} says the amounts are in ${code}, and column ${JSON.stringify(headers[column])} gives each row's currency: say which holds (drop the unit from the header, or leave the currency column out of the mapping)`,
      headers,
    );
  if (code && configured && code !== configured)
    throw new UnusableFileError(file, `header ${JSON.stringify(named.get(code))} says the amounts are in ${code}, and the source's "currency" says ${configured}: say which holds`, headers);
  // (a blank cell of the currency column is in the source's currency, else in the report's)
  if (column !== undefined) return { kind: "row", column: headers[column], blank: configured ?? money.report };
  const fileCode = code ?? configured;
  if (!fileCode || fileCode === money.report) return null;
  const rate = rateOf(money, fileCode);
  const why = code ? `header ${JSON.stringify(named.get(code))}` : `the source's "currency" is ${fileCode}`;
  if (rate === null) throw new UnusableFileError(file, `${why}: ${noRateReason(money, fileCode)}`, headers);
  return { kind: "file", code: fileCode, rate };
}

/** What the ingest records of a conversion (ingest_derivations), for the pages to say so. */
export function conversionRule(plan: CurrencyPlan, money: Money, codes: string[]): string | null {
  if (plan.kind === "file") return `converted from ${plan.code} to ${money.report} at ${plan.rate} (ingest.exchange_rates; the file is in ${plan.code})`;
  const other = codes.filter((c) => c !== money.report).sort();
  if (!other.length) return null;
  return `rows in ${other.join(", ")} (column ${plan.column}) converted to ${money.report} at ${other.map((c) => `${c} ${money.rates[c]}`).join(", ")} (ingest.exchange_rates)`;
}

/** Currency signs the number reader takes off a value (values.ts, kam_num_clean), and the currencies
 * each may stand for: a sign that cannot stand for the file's currency says the value is in another. */
const signs: [string, string[]][] = [
  ["¥", ["CNY", "JPY"]],
  ["￥", ["CNY", "JPY"]],
  ["元", ["CNY"]],
  ["RMB", ["CNY"]],
  ["CNY", ["CNY"]],
  ["$", ["USD", "HKD", "TWD", "AUD", "NZD", "CAD", "SGD", "MXN"]],
];

/** SQL: why a money value written with another currency's sign (a $12.00 in a CNY file) is refused,
 * NULL when its sign (if any) fits `code`, the currency the file's amounts are in. */
export function foreignSignSql(raw: string, code: string, money: Money): string | null {
  const foreign = signs.filter(([, cs]) => !cs.includes(code)).map(([sign]) => sign);
  if (!foreign.length) return null;
  const found = foreign.map((g) => (/^[A-Z]+$/.test(g) ? `contains(upper(${raw}), ${lit(g)})` : `contains(${raw}, ${lit(g)})`)).join(" OR ");
  const fix =
    code === money.report
      ? `set the source's "currency" (e.g. "USD") and its rate in ingest.exchange_rates, or export the amounts in ${code} without the sign`
      : `export the amounts in ${code} (the file's currency), or set the source's "currency"`;
  return `CASE WHEN ${found} THEN 'written with ' || regexp_extract(${raw}, ${lit(foreign.map((g) => g.replace("$", "\\$")).join("|"))}, 0, 'i') || ${lit(`, the sign of another currency than ${code}${code === money.report ? " (the report's currency, site.currency)" : ""}: ${fix}`)} END`;
}
