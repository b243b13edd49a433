// The CSV reader on text as it comes: the encoding decided per file with evidence (never
// mojibake of valid UTF-8), UTF-16, CR-only line ends, other delimiters, quotes that never close,
// rows too long to be data.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { ingest, lenient, query, tempDir } from "./helpers.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
const HEAD = ["单据编号", "行号", "单据日期", "客户编码", "客户名称", "商品编码", "数量", "金额"];
const NAMES = ["甲公司", "乙商贸", "丙钢铁", "丁纸业", "戊建材", "己焊材", "庚轴承", "辛科技"];
const row = (i: number, name = NAMES[i % NAMES.length]) => [`SO${i}`, "1", "2024-01-05", `C${i}`, name, "P1", "1", String(10 + i)];
const load = async (dir: string, name: string, content: string | Buffer, source: Record<string, unknown> = {}) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return { file, r: await ingest(dir, [{ path: file, table: "order_lines", ...source }], { thresholds: lenient }) };
};
/** The "GBK" cases are encoded so (their line ends as they are); the others are UTF-8. */
const GBK_OR_UTF8 = (what: string, text: string) => (what === "halves" ? iconv.encode(text, "gbk") : Buffer.from(text, "utf8"));
const names = (dir: string) => query<{ customer_name: string; source_row: number }>(dir, `SELECT customer_name, source_row FROM order_lines ORDER BY source_row`);

