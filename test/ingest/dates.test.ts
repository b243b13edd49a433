// Dates as exports write them (loaders/ingest/dates.ts): strict about what follows a date, the
// day/month order from the column as a whole, instants in the business time zone, future dates
// refused, the 1904 date system of old Mac workbooks.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../loaders/config/index.ts";
import { todayIn } from "../../loaders/ingest/dates.ts";
import { openDb } from "../../loaders/ingest/duck.ts";
import { ingestSources } from "../../loaders/ingest/index.ts";
import { lenient, query, tempDir } from "./helpers.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const header = "order_id,line_no,order_date,customer_id,product_id,quantity,amount";
/** An order-lines CSV with one line per date (line_no = position). */
function csvOf(dates: string[]): string {
  const dir = tempDir();
  dirs.push(dir);
  const file = path.join(dir, "order_lines.csv");
  fs.writeFileSync(file, [header, ...dates.map((d, i) => `SO1,${i + 1},"${d}",C1,P1,1,10`), ""].join("\n"));
  return file;
}

/** Ingest into a new warehouse (the same file under another config is a new ingest). */
async function load(file: string, source: Record<string, unknown> = {}, ingest: Record<string, unknown> = {}) {
  const dir = tempDir();
  dirs.push(dir);
  const config = parseConfig({ ingest: { sample: false, reject_thresholds: lenient, ...ingest, sources: [{ path: file, table: "order_lines", ...source }] } });
  const r = await ingestSources({ config, dbFile: path.join(dir, "kam.duckdb"), rejectsDir: path.join(dir, "rejects"), log: () => {} });
  expect(r.files[0].error).toBeNull();
  const lines = await query<{ line_no: number; d: string }>(dir, `SELECT line_no, strftime(order_date, '%Y-%m-%d') AS d FROM order_lines ORDER BY line_no`);
  const rejects = await query<{ row: number; raw: string; reason: string }>(
    dir,
    `SELECT row_number AS row, raw_value AS raw, reason FROM ingest_rejects WHERE column_name = 'order_date' ORDER BY row_number`,
  );
  return { dates: Object.fromEntries(lines.map((l) => [l.line_no, l.d])), rejects };
}

/** { line_no: date } for the lines loaded, from dates given per line. */
const loaded = (pairs: Record<number, string>) => pairs;

describe("strict dates", () => {
  it("rejects anything after a date that is not a valid time, and reads valid times", async () => {
    const values = [
      "2024-01-05garbage", // 1
      "2024-01-05 25:99:99", // 2
      "2024-01-05 x", // 3
      "2024-01-05 23:59:59", // 4
      "2024-01-05T08:00", // 5
      "2024/1/5 8:26 PM", // 6
      "2024-01-05 13:00 PM", // 7
      "2024-01-05 10:00:00.123", // 8
      "2024年1月5日 10:30", // 9
      "2024-02-30", // 10
      "2024-1-1x", // 11: DuckDB's own cast reads this as 2024-01-01
    ];
    const { dates, rejects } = await load(csvOf(values));
    expect(dates).toEqual(loaded({ 4: "2024-01-05", 5: "2024-01-05", 6: "2024-01-05", 8: "2024-01-05", 9: "2024-01-05" }));
    expect(rejects.map((r) => [r.row - 1, r.raw, r.reason.split(" (")[0]])).toEqual([
      [1, "2024-01-05garbage", "expected a date"],
      [2, "2024-01-05 25:99:99", "expected a valid time of day after the date"],
      [3, "2024-01-05 x", "expected a date"],
      [7, "2024-01-05 13:00 PM", "expected a valid time of day after the date"],
      [10, "2024-02-30", "expected a date"],
      [11, "2024-1-1x", "expected a date"],
    ]);
  });

  it("reads Chinese AM/PM before the time (Excel zh-CN: 2024/1/5 下午 3:00:00), and checks the hour as for AM/PM", async () => {
    const values = ["2024/1/5 下午 3:00:00", "2024-01-06 上午 9:30", "2024/1/7 上午 12:30:00", "2024/1/8 下午3:15", "2024年1月9日 下午 4:00", "2024/1/10 下午 13:00", "2024/1/11 下午"];
    const { dates, rejects } = await load(csvOf(values));
    expect(dates).toEqual(loaded({ 1: "2024-01-05", 2: "2024-01-06", 3: "2024-01-07", 4: "2024-01-08", 5: "2024-01-09" }));
    expect(rejects.map((r) => [r.raw, r.reason.split(" (")[0]])).toEqual([
      ["2024/1/10 下午 13:00", "expected a valid time of day after the date"],
      ["2024/1/11 下午", "expected a date"],
    ]);
  });

  it("reads English month names, eight digits, serial numbers and two-digit years", async () => {
    const values = ["5-Jan-2024", "05 Jan 24", "Jan 5, 2024", "January 5 2024 8:26 PM", "Sept 30, 2023", "20240105", "45296", "5-Foo-2024"];
    const { dates, rejects } = await load(csvOf(values));
    expect(dates).toEqual(loaded({ 1: "2024-01-05", 2: "2024-01-05", 3: "2024-01-05", 4: "2024-01-05", 5: "2023-09-30", 6: "2024-01-05", 7: "2024-01-05" }));
    expect(rejects.map((r) => r.raw)).toEqual(["5-Foo-2024"]);
  });
});

