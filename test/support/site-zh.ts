// The zh-CN edition of the test site: the same warehouse as builtSite() (test/support/site.ts),
// built with KAM_LOCALE=zh-CN under the network-refusing preload into <work>/dist-zh, once per
// test run whichever browser test file asks first (a lock, as for the en build).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { withSiteLock } from "../../loaders/site/lock.ts";
import { builtSite, refuseNetworkPreload, repoRoot } from "./site.ts";
import "./provided-context.ts";

export async function builtSiteZh(): Promise<string> {
  await builtSite();
  const work = inject("siteWorkDir");
  const dist = path.join(work, "dist-zh");
  return withSiteLock(path.join(work, "lock-zh"), async () => {
    if (fs.existsSync(path.join(dist, "index.html"))) return dist;
    const log = path.join(work, "build-zh.log");
    const out = fs.openSync(log, "w");
    const fixture = path.join(repoRoot, "test/fixtures/site/kam.config.json");
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", "-e", 'import("./loaders/site/build.ts").then((m) => m.buildSite())'], {
        cwd: repoRoot,
        stdio: ["ignore", out, out],
        env: {
          ...process.env,
          KAM_LOCALE: "zh-CN",
          KAM_DB: path.join(work, "warehouse", "kam.duckdb"),
          KAM_DIST: dist,
          ...(fs.existsSync(fixture) ? { KAM_CONFIG: fixture } : {}),
          NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import=${refuseNetworkPreload}`].filter(Boolean).join(" "),
        },
      });
      child.on("error", reject);
      child.on("close", (c) => resolve(c ?? 1));
    });
    fs.closeSync(out);
    if (code !== 0) throw new Error(`the zh-CN build failed; see ${log}:\n${fs.readFileSync(log, "utf8").slice(-3000)}`);
    return dist;
  });
}
