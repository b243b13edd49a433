// One config file, one zod schema: each section is defined beside the code that uses it
// and documented there; this file only composes them and reports errors clearly.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { configFile } from "../paths.ts";
import { IngestConfig } from "./ingest.ts";
import { AnalysisConfig } from "./analysis.ts";
import { ClvConfig } from "./clv.ts";
import { SiteConfig } from "./site.ts";

export const Config = z.object({
  ingest: IngestConfig.prefault({}),
  analysis: AnalysisConfig.prefault({}),
  clv: ClvConfig.prefault({}),
  site: SiteConfig.prefault({}),
});
export type Config = z.infer<typeof Config>;

export class ConfigError extends Error {}

/**
 * Parse a config object; every problem is reported with its path in the file. Relative
 * source paths resolve against `baseDir` (the config file's folder).
 */
export function parseConfig(raw: unknown, source = "config", baseDir = path.dirname(configFile())): Config {
  const result = Config.safeParse(raw);
  // A misspelt key would be ignored and its default used without a word: every key must be one
  // the schema knows (checked after zod, which reports the values it could not take first).
  const issues = result.success ? unknownKeys(Config, raw) : result.error.issues.map((i) => `  - ${i.path.join(".") || "(top level)"}: ${i.message}`);
  if (issues.length) throw new ConfigError(`${source} is not a valid config:\n${issues.join("\n")}`);
  if (!result.success) throw new Error("unreachable");
  for (const s of result.data.ingest.sources) s.path = path.resolve(baseDir, s.path);
  // A source is its path and sheet: naming one twice would load it twice, or half.
  const seen = new Map<string, number>();
  const twice: string[] = [];
  result.data.ingest.sources.forEach((s, i) => {
    const id = s.sheet ? `${s.path}#${s.sheet}` : s.path;
    if (seen.has(id)) twice.push(`  - ingest.sources.${i}: ${id} is already ingest.sources.${seen.get(id)} (a workbook read sheet by sheet needs a "sheet" on each)`);
    else seen.set(id, i);
  });
  if (twice.length) throw new ConfigError(`${source} is not a valid config:\n${twice.join("\n")}`);
  return result.data;
}

type Def = { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType; valueType?: z.ZodType; options?: z.ZodType[] };
const defOf = (t: z.ZodType) => (t as unknown as { _zod: { def: Def } })._zod.def;

/** Keys of `value` that `schema` does not define, as "  - path: ..." lines, with the nearest known key. */
export function unknownKeys(schema: z.ZodType, value: unknown, at: string[] = []): string[] {
  let d = defOf(schema);
  while (d.innerType && d.type !== "object") d = defOf(d.innerType); // default, prefault, optional, nullable, ...
  if (d.type === "object" && d.shape && value && typeof value === "object" && !Array.isArray(value)) {
    const known = Object.keys(d.shape);
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      k in d.shape!
        ? unknownKeys(d.shape![k], v, [...at, k])
        : [`  - ${[...at, k].join(".")}: unknown setting${suggest(k, known)}; the settings here are ${known.join(", ")}`],
    );
  }
  if (d.type === "array" && d.element && Array.isArray(value)) return value.flatMap((v, i) => unknownKeys(d.element!, v, [...at, String(i)]));
  if (d.type === "record" && d.valueType && value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => unknownKeys(d.valueType!, v, [...at, k]));
  return [];
}

/** ", did you mean "x"?" for the known key nearest to `k` (a letter or a third of its letters off). */
function suggest(k: string, known: string[]): string {
  const dist = (a: string, b: string) => {
    const m = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) m[0][j] = j;
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++) {
        m[i][j] = Math.min(m[i - 1][j] + 1, m[i][j - 1] + 1, m[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) m[i][j] = Math.min(m[i][j], m[i - 2][j - 2] + 1); // swapped letters
      }
    return m[a.length][b.length];
  };
  const best = known.map((c) => ({ c, d: dist(k.toLowerCase(), c.toLowerCase()) })).sort((a, b) => a.d - b.d)[0];
  return best && best.d <= Math.max(1, Math.floor(k.length / 3)) ? `, did you mean "${best.c}"?` : "";
}

/** Read the config file; a missing file means all defaults (the bundled sample). */
/** KAM_CONFIG set to a file that is not there, said plainly, or null: a run must not take it for
 * "no config" and build the bundled sample instead (a typo in a CI job would publish the sample
 * company's report). Without KAM_CONFIG, a missing data/kam.config.json still means the sample. */
export function missingConfigFile(): string | null {
  const f = process.env.KAM_CONFIG;
  return f && !fs.existsSync(path.resolve(f)) ? `KAM_CONFIG=${path.resolve(f)}: no such file (unset KAM_CONFIG to use data/kam.config.json, or the bundled sample when there is none)` : null;
}

export function loadConfig(file = configFile()): Config {
  if (!fs.existsSync(file)) return parseConfig({}, file, path.dirname(file));
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new ConfigError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  return parseConfig(raw, file, path.dirname(file));
}
