// The date system of a workbook. Excel for Mac wrote workbooks whose serial numbers count days
// from 1904-01-01 (`<workbookPr date1904="1"/>`, or "true" as other writers spell the boolean).
// exceljs converts date-formatted cells with that system only when it reads "1": so the flag is
// read here from workbook.xml, dates exceljs made with the wrong system are moved back, and serial
// numbers in plain cells are read with the right epoch by the stage (RawSource.excel1904).
import JSZip from "jszip";

/** Days between the 1900 and the 1904 systems' day zero. */
export const DAYS_1900_TO_1904 = 1462;

export async function workbookIs1904(workbook: Buffer): Promise<boolean> {
  const zip = await JSZip.loadAsync(workbook);
  return is1904Xml((await zip.file("xl/workbook.xml")?.async("string")) ?? "");
}

/** workbook.xml's text says the 1904 system. */
export const is1904Xml = (xml: string) => /<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["']\s*(?:1|true)\s*["']/i.test(xml);

/** A Date exceljs made from a serial number with the other date system, corrected. */
export const shiftDays = (d: Date, days: number) => (days ? new Date(d.getTime() + days * 86_400_000) : d);
