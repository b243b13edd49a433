// Same seed -> byte-identical files, in another process with another time zone and
// locale; another seed -> different files. Also the stamp that lets `kam build` skip it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../loaders/config/index.ts";
import { ensureSample, generateSample, GENERATOR_VERSION } from "../../loaders/sample/index.ts";
import { EXPORTS, hashes, tempDir } from "./helpers.ts";

const root = path.resolve(import.meta.dirname, "../..");
const elsewhere = { ...process.env, TZ: "Pacific/Kiritimati", LANG: "zh_CN.UTF-8", LC_ALL: "zh_CN.UTF-8" };
const dirs: string[] = [];
const dir = (label: string) => {
  const d = tempDir(label);
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("determinism", () => {
  let here: string;
  let there: string;

  beforeAll(async () => {
    here = dir("here");
    await generateSample({ dir: here });
    there = dir("there");
    // the CLI in a child process, in a UTC+14 time zone and a Chinese locale
    execFileSync(process.execPath, ["loaders/cli/kam.mjs", "sample", "--out", there], { cwd: root, env: elsewhere, stdio: "pipe" });
  });

  it("really runs the child in that time zone and locale", () => {
    const probe = "console.log(new Date(Date.UTC(2026, 0, 1)).getHours(), Intl.DateTimeFormat().resolvedOptions().locale)";
    expect(execFileSync(process.execPath, ["-e", probe], { env: elsewhere }).toString().trim()).toBe("14 zh-CN");
  });

  it("gives byte-identical files for the same seed, whatever the time zone and locale", () => {
    const a = hashes(here);
    expect(Object.keys(a)).toEqual(EXPORTS);
    expect(hashes(there)).toEqual(a);
  });

  it("gives the bytes this generator version is known for, on any machine (else bump GENERATOR_VERSION)", () => {
    // Recorded when GENERATOR_VERSION became "2". A change of output needs a new version so
    // that ensureSample regenerates stale sample folders; then record the new hashes here.
    expect({ version: GENERATOR_VERSION, files: hashes(here) }).toEqual({
      version: "2",
      files: {
        "order_lines.csv": "1862602be5a4a94f31d518d606f9dac7c7e1c8f04e60a204db101c3d49827421",
        "customers.xlsx": "3818c8c8c8ccf61f76efd288e2588f5ec9a6817e5e799a5015a8005ecaf9b0b8",
        "payments.csv": "ab1ab7faa25ec7390bd8e1a7e194272479909a252a2959eabab2523f9f47ccd8",
        "visits.csv": "5550b24800e16560cc3ae2ccd44a00c0a50cf4ec903ada087e5dce945c0fedf8",
        "quality_claims.csv": "9bdb0ec7e79374efee078eb7d8e2e54ecd12cbac4222b26fab533a5c1d5b888d",
        "ground_truth.json": "0de814df4f8cfc178b1c91419a30233fd559b056892aa1f39809b0f61b1df6d4",
      },
    });
  });

  it("gives different files for a different seed", async () => {
    const a = dir("seed-a");
    const b = dir("seed-b");
    await generateSample({ dir: a, seed: 1, lines: 20_000 });
    await generateSample({ dir: b, seed: 2, lines: 20_000 });
    const ha = hashes(a);
    const hb = hashes(b);
    for (const f of EXPORTS) expect(hb[f], f).not.toBe(ha[f]);
  });
});

describe("ensureSample", () => {
  it("generates once, then skips while the stamp matches, and regenerates for another seed", async () => {
    const d = dir("ensure");
    const quiet = () => {};
    expect(await ensureSample(undefined, { dir: d, lines: 10_000, log: quiet })).toBe(true);
    const before = hashes(d);
    expect(await ensureSample(undefined, { dir: d, lines: 10_000, log: quiet })).toBe(false);
    expect(await ensureSample(undefined, { dir: d, lines: 10_000, seed: 5, log: quiet })).toBe(true);
    expect(hashes(d)["order_lines.csv"]).not.toBe(before["order_lines.csv"]);
    expect(JSON.parse(fs.readFileSync(path.join(d, ".sample-stamp.json"), "utf8"))).toMatchObject({ seed: 5, lines: 10_000 });
    fs.rmSync(path.join(d, "visits.csv"));
    expect(await ensureSample(undefined, { dir: d, lines: 10_000, seed: 5, log: quiet })).toBe(true);
    expect(fs.existsSync(path.join(d, "visits.csv"))).toBe(true);
  });

  it("lets two generations into the same folder run at once and leaves no working folder", async () => {
    const d = dir("race");
    const quiet = () => {};
    const made = await Promise.all([1, 2].map(() => ensureSample(undefined, { dir: d, lines: 10_000, seed: 3, log: quiet })));
    expect(made).toEqual([true, true]);
    expect(fs.readdirSync(d).sort()).toEqual([".sample-stamp.json", ...EXPORTS].sort());
    const once = dir("once");
    await generateSample({ dir: once, lines: 10_000, seed: 3 });
    expect(hashes(d)).toEqual(hashes(once));
  });

  it("does nothing when the config leaves the sample out", async () => {
    const d = dir("ignored");
    const config = parseConfig({ ingest: { sample: false } });
    expect(await ensureSample(config, { dir: d, lines: 10_000, log: () => {} })).toBe(false);
    expect(fs.readdirSync(d)).toEqual([]);
  });
});
