// Property: whatever text a rejected cell holds, the rejects CSV (written for Excel) never starts a
// cell with a formula character (= + - @, tab, CR) — it is prefixed with ' as the site's CSV
// downloads do (src/components/csv.js) — and otherwise carries the value the warehouse kept.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "../../loaders/ingest/duck.ts";
import { lit } from "../../loaders/ingest/duck.ts";
import { ingest, lenient, query, tempDir } from "./helpers.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const HEAD = "order_id,line_no,order_date,customer_id,product_id,quantity,amount";
const formulaStart = /^[=+\-@\t\r]/;
/** A CSV field holding `s` exactly. */
const field = (s: string) => `"${s.replace(/"/g, '""')}"`;

// Payloads seen in the wild (=HYPERLINK, @SUM|cmd, +cmd, -2+3) and arbitrary text after a formula character.
const payload = fc.oneof(
  fc.constantFrom(`=HYPERLINK("http://x","y")`, "@SUM(1+1)|cmd", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "=1+1", "@A1"),
  fc
    .tuple(fc.constantFrom("=", "+", "-", "@"), fc.string({ unit: "grapheme", maxLength: 20 }))
    .map(([c, rest]) => c + rest.replace(/[\r\n\t\u0000]/g, "x")),
);

async function csvCells(file: string): Promise<{ column_name: string | null; raw_value: string | null; reason: string | null }[]> {
  const db = await openDb(":memory:");
  try {
    return await db.rows(
      `SELECT column_name, raw_value, reason FROM read_csv(${lit(file)}, header = true, all_varchar = true, quote = '"', escape = '"', auto_detect = false,
         columns = {'source_file': 'VARCHAR', 'table_name': 'VARCHAR', 'row_number': 'VARCHAR', 'column_name': 'VARCHAR', 'raw_value': 'VARCHAR', 'reason': 'VARCHAR'})
       ORDER BY CAST(row_number AS INTEGER), column_name`,
    );
  } finally {
    db.close();
  }
}

describe("rejects CSVs", () => {
  it("property: no cell starts a formula; a neutralised cell is ' + the value kept", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(payload, { minLength: 1, maxLength: 4 }), async (values) => {
        const dir = tempDir();
        dirs.push(dir);
        const file = path.join(dir, "orders.csv");
        // each payload in the amount (a required reject) of its own line, and one good line
        const lines = [HEAD, ...values.map((v, i) => `SO${i},1,2024-01-05,C1,P1,1,${field(v)}`), "SO99,1,2024-01-05,C1,P1,1,7"];
        fs.writeFileSync(file, lines.join("\n") + "\n");
        const r = await ingest(dir, [{ path: file, table: "order_lines" }], { thresholds: lenient });
        const kept = await query<{ column_name: string | null; raw_value: string | null; reason: string | null }>(
          dir,
          `SELECT column_name, raw_value, reason FROM ingest_rejects ORDER BY row_number, column_name`,
        );
        expect(kept.length).toBe(values.length);
        const cells = await csvCells(r.files[0].rejectsFile!);
        expect(cells.length).toBe(kept.length);
        const safe = (v: string | null) => (v !== null && formulaStart.test(v) ? `'${v}` : v);
        for (const [i, c] of cells.entries()) {
          for (const v of [c.column_name, c.raw_value, c.reason]) expect(v === null || !formulaStart.test(v), String(v)).toBe(true);
          expect(c).toEqual({ column_name: safe(kept[i].column_name), raw_value: safe(kept[i].raw_value), reason: safe(kept[i].reason) });
        }
      }),
      { numRuns: 8, seed: 20261201 },
    );
  });
});
