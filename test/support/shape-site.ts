// Issue #13's verification: the real `kam build` (ingest -> marts -> Framework site) of one of the
// fixture shapes (loaders/sample/shapes), hermetically, into a temporary folder; the tests then read
// what the site publishes (its mart files under dist/_file/data/marts and its pages) and compare
// it with an independent computation from the export.
import fs from "node:fs";
import path from "node:path";
import { queryWarehouse } from "./warehouse-query.ts";
import { generateShape } from "../../loaders/sample/shapes/index.ts";
import { hermeticEnv, runKamBuild } from "./site.ts";
import { testDir } from "./temp.ts";

export interface ShapeSite {
  dir: string;
  dist: string;
  file: string;
  truth: Record<string, any>;
  /** A published mart file (`concentration_slices.revenue`) as rows; [] when not published. */
  published(name: string): Record<string, any>[];
  /** A query on the warehouse the site was built from. */
  query<T = Record<string, any>>(sql: string): Promise<T[]>;
  /** Every page's HTML. */
  pages(): Map<string, string>;
}

export async function buildShapeSite(shape: "retail" | "us"): Promise<ShapeSite> {
  const dir = testDir(`kam-shape-${shape}-`);
  const made = generateShape(shape, { dir });
  const dist = path.join(dir, "dist");
  const db = path.join(dir, "warehouse", "kam.duckdb");
  const log = path.join(dir, "build.log");
  const code = await runKamBuild(hermeticEnv({ KAM_CONFIG: path.join(dir, "kam.config.json"), KAM_DB: db, KAM_DIST: dist }), log);
  if (code !== 0) throw new Error(`kam build of shape ${shape} exited with ${code}:\n${fs.readFileSync(log, "utf8").slice(-3000)}`);
  const martsDir = path.join(dist, "_file", "data", "marts");
  return {
    dir,
    dist,
    file: path.join(dir, made.files[0]),
    truth: made.truth as Record<string, any>,
    published(name) {
      const re = new RegExp(`^${name.replace(/\./g, "\\.")}\\.[0-9a-f]{8}\\.json$`);
      const file = fs.readdirSync(martsDir).find((f) => re.test(f));
      if (!file) return [];
      const { columns } = JSON.parse(fs.readFileSync(path.join(martsDir, file), "utf8")) as { columns: Record<string, unknown[]> };
      const keys = Object.keys(columns);
      const n = keys.length ? columns[keys[0]].length : 0;
      return Array.from({ length: n }, (_, i) => Object.fromEntries(keys.map((k) => [k, columns[k][i]])));
    },
    query: (sql) => queryWarehouse(db, sql),
    pages() {
      return new Map(fs.readdirSync(dist).filter((f) => f.endsWith(".html")).map((f) => [f, fs.readFileSync(path.join(dist, f), "utf8")]));
    },
  };
}

/** Independent concentration figures of one period from each customer's value (1/10,000). */
export function concentration(values: bigint[], topShare = 0.2, targetShare = 0.8) {
  const sorted = [...values].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  const total = sorted.reduce((a, b) => a + b, 0n);
  const topN = Math.ceil(sorted.length * topShare);
  const top = sorted.slice(0, topN).reduce((a, b) => a + b, 0n);
  // fewest customers whose values reach target_share of the total, in exact integers
  let cum = 0n;
  let toTarget = 0;
  const [num, den] = [BigInt(Math.round(targetShare * 100)), 100n];
  while (cum * den < total * num) cum += sorted[toTarget++];
  return { n: sorted.length, total, topN, topShare: Number((top * 1_000_000n) / total) / 1_000_000, toTarget };
}
