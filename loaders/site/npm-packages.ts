// Finding installed packages in node_modules the way Node does (nearest node_modules
// folder upwards), so that a nested copy with another version is picked up where it is used.
import fs from "node:fs";
import path from "node:path";
import { builtinModules } from "node:module";

export interface InstalledPackage {
  name: string;
  version: string;
  dir: string;
}

/** Split a bare specifier into package name and subpath: "@a/b/c/d" -> ["@a/b", "c/d"]. */
export function splitSpecifier(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split("/");
  const n = specifier.startsWith("@") ? 2 : 1;
  return { name: parts.slice(0, n).join("/"), subpath: parts.slice(n).join("/") };
}

export function isBareSpecifier(specifier: string): boolean {
  return !/^(\.{0,2}\/|[a-z]+:)/i.test(specifier) && !path.isAbsolute(specifier);
}

export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith("node:") || builtinModules.includes(splitSpecifier(specifier).name);
}

/** The package `name` as seen from `fromDir`, or an error saying where it was looked for. */
export function findPackage(name: string, fromDir: string): InstalledPackage {
  for (let dir = path.resolve(fromDir); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    const manifest = path.join(candidate, "package.json");
    if (fs.existsSync(manifest)) {
      const { version } = JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string };
      return { name, version, dir: fs.realpathSync(candidate) };
    }
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`package ${name} is not installed (looked in node_modules above ${fromDir}); run npm ci`);
}

/** Framework's cache file for `name@version[/subpath]`: `_esm.js`, `sub._esm.js`, or a file as is. */
export function cacheFileOf(name: string, version: string, subpath = ""): string {
  const file = subpath === "" ? "_esm.js" : path.posix.extname(subpath) ? subpath : `${subpath}._esm.js`;
  return `${name}@${version}/${file}`;
}
