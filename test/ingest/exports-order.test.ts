// CSV row numbers come from the stage keeping the file's order (rowid = position in the file), which
// DuckDB keeps only while the staging query has no join. A constant IN list of five or more values
// is planned as a hash join: this test keeps every such construct out of every table's stage.
import { describe, expect, it } from "vitest";
import { defaultDateOptions } from "../../loaders/ingest/dates.ts";
import { openDb } from "../../loaders/ingest/duck.ts";
import { mapHeaders } from "../../loaders/ingest/headers.ts";
import type { RawSource } from "../../loaders/ingest/raw.ts";
import { stageSql } from "../../loaders/ingest/stage.ts";
import { valueMacros } from "../../loaders/ingest/values.ts";
import type { LinePlan } from "../../loaders/ingest/derive_lines.ts";
import { mappableColumnsOf, tableNames } from "../../loaders/schema/index.ts";

/** Every derivation at once, with more non-product ids and prefixes than an IN list may hold. */
const everything: LinePlan = {
  deriveAmount: true,
  discountIsRate: true,
  discountAmount: false,
  costFrom: "margin",
  unitAssumed: true,
  lineNoFromPosition: true,
  orderIdFromCustomerDay: false,
  creditPrefixes: ["C", "CN", "R", "RET", "X"],
  nonProductIds: ["POST", "DOT", "M", "BANK CHARGES", "AMAZONFEE", "D", "S"],
  excludeNonProduct: true,
};

describe("the staging query", () => {
  it.each(tableNames)("of %s has no join, so it keeps the file's order", async (table) => {
    const db = await openDb(":memory:");
    try {
      for (const m of valueMacros) await db.exec(m);
      const headers = mappableColumnsOf(table).map((c) => c.name);
      await db.exec(`CREATE TABLE raw AS SELECT ${headers.map((_, i) => `'x' AS c${i}`).join(", ")}`);
      const raw = { headers, columns: headers.map((_, i) => `c${i}`), from: "raw", rowSql: null } as unknown as RawSource;
      for (const order of ["auto", "mdy"] as const) {
        const sql = stageSql("st", table, raw, mapHeaders("x.csv", table, headers), { min: "1990-01-01", max: "2100-12-31" }, {
          sourceFile: "x.csv",
          dates: { ...defaultDateOptions, order },
          lines: table === "order_lines" ? everything : undefined,
          // each row's currency converted (its 50 codes a list, not an IN list)
          currency: headers.includes("currency") ? { plan: { kind: "row", column: "currency", blank: "CNY" }, money: { report: "CNY", rates: { USD: 7.1, EUR: 7.7 } } } : undefined,
        });
        const plan = (await db.rows<{ explain_value: string }>(`EXPLAIN ${sql.replace(/^CREATE OR REPLACE TABLE st AS/, "")}`))
          .map((r) => r.explain_value)
          .join("\n");
        expect(plan).not.toMatch(/JOIN/);
      }
    } finally {
      db.close();
    }
  });
});
