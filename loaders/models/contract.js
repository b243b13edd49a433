// The output contract: one declaration per mart, `loaders/models/marts/<mart>.yml`, beside
// its SQL (as the zod schemas are the input contract). A declaration gives the mart's
// grain, its columns (type, unit, description), its data tests and the pages that read it
// (dbt's exposures). From it come the marts part of loaders/models/README.md (docs.ts), the
// data tests the runner adds (contractTests in data-tests.ts), the units the page loaders
// round by (money to cents) and the formats of tables, CSV downloads and chart axes
// (src/components/units.js).
//
// Plain JavaScript (with contract.d.ts for TypeScript) so that the page data loaders, which
// run under plain node, read the same declarations as the models runner.
//
// The format, by example (see any marts/*.yml):
//
//   name: concentration_summary            # = the file name = the table in schema marts
//   description: >                         # what a row is and the rules behind the figures
//     One row per measure and period: ...
//   grain: [measure, period]               # the key: a unique test is implied
//   columns:
//     - name: measure
//       type: text                         # text | integer | number | decimal | double | date | boolean | list
//       unit: category                     # see `units` below
//       values: [revenue, gross_profit, volume]   # optional: an accepted-values test
//       description: The measure ranked.
//     - name: top_share_value
//       type: number
//       unit: share
//       nullable: total_positive = 0       # optional: when (and why) it is NULL (documentation;
//                                          # a not_null test is what enforces the opposite)
//       description: Share of the top top_n customers.
//   tests:                                  # optional, besides the implied ones
//     - between_0_1: [top_share_value, gini]
//     - not_null: [n_to_target]
//       where: total_positive > 0
//     - sums_to_one: share
//       per: [measure, period]
//     - monotone: cum_value_share
//       per: [measure, period]
//       order: rank
//       ends_at_one: true
//     - sql: select ... (rows returned = failures)
//       name: what it checks
//   pages: [/concentration]                 # routes that show it (checked against the pages' loaders)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { z } from "zod";

export const martsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "marts");
/** Intermediate models may declare their columns and data tests the same way
 *  (`intermediate/<model>.yml`, pages: [] — only marts reach pages). */
export const intermediateDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "intermediate");

/** What a column's numbers are; each has one table format, one CSV format and one axis format. */
export const units = {
  money: "an amount in the reporting currency (exact in the warehouse, to the cent on the pages)",
  quantity: "an amount of goods in the volume unit (analysis.volume_unit)",
  measure: "money or quantity, as the row's `measure` column says (volume is a quantity, the others money)",
  count: "a whole number of customers, orders, periods, ...",
  share: "a fraction of a whole, 0..1 (shown as a percentage)",
  change: "a relative change, e.g. growth: 0.12 = +12% (shown as a signed percentage)",
  ratio: "a ratio of two amounts that is not a share (e.g. recency / usual gap)",
  number: "a plain number (an index such as Gini or HHI, a model parameter, a mean)",
  days: "a number of days",
  score: "a score on a fixed scale (e.g. 1-5 or 0-100)",
  date: "a calendar date (YYYY-MM-DD)",
  period: "a period label: 2024, 2024Q1, 2024-01 or window",
  id: "an identifier (customer code)",
  name: "a name from the exports (shown as text, never as HTML)",
  category: "one of a fixed set of codes (translated on the pages)",
  text: "free text (a rule, a reason)",
  flag: "true / false",
  mixed: "depends on the row (see the description); pages format it themselves",
};

export const types = ["text", "integer", "number", "decimal", "double", "date", "boolean", "list"];

const name = z.string().regex(/^[a-z_][a-z0-9_]*$/i, "a column or table name (letters, digits, _)");
const names = z.array(name).min(1);

const column = z
  .object({
    name,
    type: z.enum(types),
    unit: z.enum(Object.keys(units)),
    description: z.string().min(1),
    nullable: z.string().min(1).optional(),
    values: z.array(z.string()).min(1).optional(),
  })
  .strict();

const test = z.union([
  z.object({ not_null: names, where: z.string().optional() }).strict(),
  z.object({ unique: names }).strict(),
  z.object({ between_0_1: names }).strict(),
  z.object({ sums_to_one: name, per: z.array(name).default([]) }).strict(),
  z.object({ monotone: name, per: names, order: name, ends_at_one: z.boolean().default(false) }).strict(),
  z.object({ sql: z.string().min(1), name: z.string().min(1) }).strict(),
]);

