// The models on disk: one `select` per .sql file, the file name being the table name in the
// schema of its folder; plus the TypeScript models (`tsModels`: the CLV fit), which declare
// the tables they read and make. Order: staging, intermediate, marts; inside a folder, the
// models a file references are built before it, otherwise file-name order. Shared rules are
// scalar macros in macros/<name>.sql (`create or replace macro staging.<name>(...) as ...`),
// created before every model.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Config } from "../config/index.ts";
import { clvModel } from "../clv/model.ts";

export const layers = ["staging", "intermediate", "marts"] as const;
export type Layer = (typeof layers)[number];

export interface Model {
  layer: Layer;
  name: string; // the table name, = file name without .sql
  file: string;
  sql: string;
  dependsOn: string[]; // qualified names, e.g. "intermediate.orders"
  /** A TypeScript model (the CLV fit): builds its tables itself, instead of `sql`. */
  build?: (con: DuckDBConnection, config: Config) => Promise<void>;
  /** The tables a TypeScript model makes (qualified), when more than `layer.name`. */
  makes?: string[];
  /** How the model is kept: staging models are views, unless their file says
   *  `-- materialized: table` (a small result that every later model reads, computed once
   *  instead of once per reference); intermediate and marts models are tables. */
  materialized: "view" | "table";
}

/** Models written in TypeScript, built in their layer like the SQL ones. */
export const tsModels: Model[] = [{ ...clvModel, sql: "", materialized: "table" }];

/** The marts the TypeScript models make (their declarations' data tests run like the SQL marts'). */
export const tsMarts = tsModels.flatMap((m) => m.makes ?? [qualified(m)]).filter((t) => t.startsWith("marts.")).map((t) => t.slice(6));

export const modelsDir = path.dirname(fileURLToPath(import.meta.url));

export function qualified(m: Pick<Model, "layer" | "name">): string {
  return `${m.layer}.${m.name}`;
}

export function loadModels(dir = modelsDir): Model[] {
  const all: Model[] = [];
  for (const layer of layers) {
    const folder = path.join(dir, layer);
    if (!fs.existsSync(folder)) continue;
    for (const f of fs.readdirSync(folder).filter((f) => f.endsWith(".sql") && !f.endsWith(".tests.sql")).sort()) {
      const file = path.join(folder, f);
      const sql = fs.readFileSync(file, "utf8");
      const refs = new Set([...stripComments(sql).matchAll(/\b(staging|intermediate|marts)\.([a-z_][a-z0-9_]*)/gi)].map((m) => `${m[1]}.${m[2]}`.toLowerCase()));
      const name = f.slice(0, -4);
      refs.delete(`${layer}.${name}`);
      all.push({ layer, name, file, sql, dependsOn: [...refs], materialized: materialization(layer, sql, file) });
    }
  }
  if (dir === modelsDir) all.push(...tsModels);
  return orderModels(all);
}

export interface Macro {
  name: string; // = file name without .sql; the file must define staging.<name>
  file: string;
  sql: string;
}

/** The shared rules: every macros/*.sql file, in file-name order. A file must create the
 *  macro it is named after, so that a reader finds a rule's definition from its name. */
export function loadMacros(dir = modelsDir): Macro[] {
  const folder = path.join(dir, "macros");
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => {
      const file = path.join(folder, f);
      const sql = fs.readFileSync(file, "utf8");
      const name = f.slice(0, -4);
      const defines = new RegExp(`create\\s+or\\s+replace\\s+macro\\s+staging\\.${name}\\s*\\(`, "i");
      if (!defines.test(stripComments(sql))) throw new Error(`macro file ${file} must define staging.${name} (create or replace macro staging.${name}(...) as ...)`);
      return { name, file, sql };
    });
}

/** Layer by layer; within a layer a depth-first topological order, ties by file name. */
export function orderModels(models: Model[]): Model[] {
  const byName = new Map(models.flatMap((m) => (m.makes ?? [qualified(m)]).map((t) => [t, m] as const)));
  for (const m of models) {
    for (const d of m.dependsOn) {
      const dep = byName.get(d);
      if (dep && layers.indexOf(dep.layer) > layers.indexOf(m.layer)) {
        throw new Error(`model ${qualified(m)} (${m.file}) reads ${d}, a later layer`);
      }
    }
  }
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: Model[] = [];
  const visit = (m: Model) => {
    const q = qualified(m);
    if (done.has(q)) return;
    if (visiting.has(q)) throw new Error(`models form a cycle through ${q}`);
    visiting.add(q);
    for (const d of m.dependsOn.sort()) {
      const dep = byName.get(d);
      if (dep && dep.layer === m.layer) visit(dep);
    }
    visiting.delete(q);
    done.add(q);
    out.push(m);
  };
  for (const layer of layers) for (const m of models.filter((x) => x.layer === layer)) visit(m);
  return out;
}

/** A staging model is a view unless its SQL carries the line `-- materialized: table`. A view
 * is re-evaluated by every query that names it: staging.coverage scans every order line, and
 * some 40 models and data tests read it through staging.periods and its kin. */
function materialization(layer: Layer, sql: string, file: string): Model["materialized"] {
  const said = /^--\s*materialized:\s*(\S+)\s*$/m.exec(sql)?.[1];
  if (said !== undefined && said !== "table" && said !== "view") throw new Error(`${file}: materialized: ${said} (table or view)`);
  if (layer !== "staging") {
    if (said === "view") throw new Error(`${file}: only staging models may be views`);
    return "table";
  }
  return said === "table" ? "table" : "view";
}

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, "");
}
