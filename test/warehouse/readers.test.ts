// A reader started while another process writes a DuckDB file, and a writer started while a
// reader has it open. DuckDB refuses to open a file another process holds for writing, and a
// writer while a reader has it open; so both wait, as a second run waits for the lock, and say
// plainly whom they waited for when they give up. (A run itself only reads the live warehouse:
// test/warehouse/atomic.test.ts.)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDuckDb, withDuckDb } from "../../loaders/warehouse/open.ts";
import { explain } from "../../loaders/cli/kam.ts";
import { holdDuckDb } from "../support/hold-duckdb.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kam-readers-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A child process that holds `file` open for writing (as a run does) for `ms`, then closes it. */
const holdForWriting = (file: string, ms: number) => holdDuckDb(file, { ms, sql: ["create or replace table t as select 42 as answer"] });

describe("a reader while a run writes the warehouse", () => {
  it("waits for the writer, says once whom it waits for, then reads what it committed", { timeout: 60_000 }, async () => {
    const db = path.join(dir, "wait.duckdb");
    fs.writeFileSync(`${db}.lock`, JSON.stringify({ pid: 4242, what: "kam build", since: "2026-12-01T10:00:00.000Z" }));
    const held = await holdForWriting(db, 1500);
    const lines: string[] = [];
    const error = console.error;
    console.error = (l: string) => lines.push(l);
    try {
      const t0 = Date.now();
      const answer = await withDuckDb(db, { readOnly: true }, async (con) => (await con.runAndReadAll("select answer from t")).getRows()[0][0]);
      expect(answer).toBe(42);
      expect(Date.now() - t0).toBeGreaterThan(500); // it did wait: the child held the file
    } finally {
      console.error = error;
    }
    expect(lines).toEqual([`waiting for another run (kam build, pid 4242, since 2026-12-01T10:00:00.000Z) to finish with ${db}`]);
    await held.done;
  });

  it("gives up after KAM_LOCK_WAIT with a plain message naming the writer, not DuckDB's lock error", { timeout: 60_000 }, async () => {
    const db = path.join(dir, "busy.duckdb");
    const held = await holdForWriting(db, 3000);
    const before = process.env.KAM_LOCK_WAIT;
    process.env.KAM_LOCK_WAIT = "0";
    try {
      const e = await openDuckDb(db, { readOnly: true }).then(() => null, (err) => err);
      expect(e).not.toBeNull();
      const { message, code } = explain(e);
      expect(message).toBe(`the warehouse ${db} is in use by another process; try again when it has finished`);
      expect(code).toBe(1);
    } finally {
      if (before === undefined) delete process.env.KAM_LOCK_WAIT;
      else process.env.KAM_LOCK_WAIT = before;
    }
    await held.done;
  });

  it("a run waits for a reader that has the warehouse open, instead of failing on DuckDB's lock", { timeout: 60_000 }, async () => {
    const db = path.join(dir, "reader.duckdb");
    await withDuckDb(db, {}, (con) => con.run("create table t as select 1 as n"));
    const held = await holdDuckDb(db, { ms: 1500, readOnly: true });
    const lines: string[] = [];
    const error = console.error;
    console.error = (l: string) => lines.push(l);
    try {
      await withDuckDb(db, {}, (con) => con.run("insert into t values (2)"));
    } finally {
      console.error = error;
    }
    expect(lines).toEqual([`waiting for another process to finish with ${db}`]);
    expect(await withDuckDb(db, { readOnly: true }, async (con) => (await con.runAndReadAll("select sum(n) from t")).getRows()[0][0])).toBe(3n);
    await held.done;
  });
});
