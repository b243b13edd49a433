// The runner: model order, and failures that name the model, the test and example rows.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadMacros, loadModels, orderModels, qualified, type Model } from "../../loaders/models/catalog.ts";
import { runDataTests, unique, monotone, sumsToOne, DataTestError } from "../../loaders/models/data-tests.ts";
import { parseConfig } from "../../loaders/config/index.ts";
import { buildModel, runModelsInRun, runModelsOn } from "../../loaders/models/run.ts";
import { load, openWarehouse } from "./warehouse.ts";

const model = (layer: Model["layer"], name: string, dependsOn: string[] = []): Model => ({ layer, name, file: `${name}.sql`, sql: "", dependsOn, materialized: layer === "staging" ? "view" : "table" });

describe("model order", () => {
  it("builds layer by layer and a model's same-layer dependencies first", () => {
    const order = orderModels([
      model("marts", "a_summary", ["marts.z_detail", "intermediate.x"]),
      model("marts", "z_detail", ["intermediate.x"]),
      model("intermediate", "x", ["staging.s"]),
      model("staging", "s"),
    ]).map(qualified);
    expect(order).toEqual(["staging.s", "intermediate.x", "marts.z_detail", "marts.a_summary"]);
  });

  it("refuses a model reading a later layer, and a cycle", () => {
    expect(() => orderModels([model("staging", "s", ["marts.m"]), model("marts", "m")])).toThrow(/staging\.s .* reads marts\.m, a later layer/);
    expect(() => orderModels([model("marts", "a", ["marts.b"]), model("marts", "b", ["marts.a"])])).toThrow(/cycle/);
  });

  it("finds every model on disk with its dependencies, in a valid order", () => {
    const models = loadModels();
    const names = models.map(qualified);
    expect(names).toContain("intermediate.concentration_summary");
    // within a layer: a model after the one it reads (concentration_summary reads concentration_ranked)
    expect(names.indexOf("intermediate.concentration_ranked")).toBeLessThan(names.indexOf("intermediate.concentration_summary"));
    for (const [i, m] of models.entries()) {
      for (const d of m.dependsOn) if (names.includes(d)) expect(names.indexOf(d), `${qualified(m)} needs ${d}`).toBeLessThan(i);
    }
  });
});

