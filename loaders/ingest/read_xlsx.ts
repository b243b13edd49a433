// XLSX through exceljs (loaded only when an XLSX is read): cached formula results, dates as
// ISO text, into a temporary all-VARCHAR table with each row's sheet row number.
import fs from "node:fs";
import type { Db } from "./duck.ts";
import { ident } from "./duck.ts";
import { UnusableFileError } from "./errors.ts";
import type { RawSource, StructuralReject } from "./raw.ts";
import { DAYS_1900_TO_1904, shiftDays, workbookIs1904 } from "./xlsx_dates.ts";

let seq = 0;

const pad = (n: number) => String(n).padStart(2, "0");

/** A cell as the text an export would have shown; formulas give their cached result. `dateShift`:
 * days to add to the dates exceljs made (see xlsx_dates.ts). */
export function cellText(value: unknown, dateShift = 0): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) {
    const day = shiftDays(value, dateShift);
    const d = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
    const t = day.getUTCHours() + day.getUTCMinutes() + day.getUTCSeconds();
    return t ? `${d} ${pad(day.getUTCHours())}:${pad(day.getUTCMinutes())}:${pad(day.getUTCSeconds())}` : d;
  }
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if ("formula" in v || "sharedFormula" in v) {
      // No cached result (never calculated): show the formula so the reject explains itself.
      return v.result === undefined ? `=${String(v.formula ?? v.sharedFormula)}` : cellText(v.result, dateShift);
    }
    if ("richText" in v) return (v.richText as { text: string }[]).map((r) => r.text).join("");
    if ("text" in v) return cellText(v.text, dateShift);
    if ("error" in v) return String(v.error);
  }
  return String(value);
}

type Sheet = import("exceljs").Worksheet;

/** A sheet's rows that hold a value, as text, with their sheet row numbers. */
function sheetRows(sheet: Sheet, dateShift: number): { n: number; cells: (string | null)[] }[] {
  const rows: { n: number; cells: (string | null)[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    const values = (row.values as unknown[]).slice(1).map((v) => cellText(v, dateShift));
    const cells = values.map((c) => (c !== null && c.trim() === "" ? null : c));
    if (cells.some((c) => c !== null)) rows.push({ n, cells });
  });
  return rows;
}

const headersOf = (cells: (string | null)[]) => {
  let width = cells.length;
  while (width > 0 && cells[width - 1] === null) width--;
  return cells.slice(0, width).map((h) => (h ?? "").trim());
};

const list = (sheets: Sheet[]) => sheets.map((w) => JSON.stringify(w.name)).join(", ");

/** Which sheet to read when the source names none: the visible sheet with data; among several,
 * the one whose header row fits the table (`fits`); otherwise the workbook is ambiguous and
 * refused with the list of sheets (a hidden sheet is never read unless named). */
function chooseSheet(file: string, sheets: Sheet[], dateShift: number, fits: (headers: string[]) => boolean): { sheet: Sheet; note: string | null } {
  const withData = sheets.filter((w) => sheetRows(w, dateShift).length > 0);
  const visible = withData.filter((w) => (w.state ?? "visible") === "visible");
  const hidden = withData.filter((w) => !visible.includes(w));
  const also = hidden.length ? `; hidden: ${list(hidden)}` : "";
  if (visible.length === 1) return { sheet: visible[0], note: hidden.length ? `read its visible sheet ${JSON.stringify(visible[0].name)}, not the hidden ${list(hidden)}` : null };
  if (!visible.length)
    throw new UnusableFileError(file, withData.length ? `has data only on hidden sheets (${list(hidden)}): set "sheet" for this source to read one` : "has no sheet with data");
  const fitting = visible.filter((w) => fits(headersOf(sheetRows(w, dateShift)[0].cells)));
  if (fitting.length === 1)
    return { sheet: fitting[0], note: `read sheet ${JSON.stringify(fitting[0].name)}, the one of its ${visible.length} visible sheets with the columns of this table (others: ${list(visible.filter((w) => w !== fitting[0]))})` };
  throw new UnusableFileError(
    file,
    `has ${visible.length} visible sheets with data (${list(visible)}${also})${fitting.length ? `, ${fitting.length} of them with this table's columns` : ", none with this table's columns"}: set "sheet" for this source to the one to read`,
  );
}

export async function readXlsx(db: Db, file: string, sheetName?: string, fits: (headers: string[]) => boolean = () => true): Promise<RawSource> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  let excel1904: boolean;
  try {
    const buf = fs.readFileSync(file);
    excel1904 = await workbookIs1904(buf);
    await wb.xlsx.load(buf as never);
  } catch (e) {
    throw new UnusableFileError(file, `cannot be read as XLSX: ${(e as Error).message}`);
  }
  // exceljs applied the 1900 system where it did not recognise the flag.
  const dateShift = excel1904 && !wb.properties.date1904 ? DAYS_1900_TO_1904 : 0;
  if (!wb.worksheets.length) throw new UnusableFileError(file, "has no worksheet");
  let sheet: Sheet;
  let note: string | null = null;
  if (sheetName) {
    const named = wb.getWorksheet(sheetName);
    if (!named) throw new UnusableFileError(file, `has no sheet named ${JSON.stringify(sheetName)}; sheets: ${list(wb.worksheets)}`);
    sheet = named;
  } else ({ sheet, note } = chooseSheet(file, wb.worksheets, dateShift, fits));
  const rows = sheetRows(sheet, dateShift);
  const header = rows.shift();
  if (!header) throw new UnusableFileError(file, `sheet ${JSON.stringify(sheet.name)} is empty: expected a header row and data rows`);
  const headers = headersOf(header.cells);
  const width = headers.length;
  const table = `kam_xlsx_${++seq}`;
  const cols = headers.map((_, i) => `c${i}`);
  await db.exec(`CREATE OR REPLACE TEMP TABLE ${table} (_row INTEGER, ${cols.map((c) => `${c} VARCHAR`).join(", ")})`);
  const structural: StructuralReject[] = [];
  const appender = await db.con.createAppender(table, "main", "temp");
  for (const { n, cells } of rows) {
    const extra = cells.slice(width).findIndex((c) => c !== null);
    if (extra >= 0) {
      structural.push({
        row: n,
        column: null,
        raw: cells.map((c) => c ?? "").join(","),
        reason: `row does not fit the header's ${width} columns: a value in column ${width + extra + 1}, which has no header`,
      });
      continue;
    }
    appender.appendInteger(n);
    for (let i = 0; i < width; i++) {
      const c = cells[i];
      if (c === null || c === undefined) appender.appendNull();
      else appender.appendVarchar(c);
    }
    appender.endRow();
  }
  appender.closeSync();
  return {
    headers,
    columns: cols.map(ident),
    from: `temp.main.${table}`,
    rowSql: "_row",
    skippedLines: [],
    encoding: null,
    excel1904,
    warnings: note ? [note] : [],
    structuralRejects: async () => structural,
    cleanup: async () => void (await db.exec(`DROP TABLE IF EXISTS temp.main.${table}`)),
  };
}
