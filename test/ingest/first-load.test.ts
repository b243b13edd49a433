// A table's first load (it has no rows) stages the file in the warehouse and makes that stage the table:
// rejected rows deleted, working columns dropped, NOT NULLs set, renamed (ingest_file.ts adoptStage);
// a load into a table with rows stages it in a database file of its own and INSERTs the kept rows
// (loaders/ingest/stage_area.ts). What must hold either way: the rejected rows are out, the others are
// in, in the file's order, the table has the schema's shape, and no stage is left.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTableSql } from "../../loaders/schema/ddl.ts";
import { ingest, lenient, query, tempDir } from "./helpers.ts";

const csv = [
  "order_id,line_no,order_date,customer_id,product_id,quantity,amount", // line 1
  "O1,1,2024-01-05,C1,P1,1,10", // 2
  "O1,2,2024-01-05,C1,P2,1,20", // 3: the same key as line 8, which wins: a duplicate
  "O2,1,2024-13-45,C1,P1,1,30", // 4: no such date: required
  "O3,1,2024-02-01,C2,P1,2,40", // 5
  "", // 6: empty, not a row, but a line
  "O4,1,2024-02-02,C2,P3,1,50", // 7
  "O1,2,2024-01-06,C1,P2,1,21", // 8
  "O5,1,2024-03-01,C1,P1,1,60", // 9
].join("\n");

describe("a first load into an empty table", () => {
  it("loads the kept rows in the file's order and leaves no stage behind", async () => {
    const dir = tempDir();
    const file = path.join(dir, "order_lines.csv");
    fs.writeFileSync(file, csv + "\n");
    const r = await ingest(dir, [{ path: file, table: "order_lines" }], { thresholds: lenient });
    expect(r.files[0]).toMatchObject({ read: 7, loaded: 5, rejected: 2, rejectedBy: { required: 1, duplicate: 1 } });
    // rowid order is the table's stored order, committed
    const rows = await query<{ source_row: number; order_id: string; amount: string }>(dir, `SELECT source_row, order_id, CAST(amount AS VARCHAR) AS amount FROM order_lines ORDER BY rowid`);
    expect(rows).toEqual([
      { source_row: 2, order_id: "O1", amount: "10.0000" },
      { source_row: 5, order_id: "O3", amount: "40.0000" },
      { source_row: 7, order_id: "O4", amount: "50.0000" },
      { source_row: 8, order_id: "O1", amount: "21.0000" },
      { source_row: 9, order_id: "O5", amount: "60.0000" },
    ]);
    expect(await query(dir, `SELECT row_number, reason_class FROM ingest_rejects ORDER BY row_number`)).toEqual([
      { row_number: 3, reason_class: "duplicate" },
      { row_number: 4, reason_class: "required" },
    ]);
    expect(await query(dir, `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'kam_%'`)).toEqual([]);
    expect(fs.readdirSync(dir).filter((f) => f.includes(".stage-"))).toEqual([]);
    // the adopted stage has the schema's columns, types and NOT NULLs: the DDL's own table, no more
    const shape = `SELECT column_name, data_type, is_nullable FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index`;
    await query(dir, createTableSql("order_lines", "kam_schema_order_lines"));
    expect(await query(dir, shape.replace("?", "'order_lines'"))).toEqual(await query(dir, shape.replace("?", "'kam_schema_order_lines'")));
    expect((await query<{ n: number }>(dir, `SELECT count(*) AS n FROM duckdb_columns() WHERE table_name = 'order_lines' AND NOT is_nullable`))[0].n).toBeGreaterThan(3);
  });

  it("drops the stage tables a killed run left in the warehouse", async () => {
    const dir = tempDir();
    const file = path.join(dir, "order_lines.csv");
    fs.writeFileSync(file, csv + "\n");
    await ingest(dir, [{ path: file, table: "order_lines" }], { thresholds: lenient });
    // what a run killed between its stage and its merge leaves: a committed stage table
    await query(dir, `CREATE TABLE main.kam_stage_99999_1 AS SELECT * FROM order_lines`);
    fs.appendFileSync(file, "\n");
    const r = await ingest(dir, [{ path: file, table: "order_lines" }], { thresholds: lenient });
    expect(r.files[0]).toMatchObject({ read: 7, loaded: 5 });
    expect(await query(dir, `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'kam_%'`)).toEqual([]);
  });

  // Many row groups, read by both threads: the order and the exclusions must hold where the scan is parallel.
  it("keeps the file's order and leaves out exactly the rejected rows at 300,000 lines, first load and reload", async () => {
    const dir = tempDir();
    const file = path.join(dir, "order_lines.csv");
    const n = 300_000;
    // every 997th line has no such date (required), a row 5 lines on repeats every 4999th key (duplicate)
    const bad = (i: number) => i % 997 === 0;
    const dupOf = (i: number) => (i >= 5 && (i - 5) % 4999 === 0 ? i - 5 : null);
    const lines = ["order_id,line_no,order_date,customer_id,product_id,quantity,amount"];
    for (let i = 0; i < n; i++) {
      const id = dupOf(i) ?? i;
      lines.push(`O${id},1,${bad(i) ? "2024-13-45" : "2024-01-05"},C${i % 50},P1,1,${i}`);
    }
    fs.writeFileSync(file, lines.join("\n") + "\n");
    // by hand: the rows kept, in the file's order (a duplicate key: the later row wins, unless it was rejected)
    const rejected = new Set<number>();
    for (let i = 0; i < n; i++) if (bad(i)) rejected.add(i);
    for (let i = 0; i < n; i++) {
      const j = dupOf(i);
      if (j !== null && !bad(i) && !bad(j)) rejected.add(j);
    }
    const kept = [...Array(n).keys()].filter((i) => !rejected.has(i));
    for (const round of [1, 2]) {
      // the file again with an empty last line (new bytes, the same rows): loaded into a table that has rows
      if (round === 2) fs.appendFileSync(file, "\n");
      const r = await ingest(dir, [{ path: file, table: "order_lines" }], { thresholds: lenient });
      expect(r.files[0]).toMatchObject({ read: n, loaded: kept.length, rejected: n - kept.length, replaced: round === 1 ? 0 : kept.length });
      const got = await query<{ amount: number }>(dir, `SELECT CAST(amount AS INTEGER) AS amount FROM order_lines ORDER BY rowid`);
      expect(got.length).toBe(kept.length);
      expect(got.map((g) => g.amount)).toEqual(kept);
    }
    expect(fs.readdirSync(dir).filter((f) => f.includes(".stage-"))).toEqual([]);
  });
});
