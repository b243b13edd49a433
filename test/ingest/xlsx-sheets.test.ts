// Which sheet of a workbook is read when the source names none: the visible sheet with data;
// among several, the one with the table's columns; otherwise the workbook is refused with the
// list of its sheets. A hidden sheet is read only when named.
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { lastXlsxFallback } from "../../loaders/ingest/read_xlsx.ts";
import { ingest, query, tempDir } from "./helpers.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const HEAD = ["order_id", "line_no", "order_date", "customer_id", "product_id", "quantity", "amount"];
const orders = (o: string, amount: number) => [HEAD, [o, 1, "2024-01-05", "C1", "P1", 1, amount]];

async function book(sheets: { name: string; rows: (string | number)[][]; hidden?: boolean }[]) {
  const dir = tempDir();
  dirs.push(dir);
  const file = path.join(dir, "export.xlsx");
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, s.hidden ? { state: "hidden" } : {});
    s.rows.forEach((r) => ws.addRow(r));
  }
  await wb.xlsx.writeFile(file);
  return { dir, file };
}
const loaded = async (dir: string) => query(dir, `SELECT order_id FROM order_lines ORDER BY 1`);

describe("xlsx sheets", () => {
  it("a hidden first sheet is not read: the visible data is", async () => {
    const { dir, file } = await book([
      { name: "old", rows: orders("HIDDEN", 1), hidden: true },
      { name: "orders", rows: orders("VISIBLE", 2) },
    ]);
    const r = await ingest(dir, [{ path: file, table: "order_lines" }]);
    expect(r.files[0]).toMatchObject({ error: null, loaded: 1 });
    expect(r.files[0].warnings).toEqual([`read its visible sheet "orders", not the hidden "old"`]);
    expect(await loaded(dir)).toEqual([{ order_id: "VISIBLE" }]);
  });

  it("several sheets with the table's columns: refused with the list", async () => {
    const { dir, file } = await book([
      { name: "2024-01", rows: orders("A", 1) },
      { name: "2024-02", rows: orders("B", 2) },
      { name: "说明", rows: [["本表为销售明细"]] },
    ]);
    const r = await ingest(dir, [{ path: file, table: "order_lines" }]);
    expect(r.ok).toBe(false);
    expect(r.files[0].error).toBe(`has 3 visible sheets with data ("2024-01", "2024-02", "说明"), 2 of them with this table's columns: set "sheet" for this source to the one to read`);
  });

  it("one sheet with the table's columns among notes: that one, and the summary says so", async () => {
    const { dir, file } = await book([
      { name: "说明", rows: [["本表为销售明细"], ["导出时间", "2024-02-01"]] },
      { name: "明细", rows: orders("MINE", 3) },
    ]);
    const r = await ingest(dir, [{ path: file, table: "order_lines" }]);
    expect(r.files[0]).toMatchObject({ error: null, loaded: 1 });
    expect(r.files[0].warnings[0]).toContain(`read sheet "明细", the one of its 2 visible sheets with the columns of this table`);
  });

  it("title rows above the header (a report's 标题 and 制表日期, merged across): the header below is found, the rows above are said, not read", async () => {
    for (const whole of [false, true]) {
      const dir = tempDir();
      dirs.push(dir);
      const file = path.join(dir, "销售明细表.xlsx");
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet("说明").addRow(["本表为销售明细"]);
      const ws = wb.addWorksheet("明细");
      ws.addRow(["2024年1月销售明细表"]);
      ws.mergeCells("A1:G1");
      ws.addRow(["制表日期：2024-02-01", null, null, null, null, "单位：元"]);
      ws.addRow([]);
      ws.addRow(HEAD);
      ws.addRow(["SO1", 1, "2024-01-05", "C1", "P1", 1, 10]);
      ws.addRow(["SO2", 1, "2024-01-06", "C1", "P1", 2, 20]);
      // an external hyperlink makes the reader load the whole workbook instead of streaming it
      if (whole) ws.getCell("C2").value = { text: "ERP", hyperlink: "https://example.com" };
      await wb.xlsx.writeFile(file);
      const r = await ingest(dir, [{ path: file, table: "order_lines" }]);
      expect(r.files[0], `whole: ${whole}`).toMatchObject({ error: null, read: 2, loaded: 2 });
      expect(r.files[0].warnings).toContain(`the header is row 4 of sheet "明细": the 2 rows above it are a title, not data ("2024年1月销售明细表", "制表日期：2024-02-01${whole ? " ERP" : ""} 单位：元")`);
      expect(lastXlsxFallback === null, `whole: ${whole}`).toBe(!whole);
      expect(await query(dir, `SELECT order_id, source_row FROM order_lines ORDER BY 2`)).toEqual([
        { order_id: "SO1", source_row: 5 },
        { order_id: "SO2", source_row: 6 },
      ]);
    }
  });

  it("data only on hidden sheets: refused unless named", async () => {
    const { dir, file } = await book([
      { name: "empty", rows: [] },
      { name: "data", rows: orders("X", 1), hidden: true },
    ]);
    const r = await ingest(dir, [{ path: file, table: "order_lines" }]);
    expect(r.files[0].error).toBe(`has data only on hidden sheets ("data"): set "sheet" for this source to read one`);
    const named = await ingest(dir, [{ path: file, table: "order_lines", sheet: "data" }]);
    expect(named.files[0]).toMatchObject({ error: null, loaded: 1 });
  });
});
