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
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  - ${i.path.join(".") || "(top level)"}: ${i.message}`);
    throw new ConfigError(`${source} is not a valid config:\n${problems.join("\n")}`);
  }
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

/** Read the config file; a missing file means all defaults (the bundled sample). */
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
