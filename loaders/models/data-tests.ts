// Data tests run after every build (dbt style): each is a query returning the offending rows;
// any row fails the build with the model, the test and up to five examples.
import type { DuckDBConnection } from "@duckdb/node-api";
import { intermediateDir, loadContracts, sqlMarts, type Declaration } from "./contract.js";
import { tsMarts } from "./catalog.ts";

export interface DataTest {
  model: string;
  test: string;
  sql: string;
}

export class DataTestError extends Error {}

const EPS = 1e-9;

export const unique = (model: string, cols: string[]): DataTest => ({
  model,
  test: `unique (${cols.join(", ")})`,
  sql: `select ${cols.join(", ")}, count(*) as n from ${model} group by all having count(*) > 1`,
});

export const notNull = (model: string, cols: string[], where = "true"): DataTest => ({
  model,
  test: `not null: ${cols.join(", ")}${where === "true" ? "" : ` where ${where}`}`,
  sql: `select * from ${model} where (${where}) and (${cols.map((c) => `${c} is null`).join(" or ")})`,
});

export const between01 = (model: string, cols: string[]): DataTest => ({
  model,
  test: `in [0, 1]: ${cols.join(", ")}`,
  sql: `select * from ${model} where ${cols.map((c) => `${c} < -${EPS} or ${c} > 1 + ${EPS}`).join(" or ")}`,
});

export const sumsToOne = (model: string, group: string[], col: string): DataTest => ({
  model,
  test: `${col} sums to 1 per (${group.join(", ")})`,
  sql: `select ${[...group, `sum(${col}) as total`].join(", ")} from ${model}${group.length ? " group by all" : ""}
        having count(${col}) > 0 and abs(sum(${col}) - 1) > ${EPS}`,
});

/** Non-decreasing along `order` within each group, and (optionally) ending at 1. */
export const monotone = (model: string, group: string[], order: string, col: string, endsAtOne = true): DataTest => ({
  model,
  test: `${col} non-decreasing along ${order}${endsAtOne ? " and ending at 1" : ""}`,
  sql: `with s as (
          select *, lag(${col}) over (partition by ${group.join(", ")} order by ${order}) as previous,
                 row_number() over (partition by ${group.join(", ")} order by ${order} desc) as from_end
          from ${model})
        select * from s where ${col} < previous - ${EPS}${endsAtOne ? ` or (from_end = 1 and abs(${col} - 1) > ${EPS})` : ""}`,
});

/**
 * The tests a declaration implies or lists: unique grain, accepted values of a column with
 * `values`, and its `tests` (not_null, unique, between_0_1, sums_to_one, monotone, sql).
 * `schema`: marts, or intermediate for the declarations beside intermediate models.
 */
export function contractTests(contracts: Map<string, Declaration>, schema: "marts" | "intermediate" = "marts"): DataTest[] {
  const out: DataTest[] = [];
  for (const [name, d] of contracts) {
    const model = `${schema}.${name}`;
    if (d.grain.length) out.push(unique(model, d.grain));
    for (const c of d.columns) {
      if (!c.values) continue;
      out.push({
        model,
        test: `${c.name} in (${c.values.join(", ")})`,
        sql: `select ${c.name}, count(*) as n from ${model} where ${c.name} is not null and ${c.name} not in (${c.values.map(lit).join(", ")}) group by all`,
      });
    }
    for (const t of d.tests) {
      if ("not_null" in t) out.push(notNull(model, t.not_null, t.where));
      else if ("unique" in t) out.push(unique(model, t.unique));
      else if ("between_0_1" in t) out.push(between01(model, t.between_0_1));
      else if ("sums_to_one" in t) out.push(sumsToOne(model, t.per, t.sums_to_one));
      else if ("monotone" in t) out.push(monotone(model, t.per, t.order, t.monotone, t.ends_at_one));
      else out.push({ model, test: t.name, sql: t.sql });
    }
  }
  return out;
}

const lit = (v: string) => `'${v.replaceAll("'", "''")}'`;

export const dataTests: DataTest[] = [
  unique("staging.params", ["analysis_date"]),
  notNull("staging.params", ["analysis_date", "grain", "window_months"]),
  unique("intermediate.orders", ["order_id", "customer_id"]),
  unique("intermediate.customer_periods", ["period", "customer_id"]),
  // the marts' tests are declared in their contracts (loaders/models/marts/*.yml); those of
  // every mart a model makes (SQL, and the TypeScript CLV model's) run here
  ...contractTests(new Map([...loadContracts()].filter(([name]) => [...sqlMarts(), ...tsMarts].includes(name)))),
  // an intermediate model that others (marts, tests) rely on keeps its declaration and tests
  // beside it: intermediate/<model>.yml
  ...contractTests(new Map([...loadContracts(intermediateDir)].filter(([name]) => sqlMarts(intermediateDir).includes(name))), "intermediate"),
];

/** Run the tests; throw one error listing every failing test with examples. */
export async function runDataTests(con: DuckDBConnection, tests: DataTest[] = dataTests): Promise<number> {
  const failures: string[] = [];
  for (const t of tests) {
    let rows: Record<string, unknown>[];
    try {
      rows = (await con.runAndReadAll(`${t.sql}\nlimit 5`)).getRowObjectsJson() as Record<string, unknown>[];
    } catch (e) {
      failures.push(`${t.model}: test "${t.test}" could not run: ${(e as Error).message}`);
      continue;
    }
    if (rows.length > 0) {
      failures.push(`${t.model}: test "${t.test}" failed, e.g.\n${rows.map((r) => `    ${JSON.stringify(r)}`).join("\n")}`);
    }
  }
  if (failures.length) throw new DataTestError(`data tests failed:\n  ${failures.join("\n  ")}`);
  await writeResults(con, tests);
  return tests.length;
}

/** The tests that ran (all passed, or the build would have stopped) as marts.data_test_results,
 *  in run order, for the data quality page. */
async function writeResults(con: DuckDBConnection, tests: DataTest[]): Promise<void> {
  await con.run(`create schema if not exists marts`);
  await con.run(`create or replace table marts.data_test_results (test_no INTEGER, model VARCHAR, test VARCHAR, status VARCHAR)`);
  for (let i = 0; i < tests.length; i += 200) {
    const rows = tests.slice(i, i + 200).map((t, j) => `(${i + j + 1}, ${lit(t.model)}, ${lit(t.test)}, 'passed')`);
    await con.run(`insert into marts.data_test_results values ${rows.join(", ")}`);
  }
}
