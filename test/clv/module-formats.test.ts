// The CLV code loads as CommonJS and as ESM (fmin, which it no longer uses, registered itself
// on globalThis under ESM and broke under CommonJS). Bundled both ways with esbuild, each
// bundle is loaded by a plain node process and fits CDNOW.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { cdnowFile } from "./cdnow.ts";

const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kam-clv-formats-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const entry = path.join(dir, "entry.ts");
fs.writeFileSync(
  entry,
  ["bgnbd", "gammagamma", "gammagamma-data", "grouped", "lifetime-value", "score", "summary"]
    .map((m) => `export * from ${JSON.stringify(path.join(root, "loaders/clv", `${m}.ts`))};`)
    .join("\n"),
);

// Reads the shipped CDNOW summary and prints the rounded estimates.
const script = (load: string) => `"use strict";
${load}
const fs = require("node:fs");
const rows = fs.readFileSync(${JSON.stringify(cdnowFile("cdnow_customers_summary_with_transactions.csv"))}, "utf8").trim().split(/\\r?\\n/).slice(1)
  .map((l) => l.split(",").map(Number)).map(([, x, tx, T, zbar]) => ({ frequency: x, recency: tx, T, monetaryValue: zbar }));
const bg = clv.fitBgnbd(clv.groupRfm(rows));
const gg = clv.fitGammaGamma(clv.spendData(rows));
console.log(JSON.stringify([...[bg.params.r, bg.params.alpha, bg.params.a, bg.params.b].map((v) => v.toFixed(3)), ...[gg.params.p, gg.params.q].map((v) => v.toFixed(2))]));
`;

// The paper's BG/NBD estimates; Gamma-Gamma on the shipped zbar (rounded to cents) gives
// p = 6.25 and q = 3.74 to two decimals.
const expected = JSON.stringify(["0.243", "4.414", "0.793", "2.426", "6.25", "3.74"]);

describe("the CLV code as CommonJS and as ESM", () => {
  it("CommonJS: require() of a CJS bundle fits CDNOW", async () => {
    const out = path.join(dir, "clv.cjs");
    await build({ entryPoints: [entry], bundle: true, format: "cjs", platform: "node", outfile: out, logLevel: "silent" });
    const file = path.join(dir, "run.cjs");
    fs.writeFileSync(file, script(`const clv = require(${JSON.stringify(out)});`));
    const run = spawnSync(process.execPath, [file], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe(expected);
  });

  it("ESM: import() of an ESM bundle fits CDNOW, and nothing is put on globalThis", async () => {
    const out = path.join(dir, "clv.mjs");
    await build({ entryPoints: [entry], bundle: true, format: "esm", platform: "node", outfile: out, logLevel: "silent" });
    const file = path.join(dir, "run.mjs");
    const before = `const before = new Set(Object.getOwnPropertyNames(globalThis));`;
    const after = `const added = Object.getOwnPropertyNames(globalThis).filter((k) => !before.has(k)); if (added.length) throw new Error("globals added: " + added);`;
    fs.writeFileSync(
      file,
      script(`import { createRequire } from "node:module"; const require = createRequire(import.meta.url); ${before}\nconst clv = await import(${JSON.stringify(out)});`).replace('"use strict";', "") + after,
    );
    const run = spawnSync(process.execPath, [file], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe(expected);
  });
});
