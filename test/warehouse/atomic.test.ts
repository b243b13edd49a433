// The warehouse swap: a failed build keeps the old file; a killed run's leftovers are cleaned.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { removeAbandoned, withNewWarehouse } from "../../loaders/warehouse/atomic.ts";

// Stand-ins for warehouse files: DuckDB's magic bytes ("DUCK" at byte 8, which the swap checks
// before it touches a warehouse) followed by a word that says which state the file holds.
const duck = (word: string) => Buffer.concat([Buffer.alloc(8), Buffer.from("DUCK" + word, "latin1")]);
const word = (file: string) => fs.readFileSync(file).subarray(12).toString("latin1");

describe("withNewWarehouse", () => {
  let dir: string;
  let target: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kam-atomic-"));
    target = path.join(dir, "kam.duckdb");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("swaps the working copy in on success and leaves no working file", async () => {
    fs.writeFileSync(target, duck("old"));
    await withNewWarehouse(target, async (working) => {
      expect(word(working)).toBe("old"); // starts from the previous warehouse
      fs.writeFileSync(working, duck("new"));
    });
    expect(word(target)).toBe("new");
    expect(fs.readdirSync(dir)).toEqual(["kam.duckdb"]);
  });

  it("keeps the previous warehouse byte for byte when the build throws", async () => {
    fs.writeFileSync(target, duck("old"));
    await expect(
      withNewWarehouse(target, async (working) => {
        fs.writeFileSync(working, duck("half"));
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(word(target)).toBe("old");
    expect(fs.readdirSync(dir)).toEqual(["kam.duckdb"]);
  });

  it("keeps the previous warehouse when the result says not to (a failed ingest)", async () => {
    fs.writeFileSync(target, duck("old"));
    const result = await withNewWarehouse(
      target,
      async (working) => {
        fs.writeFileSync(working, duck("rejected"));
        return { ok: false };
      },
      { keep: (r) => r.ok },
    );
    expect(result).toEqual({ ok: false });
    expect(word(target)).toBe("old");
    expect(fs.readdirSync(dir)).toEqual(["kam.duckdb"]);
  });

  it("removes working copies of killed runs but not those of running ones", () => {
    // A pid that surely ended: a child process that has already exited.
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    fs.writeFileSync(`${target}.building-${dead}`, "x");
    fs.writeFileSync(`${target}.building-${process.pid}`, "x");
    expect(removeAbandoned(target)).toEqual([`kam.duckdb.building-${dead}`]);
    expect(fs.readdirSync(dir).sort()).toEqual([`kam.duckdb.building-${process.pid}`]);
  });
});
