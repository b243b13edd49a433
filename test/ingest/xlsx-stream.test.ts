// XLSX is streamed sheet by sheet (xlsx_stream.ts) and must read exactly what exceljs's whole-workbook
// load reads: every kind of cell, by hand and against the whole load; merged cells as exceljs gives them
// (each cell of a range has the top-left cell's value); what the stream cannot reproduce (external
// hyperlinks, overlapping merges, rows out of order) is loaded whole, with the same result.
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "../../loaders/ingest/duck.ts";
import { lastXlsxFallback, readXlsx, readXlsxWhole } from "../../loaders/ingest/read_xlsx.ts";
import { tempDir } from "./helpers.ts";

const dir = tempDir();
let db: Db;
beforeAll(async () => void (db = await openDb(path.join(dir, "x.duckdb"))));
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

let n = 0;
async function book(build: (wb: ExcelJS.Workbook) => void, sheetXml?: (xml: string) => string) {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const file = path.join(dir, `b${++n}.xlsx`);
  await wb.xlsx.writeFile(file);
  if (sheetXml) {
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    zip.file("xl/worksheets/sheet1.xml", sheetXml(await zip.file("xl/worksheets/sheet1.xml")!.async("string")));
    fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  }
  return file;
}

/** What a reader gave: headers, rows (sheet row number + cells), ragged rows, notes. */
async function read(reader: typeof readXlsx, file: string, sheet?: string, fits?: (h: string[]) => boolean) {
  const r = await reader(db, file, sheet, fits);
  const rows = (await db.rows<Record<string, unknown>>(`SELECT * FROM ${r.from} ORDER BY _row`)).map((o) => Object.values(o));
  const out = { headers: r.headers, rows, structural: await r.structuralRejects(), warnings: r.warnings, excel1904: r.excel1904 };
  await r.cleanup();
  return out;
}
const error = (p: Promise<unknown>) => p.then(() => "no error", (e: Error) => e.message);

