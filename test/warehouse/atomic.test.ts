// A run builds the next warehouse in a new file beside the live one (starting from a copy of it)
// and renames it in on success; a throw or a result that must not be kept removes the new file,
// and the live one is never written: byte for byte as before, readable by others throughout;
// a killed run's leftovers are cleaned.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DuckDBInstance } from "@duckdb/node-api";
import { removeAbandoned, withWarehouseRun } from "../../loaders/warehouse/atomic.ts";
import { holdDuckDb } from "../support/hold-duckdb.ts";

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
const rowsOf = async (con: { runAndReadAll(s: string): Promise<{ getRowsJS(): unknown[][] }> }, s: string) => (await con.runAndReadAll(s)).getRowsJS();

/** What another process reads from `file` (opened read-only), or its error. */
function readElsewhere(file: string, query: string): string {
  const script = `const { DuckDBInstance } = require("@duckdb/node-api");
    DuckDBInstance.create(${JSON.stringify(file)}, { access_mode: "READ_ONLY" }).then(async (i) => {
      const c = await i.connect(); console.log(JSON.stringify((await c.runAndReadAll(${JSON.stringify(query)})).getRowsJS()));
    }).catch((e) => console.log("ERROR " + e.message));`;
  return spawnSync(process.execPath, ["-e", script], { encoding: "utf8" }).stdout.trim();
}

