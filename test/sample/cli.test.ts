// `kam sample` exit codes: 0 on success or when up to date, 2 on a usage error.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { main } from "../../loaders/cli/kam.ts";
import { tempDir } from "./helpers.ts";

const dir = tempDir("cli");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("kam sample", () => {
  it("exits 2 on a usage error, naming the problem", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await main(["sample", "--lines", "many"])).toBe(2);
    expect(await main(["sample", "--seed", "-3"])).toBe(2);
    expect(await main(["sample", "--colour"])).toBe(2);
    expect(error.mock.calls.map((c) => String(c[0])).join("\n")).toMatch(/--lines must be an integer >= 10000, got 'many'[\s\S]*--seed[\s\S]*colour/);
    error.mockRestore();
  });

  it("generates into --out, then reports it up to date", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const out = path.join(dir, "s");
    expect(await main(["sample", "--out", out, "--lines", "10000", "--seed", "9"])).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual([".sample-stamp.json", "customers.xlsx", "ground_truth.json", "order_lines.csv", "payments.csv", "quality_claims.csv", "visits.csv"]);
    expect(await main(["sample", "--out", out, "--lines", "10000", "--seed", "9"])).toBe(0);
    expect(String(log.mock.calls.at(-1)?.[0])).toMatch(/up to date/);
    log.mockRestore();
  });
});