describe("xlsx read as a stream", () => {
  it("every kind of cell as the export shows it, streamed, as the whole load reads it", async () => {
    const file = await book((wb) => {
      const ws = wb.addWorksheet("客户");
      ws.addRow(["id", "name", "date", "amount", "flag", "f"]);
      ws.addRow(["001", { richText: [{ text: "甲", font: { bold: true } }, { text: "乙" }] }, new Date(Date.UTC(2024, 0, 5)), 12.5, true, { formula: "D2*2", result: 25 }]);
      ws.addRow(["002", "  ", new Date(Date.UTC(2024, 0, 5, 10, 30)), -3, false, { formula: "D3*2" }]);
      ws.addRow(["003", "x", null, 0.5, null, { formula: "1/0", result: { error: "#DIV/0!" } }]);
      ws.addRow([]);
      ws.addRow(["004", "w", null, 8, null, null, "extra"]);
      ws.getCell("C7").value = 45000;
      ws.getCell("C7").numFmt = "yyyy/m/d";
      ws.getCell("A7").value = "005";
    });
    const got = await read(readXlsx, file);
    expect(lastXlsxFallback).toBeNull();
    expect(got.headers).toEqual(["id", "name", "date", "amount", "flag", "f"]);
    expect(got.rows).toEqual([
      [2, "001", "甲乙", "2024-01-05", "12.5", "true", "25"],
      [3, "002", null, "2024-01-05 10:30:00", "-3", "false", "=D3*2"],
      [4, "003", "x", null, "0.5", null, "#DIV/0!"],
      [7, "005", null, "2023-03-15", null, null, null], // serial 45000 in a date format
    ]);
    expect(got.structural).toEqual([
      { row: 6, column: null, raw: "004,w,,8,,,extra", reason: "row does not fit the header's 6 columns: a value in column 7, which has no header" },
    ]);
    expect(got).toEqual(await read(readXlsxWhole, file));
  });

  it("inline strings (rich too), shared formulas, the 1904 system written as \"true\"", async () => {
    const file = await book(
      (wb) => {
        wb.properties.date1904 = true;
        const ws = wb.addWorksheet("s");
        ws.addRow(["id", "a", "b"]);
        for (let i = 2; i < 5; i++) ws.addRow([`i${i}`, i, null]);
        ws.getCell("C2").value = { formula: "B2*2", result: 4, shareType: "shared", ref: "C2:C4" } as never;
        ws.getCell("C3").value = { sharedFormula: "C2", result: 6 } as never;
        ws.getCell("C4").value = { sharedFormula: "C2" } as never;
        ws.getCell("D5").value = new Date(Date.UTC(2024, 0, 5));
      },
      (xml) => xml.replace("</sheetData>", '<row r="6"><c r="A6" t="inlineStr"><is><r><t>内</t></r><r><t>联</t></r></is></c><c r="B6" t="inlineStr"><is><t>x&amp;y</t></is></c></row></sheetData>'),
    );
    const got = await read(readXlsx, file);
    expect(lastXlsxFallback).toBeNull();
    expect(got.rows).toEqual([
      [2, "i2", "2", "4"],
      [3, "i3", "3", "6"],
      [4, "i4", "4", "=C2"],
      [6, "内联", "x&y", null],
    ]);
    expect(got.structural.map((s) => s.raw)).toEqual([",,,2024-01-05"]);
    expect(got).toEqual(await read(readXlsxWhole, file));
  });

  it("merged cells: every cell of a range has its top-left cell's value, in rows that exist or not", async () => {
    const merged = await book((wb) => {
      const ws = wb.addWorksheet("m");
      ws.addRow(["id", "region", "amount", "note"]);
      ws.addRow(["1", "North", 1, "x"]);
      ws.addRow(["2", null, 2]);
      ws.getCell("B4").value = "its own value"; // a writer's value in a merged cell: the range's value wins
      ws.getCell("A4").value = "3";
      ws.mergeCells("B2:B4");
      ws.getCell("C6").value = "tail";
      ws.mergeCells("C6:C7"); // row 7 is in no <row> element
      ws.getCell("D9").value = "wide";
      ws.mergeCells("D9:E9"); // into a column without a header
    });
    const m = await read(readXlsx, merged);
    expect(lastXlsxFallback).toBeNull();
    expect(m.rows).toEqual([
      [2, "1", "North", "1", "x"],
      [3, "2", "North", "2", null],
      [4, "3", "North", null, null],
      [6, null, null, "tail", null],
      [7, null, null, "tail", null],
    ]);
    expect(m.structural.map((r) => [r.row, r.raw])).toEqual([[9, ",,,wide,wide"]]);
    expect(m).toEqual(await read(readXlsxWhole, merged));
    const overlapping = await book(
      (wb) => {
        const ws = wb.addWorksheet("o");
        ws.addRow(["id", "region"]);
        ws.addRow(["1", "North"]);
        ws.mergeCells("B2:B3");
      },
      (xml) => xml.replace(/<mergeCells[^>]*>/, (open) => open + '<mergeCell ref="A2:B2"/>'),
    );
    expect(await error(readXlsx(db, overlapping))).toBe(`${overlapping}: cannot be read as XLSX: Cannot merge already merged cells`);
    expect(lastXlsxFallback).toBe("overlapping merged cells");
  });

  it("hyperlinks and rows out of order are loaded whole: the same rows as before", async () => {
    const linked = await book((wb) => {
      const ws = wb.addWorksheet("h");
      ws.addRow(["id", "site"]);
      ws.addRow(["1", { text: "home", hyperlink: "https://example.com" }]);
    });
    expect((await read(readXlsx, linked)).rows).toEqual([[2, "1", "home"]]);
    expect(lastXlsxFallback).toBe("hyperlinks");
    const shuffled = await book(
      (wb) => wb.addWorksheet("o").addRow(["a"]),
      (xml) => xml.replace(/<sheetData>.*<\/sheetData>/s, '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row><row r="3"><c r="A3"><v>3</v></c></row><row r="2"><c r="A2"><v>2</v></c></row></sheetData>'),
    );
    expect((await read(readXlsx, shuffled)).rows).toEqual([
      [2, "2"],
      [3, "3"],
    ]);
    expect(lastXlsxFallback).toBe("row 2 after row 3");
  });

  it("sheets: the same choice and the same messages as the whole load", async () => {
    const file = await book((wb) => {
      wb.addWorksheet("说明").addRow(["本表为销售明细"]);
      wb.addWorksheet("明细").addRow(["order_id", "amount"]);
      wb.getWorksheet("明细")!.addRow(["A", 1]);
      wb.addWorksheet("old", { state: "hidden" }).addRow(["order_id"]);
      wb.addWorksheet("empty");
    });
    const fits = (h: string[]) => h.includes("order_id");
    const chosen = await read(readXlsx, file, undefined, fits);
    expect(lastXlsxFallback).toBeNull();
    expect(chosen.warnings).toEqual([`read sheet "明细", the one of its 2 visible sheets with the columns of this table (others: "说明")`]);
    expect(chosen).toEqual(await read(readXlsxWhole, file, undefined, fits));
    for (const [sheet, f] of [[undefined, undefined], ["none", undefined], ["empty", undefined]] as const) {
      const message = await error(readXlsx(db, file, sheet, f));
      expect(message).not.toBe("no error");
      expect(message).toBe(await error(readXlsxWhole(db, file, sheet, f)));
    }
    expect(await error(readXlsx(db, file, "none"))).toBe(`${file}: has no sheet named "none"; sheets: "说明", "明细", "old", "empty"`);
  });
});
