// Vendoring in the shape Framework expects: one module per package, imports of other packages
// kept as relative imports of their vendored modules, CommonJS given named exports and its
// require()s inlined; stale versions cleaned; a second run is a no-op.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundlePackage } from "../../loaders/site/bundle-package.ts";
import { cacheFileOf, findPackage } from "../../loaders/site/npm-packages.ts";
import { npmCacheDir, vendorPackages } from "../../loaders/site/vendor.ts";

let tmp: string;

function writePackage(dir: string, files: Record<string, string>) {
  for (const [name, contents] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), contents);
  }
}

/** Evaluate a bundled module whose only imports are given as ready modules. */
async function evaluate(code: string, deps: Record<string, string> = {}) {
  let source = code;
  for (const [specifier, depCode] of Object.entries(deps)) {
    source = source.split(JSON.stringify(specifier)).join(JSON.stringify(`data:text/javascript,${encodeURIComponent(depCode)}`));
  }
  return import(`data:text/javascript,${encodeURIComponent(source)}`);
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kam-vendor-"));
  const nm = path.join(tmp, "node_modules");
  writePackage(path.join(nm, "cjs-lib"), {
    "package.json": JSON.stringify({ name: "cjs-lib", version: "1.2.3", main: "index.js" }),
    "index.js": `const helper = require("cjs-helper");\nexports.alpha = 1;\nexports.beta = () => helper.gamma * 2;\n`,
  });
  writePackage(path.join(nm, "cjs-helper"), {
    "package.json": JSON.stringify({ name: "cjs-helper", version: "0.1.0", main: "index.js" }),
    "index.js": "exports.gamma = 21;\n",
  });
  writePackage(path.join(nm, "esm-app"), {
    "package.json": JSON.stringify({ name: "esm-app", version: "2.0.0", type: "module", exports: "./src/index.js" }),
    "src/index.js": `import { beta } from "cjs-lib";\nimport { part } from "./part.js";\nexport const answer = () => beta() + part;\nexport default "app";\n`,
    "src/part.js": "export const part = 0.5;\n",
  });
  // a nested copy with another version, used only by esm-app
  writePackage(path.join(nm, "esm-app", "node_modules", "cjs-lib"), {
    "package.json": JSON.stringify({ name: "cjs-lib", version: "9.9.9", main: "index.js" }),
    "index.js": "exports.beta = () => 99;\n",
  });
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("bundlePackage", () => {
  it("gives a CommonJS package named exports and inlines its require() of another package", async () => {
    const lib = await bundlePackage({ ...findPackage("cjs-lib", tmp), subpath: "" });
    expect(lib.file).toBe("cjs-lib@1.2.3/_esm.js");
    expect(lib.imports).toEqual([]);
    expect(lib.code).not.toMatch(/\brequire\(["']cjs-helper/);
    const m = await evaluate(lib.code);
    expect(m.alpha).toBe(1);
    expect(m.beta()).toBe(42);
    expect(m.default.alpha).toBe(1);
  });

  it("keeps an ES module's import of another package as a relative import of that package's vendored module", async () => {
    const app = await bundlePackage({ ...findPackage("esm-app", tmp), subpath: "" });
    expect(app.file).toBe("esm-app@2.0.0/_esm.js");
    // the nested copy is the one esm-app sees, as in Node
    expect(app.imports.map((i) => cacheFileOf(i.name, i.version, i.subpath))).toEqual(["cjs-lib@9.9.9/_esm.js"]);
    expect(app.code).toContain('"../cjs-lib@9.9.9/_esm.js"');
    const m = await evaluate(app.code, { "../cjs-lib@9.9.9/_esm.js": "export const beta = () => 99;" });
    expect(m.answer()).toBe(99.5);
    expect(m.default).toBe("app");
  });

  it("names cache files the way Framework resolves npm: specifiers", () => {
    expect(cacheFileOf("d3", "7.9.2")).toBe("d3@7.9.2/_esm.js");
    expect(cacheFileOf("@observablehq/plot", "0.6.17")).toBe("@observablehq/plot@0.6.17/_esm.js");
    expect(cacheFileOf("apache-arrow", "21.2.0", "dist/x.js")).toBe("apache-arrow@21.2.0/dist/x.js");
    expect(cacheFileOf("d3-array", "3.2.5", "src/sum")).toBe("d3-array@3.2.5/src/sum._esm.js");
  });
});

describe("vendorPackages", () => {
  it("removes stale versions, fills the cache, does nothing the second time, and refills when something else appears", async () => {
    const src = path.join(tmp, "src");
    const stale = path.join(npmCacheDir(src), "d3@1.0.0");
    fs.mkdirSync(stale, { recursive: true });
    const first = await vendorPackages({ src });
    expect(first.upToDate).toBe(false);
    expect(fs.existsSync(stale)).toBe(false);
    const files = first.modules.map((m) => m.file);
    expect(files).toContain(`@observablehq/plot@${findPackage("@observablehq/plot", process.cwd()).version}/_esm.js`);
    expect(files).toContain(`apache-arrow@${findPackage("apache-arrow", process.cwd()).version}/_esm.js`);
    for (const f of files) expect(fs.statSync(path.join(npmCacheDir(src), f)).size).toBeGreaterThan(0);
    // exactly one version per package: Framework picks the highest it finds
    const names = files.map((f) => f.slice(0, f.indexOf("@", 1)));
    expect(new Set(names).size).toBe(names.length);

    const second = await vendorPackages({ src });
    expect(second.upToDate).toBe(true);
    expect(second.ms).toBeLessThan(500);
    expect(second.modules).toEqual(first.modules.map(({ file, bytes }) => ({ file, bytes })));

    // a version Framework downloaded while online is not ours: refill without it
    const downloaded = path.join(npmCacheDir(src), "lodash@4.17.21");
    fs.mkdirSync(downloaded);
    const third = await vendorPackages({ src });
    expect(third.upToDate).toBe(false);
    expect(fs.existsSync(downloaded)).toBe(false);
  });
});
