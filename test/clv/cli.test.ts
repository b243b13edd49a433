import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readShippedSummary } from "./cdnow.ts";

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
    expect(Object.keys(out.bgnbd)).toEqual(["r", "alpha", "a", "b", "ll"]);
    expect(Object.keys(out.gammagamma)).toEqual(["p", "q", "gamma", "ll"]);
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