describe("encoding, per file with evidence", () => {
  it("a UTF-8 export with one line in GBK keeps every other name and rejects that line", async () => {
    const dir = fresh();
    const lines = [HEAD, ...Array.from({ length: 8 }, (_, i) => row(i + 1))].map((r) => Buffer.from(r.join(",") + "\n", "utf8"));
    lines[4] = Buffer.from(iconv.encode(row(4, "丁纸业（GBK）").join(",") + "\n", "gbk")); // file line 5
    const { r } = await load(dir, "orders.csv", Buffer.concat(lines));
    const s = r.files[0];
    expect(s).toMatchObject({ encoding: "utf-8", read: 8, loaded: 7, rejected: 1, rejectedBy: { structure: 1 } });
    expect(s.encodingEvidence).toBe("utf-8 (8 lines of non-ASCII text are valid UTF-8; 1 are not and are rejected)"); // the header is one
    expect(s.warnings[0]).toContain("line 5");
    expect((await names(dir)).map((x) => x.customer_name)).toEqual([1, 2, 3, 5, 6, 7, 8].map((i) => NAMES[i % NAMES.length]));
    const [rej] = await query<{ row_number: number; reason: string }>(dir, `SELECT row_number, reason FROM ingest_rejects`);
    expect(rej.row_number).toBe(5);
    expect(rej.reason).toContain("not valid utf-8");
  });

  it("a GBK export stays GBK, with the evidence", async () => {
    const dir = fresh();
    const text = [HEAD, ...Array.from({ length: 5 }, (_, i) => row(i + 1))].map((r) => r.join(",")).join("\n") + "\n";
    const { r } = await load(dir, "orders.csv", iconv.encode(text, "gbk"));
    expect(r.files[0]).toMatchObject({ encoding: "gb18030", loaded: 5, warnings: [] });
    expect(r.files[0].encodingEvidence).toMatch(/^gb18030 \(6 lines are not valid UTF-8, 0 of non-ASCII text are\)$/);
    expect((await names(dir)).map((x) => x.customer_name)).toEqual([1, 2, 3, 4, 5].map((i) => NAMES[i % NAMES.length]));
  });

  it("a GBK export with a stray UTF-8 line rejects that line instead of loading its name as mojibake", async () => {
    const dir = fresh();
    const lines = [HEAD, ...Array.from({ length: 8 }, (_, i) => row(i + 1))].map((r) => iconv.encode(r.join(",") + "\n", "gbk"));
    lines[3] = Buffer.from(row(3, "上海客户").join(",") + "\n", "utf8"); // file line 4, pasted from a UTF-8 file
    // one character whose GBK bytes happen to be valid UTF-8 (台 = CC A8): a GBK line all the same
    lines[6] = iconv.encode(row(6, "台").join(",") + "\n", "gbk");
    const { r } = await load(dir, "orders.csv", Buffer.concat(lines));
    const s = r.files[0];
    expect(s).toMatchObject({ encoding: "gb18030", read: 8, loaded: 7, rejected: 1, rejectedBy: { structure: 1 } });
    expect(s.warnings).toEqual([expect.stringContaining("1 line(s) are UTF-8 text in a file read as gb18030 (first: line 4)")]);
    const loaded = await names(dir);
    expect(loaded.map((x) => x.customer_name)).toEqual([1, 2, 4, 5, "台", 7, 8].map((i) => (typeof i === "string" ? i : NAMES[i % NAMES.length])));
    expect(loaded.map((x) => x.source_row)).toEqual([2, 3, 5, 6, 7, 8, 9]);
    const rej = await query<{ row_number: number; raw_value: string; reason: string }>(dir, `SELECT row_number, raw_value, reason FROM ingest_rejects`);
    expect(rej).toEqual([{ row_number: 4, raw_value: row(3, "上海客户").join(","), reason: expect.stringContaining("UTF-8 text in a file read as gb18030") }]);
    // set explicitly, the same
    const { r: r2 } = await load(fresh(), "orders.csv", Buffer.concat(lines), { encoding: "gbk" });
    expect(r2.files[0]).toMatchObject({ encoding: "gbk", loaded: 7, rejectedBy: { structure: 1 } });
  });

  it("an explicit encoding that contradicts a valid UTF-8 file is obeyed with a warning", async () => {
    const dir = fresh();
    const text = [HEAD, row(1)].map((r) => r.join(",")).join("\n") + "\n";
    // Read as GB18030 its Chinese headers are mojibake: the file is unusable, and the message says why.
    const { r } = await load(dir, "orders.csv", text, { encoding: "gb18030" });
    expect(r.files[0].error).toContain("no column for order_lines.order_id");
    expect(r.files[0].error).toContain("note: is set to gb18030 in the config, but it is valid UTF-8 with non-ASCII text");
    // with ASCII headers the rows load (as configured), and the summary carries the warning
    const { r: r2 } = await load(fresh(), "orders.csv", ["order_id,line_no,order_date,customer_id,customer_name,product_id,quantity,amount", "SO1,1,2024-01-05,C1,甲公司,P1,1,5"].join("\n") + "\n", { encoding: "gb18030" });
    expect(r2.files[0]).toMatchObject({ loaded: 1, encodingEvidence: "gb18030 (set in the config)" });
    expect(r2.files[0].warnings).toEqual([expect.stringContaining("is set to gb18030 in the config, but it is valid UTF-8 with non-ASCII text")]);
  });

  it("property: UTF-8 text with any few broken lines is never decoded as anything but UTF-8", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 3 }), async (broken) => {
        const dir = fresh();
        const lines = [HEAD, ...Array.from({ length: 12 }, (_, i) => row(i + 1))].map((r) => Buffer.from(r.join(",") + "\n", "utf8"));
        for (const b of broken) lines[b] = Buffer.concat([Buffer.from(`SO${b},1,2024-01-05,C${b},`), Buffer.from([0xb6, 0xa1, 0xd6, 0xbd]), Buffer.from(",P1,1,5\n")]);
        const { r } = await load(dir, "orders.csv", Buffer.concat(lines));
        expect(r.files[0]).toMatchObject({ encoding: "utf-8", read: 12, rejected: broken.length });
        const kept = (await names(dir)).map((x) => x.customer_name);
        expect(kept).toEqual(Array.from({ length: 12 }, (_, i) => i + 1).filter((i) => !broken.includes(i)).map((i) => NAMES[i % NAMES.length]));
        fs.rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 8, seed: 1414 },
    );
  });

  it("reads UTF-16 (Excel's Unicode text: tab-separated, with or without byte order mark)", async () => {
    const text = [HEAD, row(1), row(2)].map((r) => r.join("\t")).join("\r\n") + "\r\n";
    const variants: [string, Buffer][] = [
      ["utf-16le", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])],
      ["utf-16be", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()])],
    ];
    for (const [enc, bytes] of variants) {
      const dir = fresh();
      const { r } = await load(dir, "orders.txt", bytes);
      expect(r.files[0], enc).toMatchObject({ encoding: enc, read: 2, loaded: 2 });
      expect((await names(dir)).map((x) => x.customer_name)).toEqual([NAMES[1], NAMES[2]]);
    }
    const dir = fresh();
    const ascii = ["order_id\tline_no\torder_date\tcustomer_id\tproduct_id\tquantity\tamount", "SO1\t1\t2024-01-05\tC1\tP1\t1\t10", "SO2\t1\t2024-01-05\tC2\tP1\t1\t20"].join("\n") + "\n";
    const { r } = await load(dir, "orders.txt", Buffer.from(ascii, "utf16le"));
    expect(r.files[0]).toMatchObject({ encoding: "utf-16le", loaded: 2 });
  });
});

