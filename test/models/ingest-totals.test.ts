// marts.ingest_totals: the data quality page's headline (rows read, loaded, rejected) as the
// sums over the ingest's files, worked by hand on a fixture; the build refuses counts that do
// not add up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../loaders/config/index.ts";
import { DataTestError } from "../../loaders/models/data-tests.ts";
import { runModelsOn } from "../../loaders/models/run.ts";
import { load, openWarehouse, toNumbers } from "./warehouse.ts";

type W = Awaited<ReturnType<typeof openWarehouse>>;

const file = (path: string, table: string, read: number, loaded: number, rejected: number, seq: number) =>
  `('${path}', '${table}', 'sha-${seq}', 'csv', 'utf-8', 100, ${read}, ${loaded}, ${rejected}, 0, 0, null, ${seq}, '{}', null, null)`;

async function built(files: string[]): Promise<W> {
  const w = await openWarehouse();
  await load(w.con, { lines: [["O1", "2024-03-01", "C1", 100]] });
  if (files.length) await w.con.run(`insert into ingest_files values ${files.join(", ")}`);
  await runModelsOn(w.con, parseConfig({ analysis: { analysis_date: "2024-12-31" } }));
  return w;
}

const totals = async (w: W) => toNumbers((await w.con.runAndReadAll("select * from marts.ingest_totals")).getRowObjectsJS());

describe("ingest totals", () => {
  let w: W;
  beforeAll(async () => {
    // orders 2023: 1,000 read = 990 + 10; orders 2024: 2,500 = 2,497 + 3 (a 合计 line among them);
    // customers: 40 = 40 + 0
    w = await built([
      file("orders-2023.csv", "order_lines", 1000, 990, 10, 1),
      file("orders-2024.csv", "order_lines", 2500, 2497, 3, 2),
      file("customers.xlsx", "customers", 40, 40, 0, 3),
    ]);
  });
  afterAll(() => w.close());

  it("sums read, loaded and rejected over the files, exactly, and loaded + rejected = read", async () => {
    const [t] = await totals(w);
    expect(t).toEqual({ files: 3, rows_read: 3540, rows_loaded: 3527, rows_rejected: 13, rejected_share: expect.closeTo(13 / 3540, 15) });
    expect(t.rows_loaded + t.rows_rejected).toBe(t.rows_read);
  });

  it("gives zeros and no share when the warehouse holds no file", async () => {
    const empty = await built([]);
    expect(await totals(empty)).toEqual([{ files: 0, rows_read: 0, rows_loaded: 0, rows_rejected: 0, rejected_share: null }]);
    empty.close();
  });

  it("fails the build when a file's counts do not add up", async () => {
    const err = await built([file("bad.csv", "order_lines", 10, 8, 1, 1)]).catch((e) => e);
    expect(err).toBeInstanceOf(DataTestError);
    expect(err.message).toMatch(/marts\.ingest_totals: test "every file's loaded \+ rejected = read" failed/);
    expect(err.message).toMatch(/bad\.csv/);
  });
});
