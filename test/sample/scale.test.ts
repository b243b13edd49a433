// The scale knob: `lines` sets the number of order lines; customers grow with it and the
// shape (concentration, share of key accounts, lines per customer) stays the same.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateSample } from "../../loaders/sample/index.ts";
import { tempDir } from "./helpers.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function truthAt(lines: number) {
  const dir = tempDir(`scale-${lines}`);
  dirs.push(dir);
  const result = await generateSample({ dir, lines });
  return { result, truth: JSON.parse(fs.readFileSync(path.join(dir, "ground_truth.json"), "utf8")) };
}

describe("scale knob", () => {
  it("scales customers and order lines together and keeps the shape", async () => {
    for (const lines of [60_000, 150_000]) {
      const { result, truth } = await truthAt(lines);
      expect(truth.counts.customers).toBe(lines / 200); // 1,500 customers per 300,000 lines
      expect(Math.abs(truth.counts.order_lines / lines - 1), `lines ${lines}`).toBeLessThan(0.1);
      expect(result.counts.lines).toBe(truth.counts.order_lines);
      expect(truth.key_accounts.length / truth.counts.customers).toBeCloseTo(0.08, 2);
      expect(truth.concentration.top20_revenue_share_all).toBeGreaterThan(0.7);
      expect(truth.concentration.top20_revenue_share_all).toBeLessThan(0.82);
      expect(truth.one_big_order).not.toBeNull();
    }
  });

  it("refuses sizes it cannot honour", async () => {
    const dir = tempDir("bad");
    dirs.push(dir);
    await expect(generateSample({ dir, lines: 5 })).rejects.toThrow(/lines must be an integer >= 10000/);
    await expect(generateSample({ dir, seed: -1 })).rejects.toThrow(/seed must be an integer/);
  });
});