describe("withWarehouseRun", () => {
  let dir: string;
  let target: string;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kam-atomic-"));
    target = path.join(dir, "kam.duckdb");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("builds the next warehouse beside the live one from a copy of it, and renames it in", async () => {
    await sql(target, "create table t (w varchar)", "insert into t values ('old')");
    const before = fs.readFileSync(target);
    await withWarehouseRun(target, async ({ file, con }) => {
      expect(file).toBe(`${target}.building-${process.pid}`);
      expect(await rowsOf(con, "select w from t")).toEqual([["old"]]); // starts from what was there
      await con.run("insert into t values ('new')");
      // the live warehouse is not written, and other processes can read it meanwhile
      expect(fs.readFileSync(target).equals(before)).toBe(true);
      expect(readElsewhere(target, "select w from t order by w")).toBe(JSON.stringify([["old"]]));
    });
    expect(await words(target)).toEqual(["new", "old"]);
    expect(fs.readdirSync(dir)).toEqual(["kam.duckdb"]); // no WAL, no working file left
  });

  it("each statement of the run commits (so DuckDB scans what the run wrote in parallel)", async () => {
    await withWarehouseRun(target, async ({ con, side }) => {
      await con.run("create table t as select range as x from range(10)");
      // rows of an open transaction would be invisible to the other connection
      expect(await rowsOf(side, "select count(*)::int from t")).toEqual([[10]]);
    });
  });

  it("a throw removes the new file: the warehouse byte for byte as before", async () => {
    await sql(target, "create table t (w varchar)", "insert into t values ('old')");
    const before = fs.readFileSync(target);
    await expect(
      withWarehouseRun(target, async ({ con }) => {
        await con.run("delete from t");
        await con.run("create table u as select range as x from range(1000)");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(fs.readFileSync(target).equals(before)).toBe(true);
    expect(await words(target)).toEqual(["old"]);
    expect(fs.readdirSync(dir)).toEqual(["kam.duckdb"]);
  });

  it("a statement that fails inside DuckDB fails the run the same way", async () => {
    await sql(target, "create table t (w varchar)", "insert into t values ('old')");
    await expect(
      withWarehouseRun(target, async ({ con }) => {
        await con.run("insert into t values ('half')");
        await con.run("select cast('x' as integer)");
      }),
    ).rejects.toThrow(/Conversion Error/);
    expect(await words(target)).toEqual(["old"]);
    expect(fs.readdirSync(dir)).toEqual(["kam.duckdb"]);
  });

  it("a result that must not be kept (a failed ingest) removes the new file", async () => {
    await sql(target, "create table t (w varchar)", "insert into t values ('old')");
    const result = await withWarehouseRun(
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

  it("a statement that fails on the side connection leaves a transaction of the run's connection usable", async () => {
    await sql(target, "create table t (w varchar)");
    await withWarehouseRun(target, async ({ con, side }) => {
      await con.run("begin transaction");
      await con.run("insert into t values ('kept')");
      await expect(side.run(`describe select * from read_parquet('${path.join(dir, "nothing.parquet")}')`)).rejects.toThrow();
      await con.run("insert into t values ('after')");
      await con.run("commit");
    });
    expect(await words(target)).toEqual(["after", "kept"]);
  });

  it("a first-ever run renames its file in too; a failed one leaves nothing", async () => {
    await expect(
      withWarehouseRun(target, async ({ con }) => {
        await con.run("create table t (w varchar)");
        throw new Error("first run failed");
      }),
    ).rejects.toThrow("first run failed");
    expect(fs.readdirSync(dir)).toEqual([]);
    await withWarehouseRun(target, async ({ con }) => {
      await con.run("create table t (w varchar)");
      await con.run("insert into t values ('first')");
    });
    expect(fs.readdirSync(dir)).toEqual(["kam.duckdb"]);
    expect(await words(target)).toEqual(["first"]);
  });

  it("carries over the whole catalog, or with carry 'sources' only the main schema's tables", async () => {
    await sql(
      target,
      "create sequence main.seq start 7",
      "create table t (id integer primary key, w varchar default 'x' not null)",
      "insert into t (id) select range from range(5000) order by range desc", // stored order: 4999 .. 0
      "create schema marts",
      "create table marts.m as select 42 as x",
      "create view marts.v as select x + 1 as y from marts.m",
      "create macro marts.twice(a) as 2 * a",
    );
    await withWarehouseRun(target, async ({ con }) => {
      expect(await rowsOf(con, "select y, marts.twice(y) from marts.v")).toEqual([[43, 86]]);
      expect(await rowsOf(con, "select nextval('main.seq')::int")).toEqual([[7]]);
    });
    await withWarehouseRun(
      target,
      async ({ con }) => {
        expect(await rowsOf(con, "select schema_name from duckdb_schemas() where database_name = current_database() and schema_name = 'marts'")).toEqual([]);
        // rows in their stored order, the table's constraints and defaults with them
        expect(await rowsOf(con, "select first(id), last(id), count(*)::int, min(w), max(w) from t")).toEqual([[4999, 0, 5000, "x", "x"]]);
        await expect(con.run("insert into t (id) values (0)")).rejects.toThrow(/Duplicate key|PRIMARY KEY|constraint/i);
        await expect(con.run("insert into t values (9999, null)")).rejects.toThrow(/NOT NULL/i);
      },
      { carry: "sources" },
    );
    expect(await sql(target, "select count(*)::int from duckdb_tables() where schema_name = 'marts'")).toEqual([[0]]);
  });

  it("carries a live warehouse closed without a checkpoint (its WAL beside it) with what the WAL holds", async () => {
    await sql(target, "create table t (w varchar)", "insert into t values ('checkpointed')");
    await sql(target, "pragma disable_checkpoint_on_shutdown", "set checkpoint_threshold = '1TB'", "insert into t values ('in the wal')");
    expect(fs.existsSync(`${target}.wal`)).toBe(true);
    await withWarehouseRun(target, async ({ con }) => {
      expect(await rowsOf(con, "select w from t order by w")).toEqual([["checkpointed"], ["in the wal"]]);
    });
    expect(fs.existsSync(`${target}.wal`)).toBe(false);
    expect(await words(target)).toEqual(["checkpointed", "in the wal"]);
  });

  it("waits for another program that holds the live warehouse for writing, then starts from what it wrote", { timeout: 60_000 }, async () => {
    await sql(target, "create table t (w varchar)", "insert into t values ('old')");
    const held = await holdDuckDb(target, { ms: 1500, sql: ["insert into t values ('theirs')"] });
    const said: string[] = [];
    const error = console.error;
    console.error = (l: string) => said.push(l);
    try {
      await withWarehouseRun(target, async ({ con }) => {
        expect(await rowsOf(con, "select w from t order by w")).toEqual([["old"], ["theirs"]]);
      });
    } finally {
      console.error = error;
    }
    expect(said).toEqual([`waiting for another process to finish with ${target}`]);
    await held.done;
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
