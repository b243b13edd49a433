// One canonical column: a zod type carrying the metadata the ingest, the DDL and the docs need.
import { z } from "zod";

/** How a raw export value is parsed into the column (see loaders/ingest/values.ts). */
export type ValueKind =
  | "id" // text, trimmed, leading zeros kept
  | "text"
  | "date" // 2024-01-05, 2024/1/5, 2024年1月5日, 20240105, Excel serial
  | "number" // exact DECIMAL(18,4): thousands separators in groups of three, ¥ ￥ RMB, full-width digits, (123) and 123- negatives
  | "share" // a share as a DECIMAL(18,4): 0.2 or 20%
  | "integer" // a number that must be whole
  | "influence" // whole number 1-5
  | "rating" // A/B/C/D (优/良/中/差 accepted)
  | "visit_type"; // leadership | technical | business (高层拜访, 技术交流, 商务拜访, ...)

export type DuckType = "VARCHAR" | "INTEGER" | "DECIMAL(18,4)" | "DATE";

/** Money and quantities: exact decimals, 14 digits before the point and 4 after (to 1/10,000
 * of a unit; 99,999,999,999,999.9999 at most). Their SUM is DECIMAL(38,4), exact whatever the
 * order of the rows. Parsing (loaders/ingest/values.ts) rounds a fifth decimal half away from
 * zero and rejects a larger value. */
export const DECIMAL_TYPE = "DECIMAL(18,4)";
/** Largest magnitude DECIMAL(18,4) holds is below this. */
export const DECIMAL_LIMIT = "1e14";

export interface ColumnMeta {
  duckdb: DuckType;
  kind: ValueKind;
  /** A row without a valid value here is rejected, and the file is unusable without the column. */
  required: boolean;
  /** Contact details: kept in the warehouse, never published. */
  private: boolean;
  /** Part of the table's key (newer rows with the same key replace older ones). */
  key: boolean;
  /** Header names recognised without any mapping (Chinese and English). */
  aliases: string[];
  /** Set by the ingest, never read from an export (e.g. order_lines.line_type). */
  derived: boolean;
  description: string;
}

const duckOf: Record<ValueKind, DuckType> = {
  id: "VARCHAR",
  text: "VARCHAR",
  date: "DATE",
  number: "DECIMAL(18,4)",
  share: "DECIMAL(18,4)",
  integer: "INTEGER",
  influence: "INTEGER",
  rating: "VARCHAR",
  visit_type: "VARCHAR",
};

const zodOf = (kind: ValueKind) =>
  kind === "number" || kind === "share" ? z.number() : kind === "integer" || kind === "influence" ? z.number().int() : z.string();

type Options = Partial<Pick<ColumnMeta, "required" | "private" | "key" | "derived">> & { aliases: string[]; description: string };

/** A canonical column of the given kind; optional columns are nullable. */
export function column(kind: ValueKind, opts: Options) {
  const meta: ColumnMeta = {
    duckdb: duckOf[kind],
    kind,
    required: opts.required ?? false,
    private: opts.private ?? false,
    key: opts.key ?? false,
    aliases: opts.aliases,
    derived: opts.derived ?? false,
    description: opts.description,
  };
  const base = zodOf(kind);
  return (meta.required ? base : base.nullable()).meta({ column: meta });
}

/** The customer id, as every export that refers to a customer names it. */
export const customerId = (opts: { key?: boolean } = {}) =>
  column("id", {
    required: true,
    key: opts.key,
    aliases: ["客户编码", "客户编号", "客户代码", "客户ID", "customer_id", "customer id", "customer code", "customer no", "account id", "customer number", "sold-to party", "sold-to", "account number", "client id", "buyer id"],
    description: "Customer id; text, leading zeros kept.",
  });

/** The currency of a row's amounts (币种): read, not stored; amounts in another currency than the
 * report's are converted at ingest.exchange_rates (loaders/ingest/currency.ts). */
export const currencyInput = () =>
  column("text", {
    aliases: ["币种", "币别", "货币", "币种代码", "交易币种", "结算币种", "currency", "currency code", "curr", "ccy", "document currency", "transaction currency"],
    description: "Currency of the row's amounts (ISO code such as USD, or 美元): amounts in another currency than site.currency are converted at `ingest.exchange_rates`; without a rate the row is a reject naming the setting. Blank: the source's `currency`, else site.currency.",
  });

/** Lineage columns every canonical table ends with. */
export const lineage = {
  source_file: column("text", { required: true, aliases: [], description: "Path of the export the row came from." }),
  source_row: column("integer", {
    required: true,
    aliases: [],
    description: "Row of the export (the header is row 1; for CSV, the physical line where the record starts).",
  }),
};

export function columnMeta(schema: z.ZodType): ColumnMeta {
  const meta = schema.meta() as { column?: ColumnMeta } | undefined;
  if (!meta?.column) throw new Error("not a canonical column (made with column())");
  return meta.column;
}
