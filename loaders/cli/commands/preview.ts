// `kam preview` (= `npm run dev`): Framework's preview server with live reload, offline:
// the npm packages are vendored first and telemetry is off. Options go to `observable preview`
// (e.g. --port 3000, --no-open).
import type { Command } from "../kam.ts";
import { clearLoaderCache, runFramework, siteLockDir } from "../../site/build.ts";
import { withSiteLock } from "../../site/lock.ts";
import { vendorPackages } from "../../site/vendor.ts";
import { writeDossierRoutes } from "../../site/dossiers.ts";

const command: Command = {
  summary: "preview the report site with live reload (offline; options go to `observable preview`)",
  async run(argv) {
    if (argv.includes("--help")) {
      console.log("usage: kam preview [--port N] [--host H] [--no-open]\n\nServes src/ with Framework's preview server; data loaders read KAM_DB.");
      return 0;
    }
    // Loader outputs cached from another warehouse would otherwise be served as current.
    await withSiteLock(siteLockDir(), async () => {
      clearLoaderCache();
      await vendorPackages();
    });
    // the dossier routes of the warehouse the loaders read (preview renders any /accounts/<slug> on demand)
    await writeDossierRoutes().catch((e) => console.warn(`[preview] no dossier routes: ${e.message}`));
    const { code } = await runFramework(["preview", ...argv]);
    return code;
  },
};
export default command;
