// `kam transform [--db FILE]`: run the models (the CLV fit included) and their data tests on an existing warehouse,
// into a copy of its ingested tables beside it, renamed in only when every model and test passed.
import fs from "node:fs";
import path from "node:path";
import type { Command } from "../kam.ts";
import { loadConfig } from "../../config/index.ts";
import { warehouseFile } from "../../paths.ts";
import { withWarehouseRun } from "../../warehouse/atomic.ts";

const usage = "usage: kam transform [--db FILE]\n\nRebuilds the derived schemas from nothing: runs every model (staging -> intermediate -> marts,\nthe CLV fit included) and the data tests on the warehouse (default: KAM_DB or data/warehouse/kam.duckdb).";

const command: Command = {
  summary: "compute the marts and run the data tests on an existing warehouse",
  async run(argv) {
    if (argv.includes("--help")) {
      console.log(usage);
      return 0;
    }
    let dbFile = warehouseFile();
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a === "--db" && argv[i + 1]) dbFile = path.resolve(argv[++i]);
      else if (a.startsWith("--db=")) dbFile = path.resolve(a.slice(5));
      else {
        console.error(`kam transform: unexpected argument '${a}'\n${usage}`);
        return 2;
      }
    }
    if (!fs.existsSync(dbFile)) {
      console.error(`kam transform: no warehouse at ${dbFile}; run \`kam ingest\` or \`kam build\` first`);
      return 1;
    }
    const config = loadConfig();
    const { runModelsInRun } = await import("../../models/run.ts");
    try {
      const { withWarehouseLock } = await import("../../warehouse/lock.ts");
      const summary = await withWarehouseLock(dbFile, "kam transform", () =>
        withWarehouseRun(dbFile, ({ con }) => runModelsInRun(con, config), { memoryLimit: config.analysis.memory_limit, carry: "sources" }),
      );
      const ms = summary.models.reduce((s, m) => s + m.ms, 0);
      console.log(`[transform] ${summary.models.length} models in ${(ms / 1000).toFixed(1)} s, ${summary.tests} data tests passed: ${dbFile}`);
      return 0;
    } catch (e) {
      console.error(`[transform] ${(e as Error).message}\nThe warehouse is unchanged.`);
      return 1;
    }
  },
};
export default command;
