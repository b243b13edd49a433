// Properties of the date and id parsing (dates.ts, values.ts), checked on the SQL itself over
// many generated values at once: every way an export writes a real date (with a valid time or
// without) reads as that date; anything after it that is not a time makes it a reject; an id a
// spreadsheet turned into a number reads as the id. The expected values come from plain
// TypeScript here, not from the SQL.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateSteps, defaultDateOptions, type DateOptions } from "../../loaders/ingest/dates.ts";
import { openDb, type Db } from "../../loaders/ingest/duck.ts";
import { valueMacros } from "../../loaders/ingest/values.ts";

let db: Db;
beforeAll(async () => {
  db = await openDb(":memory:");
  for (const m of valueMacros) await db.exec(m);
});
afterAll(() => db.close());

const sqlList = (xs: string[]) => `[${xs.map((x) => `'${x.replaceAll("'", "''")}'`).join(", ")}]::VARCHAR[]`;

/** The dates the steps read from `values` (one query), as YYYY-MM-DD or null. */
async function readDates(values: string[], opts: DateOptions = defaultDateOptions): Promise<(string | null)[]> {
  let from = `(SELECT i, v AS s FROM (SELECT unnest(range(len(${sqlList(values)}))) AS i, unnest(${sqlList(values)}) AS v))`;
  for (const level of dateSteps("d", "s", opts)) if (level.length) from = `(SELECT *, ${level.join(", ")} FROM ${from})`;
  const rows = await db.rows<{ d: string | null }>(`SELECT CAST(v_d AS VARCHAR) AS d FROM ${from} ORDER BY i`);
  return rows.map((r) => r.d);
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

const civil = fc
  .record({ y: fc.integer({ min: 1990, max: 2099 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
  .map(({ y, m, d }) => ({ y, m, d: Math.min(d, daysIn(y, m)) }));
const time = fc.option(
  fc.record({ h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }), s: fc.option(fc.integer({ min: 0, max: 59 })), ampm: fc.boolean() }).map(({ h, mi, s, ampm }) =>
    ampm ? ` ${h % 12 || 12}:${pad(mi)}${s === null ? "" : `:${pad(s)}`} ${h < 12 ? "AM" : "PM"}` : ` ${pad(h)}:${pad(mi)}${s === null ? "" : `:${pad(s)}`}`,
  ),
  { nil: "" },
);
/** Forms that need no day/month order. */
const written = fc.record({ c: civil, form: fc.integer({ min: 0, max: 5 }), t: time }).map(({ c: { y, m, d }, form, t }) => {
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  const text = [iso, `${y}/${m}/${d}`, `${y}年${m}月${d}日`, `${y}${pad(m)}${pad(d)}`, `${d}-${MONTHS[m - 1]}-${y}`, `${MONTHS[m - 1]} ${d}, ${y}`][form];
  return { text: text + (form === 3 ? "" : t), iso };
});

describe("dates, as properties", () => {
  it("every way of writing a real date, with a valid time or none, reads as that date", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(written, { minLength: 1, maxLength: 200 }), async (xs) => {
        expect(await readDates(xs.map((x) => x.text))).toEqual(xs.map((x) => x.iso));
      }),
      { numRuns: 40, seed: 13 },
    );
  });

  it("with the order said, d/m/y and m/d/y read as the date in that order, two-digit years in the window", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ c: civil, two: fc.boolean(), sep: fc.constantFrom("/", ".", "-") }), { minLength: 1, maxLength: 200 }), fc.constantFrom("dmy", "mdy"), async (xs, order) => {
        const text = xs.map(({ c, two, sep }) => {
          const yy = two ? pad(c.y % 100) : String(c.y);
          return order === "dmy" ? `${c.d}${sep}${c.m}${sep}${yy}` : `${c.m}${sep}${c.d}${sep}${yy}`;
        });
        // Two-digit years fall in 1970..2069.
        const want = xs.map(({ c, two }) => `${two ? (c.y % 100 < 70 ? 2000 + (c.y % 100) : 1900 + (c.y % 100)) : c.y}-${pad(c.m)}-${pad(c.d)}`);
        expect(await readDates(text, { ...defaultDateOptions, order })).toEqual(want);
      }),
      { numRuns: 40, seed: 14 },
    );
  });

  it("anything after a date that is not a valid time makes it unreadable", async () => {
    const junk = fc.oneof(
      fc.string({ minLength: 1, maxLength: 6 }).filter((s) => !/^\s*$/.test(s)),
      fc.constantFrom(" 24:00", " 25:99:99", " 12:60", " 13:00 PM", " 0:00 AM", "T", " x", "garbage", "+", "Z"),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ c: civil, j: junk }), { minLength: 1, maxLength: 100 }), async (xs) => {
        const text = xs.map(({ c, j }) => `${c.y}-${pad(c.m)}-${pad(c.d)}${j}`);
        const got = await readDates(text);
        // A junk string may itself be a valid time (" 1:05") or an offset-free tail the forms allow:
        // only then may the date read, and it must be the date itself.
        got.forEach((g, i) => {
          const valid = /^(T| +)\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?( *[AaPp]\.?[Mm]\.?)?( *(Z|UTC|GMT|[+-]\d{2}(:?\d{2})?))?$/.test(xs[i].j);
          if (!valid) expect(g, text[i]).toBeNull();
        });
      }),
      { numRuns: 40, seed: 15 },
    );
  });
});

describe("ids written as numbers, as a property", () => {
  it("n.0, n.00 and Excel's m.mmmE+0k read as n; other text as written", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 99_999_999 }), { minLength: 1, maxLength: 200 }), async (ids) => {
        const text = ids.map((n, i) => {
          const d = String(n);
          if (i % 3 === 0) return `${d}.0`;
          if (i % 3 === 1) return `${d}.00`;
          const frac = d.slice(1).replace(/0+$/, "");
          return `${d[0]}${frac ? "." + frac : ""}E+${pad(d.length - 1)}`;
        });
        const rows = await db.rows<{ v: string }>(`SELECT kam_id(v) AS v FROM (SELECT unnest(${sqlList(text)}) AS v)`);
        expect(rows.map((r) => r.v)).toEqual(ids.map(String));
      }),
      { numRuns: 40, seed: 16 },
    );
  });
});
