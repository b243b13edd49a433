// XLSX through exceljs (loaded only when an XLSX is read): cached formula results, dates as
// ISO text, into a temporary all-VARCHAR table with each row's sheet row number. The workbook is
// streamed sheet by sheet (xlsx_stream.ts); a workbook that needs what only exceljs's whole-workbook
// load does (external hyperlinks, overlapping merges, ...) is loaded whole, as before, with the same result.
import fs from "node:fs";
import type { Db } from "./duck.ts";
import { ident } from "./duck.ts";
import { UnusableFileError } from "./errors.ts";
import type { RawSource, StructuralReject } from "./raw.ts";
import { DAYS_1900_TO_1904, is1904Xml, shiftDays, workbookIs1904 } from "./xlsx_dates.ts";
import type { Merge, StreamSheet } from "./xlsx_stream.ts";

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
type Cells = (string | null)[];
type SheetRow = { n: number; cells: Cells };

/** A row's cells as text (exceljs's sparse `row.values`, 1-based), blanks as null. */
function rowCells(values: unknown[], dateShift: number): Cells {
  const texts = values.slice(1).map((v) => cellText(v, dateShift));
  return texts.map((c) => (c !== null && c.trim() === "" ? null : c));
}
const hasValue = (cells: Cells) => cells.some((c) => c !== null);

/** A sheet's rows that hold a value, as text, with their sheet row numbers. */
function sheetRows(sheet: Sheet, dateShift: number): SheetRow[] {
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    const cells = rowCells(row.values as unknown[], dateShift);
    if (hasValue(cells)) rows.push({ n, cells });
  });
  return rows;
}

const headersOf = (cells: Cells) => {
  let width = cells.length;
  while (width > 0 && cells[width - 1] === null) width--;
  return cells.slice(0, width).map((h) => (h ?? "").trim());
};

interface SheetInfo {
  name: string;
  state?: string;
}
const list = (sheets: SheetInfo[]) => sheets.map((w) => JSON.stringify(w.name)).join(", ");

/** Rows with a value looked at for the header: a report's title rows above it (标题, 制表日期, 单位)
 * are skipped when a later one of these fits the table and the first does not. */
export const HEADER_SEARCH = 10;

/** Which of a sheet's first rows with a value is its header: the first, unless it does not fit the
 * table and a later one of them does. */
function headerAt(first: Cells[], fits: (headers: string[]) => boolean): number {
  if (!first.length || fits(headersOf(first[0]))) return 0;
  const i = first.findIndex((c) => fits(headersOf(c)));
  return i < 0 ? 0 : i;
}

/** Which sheet to read when the source names none: the visible sheet with data; among several,
 * the one whose header row fits the table (`fits`); otherwise the workbook is ambiguous and
 * refused with the list of sheets (a hidden sheet is never read unless named). `withData`: the
 * sheets with a row holding a value, in workbook order; `firstRow`: such a sheet's first one. */
async function chooseSheet<S extends SheetInfo>(
  file: string,
  withData: S[],
  firstRows: (sheet: S) => Promise<Cells[]>,
  fits: (headers: string[]) => boolean,
): Promise<{ sheet: S; note: string | null }> {
  const visible = withData.filter((w) => (w.state ?? "visible") === "visible");
  const hidden = withData.filter((w) => !visible.includes(w));
  const also = hidden.length ? `; hidden: ${list(hidden)}` : "";
  if (visible.length === 1) return { sheet: visible[0], note: hidden.length ? `read its visible sheet ${JSON.stringify(visible[0].name)}, not the hidden ${list(hidden)}` : null };
  if (!visible.length)
    throw new UnusableFileError(file, withData.length ? `has data only on hidden sheets (${list(hidden)}): set "sheet" for this source to read one` : "has no sheet with data");
  const fitting: S[] = [];
  for (const w of visible) if ((await firstRows(w)).some((c) => fits(headersOf(c)))) fitting.push(w);
  if (fitting.length === 1)
    return { sheet: fitting[0], note: `read sheet ${JSON.stringify(fitting[0].name)}, the one of its ${visible.length} visible sheets with the columns of this table (others: ${list(visible.filter((w) => w !== fitting[0]))})` };
  throw new UnusableFileError(
    file,
    `has ${visible.length} visible sheets with data (${list(visible)}${also})${fitting.length ? `, ${fitting.length} of them with this table's columns` : ", none with this table's columns"}: set "sheet" for this source to the one to read`,
  );
}