describe("materialization", () => {
  it("a staging model is a view unless its file says `-- materialized: table`; later layers are tables", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kam-models-"));
    for (const l of ["staging", "intermediate"]) fs.mkdirSync(path.join(dir, l));
    fs.writeFileSync(path.join(dir, "staging", "a_view.sql"), "select 1 as x");
    fs.writeFileSync(path.join(dir, "staging", "b_small.sql"), "-- the one row every model reads\n-- materialized: table\nselect x from staging.a_view");
    fs.writeFileSync(path.join(dir, "intermediate", "c.sql"), "select * from staging.b_small");
    expect(loadModels(dir).map((m) => `${qualified(m)} ${m.materialized}`)).toEqual(["staging.a_view view", "staging.b_small table", "intermediate.c table"]);
    fs.writeFileSync(path.join(dir, "intermediate", "c.sql"), "-- materialized: view\nselect 1");
    expect(() => loadModels(dir)).toThrow(/c\.sql: only staging models may be views/);
    fs.writeFileSync(path.join(dir, "intermediate", "c.sql"), "-- materialized: ephemeral\nselect 1");
    expect(() => loadModels(dir)).toThrow(/c\.sql: materialized: ephemeral \(table or view\)/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("builds the small staging models every later model reads as tables, the row-level ones as views", async () => {
    const w = await openWarehouse();
    await load(w.con, { lines: [["O1", "2024-01-01", "C1", 1]] });
    await runModelsOn(w.con, parseConfig({}));
    const kinds = Object.fromEntries((await w.con.runAndReadAll(`select table_name, table_type from information_schema.tables where table_schema = 'staging'`)).getRows().map((r) => [String(r[0]), String(r[1])]));
    for (const t of ["coverage", "periods", "rating_periods", "report_periods", "customers", "params"]) expect(kinds[t], t).toBe("BASE TABLE");
    for (const t of ["order_lines", "payments", "visits", "quality_claims"]) expect(kinds[t], t).toBe("VIEW");
    // a table holds what the view held: coverage of the one line loaded
    const [c] = (await w.con.runAndReadAll(`select first_order_date::varchar as d, lines from staging.coverage`)).getRowObjectsJS();
    expect(c).toEqual({ d: "2024-01-01", lines: 1n });
    w.close();
  });
});

describe("macros", () => {
  it("loads every macros/*.sql in name order and refuses a file that does not define the macro it is named after", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kam-macros-"));
    fs.mkdirSync(path.join(dir, "macros"));
    fs.writeFileSync(path.join(dir, "macros", "b_rule.sql"), "-- b\ncreate or replace macro staging.b_rule(x) as x + 1");
    fs.writeFileSync(path.join(dir, "macros", "a_rule.sql"), "create or replace macro staging.a_rule(x) as x * 2");
    expect(loadMacros(dir).map((m) => m.name)).toEqual(["a_rule", "b_rule"]);
    fs.writeFileSync(path.join(dir, "macros", "c_rule.sql"), "create or replace macro staging.other(x) as x");
    expect(() => loadMacros(dir)).toThrow(/c_rule\.sql must define staging\.c_rule/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("creates the project's macros before the models: ratio and growth are NULL without a positive base", async () => {
    const w = await openWarehouse();
    await load(w.con, { lines: [["O1", "2024-01-01", "C1", 1]] });
    await runModelsOn(w.con, parseConfig({}));
    const [r] = (await w.con.runAndReadAll(`select staging.ratio(1, 4) as a, staging.ratio(1, 0) as b, staging.ratio(1, -2) as c,
                                                   staging.growth(150, 100) as g, staging.growth(5, 0) as h`)).getRowObjectsJS();
    expect(r).toEqual({ a: 0.25, b: null, c: null, g: 0.5, h: null });
    w.close();
  });
});

describe("failures", () => {
  it("a failing data test names the model, the test and offending rows", async () => {
    const w = await openWarehouse();
    await w.con.run(`create table t as select * from (values ('g', 1, 0.5), ('g', 1, 0.4), ('h', 2, 1.0)) v(grp, k, share)`);
    const err = await runDataTests(w.con, [unique("t", ["k"]), monotone("t", ["grp"], "k", "share"), sumsToOne("t", ["grp"], "share")]).catch((e) => e);
    expect(err).toBeInstanceOf(DataTestError);
    expect(err.message).toMatch(/t: test "unique \(k\)" failed, e\.g\.\n\s+\{"k":1,"n":"2"\}/);
    expect(err.message).toMatch(/t: test "share sums to 1 per \(grp\)" failed, e\.g\.\n\s+\{"grp":"g","total":"?0\.9/);
    expect(err.message).toMatch(/share non-decreasing along k and ending at 1" failed/);
    expect(await runDataTests(w.con, [unique("t", ["grp", "share"])])).toBe(1);
    w.close();
  });

  it("refuses an empty warehouse with a clear message", async () => {
    const w = await openWarehouse();
    await expect(runModelsOn(w.con, parseConfig({}))).rejects.toThrow(/main\.order_lines is empty and no analysis\.analysis_date is set/);
    w.close();
  });

  it("a model failing in SQL is named with its file", async () => {
    const w = await openWarehouse();
    await load(w.con, { lines: [["O1", "2024-01-01", "C1", 1]] });
    await w.con.run(`drop table payments`);
    await expect(runModelsOn(w.con, parseConfig({}))).rejects.toThrow(/model staging\.payments \(.*staging\/payments\.sql\) failed: .*payments/);
    w.close();
  });

  it("a model failing inside a transaction is named too, not hidden by the aborted transaction", async () => {
    // the 100M build said only "Current transaction is aborted": an error while a statement runs
    // (out of memory or disk, a bad cast) aborts the transaction, and the memory limit set again
    // after the failure, in that transaction, failed too and replaced the model's error
    const w = await openWarehouse();
    await load(w.con, { lines: [["O1", "2024-01-01", "C1", 1]] });
    await w.con.run(`create table line_rows as select * from order_lines`);
    await w.con.run(`drop table order_lines`);
    await w.con.run(`create view order_lines as select * replace (cast('simulated read failure ' || product_id as integer)::varchar as product_id) from line_rows`);
    await w.con.run("BEGIN TRANSACTION");
    await expect(runModelsInRun(w.con, parseConfig({}), "1.5GB")).rejects.toThrow(/model \S+ \(.*\.sql\) failed: .*Could not convert string 'simulated read failure/);
    await w.con.run("ROLLBACK");
    w.close();
  });
});

describe("memory", () => {
  it("runs the models under the analysis memory limit (default 750MB) and returns freed memory sooner", async () => {
    const config = parseConfig({});
    expect(config.analysis.memory_limit).toBe("750MB");
    const w = await openWarehouse();
    await load(w.con, { lines: [["O1", "2024-01-01", "C1", 1]] });
    await w.con.run(`SET memory_limit = '1.5GB'`); // as the ingest leaves it in a build
    await runModelsInRun(w.con, config);
    const setting = async (name: string) => String((await w.con.runAndReadAll(`select current_setting('${name}')`)).getRows()[0][0]);
    const limit = await setting("memory_limit");
    const flush = await setting("allocator_flush_threshold");
    // DuckDB's own rendering of the same sizes, set on a fresh database
    const ref = await openWarehouse();
    await ref.con.run(`SET memory_limit = '750MB'`);
    await ref.con.run(`SET allocator_flush_threshold = '8MB'`);
    const refSetting = async (name: string) => String((await ref.con.runAndReadAll(`select current_setting('${name}')`)).getRows()[0][0]);
    expect(limit).toBe(await refSetting("memory_limit"));
    expect(flush).toBe(await refSetting("allocator_flush_threshold"));
    // a build sets the ingest's limit again for its closing CHECKPOINT
    await runModelsInRun(w.con, config, "1.5GB");
    await ref.con.run(`SET memory_limit = '1.5GB'`);
    expect(await setting("memory_limit")).toBe(await refSetting("memory_limit"));
    ref.close();
    w.close();
  });
});

describe("a model out of the memory limit", () => {
  // A TypeScript model that needs what one thread holds: it fails as DuckDB does on more threads.
  const hungry = (tries: number[], fits = 1): Model => ({
    ...model("marts", "hungry"),
    build: async (con) => {
      const threads = Number((await con.runAndReadAll(`select current_setting('threads')`)).getRows()[0][0]);
      tries.push(threads);
      if (threads > fits) throw new Error("Out of Memory Error: could not allocate block of size 256.0 KiB (715.2 MiB/715.2 MiB used)");
      await con.run(`create or replace table marts.hungry as select 42 as answer`);
    },
  });

  it("is built again on one thread, says so, and the thread count comes back", async () => {
    const w = await openWarehouse();
    try {
      await w.con.run(`create schema if not exists marts`);
      await w.con.run(`SET threads = 2`);
      const tries: number[] = [];
      const said: string[] = [];
      await buildModel(w.con, hungry(tries), parseConfig({}), (l) => said.push(l));
      expect(tries).toEqual([2, 1]);
      expect(said).toEqual(["[models] marts.hungry ran out of the memory limit (analysis.memory_limit 750MB) on 2 threads: building it again on one"]);
      expect((await w.con.runAndReadAll(`select answer from marts.hungry`)).getRows()).toEqual([[42]]);
      expect((await w.con.runAndReadAll(`select current_setting('threads')`)).getRows()).toEqual([[2n]]);
    } finally {
      w.close();
    }
  });

  it("fails naming the model when one thread is not enough either, or when the error is another", async () => {
    const w = await openWarehouse();
    try {
      await w.con.run(`create schema if not exists marts`);
      await w.con.run(`SET threads = 1`);
      const tries: number[] = [];
      await expect(buildModel(w.con, hungry(tries, 0), parseConfig({}), () => {})).rejects.toThrow(
        "model marts.hungry (hungry.sql) failed: Out of Memory Error: could not allocate block of size 256.0 KiB (715.2 MiB/715.2 MiB used); it does not fit in analysis.memory_limit 750MB even on one thread: set a higher analysis.memory_limit in the config",
      );
      expect(tries).toEqual([1]);
      await w.con.run(`SET threads = 2`);
      await expect(buildModel(w.con, hungry(tries, 0), parseConfig({}), () => {})).rejects.toThrow(/^model marts\.hungry \(hungry\.sql\) failed: Out of Memory Error/);
      expect(tries).toEqual([1, 2, 1]);
      await w.con.run(`SET threads = 2`);
      const broken: Model = { ...model("marts", "broken"), sql: "select * from no_such_table" };
      const said: string[] = [];
      await expect(buildModel(w.con, broken, parseConfig({}), (l) => said.push(l))).rejects.toThrow(/model marts\.broken \(broken\.sql\) failed: .*no_such_table/);
      expect(said).toEqual([]);
    } finally {
      w.close();
    }
  });
});
