// `kam build` (= `npm run build`): exports -> warehouse -> marts -> static site.
// Each stage lives in its own module; this file only orders them. The next warehouse is built
// beside the live one (ingest, models, CLV, data tests) and renamed in only on success; the site
// is built beside the previous good one and swapped in on success.
import type { Command } from "../kam.ts";
import { loadConfig, missingConfigFile } from "../../config/index.ts";
import { rejectsDir, warehouseFile } from "../../paths.ts";
import { withWarehouseRun } from "../../warehouse/atomic.ts";
import { withWarehouseLock } from "../../warehouse/lock.ts";

const command: Command = {
  summary: "ingest the configured exports, compute the marts and build the report site into dist/",
  async run(argv) {
    if (argv.includes("--help")) {
      console.log("usage: kam build [--skip-site]\n\nBuilds from the sources in the config (default: the bundled sample).");
      return 0;
    }
    const missing = missingConfigFile();
    if (missing) {
      console.error(`kam build: ${missing}`);
      return 2;
    }
    const config = loadConfig();
    const t0 = performance.now();
    const step = (name: string) => console.log(`[build] ${name} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

    const { ensureSample } = await import("../../sample/index.ts");
    step("sample exports");
    await ensureSample(config);

    const { ingestSources, publishRejectsFiles } = await import("../../ingest/index.ts");
    const { runModelsInRun } = await import("../../models/run.ts");
    // One run at a time on the warehouse, held until the site of this warehouse is swapped in.
    return withWarehouseLock(warehouseFile(), "kam build", async () => {
      const ok = await withWarehouseRun(warehouseFile(), async ({ file, con, side }) => {
        step("ingest");
        const summary = await ingestSources({ config, dbFile: file, con, side, rejectsFiles: "defer" });
        if (!summary.ok) return false;
        step("models (CLV included) and data tests");
        await runModelsInRun(con, config, config.ingest.memory_limit); // the closing CHECKPOINT runs under the ingest's limit
        return true;
        // a failed ingest must not become the warehouse; the models are rebuilt, so only the ingested tables are carried over
      }, { keep: (built) => built, memoryLimit: config.ingest.memory_limit, carry: "sources" });
      if (!ok) {
        console.error("[build] ingest failed: the previous warehouse and site are unchanged");
        return 1;
      }
      // The rejects files follow the warehouse that was kept.
      await publishRejectsFiles(warehouseFile(), rejectsDir());
      if (argv.includes("--skip-site")) return 0;

      const { buildSite } = await import("../../site/build.ts");
      step("report site");
      await buildSite(config);
      step("done");
      return 0;
    });
  },
};
export default command;
