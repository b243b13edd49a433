// A throwaway Framework project (config, pages, files) built with the vendored packages and
// the network-refusing preload, to test what pages may import without touching src/.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runFramework } from "../../loaders/site/build.ts";
import { vendorPackages } from "../../loaders/site/vendor.ts";
import { refuseNetworkPreload } from "./site.ts";

export interface ScratchSite {
  code: number;
  output: string;
  /** The built site (exists when code is 0). */
  dist: string;
  remove(): void;
}

/** `files` are paths under src/ (e.g. "index.md", "data/x.csv") and their contents. */
export async function buildScratchSite(files: Record<string, string | Uint8Array>): Promise<ScratchSite> {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "kam-scratch-site-"));
  const remove = () => fs.rmSync(project, { recursive: true, force: true });
  try {
    fs.writeFileSync(path.join(project, "observablehq.config.js"), `export default { root: "src", globalStylesheets: [] };\n`);
    for (const [name, contents] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(project, "src", name)), { recursive: true });
      fs.writeFileSync(path.join(project, "src", name), contents);
    }
    await vendorPackages({ src: path.join(project, "src") });
    const env = { ...process.env, NODE_OPTIONS: `--import=${refuseNetworkPreload}` };
    const { code, output } = await runFramework(["build"], { cwd: project, env, capture: true });
    return { code, output, dist: path.join(project, "dist"), remove };
  } catch (e) {
    remove();
    throw e;
  }
}