describe("day and month order", () => {
  it("is settled by the column as a whole: one 22/11/2017 makes 03/04/2024 the 3rd of April", async () => {
    const { dates, rejects } = await load(csvOf(["22/11/2017", "03/04/2024", "12/12/2024", "1.2.2023", "2024-06-30"]));
    expect(rejects).toEqual([]);
    expect(dates).toEqual(loaded({ 1: "2017-11-22", 2: "2024-04-03", 3: "2024-12-12", 4: "2023-02-01", 5: "2024-06-30" }));
  });

  it("and one 11/22/2017 makes it the 4th of March (US exports, with times)", async () => {
    const { dates, rejects } = await load(csvOf(["12/1/2010 8:26", "11/22/2017 17:05", "03/04/2024 9:00"]));
    expect(rejects).toEqual([]);
    expect(dates).toEqual(loaded({ 1: "2010-12-01", 2: "2017-11-22", 3: "2024-03-04" }));
  });

  it("a column that settles nothing rejects its ambiguous values with the reason; dates.order reads them", async () => {
    const file = csvOf(["03/04/2024", "05/05/2024", "2024-06-30", "04/03/24"]);
    const plain = await load(file);
    expect(plain.dates).toEqual(loaded({ 2: "2024-05-05", 3: "2024-06-30" }));
    expect(plain.rejects.map((r) => [r.raw, r.reason])).toEqual([
      ["03/04/2024", expect.stringContaining("ambiguous date: day and month order cannot be told (no value in this column has a day above 12)")],
      ["04/03/24", expect.stringContaining('set "dates": {"order": "dmy"} or {"order": "mdy"} for this source')],
    ]);
    expect((await load(file, { dates: { order: "mdy" } })).dates).toEqual(loaded({ 1: "2024-03-04", 2: "2024-05-05", 3: "2024-06-30", 4: "2024-04-03" }));
    expect((await load(file, { dates: { order: "dmy" } })).dates).toEqual(loaded({ 1: "2024-04-03", 2: "2024-05-05", 3: "2024-06-30", 4: "2024-03-04" }));
  });

  it("a column mixing both orders reads each value only where it is unambiguous", async () => {
    const { dates, rejects } = await load(csvOf(["22/11/2017", "11/22/2017", "30/01/2018", "03/04/2024"]));
    expect(dates).toEqual(loaded({ 1: "2017-11-22", 2: "2017-11-22", 3: "2018-01-30" }));
    expect(rejects.map((r) => [r.raw, r.reason])).toEqual([
      ["03/04/2024", expect.stringContaining("(the column has 2 dates only day-first can read and 1 only month-first can read)")],
    ]);
  });

  it("an explicit order rejects what it cannot read, and ymd reads two-digit years first", async () => {
    const us = await load(csvOf(["11/22/2017", "22/11/2017"]), { dates: { order: "mdy" } });
    expect(us.dates).toEqual(loaded({ 1: "2017-11-22" }));
    expect(us.rejects.map((r) => r.raw)).toEqual(["22/11/2017"]);
    expect((await load(csvOf(["24/01/05", "2024-01-06"]), { dates: { order: "ymd" } })).dates).toEqual(loaded({ 1: "2024-01-05", 2: "2024-01-06" }));
  });

  it("two-digit years fall in the hundred years from two_digit_year_start", async () => {
    const file = csvOf(["5/13/69", "5/13/70", "5/13/99", "5/13/00"]);
    const range = { date_range: { min: "1900-01-01", max: "2100-12-31" } };
    expect((await load(file, {}, range)).dates).toEqual(loaded({ 1: "2069-05-13", 2: "1970-05-13", 3: "1999-05-13", 4: "2000-05-13" }));
    const from1950 = await load(file, { dates: { two_digit_year_start: 1950 } }, range);
    expect(from1950.dates).toEqual(loaded({ 1: "1969-05-13", 2: "1970-05-13", 3: "1999-05-13", 4: "2000-05-13" }));
  });
});

