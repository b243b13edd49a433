// Property: whatever the rows of an export hold, the ingest never crashes and every row is
// either loaded or rejected (loaded + rejected = read = rows written).
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { ingest, lenient, query, tempDir } from "./helpers.ts";

const HEADER = ["单据编号", "行号", "单据日期", "客户编码", "客户名称", "商品编码", "商品类别", "数量", "单位", "单价", "金额", "成本", "折扣额"];
const awkward = fc.constantFrom(
  "", " ", "　", "合计", "Total", "0", "-1", "1,234.50", "(12)", "12-", "¥5", "１２", "1e400", "NaN", "abc", "2024-02-30", "2024/1/5",
  "20240105", "45296", "2024年1月5日", "99999999999", "1.5", "A", "电话回访", "\"", ",", "a,b", "x\ny", "C001", "SO1", "'", "\\", "null",
);
const cell = fc.oneof(awkward, fc.string({ maxLength: 8 }), fc.integer({ min: -5, max: 5 }).map(String));
const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("conservation of rows", () => {
  it("random rows are always loaded or rejected, never lost, never a crash", { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 13, maxLength: 13 }), { minLength: 1, maxLength: 25 }), async (rows) => {
        // A row of only empty cells is written as ",,,," and is a row; DuckDB skips nothing here.
        const dir = tempDir();
        dirs.push(dir);
        const file = path.join(dir, "orders.csv");
        fs.writeFileSync(file, [HEADER.join(","), ...rows.map((r) => r.map(quote).join(","))].join("\n") + "\n");
        const result = await ingest(dir, [{ path: file, table: "order_lines" }], { thresholds: lenient });
        const [s] = result.files;
        expect(s.error).toBeNull();
        expect(s.read).toBe(rows.length);
        expect(s.loaded + s.rejected).toBe(s.read);
        const [{ loaded, rejected }] = await query<{ loaded: number; rejected: number }>(
          dir,
          `SELECT (SELECT count(*) FROM order_lines) AS loaded, (SELECT count(DISTINCT row_number) FROM ingest_rejects) AS rejected`,
        );
        expect({ loaded, rejected }).toEqual({ loaded: s.loaded, rejected: s.rejected });
        fs.rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 30, seed: 20261123 },
    );
  });
});