/** The chosen sheet's rows into a temporary all-VARCHAR table: the first row with a value is the
 * header, or the first of the next few that fits the table when it does not (title rows above it). */
async function writeSheet(db: Db, file: string, sheetName: string, rows: AsyncIterable<SheetRow> | Iterable<SheetRow>, fits: (headers: string[]) => boolean) {
  const table = `kam_xlsx_${++seq}`;
  const structural: StructuralReject[] = [];
  let headers: string[] | null = null;
  let note: string | null = null;
  let width = 0;
  let appended = 0;
  let appender: Awaited<ReturnType<Db["con"]["createAppender"]>> | null = null;
  // The first rows are looked at for the header, then the rows pass on as they come; title rows
  // above the header are said (a note), not read.
  async function* withHeaderFirst(): AsyncGenerator<SheetRow> {
    const first: SheetRow[] = [];
    let looking = true;
    for await (const r of rows) {
      if (!looking) yield r;
      else if (first.push(r) === HEADER_SEARCH) {
        looking = false;
        yield* fromHeader(first);
      }
    }
    if (looking) yield* fromHeader(first);
  }
  function* fromHeader(first: SheetRow[]): Generator<SheetRow> {
    const at = headerAt(first.map((r) => r.cells), fits);
    if (at > 0) {
      const text = (r: SheetRow) => JSON.stringify([...new Set(r.cells.filter((c) => c !== null))].join(" ").slice(0, 60));
      note = `the header is row ${first[at].n} of sheet ${JSON.stringify(sheetName)}: ${at === 1 ? "the row above it is a title" : `the ${at} rows above it are a title`}, not data (${first.slice(0, at).map(text).join(", ")})`;
    }
    yield* first.slice(at);
  }
  try {
    for await (const { n, cells } of withHeaderFirst()) {
      if (!headers) {
        headers = headersOf(cells);
        width = headers.length;
        await db.exec(`CREATE OR REPLACE TEMP TABLE ${table} (_row INTEGER, ${headers.map((_, i) => `c${i} VARCHAR`).join(", ")})`);
        appender = await db.con.createAppender(table, "main", "temp");
        continue;
      }
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
      appender!.appendInteger(n);
      for (let i = 0; i < width; i++) {
        const c = cells[i];
        if (c === null || c === undefined) appender!.appendNull();
        else appender!.appendVarchar(c);
      }
      appender!.endRow();
      // The appender keeps its rows until flushed: 500,000 rows held that way took ~900 MB.
      if (++appended % 20_000 === 0) appender!.flushSync();
    }
    if (!headers) throw new UnusableFileError(file, `sheet ${JSON.stringify(sheetName)} is empty: expected a header row and data rows`);
    appender!.closeSync();
  } catch (e) {
    try {
      appender?.closeSync();
    } catch {
      // the table goes anyway
    }
    await db.exec(`DROP TABLE IF EXISTS temp.main.${table}`);
    throw e;
  }
  return { headers, table, structural, note: note as string | null };
}

function rawSource(db: Db, written: Awaited<ReturnType<typeof writeSheet>>, excel1904: boolean, sheetNote: string | null): RawSource {
  const { headers, table, structural } = written;
  const notes = [sheetNote, written.note].filter((n): n is string => n !== null);
  return {
    headers,
    columns: headers.map((_, i) => ident(`c${i}`)),
    from: `temp.main.${table}`,
    rowSql: "_row",
    skippedLines: [],
    encoding: null,
    excel1904,
    formulas: true,
    warnings: notes,
    structuralRejects: async () => structural,
    cleanup: async () => void (await db.exec(`DROP TABLE IF EXISTS temp.main.${table}`)),
  };
}

