// `kam transform` rebuilds every mart, the CLV ones included, from nothing: on a copy of a
// built warehouse, a dropped CLV mart comes back and a table no model makes is removed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import transform from "../../loaders/cli/commands/transform.ts";
import { createTinyWarehouse } from "./tiny-warehouse.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kam-clv-transform-"));
const original = path.join(dir, "built.duckdb");
const copy = path.join(dir, "copy.duckdb");

async function on<T>(file: string, f: (all: (sql: string) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(file);
  const con = await instance.connect();
  try {
    return await f(async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[]);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
const tables = (file: string) =>
  on(file, async (all) => (await all(`select table_schema || '.' || table_name as t from information_schema.tables order by 1`)).map((r) => String(r.t)));

beforeAll(async () => {
  process.env.KAM_CONFIG = path.join(dir, "kam.config.json");
  fs.writeFileSync(process.env.KAM_CONFIG, JSON.stringify({ analysis: { analysis_date: "2025-06-30" }, clv: { holdout_months: 6 } }));
  vi.spyOn(console, "log").mockImplementation(() => {});
  const instance = await DuckDBInstance.create(original);
  const con = await instance.connect();
  await createTinyWarehouse(con);
  con.closeSync();
  instance.closeSync();
  expect(await transform.run(["--db", original])).toBe(0);
}, 120_000);
afterAll(() => {
  delete process.env.KAM_CONFIG;
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("kam transform rebuilds the derived schemas from nothing", () => {
  it("brings back a dropped CLV mart and removes a table no model makes; main is untouched", async () => {
    const built = await tables(original);
    expect(built).toContain("marts.clv_customers");
    expect(built).toContain("marts.customer_equity");
    fs.copyFileSync(original, copy);
    await on(copy, async (all) => {
      await all(`drop table marts.clv_customers`);
      await all(`create table marts.renamed_long_ago as select 1 as x`); // a mart no model makes any more
      await all(`create table intermediate.stale as select 1 as x`);
      await all(`create view staging.stale_view as select 1 as x`);
      return null;
    });
    const before = await on(copy, (all) => all(`select count(*)::INTEGER as n, sum(amount)::DOUBLE as s from main.order_lines`));
    expect(await transform.run(["--db", copy])).toBe(0);
    const after = await tables(copy);
    expect(after).toEqual(built);
    expect(after).not.toContain("marts.renamed_long_ago");
    expect(await on(copy, (all) => all(`select count(*)::INTEGER as n, sum(amount)::DOUBLE as s from main.order_lines`))).toEqual(before);
    // The rebuilt CLV mart is the one the first build made.
    const rows = (file: string) => on(file, (all) => all(`select * from marts.clv_customers order by customer_id`));
    expect(await rows(copy)).toEqual(await rows(original));
  });
});
