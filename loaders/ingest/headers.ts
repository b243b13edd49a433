// Header mapping: which column of an export holds which canonical column, from the built-in
// aliases and the source's explicit mapping; and which table an export feeds.
import path from "node:path";
import { columnsOf, dataColumnsOf, mappableColumnsOf, tableNames, tables, type ColumnDef, type TableName } from "../schema/index.ts";
import { currencyCode } from "./currency_codes.ts";
import { UnusableFileError } from "./errors.ts";

/** Comparable form of a header: NFKC (full-width -> ASCII), lower case, no spaces, _, -, brackets or BOM. */
export const normalizeHeader = (h: string) =>
  h.normalize("NFKC").replace(/^\uFEFF/, "").toLowerCase().replace(/[\s_\-()（）:：.\/]/g, "");

/** Headers that name a private column (a contact person, phone, e-mail, address) in any table: they
 * are never taken for a public column, whatever the aliases, so a contact cannot be published as a
 * customer's name. */
export const privateHeaders: ReadonlySet<string> = new Set(
  tableNames.flatMap((t) => columnsOf(t).filter((c) => c.private).flatMap((c) => [c.name, ...c.aliases].map(normalizeHeader))),
);

/** A header with its unit in brackets at the end (金额（元）, 数量(吨), Amount [USD]): the name and the unit. */
export function headerUnit(h: string): { base: string; unit: string } | null {
  const m = /^(.*\S)\s*[(\[【]\s*([^()\[\]【】]{1,12}?)\s*[)\]】]$/.exec(h.normalize("NFKC").trim());
  return m ? { base: m[1], unit: m[2] } : null;
}

/** Units that scale money (万元 = 10,000 yuan): such a column is never read as if it were in 元. */
const SCALED_MONEY = /^(万|千|百万|千万|亿|十万)(元|人民币|美元)?$|^(k|m|mn|mm|bn|thousands?|millions?|000s?|'000)(\s+\S+)?$|^\S+\s+(k|m|mn|mm|bn|thousands?|millions?|000s?|'000)$/i;
/** Units that say the money is with or without tax, not its currency. */
const TAX = /^(含税|不含税|含税元|不含税元)$/;
/** Money columns: amounts in a currency (not quantities or hours). */
export const isMoney = (c: Pick<ColumnDef, "kind" | "name">) => c.kind === "number" && c.name !== "quantity" && c.name !== "hours";

/** Whether a header's unit lets it stand for the column (a currency for money, any unit for a
 * quantity or hours); a money header whose unit scales the amounts (万元) makes the file unusable. */
function unitFits(file: string, table: TableName, col: ColumnDef, header: string, unit: string, headers: string[]): boolean {
  if (isMoney(col) && SCALED_MONEY.test(unit))
    throw new UnusableFileError(
      file,
      `header ${JSON.stringify(header)} gives ${table}.${col.name} in ${unit}, not in units of the currency: read as they are its values would be ${unit} times too small; export the column in 元 (or the currency's unit)`,
      headers,
    );
  if (isMoney(col)) return TAX.test(unit) || unit.trim() === "$" || currencyCode(unit) !== null;
  // (a rate "in %" is not taken: its 20 would be read as a rate of 20, not 20%)
  return col.name === "quantity" || col.name === "hours";
}

export interface ColumnMapping {
  /** canonical column -> index of the export column */
  index: Map<string, number>;
  /** headers no canonical column uses */
  ignored: string[];
}

/** Map the headers of `file` to the table's columns, or explain why the file cannot be used.
 * `derivable(column, index)`: a required column the ingest can make up for from the others mapped
 * (order_lines: line_no, amount; see derive_lines.ts). */
