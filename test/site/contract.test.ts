// The output contract (loaders/models/contract.js): declarations parse and are checked; they
// agree with the marts the build makes; the README's marts part is generated from them; the
// pages they name are the pages that read them; their data tests run and can fail.
import fs from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, inject, it } from "vitest";
import {
  ContractError,
  contractProblems,
  intermediateDir,
  exposureProblems,
  loadContracts,
  parseDeclaration,
  sqlMarts,
  typeFits,
  unreachedMarts,
} from "../../loaders/models/contract.js";
import { contractTests, runDataTests, DataTestError } from "../../loaders/models/data-tests.ts";
import { readmeFile, readmeWithMarts } from "../../loaders/models/docs.ts";
import { attachments, martsByPage, martsOfFile } from "../../loaders/site/reach.ts";
import { builtSite } from "../support/site.ts";

const valid = `
name: t
description: One row per thing.
grain: [k]
columns:
  - {name: k, type: text, unit: id, description: The key.}
  - {name: kind, type: text, unit: category, values: [a, b], description: The kind.}
  - {name: share, type: number, unit: share, nullable: nothing to share, description: A share.}
tests:
  - between_0_1: [share]
pages: [/somewhere]
`;

/** Marts that reach no page (a model no page reads is an intermediate one, or is removed), but for
 * steps of a mart that must read other marts and were split off for memory: lifecycle_reasons feeds
 * lifecycle_stages (the 100M build ran out of memory with both in one statement). */
const notOnAPageYet: string[] = ["lifecycle_reasons"];

describe("a declaration", () => {
  it("parses with its defaults", () => {
    const d = parseDeclaration(valid.replace("name: t", "name: t"), "/x/t.yml");
    expect(d.grain).toEqual(["k"]);
    expect(d.columns.map((c) => c.unit)).toEqual(["id", "category", "share"]);
    expect(d.tests).toEqual([{ between_0_1: ["share"] }]);
  });

  it("is refused with the file and the field when it is wrong", () => {
    const bad = (text: string) => () => parseDeclaration(text, "/x/t.yml");
    expect(bad(valid.replace("unit: share,", "unit: percent,"))).toThrow(/t\.yml: columns\.2\.unit/);
    expect(bad(valid.replace("name: t\n", "name: u\n"))).toThrow(/name is u, expected t/);
    expect(bad(valid.replace("grain: [k]", "grain: [key]"))).toThrow(/key is used in grain or tests but not declared/);
    expect(bad(valid + "owner: me\n")).toThrow(/Unrecognized key.*owner|owner/);
    expect(bad(valid.replace("between_0_1: [share]", "between_0_1: [nope]"))).toThrow(/nope/);
    expect(bad("name: [")).toThrow(ContractError);
    expect(bad(valid.replace("{name: kind,", "{name: k,"))).toThrow(/column k declared twice/);
  });

  it("fits DuckDB types by family", () => {
    expect(typeFits("number", "DECIMAL(38,4)")).toBe(true);
    expect(typeFits("number", "HUGEINT")).toBe(true);
    expect(typeFits("decimal", "DOUBLE")).toBe(false);
    expect(typeFits("integer", "DOUBLE")).toBe(false);
    expect(typeFits("text", "VARCHAR")).toBe(true);
    expect(typeFits("list", "INTEGER[]")).toBe(true);
  });
});