describe("time zones", () => {
  const values = ["2024-01-05T23:30:00Z", "2024-01-05T23:30:00+08:00", "2024-01-05 23:30:00", "2024-01-05T18:00:00-05:00", "2024-01-05T23:30:00+0530"];
  it("an instant (a time with an offset) is dated in the business time zone; a time without one as written", async () => {
    const file = csvOf(values);
    expect((await load(file)).dates).toEqual(loaded({ 1: "2024-01-06", 2: "2024-01-05", 3: "2024-01-05", 4: "2024-01-06", 5: "2024-01-06" }));
    expect((await load(file, {}, { time_zone: "UTC" })).dates).toEqual(loaded({ 1: "2024-01-05", 2: "2024-01-05", 3: "2024-01-05", 4: "2024-01-05", 5: "2024-01-05" }));
    expect((await load(file, { dates: { time_zone: "America/New_York" } })).dates).toEqual(
      loaded({ 1: "2024-01-05", 2: "2024-01-05", 3: "2024-01-05", 4: "2024-01-05", 5: "2024-01-05" }),
    );
  });

  it("refuses a time zone it does not know", () => {
    expect(() => parseConfig({ ingest: { time_zone: "Mars/Olympus" } })).toThrow(/ingest\.time_zone: expected an IANA time zone/);
  });

  it("reads Parquet TIMESTAMPTZ in the business time zone whatever the machine's zone", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const parquet = path.join(dir, "orders.parquet");
    const db = await openDb(path.join(dir, "make.duckdb"));
    await db.exec(
      `COPY (SELECT * FROM (VALUES ('SO1', 1, TIMESTAMPTZ '2024-01-05 23:30:00+00', TIMESTAMP '2024-01-05 23:30:00', 'C1', 'P1', 1.0, 10.0),
                                   ('SO1', 2, TIMESTAMPTZ '2024-01-05 15:00:00+00', TIMESTAMP '2024-01-05 01:00:00', 'C1', 'P1', 1.0, 10.0))
             v(order_id, line_no, order_date, shipped, customer_id, product_id, quantity, amount)) TO '${parquet}' (FORMAT parquet)`,
    );
    db.close();
    const config = path.join(dir, "kam.config.json");
    fs.writeFileSync(config, JSON.stringify({ ingest: { sample: false, sources: [{ path: parquet, table: "order_lines" }] } }));
    const datesIn = (tz: string, mapping: Record<string, string> = {}) => {
      const db = path.join(dir, `${tz.replace("/", "_")}${Object.keys(mapping).length}.duckdb`);
      fs.writeFileSync(config, JSON.stringify({ ingest: { sample: false, sources: [{ path: parquet, table: "order_lines", mapping }] } }));
      const r = spawnSync(process.execPath, [path.join(root, "loaders/cli/kam.mjs"), "ingest", "--config", config, "--db", db], {
        env: { ...process.env, TZ: tz },
        encoding: "utf8",
      });
      expect(r.status, r.stderr + r.stdout).toBe(0);
      return db;
    };
    const read = async (db: string) => {
      const h = await openDb(db);
      try {
        return (await h.rows<{ d: string }>(`SELECT strftime(order_date, '%Y-%m-%d') AS d FROM order_lines ORDER BY line_no`)).map((r) => r.d);
      } finally {
        h.close();
      }
    };
    // 23:30 UTC is the next morning in Shanghai; 15:00 UTC is 23:00 there.
    expect(await read(datesIn("America/Los_Angeles"))).toEqual(["2024-01-06", "2024-01-05"]);
    expect(await read(datesIn("Asia/Tokyo"))).toEqual(["2024-01-06", "2024-01-05"]);
    // A TIMESTAMP without zone is a wall time: its date as written.
    expect(await read(datesIn("Pacific/Kiritimati", { order_date: "shipped" }))).toEqual(["2024-01-05", "2024-01-05"]);
  }, 60_000);
});

