// A path is a path (glob characters in names read that file and no other), and a folder is one
// source of many files: monthly exports, or Parquet partitioned hive style (month=2024-01/...).
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "../../loaders/ingest/duck.ts";
import { ingest, lenient, query, tempDir } from "./helpers.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
const HEAD = "order_id,line_no,order_date,customer_id,product_id,quantity,amount";
const csv = (order: string, amount: number) => `${HEAD}\n${order},1,2024-01-05,C1,P1,1,${amount}\n`;

async function parquet(file: string, rows: [string, number, string][]) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = await openDb(":memory:");
  const values = rows.map(([o, a, d]) => `('${o}', 1, DATE '${d}', 'C1', 'P1', 1, ${a})`).join(", ");
  await db.exec(`COPY (SELECT * FROM (VALUES ${values}) v(order_id, line_no, order_date, customer_id, product_id, quantity, amount)) TO '${file.replaceAll("'", "''")}' (FORMAT parquet)`);
  db.close();
}

describe("a path is a path", () => {
  // Names with glob characters, each beside decoys that the name, read as a pattern, would match.
  const globName = fc
    .tuple(fc.constantFrom("[1]", "*", "?", "[ab]", "{a,b}", "[!x]", "**"), fc.constantFrom("orders", "sales 2024", "订单"))
    .map(([g, base]) => `${base}${g}`);

  it("property: a name with glob characters loads its own rows only (CSV UTF-8 and GBK, Parquet, XLSX)", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(globName, fc.constantFrom("csv", "gbk", "parquet", "xlsx"), async (name, kind) => {
        const dir = fresh();
        const ext = kind === "gbk" ? "csv" : kind;
        const file = path.join(dir, `${name}.${ext}`);
        // decoys: what the pattern would also match
        for (const decoy of ["orders1", "ordersa", "ordersX", "sales 2024a", "订单1", "orders", "ordersab"]) {
          const p = path.join(dir, `${decoy}.${ext}`);
          if (p !== file) fs.writeFileSync(p, csv(`DECOY-${decoy}`, 999));
        }
        if (kind === "csv") fs.writeFileSync(file, csv("MINE", 7));
        else if (kind === "gbk") fs.writeFileSync(file, iconv.encode(csv("MINE", 7).replace("C1", "客户1"), "gbk"));
        else if (kind === "parquet") await parquet(file, [["MINE", 7, "2024-01-05"]]);
        else {
          const wb = new ExcelJS.Workbook();
          const ws = wb.addWorksheet("orders");
          ws.addRow(HEAD.split(","));
          ws.addRow(["MINE", 1, "2024-01-05", "C1", "P1", 1, 7]);
          await wb.xlsx.writeFile(file);
        }
        const r = await ingest(dir, [{ path: file, table: "order_lines" }]);
        expect(r.files[0].error, `${name}.${ext}`).toBeNull();
        expect(await query(dir, `SELECT order_id, CAST(amount AS INTEGER) AS amount, source_file FROM order_lines`)).toEqual([{ order_id: "MINE", amount: 7, source_file: file }]);
        fs.rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 12, seed: 20261201 },
    );
  });

  it("a folder named like a file is said to be a folder", async () => {
    const dir = fresh();
    fs.mkdirSync(path.join(dir, "orders*.csv"));
    const r = await ingest(dir, [{ path: path.join(dir, "orders*.csv"), table: "order_lines" }]);
    expect(r.files[0].error).toBe("is a folder without export files (.csv, .tsv, .txt, .xlsx, .parquet) in it or below it");
  });
});

