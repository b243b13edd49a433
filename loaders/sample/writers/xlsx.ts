// Writes one worksheet as an XLSX workbook whose bytes depend only on its contents:
// fixed document dates and author, fixed zip entry times (see zipTimes.ts).
import fs from "node:fs";
import ExcelJS from "exceljs";
import { fixZipTimes } from "./zipTimes.ts";

/** The document date written into every generated workbook. */
export const WORKBOOK_DATE = new Date(Date.UTC(2026, 9, 1, 0, 0, 0));

export async function writeXlsx(file: string, sheet: string, header: string[], rows: (string | number)[][]) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "kam sample generator";
  workbook.lastModifiedBy = "kam sample generator";
  workbook.created = WORKBOOK_DATE;
  workbook.modified = WORKBOOK_DATE;
  const ws = workbook.addWorksheet(sheet);
  ws.addRow(header);
  for (const row of rows) ws.addRow(row);
  ws.getRow(1).font = { bold: true };
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  fs.writeFileSync(file, fixZipTimes(buffer));
}
