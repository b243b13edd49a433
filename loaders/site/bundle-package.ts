// Bundle one installed package into one browser ES module, in the shape of jsDelivr's
// `+esm` output that Observable Framework would otherwise download: the package's own files
// are inlined, every `import` of another package stays an import of that package's own
// vendored module (a relative path inside Framework's npm cache), so each package exists
// once in the site. CommonJS packages get named exports (like `+esm`), and a CommonJS
// `require()` of another package is inlined, because a browser module cannot require.
import path from "node:path";
import { createRequire } from "node:module";
import * as esbuild from "esbuild";
import {
  cacheFileOf,
  findPackage,
  isBareSpecifier,
  isNodeBuiltin,
  splitSpecifier,
  type InstalledPackage,
} from "./npm-packages.ts";

export interface PackageModule extends InstalledPackage {
  /** "" for the package's main entry, else a subpath such as "dist/foo.js". */
  subpath: string;
}

export interface BundledModule {
  /** Path inside `_npm/`, e.g. "@observablehq/plot@0.6.17/_esm.js". */
  file: string;
  code: string;
  /** Other packages this module imports (to be bundled in turn). */
  imports: PackageModule[];
}

const target = ["es2022", "chrome96", "firefox96", "safari16"];

export async function bundlePackage(mod: PackageModule): Promise<BundledModule> {
  const file = cacheFileOf(mod.name, mod.version, mod.subpath);
  const specifier = mod.subpath ? `${mod.name}/${mod.subpath}` : mod.name;
  const entry = await resolveEntry(specifier, mod.dir);
  const imports = new Map<string, PackageModule>();
  const first = await run(mod, file, { entryPoints: [entry] }, imports);
  if (formatOf(first.metafile, entry) !== "cjs") return { file, code: first.code, imports: [...imports.values()] };

  // A CommonJS entry only yields `export default`; add the named exports `+esm` would have.
  const names = commonJsExportNames(entry, mod.dir);
  const wrapper = [
    `import m from ${JSON.stringify(entry)};`,
    "export default m;",
    names.length ? `export const { ${names.join(", ")} } = m;` : "",
  ].join("\n");
  imports.clear();
  const second = await run(mod, file, { stdin: { contents: wrapper, resolveDir: mod.dir, loader: "js" } }, imports);
  return { file, code: second.code, imports: [...imports.values()] };
}

async function run(
  mod: PackageModule,
  file: string,
  input: Pick<esbuild.BuildOptions, "entryPoints" | "stdin">,
  imports: Map<string, PackageModule>,
): Promise<{ code: string; metafile: esbuild.Metafile }> {
  const result = await esbuild.build({
    ...input,
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target,
    minify: true,
    legalComments: "none",
    metafile: true,
    logLevel: "silent",
    define: { "process.env.NODE_ENV": '"production"', global: "globalThis" },
    plugins: [externalPackages(mod, file, imports)],
  });
  return { code: result.outputFiles[0].text, metafile: result.metafile };
}

/** Imports of other packages become relative imports of their vendored modules. */
function externalPackages(mod: PackageModule, file: string, imports: Map<string, PackageModule>): esbuild.Plugin {
  return {
    name: "vendored-packages",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (!isBareSpecifier(args.path)) return undefined;
        if (isNodeBuiltin(args.path)) {
          // Browser builds of our packages never reach these; an empty module keeps it that way.
          return { path: args.path, namespace: "node-builtin" };
        }
        const { name, subpath } = splitSpecifier(args.path);
        // The package's own subpaths and CommonJS requires are part of this module.
        if (name === mod.name || args.kind === "require-call" || args.kind === "require-resolve") return undefined;
        const dep = findPackage(name, args.resolveDir || mod.dir);
        const depFile = cacheFileOf(dep.name, dep.version, subpath);
        imports.set(depFile, { ...dep, subpath });
        let rel = path.posix.relative(path.posix.dirname(file), depFile);
        if (!rel.startsWith(".")) rel = `./${rel}`;
        return { path: rel, external: true };
      });
      build.onLoad({ filter: /.*/, namespace: "node-builtin" }, () => ({ contents: "export default {};", loader: "js" }));
    },
  };
}

/** The file a bare specifier resolves to for a browser, as seen from the package itself. */
async function resolveEntry(specifier: string, fromDir: string): Promise<string> {
  let resolved = "";
  await esbuild.build({
    stdin: { contents: `import ${JSON.stringify(specifier)};`, resolveDir: fromDir },
    bundle: true,
    write: false,
    platform: "browser",
    logLevel: "silent",
    plugins: [
      {
        name: "entry",
        setup(build) {
          build.onResolve({ filter: /.*/ }, async (args) => {
            if (args.pluginData === "entry" || args.importer !== "<stdin>") return undefined;
            const r = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: "entry" });
            if (r.errors.length) throw new Error(`cannot resolve ${specifier} from ${fromDir}: ${r.errors[0].text}`);
            resolved = r.path;
            return { path: r.path, external: true };
          });
        },
      },
    ],
  });
  if (!resolved) throw new Error(`cannot resolve ${specifier} from ${fromDir}`);
  return resolved;
}

function formatOf(metafile: esbuild.Metafile, entry: string): string | undefined {
  const key = Object.keys(metafile.inputs).find((k) => path.resolve(k) === entry);
  return key ? metafile.inputs[key].format : undefined;
}

/** Named exports of a CommonJS module, found by loading it (as jsDelivr's bundler does). */
function commonJsExportNames(entry: string, dir: string): string[] {
  const require = createRequire(path.join(dir, "package.json"));
  let exported: unknown;
  try {
    exported = require(entry);
  } catch (e) {
    throw new Error(`cannot load CommonJS module ${entry} to list its exports: ${(e as Error).message}`);
  }
  if (exported === null || (typeof exported !== "object" && typeof exported !== "function")) return [];
  return Object.keys(exported as object).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && !reserved.has(k));
}

const reserved = new Set(
  ("default break case catch class const continue debugger delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static implements interface package private protected public await arguments eval").split(" "),
);
