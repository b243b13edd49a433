// The bundled sample company: `ensureSample` makes sure its exports exist in sampleDir()
// (regenerating only when the generator version or seed changed), `generateSample` writes
// them anywhere, at any scale. See generate.ts for the files and truth.ts for the truths.
import fs from "node:fs";
import path from "node:path";
import type { Config } from "../config/index.ts";
import { sampleDir } from "../paths.ts";
import { DEFAULT_SEED, generateSample, GENERATOR_VERSION, sampleFiles } from "./generate.ts";
import { DEFAULT_LINES } from "./plan.ts";

export { DEFAULT_SEED, generateSample, GENERATOR_VERSION, monthlyOrderLinesFile, SAMPLE_FILES, sampleFiles } from "./generate.ts";
export type { GenerateOptions, GenerateResult } from "./generate.ts";

const STAMP = ".sample-stamp.json";

/** The stamp written after a complete generation; a folder without it is regenerated. */
export function stampOf(seed: number, lines: number, byMonth = false) {
  return { generator_version: GENERATOR_VERSION, seed, lines, ...(byMonth ? { order_lines: "by_month" } : {}) };
}

/**
 * Generates the sample into `dir` (default sampleDir()) unless its stamp says this
 * generator version already produced it with this seed and size and every file is there.
 * Does nothing when the config leaves the sample out (`ingest.sample: false`).
 * Returns whether it generated.
 */
export async function ensureSample(
  config?: Config,
  {
    dir = sampleDir(),
    seed = DEFAULT_SEED,
    lines = DEFAULT_LINES,
    force = false,
    byMonth = false,
    log = console.log as (m: string) => void,
  }: { dir?: string; seed?: number; lines?: number; force?: boolean; byMonth?: boolean; log?: (m: string) => void } = {},
): Promise<boolean> {
  if (config?.ingest.sample === false) return false;
  const stampFile = path.join(dir, STAMP);
  const wanted = JSON.stringify(stampOf(seed, lines, byMonth));
  const files = sampleFiles(byMonth);
  const complete = files.every((f) => fs.existsSync(path.join(dir, f)));
  if (!force && complete && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8").trim() === wanted) return false;
  // Generate beside, then move each file in (a rename is atomic): a reader, or a second
  // process generating at the same time, never sees a half-written export. Both would
  // write the same bytes anyway.
  fs.mkdirSync(dir, { recursive: true });
  fs.rmSync(stampFile, { force: true });
  const work = fs.mkdtempSync(path.join(dir, ".generating-"));
  try {
    await generateSample({ dir: work, seed, lines, log, byMonth });
    for (const f of files) fs.renameSync(path.join(work, f), path.join(dir, f));
    // the other layout's order-lines exports would be read as well: a folder holds one layout
    for (const f of sampleFiles(!byMonth)) if (!files.includes(f)) fs.rmSync(path.join(dir, f), { force: true });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  fs.writeFileSync(stampFile, wanted + "\n");
  return true;
}
