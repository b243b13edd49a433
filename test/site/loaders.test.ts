import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DuckDBInstance } from "@duckdb/node-api";
import { warehouseFile } from "../../loaders/paths.ts";
// @ts-ignore plain JS run by node as the pages' data loaders
import { warehouseFile as loaderWarehouse, privateColumns as loaderPrivate } from "../../src/data/warehouse.js";
import { privateColumns } from "../../loaders/schema/index.ts";

const dataDir = path.resolve(import.meta.dirname, "../../src/data");

describe("page data loaders", () => {
  it("know the same private columns as the schema (so reject examples never show one)", () => {
    expect([...loaderPrivate].sort()).toEqual(privateColumns.map((c) => c.column).sort());
  });

  it("find the warehouse where loaders/paths.ts puts it, with and without KAM_DB", () => {
    const saved = process.env.KAM_DB;
    try {
      delete process.env.KAM_DB;
      expect(loaderWarehouse()).toBe(warehouseFile());
      process.env.KAM_DB = "/tmp/somewhere/else.duckdb";
      expect(loaderWarehouse()).toBe(warehouseFile());
    } finally {
      if (saved === undefined) delete process.env.KAM_DB;
      else process.env.KAM_DB = saved;
    }
  });

  it("print JSON numbers for BIGINT and DECIMAL, ISO dates, and lists as arrays", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kam-loader-"));
    const db = path.join(dir, "w.duckdb");
    const instance = await DuckDBInstance.create(db);
    const c = await instance.connect();
    await c.run(`create schema marts; create table marts.analysis_params as
      select 12::bigint as n, 0.20::decimal(4,2) as share, date '2026-09-30' as analysis_date, [1, 2]::integer[] as xs, null as nothing`);
    c.closeSync();
    instance.closeSync();
    const r = spawnSync(process.execPath, [path.join(dataDir, "analysis-params.json.js")], { env: { ...process.env, KAM_DB: db }, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ n: 12, share: 0.2, analysis_date: "2026-09-30", xs: [1, 2], nothing: null }]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("fail loudly, naming the warehouse and the query, when a mart is missing", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kam-loader-"));
    const db = path.join(dir, "empty.duckdb");
    spawnSync(process.execPath, ["-e", `import("@duckdb/node-api").then(async (m) => (await m.DuckDBInstance.create(${JSON.stringify(db)})).closeSync())`], { cwd: dataDir });
    const r = spawnSync(process.execPath, [path.join(dataDir, "kpi-year.json.js")], { env: { ...process.env, KAM_DB: db }, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`data loader query failed on ${db}`);
    expect(r.stderr).toContain("marts.kpi_year");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
