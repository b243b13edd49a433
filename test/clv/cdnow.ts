// Readers for the CDNOW test fixtures (see test/fixtures/cdnow/README.md).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { dayNumber, type Transaction } from "../../loaders/clv/summary.ts";

export const cdnowDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/cdnow");
export const cdnowFile = (name: string) => path.join(cdnowDir, name);

export interface ShippedSummaryRow {
  id: string;
  x: number;
  tx: number;
  T: number;
  zbar: number;
}

/** `cdnow_customers_summary_with_transactions.csv`: ID,x,t_x,T,zbar. */
export function readShippedSummary(): ShippedSummaryRow[] {
  const lines = fs.readFileSync(cdnowFile("cdnow_customers_summary_with_transactions.csv"), "utf8").trim().split(/\r?\n/);
  if (lines[0] !== "ID,x,t_x,T,zbar") throw new Error(`unexpected header ${lines[0]}`);
  return lines.slice(1).map((line) => {
    const [id, x, tx, T, zbar] = line.split(",");
    return { id, x: Number(x), tx: Number(tx), T: Number(T), zbar: Number(zbar) };
  });
}

/** `CDNOW_sample.txt`: one transaction per row, keyed by the sample id (= summary ID). */
export function readSampleTransactions(): Transaction[] {
  return fs
    .readFileSync(cdnowFile("CDNOW_sample.txt"), "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((line) => {
      const [, sampleId, date, , value] = line.trim().split(/\s+/);
      const day = dayNumber(Number(date.slice(0, 4)), Number(date.slice(4, 6)), Number(date.slice(6, 8)));
      return { customerId: String(Number(sampleId)), day, value: Number(value) };
    });
}

export const CALIBRATION_END = dayNumber(1997, 9, 30);
export const HOLDOUT_END = dayNumber(1998, 6, 30);
