// The canonical tables analysts write SQL against: each defined once (a zod object of
// canonical columns) and described here; DDL and docs are generated from these.
import { z } from "zod";
import { columnMeta, currencyInput, type ColumnMeta } from "./column.ts";
import { OrderLine, OrderLineInputs } from "./order_lines.ts";
import { Customer } from "./customers.ts";
import { Payment } from "./payments.ts";
import { QualityClaim } from "./quality_claims.ts";
import { Visit } from "./visits.ts";

export type { ColumnMeta, ValueKind, DuckType } from "./column.ts";

export interface TableDef {
  name: TableName;
  schema: z.ZodObject;
  description: string;
  /** The warehouse is unusable without it (only order_lines). */
  required: boolean;
  /** Words in a file name that say which table an export feeds. */
  fileHints: string[];
  /** Columns an export may carry that the ingest reads but does not store (they derive others). */
  inputs?: z.ZodObject;
  /** Tables without a natural key: the columns that identify a row across overlapping exports
   * (a newer export replaces older rows with the same values, NULLs equal; rows equal within one
   * file stay rows). A source may set its own (`key` in the config). */
  overlapKey?: string[];
}

/** The inputs of an export with amounts and nothing to derive them from: the currency they are in. */
const MoneyInputs = z.object({ currency: currencyInput() });

export type TableName = "order_lines" | "customers" | "payments" | "quality_claims" | "visits";

export const tables: Record<TableName, TableDef> = {
  customers: {
    name: "customers",
    schema: Customer,
    description: "Customer record (客户档案), one row per customer. Derived from order_lines (id, name) when no customer export is configured.",
    required: false,
    fileHints: ["customer", "客户", "client", "account"],
  },
  order_lines: {
    name: "order_lines",
    schema: OrderLine,
    description:
      "Sales order lines; returns are negative. Key (order_id, line_no): a newer export replaces older rows with the same key. Without a line number column, line_no is the line's position within its order in the file. Without an amount column, amount = quantity x unit price (less the discount); without cost, cost = amount - profit (or amount x (1 - margin)); every such derivation is listed per file in `ingest_derivations`.",
    required: true,
    fileHints: ["order", "sales", "销售", "订单", "出库"],
    inputs: OrderLineInputs,
  },
  payments: {
    name: "payments",
    schema: Payment,
    description:
      "Payments received (回款). No natural key: a changed export replaces the rows loaded from that file, and an export overlapping another (Jan-Jun, then Apr-Sep) replaces the rows with the same customer, invoice reference, date and amount (configurable per source: `key`); equal payments within one file stay payments.",
    required: false,
    fileHints: ["payment", "回款", "收款", "collection"],
    overlapKey: ["customer_id", "invoice_ref", "payment_date", "amount"],
    inputs: MoneyInputs,
  },
  quality_claims: {
    name: "quality_claims",
    schema: QualityClaim,
    description: "Quality claims (质量损失). Replaced per source file, and across overlapping exports by customer, date and amount, like payments.",
    required: false,
    fileHints: ["claim", "quality", "索赔", "质量"],
    overlapKey: ["customer_id", "claim_date", "amount"],
    inputs: MoneyInputs,
  },
  visits: {
    name: "visits",
    schema: Visit,
    description: "Customer visits (走访). Replaced per source file, and across overlapping exports by customer, date and visit type, like payments.",
    required: false,
    fileHints: ["visit", "走访", "拜访"],
    overlapKey: ["customer_id", "visit_date", "visit_type"],
    inputs: MoneyInputs,
  },
};

/** Ingest order: customers first, so the other tables can be checked against them. */
export const tableNames = Object.keys(tables) as TableName[];

export interface ColumnDef extends ColumnMeta {
  name: string;
}

/** The columns of a table in order, with their metadata. */
export function columnsOf(table: TableName): ColumnDef[] {
  return Object.entries(tables[table].schema.shape).map(([name, type]) => ({
    name,
    ...columnMeta(type as z.ZodType),
  }));
}

/** Columns an export can provide (lineage and derived columns excluded). */
export const dataColumnsOf = (table: TableName) => columnsOf(table).filter((c) => c.aliases.length > 0);

/** Columns the ingest reads from an export without storing them (order_lines: profit, margin). */
export function inputColumnsOf(table: TableName): ColumnDef[] {
  const inputs = tables[table].inputs;
  return inputs ? Object.entries(inputs.shape).map(([name, type]) => ({ name, ...columnMeta(type as z.ZodType) })) : [];
}

/** Every column a header can be mapped to: the stored data columns, then the inputs. */
export const mappableColumnsOf = (table: TableName) => [...dataColumnsOf(table), ...inputColumnsOf(table)];

export const keyOf = (table: TableName) => columnsOf(table).filter((c) => c.key).map((c) => c.name);

/** Columns that must never reach the published site: `table.column`. */
export const privateColumns: { table: TableName; column: string }[] = tableNames.flatMap((t) =>
  columnsOf(t).filter((c) => c.private).map((c) => ({ table: t, column: c.name })),
);

export const isTableName = (s: string): s is TableName => s in tables;
