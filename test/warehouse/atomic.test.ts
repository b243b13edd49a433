// A run is one transaction on the warehouse: committed on success, rolled back on a throw or a
// result that must not be kept, and nothing at all written beside the warehouse (no copy);
// a first-ever run builds beside it and renames; a killed run's leftovers are cleaned.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DuckDBInstance } from "@duckdb/node-api";
import { removeAbandoned, withWarehouseTransaction } from "../../loaders/warehouse/atomic.ts";

async function sql(file: string, ...statements: string[]): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(file);
  const con = await instance.connect();
  let rows: unknown[][] = [];
  try {
    for (const s of statements) rows = (await con.runAndReadAll(s)).getRowsJS() as unknown[][];
  } finally {
    con.closeSync();
    instance.closeSync();
  }
  return rows;
}
const words = (file: string) => sql(file, "select w from t order by w").then((r) => r.map((x) => x[0]));

describe("withWarehouseTransaction", () => {
  let dir: string;
  let target: string;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kam-atomic-"));
    target = path.join(dir, "kam.duckdb");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("commits on success into the warehouse itself: no copy, no working file, no WAL", async () => {
    await sql(target, "create table t (w varchar)", "insert into t values ('old')");
    await withWarehouseTransaction(target, async ({ file, con }) => {
      expect(file).toBe(target); // the warehouse itself, not a copy
      expect(fs.readdirSync(dir)).toEqual(["kam.duckdb"]);
      expect((await con.runAndReadAll("select w from t")).getRowsJS()).toEqual([["old"]]); // sees what was there
      await con.run("insert into t values ('new')");
    });
    expect(await words(target)).toEqual(["new", "old"]);
    expect(fs.readdirSync(dir)).toEqual(["kam.duckdb"]);
  });

  it("rolls back when the run throws: the warehouse byte for byte as before", async () => {
    await sql(target, "create table t (w varchar)", "insert into t values ('old')");
    const before = fs.readFileSync(target);
    await expect(
      withWarehouseTransaction(target, async ({ con }) => {
        await con.run("delete from t");
        await con.run("create table u as select range as x from range(1000)");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(fs.readFileSync(target).equals(before)).toBe(true);
    expect(await words(target)).toEqual(["old"]);
    expect(fs.readdirSync(dir)).toEqual(["kam.duckdb"]);
  });

  it("rolls back when a statement fails inside DuckDB (which ends the transaction itself)", async () => {
    await sql(target, "create table t (w varchar)", "insert into t values ('old')");
    await expect(
      withWarehouseTransaction(target, async ({ con }) => {
        await con.run("insert into t values ('half')");
        await con.run("select cast('x' as integer)");
      }),
    ).rejects.toThrow(/Conversion Error/);
    expect(await words(target)).toEqual(["old"]);
  });

  it("rolls back when the result says not to (a failed ingest)", async () => {
    await sql(target, "create table t (w varchar)", "insert into t values ('old')");
    const result = await withWarehouseTransaction(
      target,
      async ({ con }) => {
        await con.run("insert into t values ('rejected')");
        return { ok: false };
      },
      { keep: (r) => r.ok },
    );
    expect(result).toEqual({ ok: false });
    expect(await words(target)).toEqual(["old"]);
    expect(fs.readdirSync(dir)).toEqual(["kam.duckdb"]);
  });

  it("a statement that fails on the side connection leaves the run's transaction usable", async () => {
    await sql(target, "create table t (w varchar)");
    await withWarehouseTransaction(target, async ({ con, side }) => {
      await con.run("insert into t values ('kept')");
      await expect(side.run(`describe select * from read_parquet('${path.join(dir, "nothing.parquet")}')`)).rejects.toThrow();
      await con.run("insert into t values ('after')");
    });
    expect(await words(target)).toEqual(["after", "kept"]);
  });

  it("a first-ever run builds beside the warehouse and renames it in; a failed one leaves nothing", async () => {
    await expect(
      withWarehouseTransaction(target, async ({ file, con }) => {
        expect(file).toBe(`${target}.building-${process.pid}`);
        await con.run("create table t (w varchar)");
        throw new Error("first run failed");
      }),
    ).rejects.toThrow("first run failed");
    expect(fs.readdirSync(dir)).toEqual([]);
    await withWarehouseTransaction(target, async ({ con }) => {
      await con.run("create table t (w varchar)");
      await con.run("insert into t values ('first')");
    });
    expect(fs.readdirSync(dir)).toEqual(["kam.duckdb"]);
    expect(await words(target)).toEqual(["first"]);
  });

  it("removes working files of killed runs but not those of running ones", () => {
    // A pid that surely ended: a child process that has already exited.
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    fs.writeFileSync(`${target}.building-${dead}`, "x");
    fs.mkdirSync(`${target}.building-${dead}.tmp`); // DuckDB's spill folder of a killed first run
    fs.writeFileSync(`${target}.building-${dead}.tmp/duckdb_temp_storage-0.tmp`, "x");
    fs.writeFileSync(`${target}.building-${process.pid}`, "x");
    // stage files (loaders/ingest/stage_area.ts) of a killed run, and of a running one
    fs.writeFileSync(`${target}.stage-${dead}-3`, "x");
    fs.writeFileSync(`${target}.stage-${dead}-3.wal`, "x");
    fs.writeFileSync(`${target}.stage-${process.pid}-1`, "x");
    expect(removeAbandoned(target).sort()).toEqual(
      [`kam.duckdb.building-${dead}`, `kam.duckdb.building-${dead}.tmp`, `kam.duckdb.stage-${dead}-3`, `kam.duckdb.stage-${dead}-3.wal`].sort(),
    );
    expect(fs.readdirSync(dir).sort()).toEqual([`kam.duckdb.building-${process.pid}`, `kam.duckdb.stage-${process.pid}-1`]);
  });
});
