// Shared by the sample tests: a temporary folder, file hashes, and reading the exports
// back with tools independent of the generator (TextDecoder, DuckDB, exceljs).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { testDir } from "../support/temp.ts";

export const EXPORTS = ["order_lines.csv", "customers.xlsx", "payments.csv", "visits.csv", "quality_claims.csv", "ground_truth.json"];

export const tempDir = (label: string) => testDir(`kam-sample-${label}-`);

export function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(EXPORTS.map((f) => [f, crypto.createHash("sha256").update(fs.readFileSync(path.join(dir, f))).digest("hex")]));
}

/** The text of a sample CSV, decoded as its export is encoded. */
export function csvText(dir: string, file: string): string {
  const bytes = fs.readFileSync(path.join(dir, file));
  const encoding = file.startsWith("order_lines") ? "gb18030" : "utf-8"; // also the monthly order_lines-YYYY-MM.csv
  return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
}

/** Data row `row` (1-based, header excluded) of a CSV, split on commas outside quotes. */
export function dataRow(text: string, row: number): string[] {
  const line = text.split(/\r?\n/)[row];
  return line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((f) => f.replace(/^"|"$/g, "").replace(/""/g, '"'));
}

export async function duckdb(): Promise<{ con: DuckDBConnection; close: () => void }> {
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  return { con, close: () => (con.closeSync(), instance.closeSync()) };
}

export async function rows<T = Record<string, unknown>>(con: DuckDBConnection, sql: string): Promise<T[]> {
  return (await con.runAndReadAll(sql)).getRowObjectsJS() as T[];
}
