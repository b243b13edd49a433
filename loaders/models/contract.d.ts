// Types of contract.js (plain JS so that the page data loaders can read the declarations too).
export type Unit = "money" | "quantity" | "measure" | "count" | "share" | "change" | "ratio" | "number" | "days" | "score" | "date" | "period" | "id" | "name" | "category" | "text" | "flag" | "mixed";
export type ColumnType = "text" | "integer" | "number" | "decimal" | "double" | "date" | "boolean" | "list";
export interface Column {
  name: string;
  type: ColumnType;
  unit: Unit;
  description: string;
  nullable?: string;
  values?: string[];
}
export type Test =
  | { not_null: string[]; where?: string }
  | { unique: string[] }
  | { between_0_1: string[] }
  | { sums_to_one: string; per: string[] }
  | { monotone: string; per: string[]; order: string; ends_at_one: boolean }
  | { sql: string; name: string };
export interface Declaration {
  name: string;
  description: string;
  grain: string[];
  columns: Column[];
  tests: Test[];
  pages: string[];
}
export const martsDir: string;
export const intermediateDir: string;
export const units: Record<Unit, string>;
export const types: ColumnType[];
export class ContractError extends Error {}
export function parseDeclaration(text: string, file: string): Declaration;
export function loadContracts(dir?: string): Map<string, Declaration>;
export function sqlMarts(dir?: string): string[];
export function contractOf(mart: string, dir?: string): Declaration;
export function typeFits(declared: ColumnType, duckdb: string): boolean;
export function contractProblems(contracts: Map<string, Declaration>, actual: Map<string, { name: string; type: string }[]>, sqlMarts?: string[]): string[];
export function unreachedMarts(contracts: Map<string, Declaration>, reads: Map<string, Set<string>>): string[];
export function exposureProblems(contracts: Map<string, Declaration>, reads: Map<string, Set<string>>): string[];
