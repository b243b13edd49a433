// Shared by the ingest tests: run ingestSources on fixture files into a temporary warehouse.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseConfig } from "../../loaders/config/index.ts";
import { ingestSources, type FileSummary } from "../../loaders/ingest/index.ts";
import { openDb } from "../../loaders/ingest/duck.ts";
import { testDir } from "../support/temp.ts";

export const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/ingest/files");
export const fixture = (name: string) => path.join(fixtures, name);

/** Thresholds that never fail, for tests about what is loaded and rejected. */
export const lenient = { required: 1, structure: 1, duplicate: 1, reference: 1, optional: 1 };

export function tempDir(): string {
  return testDir("kam-ingest-test-");
}

export async function ingest(
  dir: string,
  sources: Record<string, unknown>[],
  /** ingest, site: further settings of those config sections (exchange_rates, currency). */
  opts: { thresholds?: Record<string, number>; files?: string[]; ingest?: Record<string, unknown>; site?: Record<string, unknown> } = {},
) {
  const config = parseConfig({
    ingest: { sample: false, sources, ...(opts.thresholds ? { reject_thresholds: opts.thresholds } : {}), ...opts.ingest },
    ...(opts.site ? { site: opts.site } : {}),
  });
  return ingestSources({ config, dbFile: path.join(dir, "kam.duckdb"), rejectsDir: path.join(dir, "rejects"), files: opts.files, log: () => {} });
}

export async function query<T = Record<string, unknown>>(dir: string, sql: string): Promise<T[]> {
  const db = await openDb(path.join(dir, "kam.duckdb"));
  try {
    return await db.rows<T>(sql);
  } finally {
    db.close();
  }
}

export const counts = (s: FileSummary) => ({ read: s.read, loaded: s.loaded, rejected: s.rejected, rejectedBy: s.rejectedBy });
