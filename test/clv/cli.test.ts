import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dayNumber, summariseTransactions } from "../../loaders/clv/summary.ts";
import { simulateCustomers } from "../../loaders/clv/simulate.ts";
import { cdnowFile, readShippedSummary } from "./cdnow.ts";

const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kam-clv-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const kam = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, "loaders/cli/kam.mjs"), "clv", ...args], { encoding: "utf8", cwd: root });

function writeCsv(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

// The CDNOW summary in the lifetimes convention, as an analyst would export it.
const lifetimesCsv = writeCsv(
  "cdnow.csv",
  ["customer_id,frequency,recency,T,monetary_value", ...readShippedSummary().map((r) => `${r.id},${r.x},${r.tx},${r.T},${r.zbar}`)].join("\n") + "\n",
);

describe("kam clv --summary FILE", () => {
  it("--json prints one object with both models' parameters and log-likelihoods", () => {
    const run = kam("--summary", lifetimesCsv, "--json");
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(["bgnbd", "gammagamma"]);
    expect(Object.keys(out.bgnbd)).toEqual(["r", "alpha", "a", "b", "ll", "n", "status", "reason"]);
    expect(Object.keys(out.gammagamma)).toEqual(["p", "q", "gamma", "ll", "n", "left_out", "status", "reason"]);
    expect(out.bgnbd).toMatchObject({ n: 2357, status: "ok", reason: null });
    expect(out.gammagamma).toMatchObject({ n: 946, left_out: 0, status: "ok", reason: null });
    expect(out.bgnbd.r.toFixed(3)).toBe("0.243");
    expect(out.bgnbd.alpha.toFixed(3)).toBe("4.414");
    expect(out.bgnbd.a.toFixed(3)).toBe("0.793");
    expect(out.bgnbd.b.toFixed(3)).toBe("2.426");
    expect(out.bgnbd.ll.toFixed(1)).toBe("-9582.4");
    expect(out.gammagamma.p.toFixed(2)).toBe("6.25");
    expect(out.gammagamma.q.toFixed(2)).toBe("3.74");
    expect(Math.abs(out.gammagamma.gamma - 15.44)).toBeLessThan(0.01); // zbar rounded to cents
    expect(out.gammagamma.ll).toBeLessThan(0);
  });

  it("prints parameters with standard errors and log-likelihoods as text", () => {
    const run = kam("--summary", lifetimesCsv);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/r\s+0\.2426\s+0\.0126/);
    expect(run.stdout).toMatch(/log-likelihood -9582\.42/);
    expect(run.stdout).toMatch(/gamma\s+15\.44\d+\s+4\.1\d+/);
  });

  it("names the file, row, line and column of a bad value (exit 1)", () => {
    const bad = writeCsv("bad.csv", "customer_id,frequency,recency,T\n1,2,30.43,38.86\n2,1.5,1.71,38.86\n");
    const run = kam("--summary", bad, "--json");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${bad} row 2 (line 3), column frequency: expected a whole number >= 0, got "1.5"`);
    const late = writeCsv("late.csv", "customer_id,frequency,recency,T\n1,2,40,38.86\n");
    expect(kam("--summary", late).stderr).toContain("row 1 (line 2), column T: expected a number >= recency (40)");
  });

  it("reports a missing column, a missing file and a usage error", () => {
    const noT = writeCsv("not.csv", "customer_id,frequency,recency\n1,2,3\n");
    const run = kam("--summary", noT);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("missing column(s) T");
    expect(kam("--summary", path.join(dir, "absent.csv")).status).toBe(1);
    expect(kam().status).toBe(2);
    expect(kam("--summary", lifetimesCsv, "--bogus").status).toBe(2);
  });
});

describe("kam clv --summary on a base where nobody leaves", () => {
  it("prints the fit but says it is on a ridge and that P(alive) carries no information (exit 1)", () => {
    const base = simulateCustomers({
      customers: 3_000, bgnbd: { r: 0.8, alpha: 6, a: 1e-9, b: 1e9 }, gammaGamma: { p: 5, q: 4, gamma: 20 },
      acquisitionDays: 84, windowDays: 364, daysPerUnit: 7, seed: 1,
    });
    const file = writeCsv("ridge.csv", ["customer_id,frequency,recency,T", ...base.map((c, i) => `${i},${c.frequency},${c.recency},${c.T}`)].join("\n") + "\n");
    const run = kam("--summary", file, "--json");
    expect(run.status).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out.bgnbd.status).toBe("ridge");
    expect(out.bgnbd.reason).toMatch(/P\(alive\).*carries no information/);
    expect(run.stderr).toMatch(/kam clv: a fit is not sound: BG\/NBD fit on a ridge/);
  });
});

describe("kam clv --summary on the full CDNOW master (23,570 customers)", () => {
  // The summary the way Fader & Hardie build it (39-week calibration to 1997-09-30, same-day
  // purchases merged, $0 days counted), from the raw master file.
  const transactions = fs
    .readFileSync(cdnowFile("CDNOW_master.txt"), "utf8")
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => {
      const [id, d, , v] = l.trim().split(/\s+/);
      return { customerId: id, day: dayNumber(+d.slice(0, 4), +d.slice(4, 6), +d.slice(6, 8)), value: +v };
    });
  const summary = summariseTransactions(transactions, { calibrationEnd: dayNumber(1997, 9, 30), countZeroValueDays: true });
  const file = writeCsv(
    "master.csv",
    ["customer_id,frequency,recency,T,monetary_value", ...summary.map((s) => `${s.customerId},${s.frequency},${s.recency},${s.T},${s.monetaryValue}`)].join("\n") + "\n",
  );
  // An independent fit: pandas summary + scipy Nelder-Mead on likelihoods written from the
  // papers (test/fixtures/cdnow/independent_fit.py; its output committed beside it).
  const independent = JSON.parse(fs.readFileSync(cdnowFile("independent_fit.json"), "utf8"));

  it("has the independent summary's counts, one repeat buyer with zero spend among 9,451", () => {
    expect(summary.length).toBe(independent.summary.customers);
    expect(summary.filter((s) => s.frequency > 0).length).toBe(9451);
    expect(summary.reduce((t, s) => t + s.frequency, 0)).toBe(independent.summary.repeat_purchases);
    expect(summary.filter((s) => s.frequency > 0 && s.monetaryValue <= 0).length).toBe(1);
  });

  it("fits BG/NBD on everyone and Gamma-Gamma on the positive spenders, agreeing with the independent fit", () => {
    const run = kam("--summary", file, "--json");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.bgnbd).toMatchObject({ n: 23570, status: "ok" });
    expect(out.gammagamma).toMatchObject({ n: 9450, left_out: 1, status: "ok" });
    for (const k of ["r", "alpha", "a", "b"]) expect(Math.abs(out.bgnbd[k] / independent.bgnbd[k] - 1)).toBeLessThan(1e-4);
    for (const k of ["p", "q", "gamma"]) expect(Math.abs(out.gammagamma[k] / independent.gammagamma[k] - 1)).toBeLessThan(1e-4);
    // Ours is a maximum at least as high as Nelder-Mead's, and no higher than rounding allows.
    expect(out.bgnbd.ll - independent.bgnbd.ll).toBeGreaterThan(-1e-6);
    expect(out.bgnbd.ll - independent.bgnbd.ll).toBeLessThan(1e-3);
    expect(out.gammagamma.ll - independent.gammagamma.ll).toBeGreaterThan(-1e-6);
    expect(out.gammagamma.ll - independent.gammagamma.ll).toBeLessThan(1e-3);
  });

  it("says in the text report how many it left out of Gamma-Gamma", () => {
    const run = kam("--summary", file);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Gamma-Gamma (9450 repeat buyers with positive spend; 1 with zero spend left out)");
  });
});
