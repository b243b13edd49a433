// Reading a customer summary CSV in the `lifetimes` convention for `kam clv --summary`:
// customer_id,frequency,recency,T[,monetary_value]. The Fader-Hardie names (ID, x, t_x, T,
// zbar) are accepted too, so the CDNOW files work as shipped. The CSV itself is read by
// DuckDB (quotes, BOM, CRLF); every value is then checked here, and a bad one is reported
// with the file, the data row, the line and the column.
import { withDuckDb } from "../warehouse/open.ts";

export class SummaryFileError extends Error {}

export interface SummaryRecord {
  customerId: string;
  frequency: number;
  recency: number;
  T: number;
  monetaryValue: number | null;
}

const ALIASES: Record<string, string[]> = {
  customer_id: ["customer_id", "id", "ID"],
  frequency: ["frequency", "x"],
  recency: ["recency", "t_x"],
  T: ["T"],
  monetary_value: ["monetary_value", "zbar"],
};

/** Validate header and rows (strings, as read); throws SummaryFileError naming the cell. */
export function parseSummaryRecords(file: string, header: string[], rows: (string | null)[][]): SummaryRecord[] {
  const position = (name: string) => {
    const found = ALIASES[name].map((alias) => header.indexOf(alias)).find((i) => i >= 0);
    return found === undefined ? -1 : found;
  };
  const col = Object.fromEntries(Object.keys(ALIASES).map((name) => [name, position(name)]));
  const missing = ["customer_id", "frequency", "recency", "T"].filter((name) => col[name] < 0);
  if (missing.length) {
    throw new SummaryFileError(
      `${file}: missing column(s) ${missing.join(", ")}; expected a header customer_id,frequency,recency,T[,monetary_value], got ${header.join(",")}`,
    );
  }
  return rows.map((row, i) => {
    // Data row i is line i + 2 of the file (line 1 is the header).
    const where = (name: string) => `${file} row ${i + 1} (line ${i + 2}), column ${header[col[name]]}`;
    const number = (name: string, check: (v: number) => boolean, expected: string) => {
      const raw = row[col[name]];
      const v = raw === null || raw.trim() === "" ? Number.NaN : Number(raw);
      if (!check(v)) throw new SummaryFileError(`${where(name)}: expected ${expected}, got ${raw === null ? "an empty value" : JSON.stringify(raw)}`);
      return v;
    };
    const frequency = number("frequency", (v) => Number.isInteger(v) && v >= 0, "a whole number >= 0");
    const recency = number("recency", (v) => v >= 0, "a number >= 0");
    const T = number("T", (v) => v >= recency, `a number >= recency (${recency})`);
    let monetaryValue: number | null = null;
    if (col.monetary_value >= 0) {
      // A repeat buyer with zero spend is kept (BG/NBD uses them); Gamma-Gamma leaves them out.
      monetaryValue = number("monetary_value", (v) => v >= 0, "a number >= 0");
    }
    if (frequency === 0 && recency !== 0) throw new SummaryFileError(`${where("recency")}: expected 0 when frequency is 0, got ${recency}`);
    return { customerId: String(row[col.customer_id] ?? ""), frequency, recency, T, monetaryValue };
  });
}

/** Read and validate the file. */
export async function readSummaryCsv(file: string): Promise<SummaryRecord[]> {
  return withDuckDb(":memory:", {}, async (con) => {
    let reader;
    try {
      reader = await con.runAndReadAll(`select * from read_csv(?, all_varchar = true, header = true)`, [file]);
    } catch (e) {
      throw new SummaryFileError(`${file}: cannot be read as CSV: ${(e as Error).message.split("\n")[0]}`);
    }
    return parseSummaryRecords(file, reader.columnNames(), reader.getRowsJS() as (string | null)[][]);
  });
}
