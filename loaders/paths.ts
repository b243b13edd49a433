// Where things live. Every path can be moved with an environment variable so that tests
// and CI can build into a temporary folder without touching an analyst's warehouse.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = (name: string, fallback: string) => path.resolve(process.env[name] ?? fallback);

/** The analyst's config (sources, mappings, thresholds, weights). */
export const configFile = () => env("KAM_CONFIG", path.join(root, "data/kam.config.json"));
/** The DuckDB warehouse the loaders write and the pages' data loaders read. */
export const warehouseFile = () => env("KAM_DB", path.join(root, "data/warehouse/kam.duckdb"));
/** The bundled sample company's exports, generated deterministically on first build. */
export const sampleDir = () => env("KAM_SAMPLE_DIR", path.join(root, "data/sample"));
/** Rejected rows, one CSV per source file. */
export const rejectsDir = () => env("KAM_REJECTS_DIR", path.join(path.dirname(warehouseFile()), "rejects"));
/** The built report site. Framework builds into a sibling folder that is swapped in on success. */
export const distDir = () => env("KAM_DIST", path.join(root, "dist"));
