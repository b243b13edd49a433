// A workbook read sheet by sheet, row by row, with exceljs's own parsers: the same cell values as
// `new ExcelJS.Workbook().xlsx.load()` gives, without holding the workbook's cells in memory
// (500,000 rows: whole-workbook load ~1 GB and 144 s). The zip is opened with JSZip as exceljs does
// (central directory, entries in any order); workbook.xml, its rels, the shared strings and the styles
// are parsed by exceljs's xforms; each sheet's XML is streamed through exceljs's RowXform + CellXform
// (the parser and reconcile exceljs's load uses), and exceljs's Row gives `row.values`.
// Merged cells: exceljs gives every cell of a range its top-left cell's value. Their list comes after the
// rows, so a sheet with merges is read to its end once (`MergesFound`) and then again with them applied.
// What this reader does not reproduce makes it give up (`StreamFallback`) and the caller loads the whole
// workbook instead: external hyperlinks (they change a cell's value), overlapping merges (exceljs refuses
// the workbook), rows out of order or without a number.
import { createRequire } from "node:module";
import { PassThrough } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import JSZip from "jszip";

const require = createRequire(import.meta.url);
const parseSax = require("exceljs/lib/utils/parse-sax") as (it: AsyncIterable<string>) => AsyncIterable<SaxEvent[]>;
const RowXform = require("exceljs/lib/xlsx/xform/sheet/row-xform") as new () => Xform;
const WorkbookXform = require("exceljs/lib/xlsx/xform/book/workbook-xform") as new () => Xform;
const RelationshipsXform = require("exceljs/lib/xlsx/xform/core/relationships-xform") as new () => Xform;
const SharedStringsXform = require("exceljs/lib/xlsx/xform/strings/shared-strings-xform") as new () => Xform;
const StylesXform = require("exceljs/lib/xlsx/xform/style/styles-xform") as new () => Xform;
const Row = require("exceljs/lib/doc/row") as new (sheet: unknown, n: number) => { model: unknown; values: unknown[] };
// The streaming reader's worksheet: what a Row needs of its sheet (columns), nothing more.
const ColumnsOnly = require("exceljs/lib/stream/xlsx/worksheet-reader") as new (o: object) => unknown;
const Range = require("exceljs/lib/doc/range") as new (ref: string) => Merge;

type SaxEvent = { eventType: "opentag" | "text" | "closetag"; value: any };
interface Xform {
  model: any;
  parseOpen(node: unknown): boolean;
  parseText(text: string): void;
  parseClose(name: string): boolean;
  parseStream(stream: AsyncIterable<string>): Promise<any>;
  reconcile(model: unknown, options: unknown): void;
}

/** This workbook needs exceljs's whole-workbook load to be read as before (the reason, for the profile). */
export class StreamFallback extends Error {}

/** A merged range, as exceljs's Range has it. */
export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
  intersects(other: Merge): boolean;
}

/** The sheet has merged cells: read it again with these. */
export class MergesFound extends Error {
  constructor(
    readonly sheet: StreamSheet,
    readonly merges: Merge[],
  ) {
    super(`merged cells in ${sheet.name}`);
  }
}

/** The merged ranges of a sheet's `<mergeCells>` (refs as exceljs reads them); overlapping ones are left to exceljs. */
export function mergesOf(refs: string[]): Merge[] {
  const merges = refs.map((r) => new Range(r));
  for (let i = 0; i < merges.length; i++) for (let j = 0; j < i; j++) if (merges[i].intersects(merges[j])) throw new StreamFallback("overlapping merged cells");
  return merges;
}

export interface StreamSheet {
  name: string;
  state: string | undefined;
  path: string;
}