describe("future dates", () => {
  it("a date after the build date is a reject, so it cannot move the analysis date; date_range.max allows it", async () => {
    const today = todayIn("Asia/Shanghai");
    const future = new Date(Date.parse(today) + 40 * 86_400_000).toISOString().slice(0, 10);
    const file = csvOf([today, future]);
    const { dates, rejects } = await load(file);
    expect(dates).toEqual(loaded({ 1: today }));
    expect(rejects.map((r) => [r.raw, r.reason])).toEqual([[future, `date after the build date (${today}): a future date; set ingest.date_range.max to accept it`]]);
    expect((await load(file, {}, { date_range: { max: "2100-12-31" } })).dates).toEqual(loaded({ 1: today, 2: future }));
  });

  it("the build date is the date in the business time zone", () => {
    const at = new Date("2024-01-05T20:00:00Z");
    expect(todayIn("Asia/Shanghai", at)).toBe("2024-01-06");
    expect(todayIn("Europe/London", at)).toBe("2024-01-05");
  });
});

describe("workbooks in the 1904 date system", () => {
  /** A workbook with a date-formatted cell and a plain serial number, written in the 1904 system. */
  async function workbook(flag: "1" | "true"): Promise<string> {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, `orders-${flag}.xlsx`);
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet("orders");
    ws.addRow(["order_id", "line_no", "order_date", "customer_id", "product_id", "quantity", "amount"]);
    ws.addRow(["SO1", 1, new Date(Date.UTC(2024, 0, 5)), "C1", "P1", 1, 10]);
    ws.getCell("C2").numFmt = "yyyy-mm-dd";
    // 2024-01-05 counted from 1904-01-01, in a cell without a date format.
    ws.addRow(["SO1", 2, (Date.UTC(2024, 0, 5) - Date.UTC(1904, 0, 1)) / 86_400_000, "C1", "P1", 1, 10]);
    await wb.xlsx.writeFile(file);
    if (flag === "true") {
      // Other writers spell the boolean "true" (exceljs itself only reads "1").
      const zip = await JSZip.loadAsync(fs.readFileSync(file));
      const xml = await zip.file("xl/workbook.xml")!.async("string");
      zip.file("xl/workbook.xml", xml.replace('date1904="1"', 'date1904="true"'));
      fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
    }
    return file;
  }

  it.each(["1", "true"] as const)('reads dates and serial numbers with the 1904 epoch (date1904="%s")', async (flag) => {
    const { dates, rejects } = await load(await workbook(flag));
    expect(rejects).toEqual([]);
    expect(dates).toEqual(loaded({ 1: "2024-01-05", 2: "2024-01-05" }));
  });
});