describe("a folder is one source", () => {
  it("a hive-partitioned Parquet dataset: every month, only the new file read next time, a removed month leaves", async () => {
    const dir = fresh();
    const root = path.join(dir, "order_lines");
    await parquet(path.join(root, "month=2024-01", "part-0.parquet"), [["SO1", 10, "2024-01-05"], ["SO2", 20, "2024-01-09"]]);
    await parquet(path.join(root, "month=2024-02", "part-0.parquet"), [["SO3", 30, "2024-02-05"]]);
    const src = [{ path: root, table: "order_lines" }];
    const first = await ingest(dir, src);
    expect(first.ok).toBe(true);
    expect(first.files.map((f) => [path.relative(root, f.path), f.loaded, f.ignoredHeaders])).toEqual([
      ["month=2024-01/part-0.parquet", 2, ["month"]],
      ["month=2024-02/part-0.parquet", 1, ["month"]],
    ]);
    await parquet(path.join(root, "month=2024-03", "part-0.parquet"), [["SO4", 40, "2024-03-05"]]);
    const second = await ingest(dir, src);
    expect(second.files.map((f) => f.unchanged)).toEqual([true, true, false]);
    expect(await query(dir, `SELECT CAST(sum(amount) AS INTEGER) AS s, count(*) AS n FROM order_lines`)).toEqual([{ s: 100, n: 4 }]);
    fs.rmSync(path.join(root, "month=2024-01"), { recursive: true });
    await ingest(dir, src);
    expect(await query(dir, `SELECT string_agg(order_id, ',' ORDER BY order_id) AS o FROM order_lines`)).toEqual([{ o: "SO3,SO4" }]);
  });

  it("a plain folder of exports (Parquet and CSV), its rejects named per file", async () => {
    const dir = fresh();
    const root = path.join(dir, "exports");
    await parquet(path.join(root, "2024-01.parquet"), [["SO1", 1, "2024-01-05"]]);
    fs.writeFileSync(path.join(root, "2024-02.csv"), `${HEAD}\nSO2,1,2024-02-05,C1,P1,1,2\nSO3,1,2024-02-06,C1,P1,1,oops\n`);
    fs.writeFileSync(path.join(root, "notes.md"), "not an export");
    const r = await ingest(dir, [{ path: root, table: "order_lines" }], { thresholds: lenient });
    expect(r.files.map((f) => [path.basename(f.path), f.loaded, f.rejected])).toEqual([
      ["2024-01.parquet", 1, 0],
      ["2024-02.csv", 1, 1],
    ]);
    expect(fs.readdirSync(path.join(dir, "rejects"))).toEqual(["order_lines.2024-02.csv.rejects.csv"]);
  });

  it("Excel's lock file of an open workbook (~$name.xlsx) and macOS's ._ files are no exports of the folder", async () => {
    const dir = fresh();
    const root = path.join(dir, "exports");
    fs.mkdirSync(root);
    fs.writeFileSync(path.join(root, "2024-01.csv"), csv("SO1", 1));
    fs.writeFileSync(path.join(root, "~$2024-02.xlsx"), Buffer.from("\x05someone                 ", "latin1")); // Excel has 2024-02.xlsx open
    fs.writeFileSync(path.join(root, "._2024-01.csv"), Buffer.from([0, 5, 22, 7, 0, 2, 0, 0])); // AppleDouble, copied from a Mac
    const r = await ingest(dir, [{ path: root, table: "order_lines" }]);
    expect(r.files.map((f) => [path.basename(f.path), f.loaded, f.error])).toEqual([["2024-01.csv", 1, null]]);
    expect(r.ok).toBe(true);
  });

  it("a file that two sources name (a folder and the file in it) is refused, naming both: it would be read twice, the last settings winning", async () => {
    const dir = fresh();
    const root = path.join(dir, "exports");
    fs.mkdirSync(path.join(root, "old"), { recursive: true });
    fs.writeFileSync(path.join(root, "2024-01.csv"), csv("SO1", 1));
    fs.writeFileSync(path.join(root, "old", "2023-12.csv"), csv("SO0", 1));
    const file = path.join(root, "2024-01.csv");
    await expect(ingest(dir, [{ path: root, table: "order_lines", dates: { order: "dmy" } }, { path: file, table: "order_lines", dates: { order: "mdy" } }])).rejects.toThrow(
      `ingest.sources.1: ${file} is also a file of the folder ingest.sources.0 (${root}): a file is one source; name it once`,
    );
    await expect(ingest(dir, [{ path: path.join(root, "old"), table: "order_lines" }, { path: root, table: "order_lines" }])).rejects.toThrow(
      `ingest.sources.1: ${path.join(root, "old", "2023-12.csv")} is also a file of the folder ingest.sources.0 (${path.join(root, "old")})`,
    );
    // on the command line, a file given twice (itself and in its folder) is read once
    const r = await ingest(dir, [], { files: [root, file] });
    expect(r.files.map((f) => path.basename(f.path))).toEqual(["2024-01.csv", "2023-12.csv"]);
  });
});