/** A zip entry's text as strings, decoded across chunk boundaries. */
async function* text(zip: JSZip, path: string): AsyncIterable<string> {
  const entry = zip.file(path);
  if (!entry) return;
  const decoder = new StringDecoder("utf8");
  // JSZip's stream is an old-style one: piped into a Node stream to be iterable.
  for await (const chunk of entry.nodeStream("nodebuffer").pipe(new PassThrough()) as AsyncIterable<Buffer>) {
    const s = decoder.write(chunk);
    if (s) yield s;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

export interface StreamWorkbook {
  /** The worksheets as exceljs's `workbook.worksheets` lists them (workbook order; chartsheets left out). */
  sheets: StreamSheet[];
  /** workbook.xml's raw text (the 1904 flag is read from it). */
  workbookXml: string;
  /** The date system exceljs itself applied (`workbook.properties.date1904`). */
  exceljs1904: boolean;
  /** A sheet's `row.values` (exceljs's sparse array, 1-based) with the row number, in row order.
   * Without `merges`, a sheet that has some throws MergesFound at its end (after all its rows). */
  rows(sheet: StreamSheet, merges?: Merge[]): AsyncIterable<{ n: number; values: unknown[] }>;
}

export async function openWorkbook(buf: Buffer): Promise<StreamWorkbook> {
  const zip = await JSZip.loadAsync(buf);
  const workbookXml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const workbook = zip.file("xl/workbook.xml") ? await new WorkbookXform().parseStream(text(zip, "xl/workbook.xml")) : undefined;
  const rels: { Id: string; Target: string }[] = zip.file("xl/_rels/workbook.xml.rels") ? await new RelationshipsXform().parseStream(text(zip, "xl/_rels/workbook.xml.rels")) : [];
  let sharedStrings: Xform | undefined;
  if (zip.file("xl/sharedStrings.xml")) {
    sharedStrings = new SharedStringsXform();
    await sharedStrings.parseStream(text(zip, "xl/sharedStrings.xml"));
  }
  let styles: Xform | undefined;
  if (zip.file("xl/styles.xml")) {
    styles = new StylesXform();
    await styles.parseStream(text(zip, "xl/styles.xml"));
  }
  // exceljs loads every entry named like a worksheet, then keeps those workbook.xml points at
  // (workbook-xform.js reconcile), in workbook order.
  // Workbook.model then files them by sheetId and lists them by their place in workbook.xml. Anything
  // off that plain shape (a sheet file nothing points at, ids or names twice, a file twice) is left to exceljs.
  const isSheetFile = (p: string) => /xl\/worksheets\/sheet(\d+)[.]xml/.test(p);
  const byId = new Map(rels.map((r) => [r.Id, r]));
  const sheets: StreamSheet[] = [];
  const ids = new Set<number>();
  for (const s of (workbook?.sheets ?? []) as { name: string; id: number; state?: string; rId: string }[]) {
    const rel = byId.get(s.rId);
    if (!rel) continue;
    const path = `xl/${rel.Target.replace(/^(\s|\/xl\/)+/, "")}`;
    if (!zip.file(path) || !isSheetFile(path)) continue;
    if (!Number.isInteger(s.id) || s.id < 1 || ids.has(s.id)) throw new StreamFallback(`sheet id ${s.id}`);
    ids.add(s.id);
    sheets.push({ name: s.name, state: s.state, path });
  }
  const files = Object.keys(zip.files).filter(isSheetFile);
  if (new Set(sheets.map((s) => s.path)).size !== sheets.length || new Set(sheets.map((s) => s.name)).size !== sheets.length || files.length !== sheets.length)
    throw new StreamFallback("sheets not one to one with their files");
  const exceljs1904 = Boolean(workbook?.properties?.date1904);
  const options = { styles, sharedStrings, date1904: workbook?.properties?.date1904, hyperlinkMap: {}, formulae: {} as Record<string, string> };

  async function* rows(sheet: StreamSheet, merges?: Merge[]) {
    const columns = new ColumnsOnly({ workbook: {}, id: 1, iterator: null, options: {} });
    options.formulae = {};
    let rowXform: Xform | null = null;
    let inData = false;
    let inMerges = false;
    const refs: string[] = [];
    let last = 0;
    // Merged ranges: each cell but the top-left one takes the top-left cell's value (null when it has
    // none), in rows that exist or not (exceljs's worksheet.mergeCells creates the cells and rows).
    const master = new Map<Merge, unknown>();
    const covered = (from: number, to: number) => {
      const ns = new Set<number>();
      for (const m of merges ?? []) for (let r = Math.max(from, m.top); r <= Math.min(to, m.bottom); r++) ns.add(r);
      return [...ns].sort((a, b) => a - b);
    };
    const merged = (n: number, values: unknown[]) => {
      for (const m of merges ?? []) {
        if (n < m.top || n > m.bottom) continue;
        if (n === m.top) master.set(m, values[m.left] ?? null);
        for (let c = m.left; c <= m.right; c++) if (n > m.top || c > m.left) values[c] = master.get(m) ?? null;
      }
      return { n, values };
    };
    for await (const events of parseSax(text(zip, sheet.path))) {
      const ready: { n: number; values: unknown[] }[] = [];
      for (const { eventType, value } of events) {
        if (rowXform) {
          if (eventType === "opentag") rowXform.parseOpen(value);
          else if (eventType === "text") rowXform.parseText(value);
          else if (!rowXform.parseClose(value.name)) {
            const model = rowXform.model;
            rowXform = null;
            if (!Number.isInteger(model.number) || model.number <= last) throw new StreamFallback(`row ${model.number} after row ${last}`);
            for (const r of covered(last + 1, model.number - 1)) ready.push(merged(r, []));
            last = model.number;
            model.cells = model.cells.filter(Boolean);
            new RowXform().reconcile(model, options);
            const row = new Row(columns, model.number);
            row.model = model;
            ready.push(merged(model.number, row.values));
          }
          continue;
        }
        if (eventType === "opentag") {
          if (value.name === "sheetData") inData = true;
          else if (inData && value.name === "row") {
            rowXform = new RowXform();
            rowXform.parseOpen(value);
          } else if (value.name === "mergeCells") inMerges = true;
          else if (value.name === "mergeCell") {
            if (!inMerges) throw new StreamFallback("a mergeCell outside mergeCells");
            refs.push(value.attributes.ref);
          } else if (value.name === "hyperlink" && value.attributes["r:id"]) throw new StreamFallback("hyperlinks");
        } else if (eventType === "closetag" && value.name === "sheetData") inData = false;
        else if (eventType === "closetag" && value.name === "mergeCells") inMerges = false;
      }
      yield* ready;
    }
    if (merges) yield* covered(last + 1, Math.max(0, ...merges.map((m) => m.bottom))).map((r) => merged(r, []));
    else if (refs.length) throw new MergesFound(sheet, mergesOf(refs));
  }
  return { sheets, workbookXml, exceljs1904, rows };
}
