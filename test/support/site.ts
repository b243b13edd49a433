// The built site, for tests that need it: the real `kam build` (bundled sample -> warehouse ->
// marts -> site), run once per test run, hermetically (a child process under the
// network-refusing preload, inherited by Framework and its data loaders), into a temporary
// folder from test/setup/site.ts (KAM_DB, KAM_SAMPLE_DIR, KAM_DIST; KAM_CONFIG is
// test/fixtures/site/kam.config.json when that file exists). The first test file that
// asks builds it under a lock; the others wait for the result. Test files that never call
// `builtSite()` do not pay for the build.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { withSiteLock } from "../../loaders/site/lock.ts";
import { inject } from "vitest";
import "./provided-context.ts";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const refuseNetworkPreload = path.join(repoRoot, "test/support/refuse-network.mjs");

export interface BuiltSite {
  dist: string;
  seconds: number;
  log: string;
  /** A file with one line per process that ran under the preload. */
  markFile: string;
}

interface Result extends BuiltSite {
  ok: boolean;
}

export async function builtSite(): Promise<BuiltSite> {
  const work = inject("siteWorkDir");
  const resultFile = path.join(work, "result.json");
  // The first test file to get here builds; the others wait and read its result. The site
  // lock takes over from a test worker that died mid-build instead of waiting it out.
  const result = await withSiteLock(path.join(work, "lock"), async () => {
    if (!fs.existsSync(resultFile)) {
      fs.writeFileSync(`${resultFile}.tmp`, JSON.stringify(await buildHermetic(work)));
      fs.renameSync(`${resultFile}.tmp`, resultFile);
    }
    return JSON.parse(fs.readFileSync(resultFile, "utf8")) as Result;
  });
  if (!result.ok) throw new Error(`the hermetic site build (kam build) failed; last lines of ${result.log}:\n${tail(result.log)}`);
  return result;
}

async function buildHermetic(work: string): Promise<Result> {
  const log = path.join(work, "build.log");
  const markFile = path.join(work, "refuse-network.pids");
  const fixtureConfig = path.join(repoRoot, "test/fixtures/site/kam.config.json");
  const env = hermeticEnv({
    KAM_DB: path.join(work, "warehouse", "kam.duckdb"),
    KAM_SAMPLE_DIR: path.join(work, "sample"),
    KAM_DIST: path.join(work, "dist"),
    KAM_REFUSE_NETWORK_MARK: markFile,
    SOURCE_DATE_EPOCH: String(inject("buildEpoch")),
    KAM_CONFIG: fs.existsSync(fixtureConfig) ? fixtureConfig : undefined,
  });
  const t0 = performance.now();
  const code = await runKamBuild(env, log);
  const seconds = (performance.now() - t0) / 1000;
  return { ok: code === 0, dist: env.KAM_DIST!, seconds, log, markFile };
}

/** The environment of a hermetic run: this process's, with `vars` (undefined removes one), under
 *  the network-refusing preload (inherited by Framework and its data loaders). */
export function hermeticEnv(vars: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...vars, NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import=${refuseNetworkPreload}`].filter(Boolean).join(" ") };
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete env[k];
  return env;
}

/** `kam build` in a child process with `env`, its output into `log`; resolves to its exit code. */
export async function runKamBuild(env: NodeJS.ProcessEnv, log: string): Promise<number> {
  const out = fs.openSync(log, "w");
  try {
    return await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ["loaders/cli/kam.mjs", "build"], { cwd: repoRoot, env, stdio: ["ignore", out, out] });
      child.on("error", reject);
      child.on("close", (c) => resolve(c ?? 1));
    });
  } finally {
    fs.closeSync(out);
  }
}

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
