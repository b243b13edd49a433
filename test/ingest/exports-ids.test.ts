// Ids as spreadsheets leave them: numbers written as 17850.0 or 1.785E4 are the id 17850; no-break
// spaces are trimmed like spaces; anything that may be a real code stays as written.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ingest, lenient, query, tempDir } from "./helpers.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const NBSP = "\u00a0";

async function load(rows: [customer: string, name: string, product: string][]) {
  const dir = tempDir();
  dirs.push(dir);
  const file = path.join(dir, "order_lines.csv");
  const lines = rows.map(([c, n, p], i) => `SO${i + 1},1,2024-01-05,"${c}","${n}","${p}",1,10`);
  fs.writeFileSync(file, ["order_id,line_no,order_date,customer_id,customer_name,product_id,quantity,amount", ...lines, ""].join("\n"));
  const r = await ingest(dir, [{ path: file, table: "order_lines" }], { thresholds: lenient });
  expect(r.files[0].error).toBeNull();
  return query<{ order_id: string; customer_id: string; customer_name: string; product_id: string }>(
    dir,
    `SELECT order_id, customer_id, customer_name, product_id FROM order_lines ORDER BY source_row`,
  );
}

describe("ids written as numbers", () => {
  it("normalises 17850.0, 1.785E4 and 1.785E+04 to 17850, and trims no-break spaces", async () => {
    const rows = await load([
      ["17850.0", "Acme", "85123A"],
      ["1.785E4", "Acme", "85123.0"],
      ["1.785E+04", `Acme${NBSP}`, "22423"],
      [`17850${NBSP}`, `${NBSP}Acme`, `POST${NBSP}${NBSP}`],
      ["1.23E+2", "Beta", "1.0"],
    ]);
    expect(rows.map((r) => [r.customer_id, r.customer_name, r.product_id])).toEqual([
      ["17850", "Acme", "85123A"],
      ["17850", "Acme", "85123"],
      ["17850", "Acme", "22423"],
      ["17850", "Acme", "POST"],
      ["123", "Beta", "1"],
    ]);
    const dir = dirs.at(-1)!;
    expect(await query(dir, `SELECT customer_id, name FROM customers ORDER BY customer_id`)).toEqual([
      { customer_id: "123", name: "Beta" },
      { customer_id: "17850", name: "Acme" },
    ]);
  });

  it("leaves what may be a real code as written", async () => {
    const rows = await load([
      ["1E5", "a", "12E4"], // no point and no plus: a code, not Excel's notation
      ["0017850", "b", "A1.0"], // leading zeros; a letter before the point
      ["1.5", "c", "1.50"], // a fraction is not a whole number
      ["1.2345E2", "d", "3.1E-2"], // 123.45 is not whole; a negative exponent
      ["C17850.0", "e", "17850.00"],
    ]);
    expect(rows.map((r) => [r.customer_id, r.product_id])).toEqual([
      ["1E5", "12E4"],
      ["0017850", "A1.0"],
      ["1.5", "1.50"],
      ["1.2345E2", "3.1E-2"],
      ["C17850.0", "17850"],
    ]);
  });
});