/** The workbook streamed (xlsx_stream.ts); throws StreamFallback where it cannot give what the whole load gives. */
async function readStreamed(db: Db, file: string, buf: Buffer, sheetName: string | undefined, fits: (headers: string[]) => boolean): Promise<RawSource> {
  const { MergesFound, openWorkbook } = await import("./xlsx_stream.ts");
  const wb = await openWorkbook(buf);
  const excel1904 = is1904Xml(wb.workbookXml);
  const dateShift = excel1904 && !wb.exceljs1904 ? DAYS_1900_TO_1904 : 0;
  if (!wb.sheets.length) throw new UnusableFileError(file, "has no worksheet");
  // A sheet found to have merged cells is read again with them (the sheet choice too: merges can change a header).
  const merges = new Map<StreamSheet, Merge[]>();
  for (;;) {
    try {
      return await readSheets();
    } catch (e) {
      if (!(e instanceof MergesFound) || merges.has(e.sheet)) throw e;
      merges.set(e.sheet, e.merges);
    }
  }
  async function* dataRows(sheet: StreamSheet) {
    for await (const { n, values } of wb.rows(sheet, merges.get(sheet))) {
      const cells = rowCells(values, dateShift);
      if (hasValue(cells)) yield { n, cells };
    }
  }
  /** The first rows with a value (up to `max`); `whole`: read the sheet to its end (merged cells there would change them). */
  async function firstRows(sheet: StreamSheet, whole: boolean, max = HEADER_SEARCH): Promise<Cells[]> {
    const first: Cells[] = [];
    for await (const { cells } of dataRows(sheet)) {
      if (first.length < max) first.push(cells);
      else if (!whole) break;
    }
    return first;
  }
  async function readSheets(): Promise<RawSource> {
    let sheet: StreamSheet;
    let note: string | null = null;
    if (sheetName) {
      const named = wb.sheets.find((w) => w.name === sheetName);
      if (!named) throw new UnusableFileError(file, `has no sheet named ${JSON.stringify(sheetName)}; sheets: ${list(wb.sheets)}`);
      sheet = named;
    } else {
      // Whether a sheet has data does not depend on merges (a merge copies a value already there).
      const withData: StreamSheet[] = [];
      for (const w of wb.sheets) if ((await firstRows(w, false, 1)).length) withData.push(w);
      ({ sheet, note } = await chooseSheet(file, withData, (w) => firstRows(w, true), fits));
    }
    return rawSource(db, await writeSheet(db, file, sheet.name, dataRows(sheet), fits), excel1904, note);
  }
}

/** The whole workbook loaded by exceljs (its cells all in memory). */
async function readWhole(db: Db, file: string, buf: Buffer, sheetName: string | undefined, fits: (headers: string[]) => boolean): Promise<RawSource> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  let excel1904: boolean;
  try {
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
  } else {
    const withData = wb.worksheets.filter((w) => sheetRows(w, dateShift).length > 0);
    ({ sheet, note } = await chooseSheet(file, withData, async (w) => sheetRows(w, dateShift).slice(0, HEADER_SEARCH).map((r) => r.cells), fits));
  }
  return rawSource(db, await writeSheet(db, file, sheet.name, sheetRows(sheet, dateShift), fits), excel1904, note);
}

/** The whole-workbook reader alone (what the streamed one must equal; for tests). */
export async function readXlsxWhole(db: Db, file: string, sheetName?: string, fits: (headers: string[]) => boolean = () => true): Promise<RawSource> {
  return readWhole(db, file, fs.readFileSync(file), sheetName, fits);
}

/** Why the last readXlsx call loaded the whole workbook, or null when it streamed it (for tests and the profile). */
export let lastXlsxFallback: string | null = null;

export async function readXlsx(db: Db, file: string, sheetName?: string, fits: (headers: string[]) => boolean = () => true): Promise<RawSource> {
  lastXlsxFallback = null;
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    throw new UnusableFileError(file, `cannot be read as XLSX: ${(e as Error).message}`);
  }
  try {
    const streamed = await readStreamed(db, file, buf, sheetName, fits);
    lastXlsxFallback = null;
    return streamed;
  } catch (e) {
    if (e instanceof UnusableFileError) throw e;
    // Anything the stream did not read as the whole load would (StreamFallback, or a part it could
    // not parse): the whole load decides, with its own result or its own error.
    lastXlsxFallback = (e as Error).message;
  }
  return readWhole(db, file, buf, sheetName, fits);
}
