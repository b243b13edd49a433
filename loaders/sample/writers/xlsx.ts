// Writes one worksheet as an XLSX workbook whose bytes depend only on its contents:
// fixed document dates and author, fixed zip entry times (see zipTimes.ts). Rows are
// streamed (exceljs' WorkbookWriter), so a customer master of any size fits in memory.
import fs from "node:fs";
import ExcelJS from "exceljs";
import { fixZipTimes } from "./zipTimes.ts";

/** The document date written into every generated workbook. */
export const WORKBOOK_DATE = new Date(Date.UTC(2026, 9, 1, 0, 0, 0));

export async function writeXlsx(file: string, sheet: string, header: string[], rows: Iterable<(string | number)[]>) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  workbook.creator = "kam sample generator";
  workbook.lastModifiedBy = "kam sample generator";
  workbook.created = WORKBOOK_DATE;
  workbook.modified = WORKBOOK_DATE;
  const ws = workbook.addWorksheet(sheet);
  const head = ws.addRow(header);
  head.font = { bold: true };
  head.commit();
  for (const row of rows) ws.addRow(row).commit();
  ws.commit();
  await workbook.commit();
  fs.writeFileSync(file, fixZipTimes(fs.readFileSync(file)));
}