export function mapHeaders(
  file: string,
  table: TableName,
  headers: string[],
  explicit: Record<string, string> = {},
  derivable: (column: string, index: Map<string, number>) => boolean = () => false,
): ColumnMapping {
  const norm = headers.map(normalizeHeader);
  const positions = (h: string) => norm.flatMap((n, i) => (n === normalizeHeader(h) ? [i] : []));
  const index = new Map<string, number>();
  const taken = new Set<number>();
  const claim = (col: ColumnDef, header: string, at: number[]) => {
    if (at.length > 1)
      throw new UnusableFileError(
        file,
        `header ${JSON.stringify(header)} appears ${at.length} times (columns ${at.map((i) => i + 1).join(", ")}); ` +
          `rename one or set a mapping for ${table}.${col.name}`,
        headers,
      );
    index.set(col.name, at[0]);
    taken.add(at[0]);
  };
  const columns = mappableColumnsOf(table);
  for (const [name, header] of Object.entries(explicit)) {
    const col = columns.find((c) => c.name === name);
    if (!col) throw new UnusableFileError(file, `the mapping names '${name}', which is not a column of ${table}`);
    const at = positions(header);
    if (!at.length) throw new UnusableFileError(file, `the mapping says ${table}.${name} is in column ${JSON.stringify(header)}, which the file does not have`, headers);
    const u = headerUnit(header);
    if (u) unitFits(file, table, col, header, u.unit, headers); // a scaled money unit is refused, mapped or not
    if (!col.private && privateHeaders.has(normalizeHeader(header)))
      throw new UnusableFileError(
        file,
        `the mapping puts column ${JSON.stringify(header)}, which names a private contact detail, into ${table}.${name}, which is published; map it to a private column (contact_name, phone, email, address) or rename the header`,
      );
    claim(col, header, at);
  }
  // Aliases in the schema's order: the specific before the generic ("account name" before "name").
  // A header is an alias as written, or an alias with its unit in brackets (金额（元）, 数量（吨）).
  const units = headers.map(headerUnit);
  for (const col of columns) {
    if (index.has(col.name)) continue;
    for (const alias of col.aliases) {
      if (!col.private && privateHeaders.has(normalizeHeader(alias))) continue;
      let at = positions(alias).filter((i) => !taken.has(i));
      if (!at.length)
        at = units.flatMap((u, i) =>
          u && !taken.has(i) && normalizeHeader(u.base) === normalizeHeader(alias) && !privateHeaders.has(norm[i]) && unitFits(file, table, col, headers[i], u.unit, headers) ? [i] : [],
        );
      if (at.length) {
        claim(col, alias, at);
        break;
      }
    }
  }
  const missing = columns.filter((c) => c.required && !index.has(c.name) && !derivable(c.name, index));
  const or = (c: ColumnDef) => (table === "order_lines" && c.name === "amount" ? ", or a quantity and a unit price to derive it from" : "");
  // An export that names its customers without an id (a Kaggle-style CUSTOMERNAME): say how the
  // name can stand for the id, not guessed here (two customers of one name would become one).
  const nameAt = index.get(table === "customers" ? "name" : "customer_name");
  const byName =
    nameAt !== undefined && missing.some((c) => c.name === "customer_id")
      ? `; the export names its customers only: to use the name as the id, map it ("mapping": {"customer_id": ${JSON.stringify(headers[nameAt])}})`
      : "";
  if (missing.length)
    throw new UnusableFileError(
      file,
      `no column for ${missing.map((c) => `${table}.${c.name} (expected a header such as ${c.aliases.slice(0, 4).join(" / ")}${or(c)})`).join("; ")}` +
        `${byName} — add a "mapping" for this source in the config`,
      headers,
    );
  return { index, ignored: headers.filter((_, i) => !taken.has(i)) };
}

/** Which table an export feeds: the file name, else the table whose header aliases match the most
 * headers (then mapHeaders explains what that table still misses). */
export function guessTable(file: string, headers: string[] | null): TableName | null {
  const base = path.basename(file).toLowerCase();
  for (const t of tableNames) if (base.startsWith(t)) return t;
  const byName = tableNames.filter((t) => tables[t].fileHints.some((h) => base.includes(h)));
  if (byName.length === 1) return byName[0];
  if (!headers) return null;
  const norm = new Set(headers.map(normalizeHeader));
  const scored = tableNames
    .map((t) => ({ t, score: dataColumnsOf(t).filter((c) => c.aliases.some((a) => norm.has(normalizeHeader(a)))).length }))
    .sort((a, b) => b.score - a.score);
  return scored[0].score >= 2 ? scored[0].t : null;
}
