// Relative source paths resolve against the folder of the config file they are written in.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig, parseConfig } from "../../loaders/config/index.ts";

describe("source paths in the config", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kam-config-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("resolve against the loaded file's folder, whatever KAM_CONFIG says", () => {
    const file = path.join(dir, "team", "kam.config.json");
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, JSON.stringify({ ingest: { sources: [{ path: "exports/sales.csv" }, { path: "/abs/x.csv" }] } }));
    const saved = process.env.KAM_CONFIG;
    process.env.KAM_CONFIG = path.join(dir, "elsewhere", "kam.config.json");
    try {
      expect(loadConfig(file).ingest.sources.map((s) => s.path)).toEqual([path.join(dir, "team", "exports", "sales.csv"), "/abs/x.csv"]);
      // parsing an object: against the given folder
      expect(parseConfig({ ingest: { sources: [{ path: "a.csv" }] } }, "test", "/base").ingest.sources[0].path).toBe("/base/a.csv");
    } finally {
      if (saved === undefined) delete process.env.KAM_CONFIG;
      else process.env.KAM_CONFIG = saved;
    }
  });
});
