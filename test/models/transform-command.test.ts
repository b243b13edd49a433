// `kam transform`: runs the models on a warehouse file atomically, with the CLI's exit codes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DuckDBInstance } from "@duckdb/node-api";
import transform from "../../loaders/cli/commands/transform.ts";
import { warehouseDdl } from "../../loaders/schema/ddl.ts";
import { load } from "./warehouse.ts";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kam-transform-"));
  process.env.KAM_CONFIG = path.join(dir, "absent.json"); // all defaults
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterAll(() => {
  delete process.env.KAM_CONFIG;
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function warehouse(file: string, lines: Parameters<typeof load>[1]["lines"]) {
  const instance = await DuckDBInstance.create(file);
  const con = await instance.connect();
  for (const ddl of warehouseDdl()) await con.run(ddl);
  await load(con, { lines });
  con.closeSync();
  instance.closeSync();
}

async function tables(file: string): Promise<string[]> {
  const instance = await DuckDBInstance.create(file, { access_mode: "READ_ONLY" });
  const con = await instance.connect();
  const rows = (await con.runAndReadAll(`select table_schema || '.' || table_name as t from information_schema.tables where table_schema = 'marts' order by 1`)).getRows();
  con.closeSync();
  instance.closeSync();
  return rows.map((r) => String(r[0]));
}

describe("kam transform", () => {
  it("builds the marts into the given warehouse", async () => {
    const file = path.join(dir, "ok.duckdb");
    await warehouse(file, [["O1", "2024-01-05", "C1", 100], ["O2", "2024-02-05", "C2", 50]]);
    expect(await transform.run(["--db", file])).toBe(0);
    expect(await tables(file)).toContain("marts.concentration_slices");
    expect(fs.readdirSync(dir).filter((f) => f.includes(".building-"))).toEqual([]);
  });

  it("fails with 1 and leaves the warehouse as it was when the models fail", async () => {
    const file = path.join(dir, "empty.duckdb");
    await warehouse(file, []);
    const before = fs.readFileSync(file);
    expect(await transform.run([`--db=${file}`])).toBe(1);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(await tables(file)).toEqual([]);
  });

  it("answers 1 for a missing warehouse and 2 for a usage error", async () => {
    expect(await transform.run(["--db", path.join(dir, "nothing.duckdb")])).toBe(1);
    expect(await transform.run(["--verbose"])).toBe(2);
  });
});
