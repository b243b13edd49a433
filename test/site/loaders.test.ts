import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DuckDBInstance } from "@duckdb/node-api";
import { warehouseFile } from "../../loaders/paths.ts";
// @ts-ignore plain JS run by node as the pages' data loaders
import { warehouseFile as loaderWarehouse, privateColumns as loaderPrivate, toJson } from "../../src/data/warehouse.js";
// @ts-ignore
import { martFileJson, roundColumn } from "../../src/data/mart-file.js";
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

  it("print JSON numbers for BIGINT and DECIMAL, ISO dates and lists, rounded by the declared unit", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const c = await instance.connect();
    const run = async (sql: string) =>
      Object.fromEntries(Object.entries((await c.runAndReadAll(sql)).getColumnsObject()).map(([k, vs]) => [k, vs.map(toJson)]));
    const contract = () => ({
      columns: [
        { name: "n", type: "integer", unit: "count" },
        { name: "amount", type: "number", unit: "money" },
        { name: "share", type: "number", unit: "share" },
        { name: "day", type: "date", unit: "date" },
        { name: "xs", type: "list", unit: "share" },
        { name: "nothing", type: "number", unit: "money" },
      ],
    });
    try {
      const sql = `select 12::bigint as n, 407186082.51000005::double as amount, -0.004::decimal(6,3) as amount2,
                   0.30000000000000004 as share, date '2026-09-30' as day, [0.123456, 1]::double[] as xs, null as nothing`;
      // the float noise of the issue (407186082.51000005) leaves as cents; -0.004 money rounds to 0, never -0
      const out = await martFileJson(run, { file: "t.x", sql: sql.replace(", -0.004::decimal(6,3) as amount2", "") }, contract);
      expect(out).toEqual({
        mart: "t",
        units: { n: "count", amount: "money", share: "share", day: "date", xs: "share", nothing: "money" },
        columns: { n: [12], amount: [407186082.51], share: [0.3], day: ["2026-09-30"], xs: [[0.1235, 1]], nothing: [null] },
      });
      expect(JSON.stringify(out.columns.amount)).toBe("[407186082.51]");
      expect(roundColumn({ unit: "money", type: "number" })(-0.004)).toBe(0);
      expect(Object.is(roundColumn({ unit: "money", type: "number" })(-0.004), -0)).toBe(false);
      expect(roundColumn({ unit: "money", type: "number" })(-2.675)).toBe(-2.68);
      // a column the declaration does not have fails, naming the file to fix
      await expect(martFileJson(run, { file: "t", sql }, contract)).rejects.toThrow(/column amount2 is not declared in loaders\/models\/marts\/t\.yml/);
    } finally {
      c.closeSync();
      instance.closeSync();
    }
  });

  it("fail loudly, naming the warehouse and the file, when a mart is missing", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kam-loader-"));
    const db = path.join(dir, "empty.duckdb");
    spawnSync(process.execPath, ["-e", `import("@duckdb/node-api").then(async (m) => (await m.DuckDBInstance.create(${JSON.stringify(db)})).closeSync())`], { cwd: dataDir });
    const r = spawnSync(process.execPath, [path.join(dataDir, "marts.tar.js")], { env: { ...process.env, KAM_DB: db }, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`data loader marts.tar.js failed on ${db}`);
    expect(r.stderr).toContain("data/marts/analysis_params.json");
    expect(r.stdout).toBe("");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("the page files", () => {
  it("have one entry per file name (two entries of one name: the later would silently replace the earlier)", async () => {
    // @ts-ignore plain JS shared with the loader
    const { martFiles } = await import("../../src/data/mart-files.js");
    const names = (martFiles as { file: string }[]).map((f) => f.file);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });
});
