// Build the report site with Observable Framework, hermetically and atomically:
// 1. forget Framework's cached data loader outputs (Framework reuses a cached output when the
//    loader's source is older than it, which would publish stale or another warehouse's
//    figures), keeping only the vendored npm packages;
// 2. vendor the npm packages from node_modules (loaders/site/vendor.ts);
// 3. run `observable build` into a staging folder beside dist/ (the report pages and two dossiers;
//    the other dossiers are written from the first one's page: dossier-pages.ts), and swap it in on success.
// Data loaders read KAM_DB etc. from the environment, which is passed through.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Config } from "../config/index.ts";
import { distDir, root } from "../paths.ts";
import { stagingDir } from "./output.ts";
import { withSiteLock } from "./lock.ts";
import { cacheDir, npmCacheDir, stampFile, vendorPackages } from "./vendor.ts";
import { loadConfig } from "../config/index.ts";
import { siteLocale } from "../config/site.ts";
import { setHtmlLang } from "./html-lang.ts";
import { span } from "../bench/profile.ts";
// @ts-ignore plain JS shared with the pages (the page list and its labels per locale)
import { dossierTitle, pageTitles } from "../../src/components/site.js";
import { writeDossierRoutes } from "./dossiers.ts";
import { DossierTemplateError, dossierArchive, renderedDossierRoutes, writeDossierPages } from "./dossier-pages.ts";

export class SiteBuildError extends Error {}

export async function buildSite(_config?: Config): Promise<void> {
  await withSiteLock(siteLockDir(), () => buildSiteLocked(_config));
}

/** Held while Framework's cache is cleared or used by a build (see lock.ts). */
export const siteLockDir = () => path.join(cacheDir(), "_build.lock");

async function buildSiteLocked(_config?: Config): Promise<void> {
  clearLoaderCache();
  const vendor = await span("site.vendor", () => vendorPackages());
  if (!vendor.upToDate) console.log(`[site] vendored ${vendor.modules.length} npm modules in ${Math.round(vendor.ms)} ms`);

  const staging = stagingDir();
  fs.rmSync(staging, { recursive: true, force: true });
  // the dossier routes (observablehq.config.ts reads them as dynamicPaths)
  const dossiers = await writeDossierRoutes().catch((e) => {
    throw new SiteBuildError(`the site build failed (the dossier routes: ${e.message}); the previous ${distDir()} is unchanged`);
  });
  // Framework renders the report pages and two dossiers; the other dossiers are written from the
  // first one's page (dossier-pages.ts), unless the check finds a page that is not the same.
  await runFrameworkBuild(staging);
  try {
    const written = await span("site.dossiers", () => writeDossierPages(staging, dossiers, renderedDossierRoutes(dossiers), dossierArchive(cacheDir())));
    if (written) console.log(`[site] ${written} dossier pages written from ${renderedDossierRoutes(dossiers)[0].path}`);
  } catch (e) {
    if (!(e instanceof DossierTemplateError)) {
      fs.rmSync(staging, { recursive: true, force: true });
      throw new SiteBuildError(`the site build failed (the dossier pages: ${(e as Error).message}); the previous ${distDir()} is unchanged`);
    }
    console.warn(`[site] ${e.message}: Framework renders every dossier instead (slower)`);
    fs.rmSync(staging, { recursive: true, force: true });
    await runFrameworkBuild(staging, { ...process.env, KAM_SITE_EVERY_DOSSIER: "1" });
  }
  // Framework writes a bare <html> and no page title: declare the language (en or zh-CN)
  // and give every page its translated title.
  const locale = siteLocale((_config ?? loadConfig()).site);
  const titles = { ...pageTitles(locale), ...Object.fromEntries(dossiers.map((d) => [d.path, dossierTitle(locale, d.customer_name)])) };
  setHtmlLang(staging, locale, titles);
  await span("site.swap", () => swapIn(staging, distDir()));
}

/** `observable build` into `staging`; throws SiteBuildError (and removes `staging`) when it fails. */
async function runFrameworkBuild(staging: string, env = process.env) {
  const { code } = await span("site.framework", () => runFramework(["build"], { env }));
  if (code !== 0 || !fs.existsSync(path.join(staging, "index.html"))) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new SiteBuildError(`the site build failed (observable build exited with ${code}); the previous ${distDir()} is unchanged`);
  }
}

/** Remove everything in Framework's cache except the vendored packages and their stamp. */
export function clearLoaderCache(cache = cacheDir()) {
  if (!fs.existsSync(cache)) return;
  const keep = new Set([path.basename(npmCacheDir()), path.basename(stampFile()), path.basename(siteLockDir())]);
  for (const entry of fs.readdirSync(cache)) {
    if (!keep.has(entry)) fs.rmSync(path.join(cache, entry), { recursive: true, force: true });
  }
}

/**
 * Run Framework's CLI (from the project root), telemetry off, with node_modules/.bin on PATH
 * for `tsx` data loaders. Output goes to this process's, or is returned when `capture` is set.
 */
export function runFramework(
  args: string[],
  { cwd = root, env = process.env, capture = false }: { cwd?: string; env?: NodeJS.ProcessEnv; capture?: boolean } = {},
): Promise<{ code: number; output: string }> {
  const cli = path.join(root, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js");
  const child = spawn(process.execPath, [cli, ...args], {
    cwd,
    stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit",
    env: {
      ...env,
      OBSERVABLE_TELEMETRY_DISABLE: "true",
      PATH: [path.join(root, "node_modules", ".bin"), env.PATH].filter(Boolean).join(path.delimiter),
    },
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

/** Replace `target` by `built` with two renames, so a reader never sees a half-written site. */
async function swapIn(built: string, target: string) {
  const old = `${target}.old-${process.pid}`;
  await fs.promises.rm(old, { recursive: true, force: true });
  if (fs.existsSync(target)) fs.renameSync(target, old);
  fs.renameSync(built, target);
  // The previous site (2,000 files at 1,000 dossiers): the async rm unlinks in parallel, ~4-10x
  // faster than rmSync's one-by-one on a busy disk (3 s -> 0.3-0.8 s at 10M lines).
  await fs.promises.rm(old, { recursive: true, force: true });
}