describe("checks against the marts and the pages", () => {
  const d = parseDeclaration(valid, "/x/t.yml");
  const contracts = new Map([["t", d]]);

  it("name missing declarations, undeclared and missing columns, wrong types", () => {
    const actual = new Map([
      ["t", [{ name: "k", type: "VARCHAR" }, { name: "kind", type: "INTEGER" }, { name: "extra", type: "DOUBLE" }]],
      ["u", [{ name: "x", type: "DOUBLE" }]],
    ]);
    expect(contractProblems(contracts, actual, ["v"]).sort()).toEqual([
      "marts.u has no declaration (loaders/models/marts/u.yml)",
      "marts.v has no declaration (loaders/models/marts/v.yml)",
      "t.extra is in the mart but not declared",
      "t.kind is declared text but is INTEGER",
      "t.share is declared but not in the mart",
    ].sort());
    expect(contractProblems(contracts, new Map([["t", [{ name: "k", type: "VARCHAR" }, { name: "kind", type: "VARCHAR" }, { name: "share", type: "DOUBLE" }]]]))).toEqual([]);
  });

  it("find the marts no page reads, and declared pages that are not the real readers", () => {
    const two = new Map([...contracts, ["lonely", { ...d, name: "lonely", pages: [] }]]);
    const reads = new Map([["/somewhere", new Set(["t"])], ["/else", new Set<string>()]]);
    expect(unreachedMarts(two, reads)).toEqual(["lonely"]);
    expect(exposureProblems(two, reads)).toEqual([]);
    expect(exposureProblems(two, new Map([["/else", new Set(["t", "lonely"])]]))).toEqual([
      "t.yml: pages: [/somewhere] but it is read by [/else]",
      "lonely.yml: pages: [] but it is read by [/else]",
    ]);
  });

  it("derive a page's marts from its attachments and loaders", () => {
    expect(attachments('const a = FileAttachment("data/kpi-year.json"); FileAttachment(\'data/marts/kpi_year.json\')')).toEqual(["data/kpi-year.json", "data/marts/kpi_year.json"]);
    expect(martsOfFile("data/marts/concentration_summary.json")).toEqual(["concentration_summary"]);
    expect(martsOfFile("data/marts/matrix_cell_slices.by_region.json")).toEqual(["matrix_cell_slices"]);
  });

  it("run the tests a declaration implies and lists, which fail on bad rows", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const con = await instance.connect();
    try {
      await con.run(`create schema marts; create table marts.t as select * from (values ('x', 'a', 0.5), ('y', 'b', 1.0)) v(k, kind, share)`);
      const tests = contractTests(contracts);
      expect(tests.map((t) => t.test)).toEqual(["unique (k)", "kind in (a, b)", "in [0, 1]: share"]);
      expect(await runDataTests(con, tests)).toBe(3);
      await con.run(`insert into marts.t values ('x', 'c', 1.5)`);
      const err = await runDataTests(con, tests).catch((e) => e);
      expect(err).toBeInstanceOf(DataTestError);
      expect(err.message).toMatch(/unique \(k\)/);
      expect(err.message).toMatch(/kind in \(a, b\)/);
      expect(err.message).toMatch(/in \[0, 1\]: share/);
    } finally {
      con.closeSync();
      instance.closeSync();
    }
  });
});

describe("the project's declarations", () => {
  const contracts = loadContracts();

  it("exist for every SQL mart, and the README's marts part is generated from them", () => {
    for (const m of sqlMarts()) expect(contracts.has(m), `${m}.yml`).toBe(true);
    expect(fs.readFileSync(readmeFile, "utf8"), "run: npx tsx loaders/models/docs.ts --write").toBe(readmeWithMarts(fs.readFileSync(readmeFile, "utf8")));
  });

  it("beside intermediate models belong to a model and name no page (pages read marts only)", () => {
    const intermediates = loadContracts(intermediateDir);
    expect([...intermediates.keys()].sort()).toEqual(["abc_customers", "concentration_summary", "kpi_period", "revenue_bridge"]);
    for (const [name, d] of intermediates) {
      expect(sqlMarts(intermediateDir), `intermediate/${name}.sql`).toContain(name);
      expect(d.pages, `intermediate/${name}.yml`).toEqual([]);
      expect(contracts.has(name), `${name} is declared as a mart and as an intermediate model`).toBe(false);
    }
  });

  it("name as their pages exactly the pages that read them; the marts no page reads are the known ones", () => {
    const reads = martsByPage();
    expect(exposureProblems(contracts, reads)).toEqual([]);
    expect(unreachedMarts(contracts, reads).sort()).toEqual([...notOnAPageYet].sort());
  });

  it("agree with every mart of the built warehouse: same marts, same columns, fitting types", { timeout: 900_000 }, async () => {
    await builtSite();
    const instance = await DuckDBInstance.create(path.join(inject("siteWorkDir"), "warehouse", "kam.duckdb"), { access_mode: "READ_ONLY" });
    const con = await instance.connect();
    try {
      const rows = (await con.runAndReadAll(
        "select table_name, column_name, data_type from information_schema.columns where table_schema = 'marts' order by table_name, ordinal_position",
      )).getRows() as string[][];
      const actual = new Map<string, { name: string; type: string }[]>();
      for (const [t, name, type] of rows) actual.set(t, [...(actual.get(t) ?? []), { name, type }]);
      expect(actual.size).toBeGreaterThan(20);
      expect(contractProblems(contracts, actual, sqlMarts())).toEqual([]);
      // the declared intermediate models agree with their tables the same way
      const intermediates = loadContracts(intermediateDir);
      const inter = (await con.runAndReadAll(
        "select table_name, column_name, data_type from information_schema.columns where table_schema = 'intermediate' order by table_name, ordinal_position",
      )).getRows() as string[][];
      const declared = new Map<string, { name: string; type: string }[]>();
      for (const [t, name, type] of inter) if (intermediates.has(t)) declared.set(t, [...(declared.get(t) ?? []), { name, type }]);
      expect(contractProblems(intermediates, declared)).toEqual([]);
    } finally {
      con.closeSync();
      instance.closeSync();
    }
  });
});
