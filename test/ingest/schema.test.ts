// The canonical schema: one definition yields the DDL, the docs and the private-column list.
import fs from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { warehouseDdl } from "../../loaders/schema/ddl.ts";
import { schemaMarkdown } from "../../loaders/schema/docs.ts";
import { columnsOf, keyOf, privateColumns } from "../../loaders/schema/index.ts";
import { root } from "../../loaders/paths.ts";

describe("canonical schema", () => {
  it("the committed tables.md is what docs.ts generates", () => {
    expect(fs.readFileSync(path.join(root, "loaders/schema/tables.md"), "utf8")).toBe(schemaMarkdown());
  });

  it("lists the contact fields of customers as private, and nothing else", () => {
    expect(privateColumns).toEqual(["contact_name", "phone", "email", "address"].map((column) => ({ table: "customers", column })));
  });

  it("has the column types of the warehouse contract", () => {
    const types = Object.fromEntries(columnsOf("order_lines").map((c) => [c.name, c.duckdb]));
    expect(types).toEqual({
      order_id: "VARCHAR", line_no: "INTEGER", order_date: "DATE", customer_id: "VARCHAR", customer_name: "VARCHAR",
      product_id: "VARCHAR", product_category: "VARCHAR", quantity: "DECIMAL(18,4)", unit: "VARCHAR", unit_price: "DECIMAL(18,4)",
      amount: "DECIMAL(18,4)", cost: "DECIMAL(18,4)", discount: "DECIMAL(18,4)", discount_rate: "DECIMAL(18,4)", line_type: "VARCHAR",
      region: "VARCHAR", country: "VARCHAR", channel: "VARCHAR", sales_rep: "VARCHAR", source_file: "VARCHAR", source_row: "INTEGER",
    });
    expect(keyOf("order_lines")).toEqual(["order_id", "line_no"]);
    expect(keyOf("customers")).toEqual(["customer_id"]);
  });

  it("its DDL creates every table in DuckDB", async () => {
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    for (const sql of warehouseDdl()) await con.run(sql);
    const r = await con.runAndReadAll(`SELECT table_name, count(*)::INTEGER AS n FROM duckdb_columns() WHERE NOT internal AND schema_name = 'main' GROUP BY ALL ORDER BY table_name`);
    expect(r.getRowObjectsJS()).toEqual([
      { table_name: "customers", n: 16 },
      { table_name: "derived_attributes", n: 6 },
      { table_name: "ingest_derivations", n: 5 },
      { table_name: "ingest_files", n: 16 },
      { table_name: "ingest_rejects", n: 7 },
      { table_name: "order_lines", n: 21 },
      { table_name: "payments", n: 7 },
      { table_name: "quality_claims", n: 6 },
      { table_name: "visits", n: 7 },
    ]);
    con.closeSync();
    db.closeSync();
  });
});
