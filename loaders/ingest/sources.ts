// The list of exports to ingest: the bundled sample's (unless switched off), the config's,
// or the files and folders given on the command line; customers first.
import fs from "node:fs";
import path from "node:path";
import type { IngestConfig, SourceConfig } from "../config/ingest.ts";
import { ConfigError } from "../config/index.ts";
import { sampleDir } from "../paths.ts";
import { tableNames } from "../schema/index.ts";
import { guessTable } from "./headers.ts";

export type Source = Omit<SourceConfig, "table"> & { table?: string };

/** What identifies a source in the warehouse (`source_file` of its rows, `ingest_files.path`):
 * its path, and the sheet when one is named, so that one workbook read as several sources (one
 * per sheet) is several sources. */
export const sourceKey = (s: Pick<Source, "path" | "sheet">) => (s.sheet ? `${s.path}#${s.sheet}` : s.path);

/** JSON with keys sorted at every level: the same settings always give the same text. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v) ?? "null";
}

/** Version of the ingest's reading rules: raise it when the same file and settings would load
 * differently (a new parsing rule), so that unchanged files are read again. */
export const INGEST_RULES = 4; // 4: a GBK export's line of UTF-8 text is a reject (no longer mojibake); 下午 3:00 times and −120 are read

/** Everything besides the file's bytes that decides what a source loads: its own options (not
 * its path, which is its identity, nor its reject thresholds, which only pass or fail a run) and
 * the ingest-wide settings that shape rows (date range, ...). An unchanged file is skipped only
 * when these are unchanged too. */
export function sourceSettings(source: Source, ingest: IngestConfig, currency: string): string {
  const { path: _path, reject_thresholds: _thresholds, ...own } = source;
  const { sources: _s, sample: _sample, reject_thresholds: _rt, memory_limit: _m, ...global } = ingest;
  // (the report's currency: amounts in another are converted to it)
  return stableJson({ rules: INGEST_RULES, source: own, ingest: global, currency });
}

/** The bundled sample company's exports (read at call time, so KAM_SAMPLE_DIR is honoured). */
export function sampleSources(dir = sampleDir()): Source[] {
  const s = (file: string, table: string, extra: Partial<Source> = {}): Source => ({
    path: path.join(dir, file),
    table,
    encoding: "auto",
    mapping: {},
    ...extra,
  });
  // The sample plants a handful of bad rows in every export to show the rejects at work
  // (ground_truth.json lists them); it is read with exactly the thresholds a user gets.
  return [
    s("customers.xlsx", "customers"), // its one sheet, 客户档案
    s("order_lines.csv", "order_lines"),
    s("payments.csv", "payments"),
    s("quality_claims.csv", "quality_claims"),
    s("visits.csv", "visits"),
  ];
}

const readable = /\.(csv|tsv|tab|txt|xlsx|xlsm|parquet)$/i;

/** The export files of a folder and its subfolders, in name order: a folder of monthly exports, or a
 * Parquet dataset partitioned hive style (month=2024-01/part-0.parquet), is one source of many files.
 * Hidden entries (macOS's ._name AppleDouble files among them), Office's lock files of open
 * documents (~$name.xlsx), rejects files and the ingest's own temp files are left out. */
export function exportFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith(".") || e.name.startsWith("~$") || e.name.startsWith("kam-")) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (readable.test(e.name) && !e.name.endsWith(".rejects.csv")) out.push(p);
    }
  };
  walk(dir);
  return out;
}

const isFolder = (p: string) => fs.existsSync(p) && fs.statSync(p).isDirectory();

/** A folder source stands for its files, each with the folder's options (a folder without any stays,
 * so that the ingest says so). */
const expand = (s: Source): Source[] => {
  if (!isFolder(s.path)) return [s];
  const files = exportFiles(s.path);
  return files.length ? files.map((f) => inFolder({ ...s, path: f }, s.path)) : [s];
};

// The folder a source's file came from: its files are judged together, as the one source it is
// (reject thresholds). Kept beside the source, not in it, so that it is no setting of the file.
const folders = new WeakMap<Source, string>();
const inFolder = (s: Source, dir: string) => (folders.set(s, dir), s);
export const folderOf = (s: Source): string | undefined => folders.get(s);

/** Sources for a run: explicit files (folders expanded) take their options from a matching config source. */
export function resolveSources(config: IngestConfig, files?: string[]): Source[] {
  const sample = config.sample ? sampleSources() : [];
  const configured: Source[] = [...sample, ...config.sources];
  let list: Source[] = configured.flatMap(expand);
  // A file named by two sources (a folder and the file in it, two nested folders) would be read
  // twice in every run, the second with its own settings replacing the first's rows.
  const named = new Map<string, number>();
  const twice: string[] = [];
  const label = (i: number) => (i < sample.length ? "the bundled sample" : `ingest.sources.${i - sample.length}`);
  configured.forEach((c, i) => {
    for (const s of expand(c)) {
      const key = sourceKey(s);
      const first = named.get(key);
      if (first === undefined) named.set(key, i);
      else if (first !== i) {
        const other = configured[first];
        twice.push(`  - ${label(i)}: ${key} is also ${other.path === key ? "" : `a file of the folder `}${label(first)}${other.path === key ? "" : ` (${other.path})`}: a file is one source; name it once`);
      }
    }
  });
  if (twice.length) throw new ConfigError(`the config names a file twice:\n${twice.join("\n")}`);
  if (files?.length) {
    const given = files.map((f) => path.resolve(f));
    list = given.flatMap((p) => {
      const own = configured.find((s) => s.path === p);
      if (own) return expand(own);
      if (isFolder(p)) return exportFiles(p).map((f) => list.find((s) => s.path === f) ?? inFolder({ path: f, encoding: "auto", mapping: {} }, p));
      return [list.find((s) => s.path === p) ?? { path: p, encoding: "auto", mapping: {} }];
    });
  }
  // On the command line a file given twice (itself and in its folder) is read once.
  const given = new Set<string>();
  list = list.filter((s) => !given.has(sourceKey(s)) && !!given.add(sourceKey(s)));
  const rank = (s: Source) => {
    const table = s.table ?? guessTable(s.path, null);
    return table ? tableNames.indexOf(table as never) : tableNames.length;
  };
  return list.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i).map(({ s }) => s);
}