describe("line ends, delimiters", () => {
  it("mixed line ends (a CRLF line in an LF file, an LF line in a CRLF file) are read, not an internal CSV parser error", async () => {
    const lines = [HEAD, row(1), row(2), row(3), row(4)].map((r) => r.join(","));
    const cases: [string, string][] = [
      ["one CRLF line", lines.slice(0, 2).join("\n") + "\r\n" + lines.slice(2).join("\n") + "\n"],
      ["one LF line", lines.slice(0, 3).join("\r\n") + "\n" + lines.slice(3).join("\r\n") + "\r\n"],
      // concatenated exports: the second one's header repeated is a row like any other (rejected)
      ["halves", lines.join("\n") + "\n" + [HEAD.join(","), row(5).join(",")].join("\r\n") + "\r\n"],
    ];
    for (const [what, text] of cases) {
      const dir = fresh();
      const { r } = await load(dir, "orders.csv", GBK_OR_UTF8(what, text));
      expect(r.files[0].error, what).toBeNull();
      const got = await names(dir);
      const n = what === "halves" ? 5 : 4;
      expect(got.map((x) => x.customer_name), what).toEqual(Array.from({ length: n }, (_, i) => NAMES[(i + 1) % NAMES.length]));
      expect(got.map((x) => x.source_row), what).toEqual(what === "halves" ? [2, 3, 4, 5, 7] : [2, 3, 4, 5]);
    }
    // A quoted cell keeps its line breaks as written (Excel: LF in a cell of a CRLF file; here CRLF too)
    const dir = fresh();
    const head = ["order_id", "line_no", "order_date", "customer_id", "customer_name", "product_id", "quantity", "amount"].join(",");
    const text = [head, 'SO1,1,2024-01-05,C1,"甲\n公司",P1,1,10', 'SO2,1,2024-01-05,C2,"乙\r\n商贸",P1,1,20', "SO3,1,2024-01-05,C3,丙,P1,1,30"].join("\r\n") + "\n";
    const { r } = await load(dir, "orders.csv", text);
    expect(r.files[0]).toMatchObject({ read: 3, loaded: 3 });
    expect((await names(dir)).map((x) => x.customer_name)).toEqual(["甲\n公司", "乙\r\n商贸", "丙"]);
    // ... and a quote that never closes in such a file costs its row only
    const dir2 = fresh();
    const stray = [HEAD.join(","), row(1).join(","), row(2, '"乙商贸').join(","), row(3).join(","), row(4).join(",")];
    const { r: r2 } = await load(dir2, "orders.csv", stray.slice(0, 2).join("\r\n") + "\n" + stray.slice(2).join("\r\n") + "\r\n");
    expect(r2.files[0]).toMatchObject({ error: null, read: 4, loaded: 3, rejectedBy: { structure: 1 } });
    expect((await names(dir2)).map((x) => x.source_row)).toEqual([2, 4, 5]);
  });

  it("a carriage return inside an unquoted value (a note typed on a Mac) costs its row only, with a reason; CR CR LF line ends are line ends", async () => {
    for (const eol of ["\n", "\r\n"]) {
      const dir = fresh();
      const lines = [HEAD, row(1), row(2, "甲\r公司"), row(3), row(4, '"乙\r商贸"')].map((r) => r.join(","));
      const { r } = await load(dir, "orders.csv", lines.join(eol) + eol);
      expect(r.files[0], JSON.stringify(eol)).toMatchObject({ error: null, read: 4, loaded: 3, rejectedBy: { structure: 1 } });
      expect((await names(dir)).map((x) => [x.source_row, x.customer_name])).toEqual([[2, NAMES[1]], [4, NAMES[3]], [5, "乙\r商贸"]]);
      const [rej] = await query<{ row_number: number; raw_value: string; reason: string }>(dir, `SELECT row_number, raw_value, reason FROM ingest_rejects`);
      expect(rej).toMatchObject({ row_number: 3, reason: expect.stringContaining("a carriage return (CR) inside the row") });
      expect(rej.raw_value).toContain("甲\u240d公司"); // where the CR was
    }
    // a file whose line ends went through two CRLF conversions (CR CR LF): every row read
    const dir = fresh();
    const { r } = await load(dir, "orders.csv", [HEAD, row(1), row(2)].map((x) => x.join(",")).join("\r\r\n") + "\r\r\n");
    expect(r.files[0]).toMatchObject({ error: null, read: 2, loaded: 2 });
  });

  it("a file DuckDB's CSV reader gives up on (bytes that are no export) stops the run naming the file", async () => {
    const dir = fresh();
    const bytes = Buffer.alloc(5000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = ((i * 7919) % 251) + 1; // no NUL: text to the format sniffer
    const file = path.join(dir, "orders.csv");
    fs.writeFileSync(file, bytes);
    await expect(ingest(dir, [{ path: file, table: "order_lines" }], { thresholds: lenient })).rejects.toThrow(`${file}: `);
  });

  it("blank and title lines above the header (a report's 标题 and 制表日期, Excel's sep=;) are skipped, said, and counted in the row numbers", async () => {
    const body = [HEAD, row(1), [], row(2), ["SO9", "ragged"], row(3)].map((r) => r.join(","));
    const cases: [string, string, string | null][] = [
      ["blank lines", ["", "", ...body].join("\n") + "\n", null],
      ["title lines", ["2024年1月销售明细表", "制表日期：2024-02-01,,,单位：元", "", ...body].join("\r\n") + "\r\n", `the header is line 4: the 2 lines above it are a title, not data ("2024年1月销售明细表", "制表日期：2024-02-01,,,单位：元")`],
      ["sep=", ["sep=;", ...body.map((l) => l.replaceAll(",", ";"))].join("\n") + "\n", `the header is line 2: the line above it is a title, not data ("sep=;")`],
    ];
    for (const [what, text, note] of cases) {
      for (const gbk of [false, true]) {
        const dir = fresh();
        const { r } = await load(dir, "orders.csv", gbk ? iconv.encode(text, "gbk") : text);
        const s = r.files[0];
        expect(s, `${what} ${gbk}`).toMatchObject({ error: null, read: 4, loaded: 3, rejectedBy: { structure: 1 } });
        if (note) expect(s.warnings, what).toContain(note);
        const first = what === "blank lines" ? 3 : what === "title lines" ? 4 : 2; // the header's line
        expect((await names(dir)).map((x) => x.source_row), what).toEqual([first + 1, first + 3, first + 5]);
        const [rej] = await query<{ row_number: number }>(dir, `SELECT row_number FROM ingest_rejects`);
        expect(rej.row_number, what).toBe(first + 4);
      }
    }
  });

  it("CR-only line ends: the header's real columns, rows on their lines", async () => {
    const dir = fresh();
    const text = [HEAD, row(1), [], row(2)].map((r) => r.join(",")).join("\r") + "\r";
    const { r } = await load(dir, "orders.csv", text);
    expect(r.files[0]).toMatchObject({ read: 2, loaded: 2, ignoredHeaders: [] });
    expect((await names(dir)).map((x) => x.source_row)).toEqual([2, 4]);
  });

  it("a ; or | separated export is read, and the summary says which delimiter was taken", async () => {
    for (const d of [";", "|"]) {
      const dir = fresh();
      const text = [HEAD, row(1), row(2)].map((r) => r.join(d)).join("\n") + "\n";
      const { r } = await load(dir, "orders.csv", text);
      expect(r.files[0], d).toMatchObject({ read: 2, loaded: 2 });
      expect(r.files[0].warnings).toEqual([`fields separated by ${JSON.stringify(d)} (the header has 8 fields so; set "delimiter" to choose)`]);
    }
  });
});

describe("rows the reader cannot split", () => {
  it("a quote that never closes costs its row only: the real row count, the rows after it kept", async () => {
    const dir = fresh();
    const rows = Array.from({ length: 10 }, (_, i) => row(i + 1).join(","));
    rows[2] = `SO3,1,2024-01-05,C3,"丙钢铁 6" 钢管,P1,1,13`; // a stray quote: line 4
    rows[6] = `SO7,1,2024-01-05,C7,"庚轴承,P1,1,17`; // another: line 8
    const { r } = await load(dir, "orders.csv", [HEAD.join(","), ...rows].join("\n") + "\n");
    expect(r.files[0]).toMatchObject({ read: 10, loaded: 8, rejected: 2, rejectedBy: { structure: 2 } });
    expect((await names(dir)).map((x) => x.source_row)).toEqual([2, 3, 5, 6, 7, 9, 10, 11]);
    const rej = await query<{ row_number: number; raw_value: string; reason: string }>(dir, `SELECT row_number, raw_value, reason FROM ingest_rejects ORDER BY 1`);
    expect(rej.map((x) => [x.row_number, x.raw_value])).toEqual([
      [4, rows[2]],
      [8, rows[6]],
    ]);
    expect(rej[0].reason).toContain("never closed");
  });

  it("in a large file read in parallel, no row after the stray quote is lost", { timeout: 120_000 }, async () => {
    const dir = fresh();
    const n = 300_000;
    const lines = [HEAD.join(",")];
    for (let i = 1; i <= n; i++) lines.push(i === 150_000 ? `SO${i},1,2024-01-05,C1,"bad,P1,1,1` : `SO${i},1,2024-01-05,C1,x,P1,1,1`);
    const { r } = await load(dir, "orders.csv", lines.join("\n") + "\n");
    expect(r.files[0]).toMatchObject({ read: n, loaded: n - 1, rejected: 1 });
    expect(await query(dir, `SELECT count(*) AS n, max(source_row) AS last FROM order_lines`)).toEqual([{ n: n - 1, last: n + 1 }]);
  });

  it("a 3 MB cell: rejected with a reason that says so, its raw text cut short", async () => {
    const dir = fresh();
    const text = [HEAD.join(","), row(1).join(","), `SO2,1,2024-01-05,C2,${"长".repeat(1_000_000)},P1,1,5`, row(3).join(",")].join("\n") + "\n";
    const { r } = await load(dir, "orders.csv", text);
    expect(r.files[0]).toMatchObject({ read: 3, loaded: 2, rejected: 1 });
    const [rej] = await query<{ row_number: number; raw_value: string; reason: string }>(dir, `SELECT row_number, raw_value, reason FROM ingest_rejects`);
    expect(rej.row_number).toBe(3);
    expect(rej.reason).toMatch(/^the row is 3,000,0\d\d bytes long, more than 1,000,000: not a row of an export$/);
    expect(rej.reason).not.toMatch(/null/);
    expect(rej.raw_value.length).toBeLessThan(1100);
  });

  it("a quoted 3 MB cell over many short lines: rejected with DuckDB's line-size reason, not an internal TypeError", async () => {
    const dir = fresh();
    const text = [HEAD.join(","), row(1).join(","), `SO2,1,2024-01-05,C2,"${"长\n".repeat(700_000)}",P1,1,5`, row(3).join(","), row(4).join(",")].join("\n") + "\n";
    const { r } = await load(dir, "orders.csv", text);
    expect(r.files[0]).toMatchObject({ error: null, loaded: 3, rejected: 1, rejectedBy: { structure: 1 } });
    const [rej] = await query<{ row_number: number; raw_value: string; reason: string }>(dir, `SELECT row_number, raw_value, reason FROM ingest_rejects`);
    expect(rej.row_number).toBe(3);
    expect(rej.reason).toMatch(/^the row is longer than 2,000,000 bytes \(\d[\d,]* bytes\): not a row of an export$/);
    expect(rej.raw_value.length).toBeLessThan(1100);
  });
});
