// Fill Observable Framework's npm cache from node_modules, so that building and previewing
// the site never downloads anything. Framework 1.13 resolves every `npm:` import (also the
// implicit Plot, Inputs, d3, html and the libraries behind FileAttachment) to
// `src/.observablehq/cache/_npm/<name>@<version>/_esm.js` and fetches that file from
// jsDelivr (and the version from registry.npmjs.org) only when it is missing. We write those
// files ourselves, bundled with esbuild from the installed packages.
//
// To let pages use another library: add its package to package.json (exact version) and to
// `vendored` below; its dependencies follow automatically.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { root } from "../paths.ts";
import { bundlePackage, type PackageModule } from "./bundle-package.ts";
import { cacheFileOf, findPackage, splitSpecifier } from "./npm-packages.ts";

/**
 * Packages the pages may import, with what needs them. (Inputs is not here: Framework
 * bundles @observablehq/inputs into its own stdlib from node_modules; it only asks for htl
 * and isoformat beside it.)
 */
export const vendored: Record<string, string> = {
  "@observablehq/plot": "implicit Plot",
  d3: "implicit d3",
  htl: "implicit html, svg, htl; Inputs",
  isoformat: "Inputs",
  "apache-arrow": "FileAttachment().arrow() and implicit Arrow",
  "d3-dsv": "FileAttachment().csv()/.tsv()",
};

/**
 * Version given to the other libraries Framework's client code mentions (lodash, arquero,
 * react, leaflet …). Framework asks the npm registry for a version whenever it bundles its
 * client, even for a library no page uses; an empty folder with this version answers it
 * locally. A page that does use such a library makes the build fetch
 * `<name>@0.0.0-not-vendored`, which fails, and the name says what to do.
 */
export const notVendoredVersion = "0.0.0-not-vendored";

export const srcRoot = () => path.join(root, "src");
export const cacheDir = (src = srcRoot()) => path.join(src, ".observablehq", "cache");
export const npmCacheDir = (src = srcRoot()) => path.join(cacheDir(src), "_npm");
/** Beside `_npm`, not in it: Framework reads every entry of `_npm` as `<name>@<version>`. */
export const stampFile = (src = srcRoot()) => path.join(cacheDir(src), "_npm.vendor.json");

export interface VendorReport {
  /** True when the cache was already filled from the same lockfile and code. */
  upToDate: boolean;
  modules: { file: string; bytes: number }[];
  placeholders: string[];
  ms: number;
}

export async function vendorPackages(opts: { src?: string; force?: boolean } = {}): Promise<VendorReport> {
  const t0 = performance.now();
  const src = opts.src ?? srcRoot();
  const dir = npmCacheDir(src);
  const key = inputsKey();
  const stamp = readStamp(src);
  if (!opts.force && stamp?.key === key && isComplete(dir, stamp)) {
    return { upToDate: true, modules: stamp.modules, placeholders: stamp.placeholders, ms: performance.now() - t0 };
  }

  // Fill a fresh folder and swap it in: a version left from an older lockfile (or one that
  // Framework downloaded when it was online) would win Framework's version lookup.
  fs.rmSync(stampFile(src), { force: true });
  const filling = `${dir}.filling-${process.pid}`;
  fs.rmSync(filling, { recursive: true, force: true });

  const modules: VendorReport["modules"] = [];
  const queue: PackageModule[] = Object.keys(vendored).map((name) => ({ ...findPackage(name, root), subpath: "" }));
  const seen = new Set<string>();
  for (let mod = queue.shift(); mod; mod = queue.shift()) {
    const file = cacheFileOf(mod.name, mod.version, mod.subpath);
    if (seen.has(file)) continue;
    seen.add(file);
    const bundled = await bundlePackage(mod);
    write(path.join(filling, bundled.file), bundled.code);
    modules.push({ file: bundled.file, bytes: Buffer.byteLength(bundled.code) });
    queue.push(...bundled.imports);
  }

  const names = new Set(modules.map((m) => m.file.slice(0, m.file.indexOf("@", 1))));
  const placeholders = (await frameworkClientLibraries()).filter((name) => !names.has(name));
  for (const name of placeholders) fs.mkdirSync(path.join(filling, `${name}@${notVendoredVersion}`), { recursive: true });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(filling, dir);

  modules.sort((a, b) => a.file.localeCompare(b.file));
  write(stampFile(src), JSON.stringify({ key, modules, placeholders }, null, 2));
  return { upToDate: false, modules, placeholders, ms: performance.now() - t0 };
}

function write(file: string, contents: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, contents);
}

/**
 * Packages named by `npm:` imports in Framework's client code (bundled into every site),
 * less those Framework maps to its own modules (npm:@observablehq/inputs and the like).
 */
export async function frameworkClientLibraries(): Promise<string[]> {
  const frameworkDir = findPackage("@observablehq/framework", root).dir;
  const { builtins } = (await import(pathToFileURL(path.join(frameworkDir, "dist", "resolvers.js")).href)) as {
    builtins: Map<string, string>;
  };
  const clientDir = path.join(frameworkDir, "dist", "client");
  const names = new Set<string>();
  for (const file of fs.readdirSync(clientDir, { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith(".js")) continue;
    const source = fs.readFileSync(path.join(clientDir, file), "utf8");
    for (const m of source.matchAll(/["'`](npm:(?:@[\w.-]+\/)?[\w.-]+)/g)) {
      if (!builtins.has(m[1])) names.add(splitSpecifier(m[1].slice("npm:".length)).name);
    }
  }
  return [...names].sort();
}

/** Changes when the installed packages or this code change. */
function inputsKey(): string {
  const hash = crypto.createHash("sha256");
  for (const file of ["package-lock.json", "loaders/site/vendor.ts", "loaders/site/bundle-package.ts", "loaders/site/npm-packages.ts"]) {
    hash.update(fs.readFileSync(path.join(root, file)));
  }
  return hash.digest("hex");
}

interface Stamp {
  key: string;
  modules: VendorReport["modules"];
  placeholders: string[];
}

function readStamp(src: string): Stamp | undefined {
  try {
    return JSON.parse(fs.readFileSync(stampFile(src), "utf8")) as Stamp;
  } catch {
    return undefined;
  }
}

/** Every vendored file is there, and nothing else (such as a version Framework downloaded). */
function isComplete(dir: string, stamp: Stamp): boolean {
  if (!stamp.modules.every((m) => fs.existsSync(path.join(dir, m.file)))) return false;
  const expected = new Set([
    ...stamp.modules.map((m) => m.file.split("/").slice(0, m.file.startsWith("@") ? 2 : 1).join("/")),
    ...stamp.placeholders.map((name) => `${name}@${notVendoredVersion}`),
  ]);
  const present = fs.readdirSync(dir).flatMap((e) => (e.startsWith("@") ? fs.readdirSync(path.join(dir, e)).map((s) => `${e}/${s}`) : [e]));
  return present.length === expected.size && present.every((e) => expected.has(e));
}
