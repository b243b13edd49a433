// `kam ingest [FILE|DIR ...] [--config FILE] [--db FILE] [--json]`: exports -> warehouse.
// The run builds the next warehouse beside the live one and renames it in only when it succeeds.
import fs from "node:fs";
import path from "node:path";
import type { Command } from "../kam.ts";

const usage = `usage: kam ingest [FILE|DIR ...] [--config FILE] [--db FILE] [--json]

Loads the exports into the DuckDB warehouse. Without files: the sources in the config
(default: the bundled sample). --json prints one JSON summary on stdout.
Exit codes: 0 success, 1 rejects over a threshold or an unusable file, 2 usage error.`;

export function parseArgs(argv: string[]): { files: string[]; config?: string; db?: string; json: boolean } | string {
  const out: { files: string[]; config?: string; db?: string; json: boolean } = { files: [], json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name: string) => {
      const v = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      if (!v) throw new Error(`${name} needs a value`);
      return v;
    };
    try {
      if (a === "--json") out.json = true;
      else if (a === "--config" || a.startsWith("--config=")) out.config = value("--config");
      else if (a === "--db" || a.startsWith("--db=")) out.db = value("--db");
      else if (a.startsWith("-")) return `unknown option ${a}`;
      else out.files.push(a);
    } catch (e) {
      return (e as Error).message;
    }
  }
  return out;
}

const command: Command = {
  summary: "load sales exports (CSV/TSV, GBK or UTF-8, XLSX, Parquet) into the DuckDB warehouse",
  async run(argv) {
    if (argv.includes("--help") || argv.includes("-h")) {
      console.log(usage);
      return 0;
    }
    const args = parseArgs(argv);
    if (typeof args === "string") {
      console.error(`kam ingest: ${args}\n\n${usage}`);
      return 2;
    }
    // paths.ts reads these when asked, so relative source paths resolve against --config's folder.
    if (args.config) {
      // Without a config file the bundled sample is loaded: never for a --config that was meant.
      if (!fs.existsSync(args.config)) {
        console.error(`kam ingest: --config ${args.config}: no such file`);
        return 2;
      }
      process.env.KAM_CONFIG = path.resolve(args.config);
    }
    if (args.db) process.env.KAM_DB = path.resolve(args.db);
    const { loadConfig, ConfigError, missingConfigFile } = await import("../../config/index.ts");
    const missing = missingConfigFile();
    if (missing) {
      console.error(`kam ingest: ${missing}`);
      return 2;
    }
    const { rejectsDir, warehouseFile } = await import("../../paths.ts");
    let config;
    try {
      config = loadConfig();
    } catch (e) {
      if (e instanceof ConfigError) {
        console.error(e.message);
        return 2;
      }
      throw e;
    }
    if (!args.files.length && config.ingest.sample) {
      // The bundled sample is generated on first use (module owned by the sample code).
      const sample = await import("../../sample/index.ts").catch(() => null);
      await sample?.ensureSample?.(config);
    }
    const { ingestSources, publishRejectsFiles } = await import("../../ingest/index.ts");
    const { progressLog } = await import("../../ingest/progress.ts");
    const { withWarehouseRun } = await import("../../warehouse/atomic.ts");
    const log = progressLog({ json: args.json });
    // A failed run keeps the previous warehouse.
    const { withWarehouseLock } = await import("../../warehouse/lock.ts");
    // One run at a time on the warehouse (a second waits): from its copy to its rename and the rejects files.
    const result = await withWarehouseLock(warehouseFile(), `kam ingest${args.files.length ? ` ${args.files.map((f) => path.basename(f)).join(" ")}` : ""}`, async () => {
      const r = await withWarehouseRun(warehouseFile(), ({ file, con, side }) => ingestSources({ config, dbFile: file, con, side, files: args.files, log, rejectsFiles: "defer" }), {
        keep: (x) => x.ok,
        memoryLimit: config.ingest.memory_limit,
      });
      // The rejects files follow the warehouse that was kept.
      if (r.ok) await publishRejectsFiles(warehouseFile(), rejectsDir());
      return r;
    });
    if (args.json) console.log(JSON.stringify({ ok: result.ok, db: warehouseFile(), files: result.files, errors: result.errors }, null, 2));
    if (!result.ok) console.error("kam ingest: failed; the previous warehouse is unchanged");
    return result.ok ? 0 : 1;
  },
};
export default command;