const declaration = z
  .object({
    name,
    description: z.string().min(1),
    grain: z.array(name),
    columns: z.array(column).min(1),
    tests: z.array(test).default([]),
    pages: z.array(z.string().regex(/^\//, "a page route such as /concentration")).default([]),
  })
  .strict();

export class ContractError extends Error {}

/** Parse and check one declaration; errors name the file and the field. */
export function parseDeclaration(text, file) {
  let raw;
  try {
    raw = parse(text);
  } catch (e) {
    throw new ContractError(`${file}: not valid YAML: ${e.message}`);
  }
  const result = declaration.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join(".") || "(top)"}: ${i.message}`);
    throw new ContractError(`${file}: ${issues.join("; ")}`);
  }
  const d = result.data;
  const expected = path.basename(file, ".yml");
  if (d.name !== expected) throw new ContractError(`${file}: name is ${d.name}, expected ${expected} (the file name)`);
  const seen = new Set();
  for (const c of d.columns) {
    if (seen.has(c.name)) throw new ContractError(`${file}: column ${c.name} declared twice`);
    seen.add(c.name);
  }
  const referenced = [
    ...d.grain,
    ...d.tests.flatMap((t) => [t.not_null, t.unique, t.between_0_1, t.sums_to_one, t.per, t.monotone, t.order].flat()),
  ].filter((n) => typeof n === "string");
  for (const n of referenced) if (!seen.has(n)) throw new ContractError(`${file}: ${n} is used in grain or tests but not declared as a column`);
  return d;
}

/** Every declaration in `dir`, by mart name (file-name order). */
export function loadContracts(dir = martsDir) {
  const out = new Map();
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".yml")).sort()) {
    const file = path.join(dir, f);
    const d = parseDeclaration(fs.readFileSync(file, "utf8"), file);
    out.set(d.name, d);
  }
  return out;
}

/** The marts made by a SQL model (marts/<name>.sql); with `intermediateDir`, the intermediate models. */
export function sqlMarts(dir = martsDir) {
  return fs.readdirSync(dir).filter((f) => f.endsWith(".sql") && !f.endsWith(".tests.sql")).map((f) => f.slice(0, -4)).sort();
}

/** One declaration by mart name, or a clear error naming the file that is missing. */
export function contractOf(mart, dir = martsDir) {
  const file = path.join(dir, `${mart}.yml`);
  if (!fs.existsSync(file)) throw new ContractError(`mart ${mart} has no declaration: write ${path.relative(process.cwd(), file)}`);
  return parseDeclaration(fs.readFileSync(file, "utf8"), file);
}

/** Does a DuckDB type (as information_schema prints it) fit a declared type? */
export function typeFits(declared, duckdb) {
  const t = duckdb.toUpperCase();
  const integer = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(t);
  const decimal = /^DECIMAL/.test(t);
  const double = /^(DOUBLE|FLOAT|REAL)$/.test(t);
  switch (declared) {
    case "text": return t === "VARCHAR";
    case "integer": return integer;
    case "decimal": return decimal;
    case "double": return double;
    case "number": return integer || decimal || double;
    case "date": return t === "DATE";
    case "boolean": return t === "BOOLEAN";
    case "list": return t.endsWith("[]");
    default: return false;
  }
}

/**
 * Where declarations and the warehouse disagree. `actual`: Map mart -> [{name, type}] as in
 * information_schema.columns of schema marts; `sqlMarts`: the marts that have a model file.
 * Returns one line per problem (empty = they agree).
 */
export function contractProblems(contracts, actual, sqlMarts = []) {
  const problems = [];
  for (const m of new Set([...actual.keys(), ...sqlMarts])) {
    if (!contracts.has(m)) problems.push(`marts.${m} has no declaration (loaders/models/marts/${m}.yml)`);
  }
  for (const [m, d] of contracts) {
    const cols = actual.get(m);
    if (!cols) {
      problems.push(`${m}.yml declares a mart the models do not make`);
      continue;
    }
    const byName = new Map(cols.map((c) => [c.name, c.type]));
    for (const c of d.columns) {
      if (!byName.has(c.name)) problems.push(`${m}.${c.name} is declared but not in the mart`);
      else if (!typeFits(c.type, byName.get(c.name))) problems.push(`${m}.${c.name} is declared ${c.type} but is ${byName.get(c.name)}`);
    }
    const declared = new Set(d.columns.map((c) => c.name));
    for (const c of cols) if (!declared.has(c.name)) problems.push(`${m}.${c.name} is in the mart but not declared`);
  }
  return problems;
}

/**
 * The exposures check: marts no page reads. `reads`: Map route -> Set of marts its data
 * loaders query (derived from the site's sources, see loaders/site/reach.ts).
 */
export function unreachedMarts(contracts, reads) {
  const read = new Set([...reads.values()].flatMap((s) => [...s]));
  return [...contracts.keys()].filter((m) => !read.has(m));
}

/** Declared `pages` that differ from what the pages' loaders actually read: one line each. */
export function exposureProblems(contracts, reads) {
  const problems = [];
  for (const [m, d] of contracts) {
    const actual = [...reads].filter(([, marts]) => marts.has(m)).map(([route]) => route).sort();
    const declared = [...d.pages].sort();
    if (JSON.stringify(actual) !== JSON.stringify(declared)) {
      problems.push(`${m}.yml: pages: [${declared.join(", ")}] but it is read by [${actual.join(", ")}]`);
    }
  }
  return problems;
}
