// `runModels({config, dbFile})`: write the params, build every model in order, then run the
// data tests. Any failure names the model (and the test, with example rows) and throws, so
// that the build keeps the previous warehouse.
import type { DuckDBConnection } from "@duckdb/node-api";
import { lit, withDuckDb } from "../warehouse/open.ts";
import type { Config } from "../config/index.ts";
import { loadMacros, loadModels, qualified, type Model } from "./catalog.ts";
import { writeParams } from "./params.ts";
import { runDataTests } from "./data-tests.ts";
import { record, span } from "../bench/profile.ts";

export class ModelError extends Error {}

export interface ModelsSummary {
  models: { name: string; ms: number }[];
  tests: number;
}

export async function runModels({ config, dbFile }: { config: Config; dbFile: string }): Promise<ModelsSummary> {
  return withDuckDb(dbFile, { memoryLimit: config.analysis.memory_limit }, (con) => runModelsOn(con, config));
}

/** The same on a run's connection (loaders/warehouse/atomic.ts: after the ingest): the models'
 * memory limit, and the optimizers the ingest turned off turned on again. `restoreLimit`: the
 * memory limit to set again once the models are done, for the CHECKPOINT that closes the run (a
 * build: it writes what the run made under the ingest's limit, not the models' lower one; when
 * the ingest's tables were still written there, a lower limit made it spill, 31 -> 111 s at 10M). */
export async function runModelsInRun(con: DuckDBConnection, config: Config, restoreLimit?: string): Promise<ModelsSummary> {
  await con.run(`SET memory_limit = ${lit(config.analysis.memory_limit)}`);
  await con.run(`RESET disabled_optimizers`);
  // Not in a `finally`: after a failure the run's file is discarded anyway.
  const summary = await runModelsOn(con, config);
  if (restoreLimit) await con.run(`SET memory_limit = ${lit(restoreLimit)}`);
  return summary;
}

/** The same on an open connection (tests use an in-memory database). */
export async function runModelsOn(con: DuckDBConnection, config: Config): Promise<ModelsSummary> {
  // DuckDB returns freed memory to the system (malloc_trim) after a task whose thread allocated
  // more than this; its default (128 MiB, x threads kept as slack) left the 10M transform's RSS
  // hundreds of MB above the memory limit between and within models
  await con.run(`SET allocator_flush_threshold = '8MB'`);
  // The derived schemas are rebuilt from nothing: a table no model makes any more (renamed,
  // removed) does not survive a run.
  for (const schema of derivedSchemas) await con.run(`drop schema if exists ${schema} cascade`);
  await span("models.params", () => writeParams(con, config.analysis));
  for (const macro of loadMacros()) {
    try {
      await con.run(macro.sql);
    } catch (e) {
      throw new ModelError(`macro staging.${macro.name} (${macro.file}) failed: ${(e as Error).message}`);
    }
  }
  const built: ModelsSummary["models"] = [];
  for (const model of loadModels()) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    await buildModel(con, model, config);
    built.push({ name: qualified(model), ms: performance.now() - t0 });
    // the process's CPU time over the model (DuckDB's threads run in this process, one model at
    // a time): a figure that a loaded machine distorts far less than the wall time
    const cpu = process.cpuUsage(cpu0);
    record(`models.${model.layer}`, performance.timeOrigin + t0, performance.now() - t0, { model: qualified(model), cpu_ms: (cpu.user + cpu.system) / 1000 });
  }
  const tests = await span("models.tests", () => runDataTests(con));
  return { models: built, tests };
}

/** The schemas the models make (main holds the ingested tables and is never dropped). */
export const derivedSchemas = ["marts", "intermediate", "staging"];

const outOfMemory = (e: unknown) => /Out of Memory Error/i.test((e as Error)?.message ?? "");

/** A model that runs out of the memory limit is built again on one thread: each thread holds its
 * own part of an operator's state (hash tables, sort runs), and what cannot spill is what fails
 * (at 100M lines `customer_metrics` at 750 MB on 2 threads). A failed statement changed nothing
 * (it committed nothing), so the second attempt starts from the same tables. */
export async function buildModel(con: DuckDBConnection, model: Model, config: Config, log: (l: string) => void = console.error): Promise<void> {
  const kind = model.materialized;
  const build = () => (model.build ? model.build(con, config) : con.run(`create or replace ${kind} ${qualified(model)} as\n${model.sql}`).then(() => {}));
  try {
    try {
      await build();
    } catch (e) {
      if (!outOfMemory(e)) throw e;
      const threads = await con.runAndReadAll(`select current_setting('threads')`).then((r) => Number(r.getRows()[0][0]), () => 1);
      if (threads <= 1) throw e;
      log(`[models] ${qualified(model)} ran out of the memory limit (analysis.memory_limit ${config.analysis.memory_limit}) on ${threads} threads: building it again on one`);
      await con.run(`SET threads = 1`);
      try {
        await build();
      } finally {
        await con.run(`SET threads = ${threads}`);
      }
    }
  } catch (e) {
    // DuckDB's advice (SET memory_limit, SET threads) is not the user's to follow: the limit is
    // the config's
    const message = outOfMemory(e)
      ? `${(e as Error).message.split("\n")[0]}; it does not fit in analysis.memory_limit ${config.analysis.memory_limit} even on one thread: set a higher analysis.memory_limit in the config`
      : (e as Error).message;
    throw new ModelError(`model ${qualified(model)} (${model.file}) failed: ${message}`);
  }
}
