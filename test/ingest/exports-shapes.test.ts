// The two fixture exports of issue 13 (loaders/sample/shapes/), ingested with the config an analyst
// would write, against an independent reading of the same CSV here: a small RFC 4180 parser and
// exact BigInt arithmetic, never the ingest's SQL.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../loaders/config/index.ts";
import { ingestSources, type IngestResult } from "../../loaders/ingest/index.ts";
import { generateShape } from "../../loaders/sample/shapes/index.ts";
import { RETAIL_NON_PRODUCT } from "../../loaders/sample/shapes/retail.ts";
import { query, tempDir } from "./helpers.ts";
import { dec, records, spreadsheetId, sum, times } from "../support/exact-csv.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A DuckDB DECIMAL sum read back as exact text, then as 1/10,000. */
const exact = async (dir: string, sql: string) => dec((await query<{ v: string | null }>(dir, `SELECT CAST((${sql}) AS VARCHAR) AS v`))[0].v ?? "0");

async function ingestShape(shape: "retail" | "us") {
  const dir = tempDir();
  dirs.push(dir);
  const made = generateShape(shape, { dir });
  const config = loadConfig(path.join(dir, "kam.config.json"));
  const result = await ingestSources({ config, dbFile: path.join(dir, "kam.duckdb"), rejectsDir: path.join(dir, "rejects"), log: () => {} });
  return { dir, truth: made.truth as Record<string, any>, result, file: path.join(dir, made.files[0]) };
}

describe("shape (a): an online retailer's invoice lines", () => {
  let s: Awaited<ReturnType<typeof ingestShape>>;
  let lines: Record<string, string>[];
  beforeAll(async () => {
    s = await ingestShape("retail");
    lines = records(s.file);
  }, 120_000);

  const id = spreadsheetId;
  const amount = (l: Record<string, string>) => times(dec(l.Quantity), dec(l.UnitPrice));
  const type = (l: Record<string, string>) =>
    RETAIL_NON_PRODUCT.includes(l.StockCode.toUpperCase()) ? "non_product" : l.InvoiceNo.startsWith("C") || amount(l) < 0n || Number(l.Quantity) < 0 ? "return" : "sale";

  it("reads every line; only the lines without a customer id are rejected, and they do not fail the run", async () => {
    const anonymous = lines.filter((l) => l.CustomerID === "");
    expect(lines).toHaveLength(s.truth.lines);
    expect(s.result.ok).toBe(true);
    const [f] = s.result.files;
    expect(f).toMatchObject({ read: lines.length, loaded: lines.length - anonymous.length, rejected: anonymous.length, rejectedBy: { no_customer: anonymous.length } });
    const abs = (x: bigint) => (x < 0n ? -x : x);
    const share = Number(sum(anonymous.map((l) => abs(amount(l))))) / Number(sum(lines.map((l) => abs(amount(l)))));
    expect(f.noCustomerShare).toBeCloseTo(share, 12);
    expect(share).toBeGreaterThan(0.05);
    // Each reject at its line, with the reason.
    const rejects = await query<{ row_number: number; column_name: string; reason: string; reason_class: string }>(
      s.dir,
      `SELECT row_number, column_name, reason, reason_class FROM ingest_rejects ORDER BY row_number`,
    );
    const anonymousLines = lines.flatMap((l, i) => (l.CustomerID === "" ? [i + 2] : []));
    expect(rejects.map((r) => r.row_number)).toEqual(anonymousLines);
    expect(new Set(rejects.map((r) => `${r.column_name} | ${r.reason_class} | ${r.reason}`))).toEqual(
      new Set(["customer_id | no_customer | no customer id: the line cannot be given to a customer (walk-in sale?); counted by its share of the amount"]),
    );
  });

  it("derives every amount as quantity x unit price, to the cent of an independent computation, per line type", async () => {
    const known = lines.filter((l) => l.CustomerID !== "");
    for (const t of ["sale", "return", "non_product"]) {
      const want = sum(known.filter((l) => type(l) === t).map(amount));
      expect(await exact(s.dir, `SELECT sum(amount) FROM order_lines WHERE line_type = '${t}'`), t).toBe(want);
      expect(want).toBe(dec(s.truth.amount_with_customer_by_type[t]));
    }
    const counts = await query<{ t: string; n: number }>(s.dir, `SELECT line_type AS t, count(*) AS n FROM order_lines GROUP BY ALL ORDER BY ALL`);
    expect(Object.fromEntries(counts.map((c) => [c.t, c.n]))).toEqual(s.truth.lines_with_customer_by_type);
    expect(await query(s.dir, `SELECT column_name, rule FROM ingest_derivations ORDER BY column_name`)).toEqual([
      { column_name: "amount", rule: "quantity x unit_price" },
      { column_name: "line_no", rule: "position of the line within its order, in file order" },
      { column_name: "unit", rule: "'units' (the export has no unit column): quantity counts as volume" },
    ]);
  });

  it("keeps exact duplicate lines as rows of their own, numbered by position", async () => {
    expect(s.truth.duplicate_lines).toBeGreaterThan(0);
    const [r] = await query<{ n: number; keys: number }>(s.dir, `SELECT count(*) AS n, count(DISTINCT (order_id, line_no)) AS keys FROM order_lines`);
    expect(r).toEqual({ n: s.result.files[0].loaded, keys: s.result.files[0].loaded });
    // The first invoice's lines are 1..n in file order.
    const first = lines.filter((l) => l.InvoiceNo === lines[0].InvoiceNo && l.CustomerID !== "");
    const got = await query<{ line_no: number; product_id: string }>(s.dir, `SELECT line_no, product_id FROM order_lines WHERE order_id = '${lines[0].InvoiceNo}' ORDER BY line_no`);
    expect(got).toEqual(first.map((l, i) => ({ line_no: i + 1, product_id: l.StockCode })));
  });

  it("reads the ids a spreadsheet wrote as numbers as the customers' ids", async () => {
    expect(lines.some((l) => l.CustomerID.includes("E+"))).toBe(true);
    const want = [...new Set(lines.filter((l) => l.CustomerID !== "").map((l) => id(l.CustomerID)))].sort();
    const got = (await query<{ customer_id: string }>(s.dir, `SELECT customer_id FROM customers ORDER BY customer_id`)).map((r) => r.customer_id);
    expect(got).toEqual(want);
    expect(got).toHaveLength(s.truth.customers);
  });

  it("reads dd/mm/yyyy dates in the order the column settles, from mid-December for one year", async () => {
    const [r] = await query<{ first: string; last: string }>(s.dir, `SELECT strftime(min(order_date), '%Y-%m-%d') AS first, strftime(max(order_date), '%Y-%m-%d') AS last FROM order_lines`);
    expect(r).toEqual({ first: s.truth.first_date, last: s.truth.last_date });
    expect(r.first).toBe("2010-12-13");
    // Line by line, against the text: day first.
    const some = lines.filter((l) => l.CustomerID !== "").slice(0, 200);
    const got = await query<{ order_id: string; d: string }>(s.dir, `SELECT DISTINCT order_id, strftime(order_date, '%Y-%m-%d') AS d FROM order_lines`);
    const byOrder = new Map(got.map((g) => [g.order_id, g.d]));
    for (const l of some) {
      const [d, m, y] = l.InvoiceDate.split(" ")[0].split("/");
      expect(byOrder.get(l.InvoiceNo)).toBe(`${y}-${m}-${d}`);
    }
  });

  it("gives each customer the country of most of its invoices, counting those with two", async () => {
    expect(await query(s.dir, `SELECT attribute, customers, with_value, varying FROM derived_attributes`)).toEqual([
      { attribute: "country", customers: s.truth.customers, with_value: s.truth.customers, varying: s.truth.customers_with_two_countries },
    ]);
  });
});

describe("shape (b): a US consumer business, four years", () => {
  let s: Awaited<ReturnType<typeof ingestShape>>;
  let lines: Record<string, string>[];
  beforeAll(async () => {
    s = await ingestShape("us");
    lines = records(s.file);
  }, 120_000);

  it("loads every line with the config that names only the file", () => {
    expect(s.result.ok).toBe(true);
    expect(s.result.files[0]).toMatchObject({ read: s.truth.lines, loaded: s.truth.lines, rejected: 0 });
  });

  it("reads Sales as the amount and gives cost = Sales - Profit, exactly", async () => {
    expect(await exact(s.dir, `SELECT sum(amount) FROM order_lines`)).toBe(sum(lines.map((l) => dec(l.Sales))));
    expect(await exact(s.dir, `SELECT sum(cost) FROM order_lines`)).toBe(sum(lines.map((l) => dec(l.Sales) - dec(l.Profit))));
    expect(await exact(s.dir, `SELECT sum(cost) FROM order_lines`)).toBe(dec(s.truth.cost));
    expect(await exact(s.dir, `SELECT count(*) FILTER (cost > amount) FROM order_lines`)).toBe(BigInt(s.truth.loss_lines) * 10_000n);
  });

  it("takes Discount for a rate, not an amount, and derives the discount's amount from the net Sales", async () => {
    const got = await query<{ r: string; d: string | null }>(s.dir, `SELECT CAST(discount_rate AS VARCHAR) AS r, CAST(discount AS VARCHAR) AS d FROM order_lines ORDER BY source_row`);
    expect(got.map((g) => dec(g.r))).toEqual(lines.map((l) => dec(l.Discount)));
    // amount x r / (1 - r), to 1/10,000 (DuckDB divides in DOUBLE: within one unit per line, and the sum to the cent).
    const want = lines.map((l) => {
      const r = dec(l.Discount);
      const num = dec(l.Sales) * r;
      const den = 10_000n - r;
      const q = num / den;
      return 2n * (num % den) >= den ? q + 1n : q;
    });
    got.forEach((g, i) => expect(Number(dec(g.d!) - want[i]), `line ${i + 2}`).toBeLessThanOrEqual(1));
    expect(Math.abs(Number(sum(got.map((g) => dec(g.d!))) - sum(want)))).toBeLessThan(100);
  });

  it("reads m/d/yyyy dates as the column settles them, four years of them", async () => {
    const got = await query<{ d: string }>(s.dir, `SELECT strftime(order_date, '%Y-%m-%d') AS d FROM order_lines ORDER BY source_row`);
    expect(got.map((g) => g.d)).toEqual(
      lines.map((l) => {
        const [m, d, y] = l["Order Date"].split("/");
        return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
      }),
    );
    expect([got.map((g) => g.d).sort()[0], got.map((g) => g.d).sort().at(-1)]).toEqual([s.truth.first_date, s.truth.last_date]);
  });

  it("order ids starting with C are sales here: returns come from signs or a configured prefix only", async () => {
    expect(lines.filter((l) => l["Order ID"].startsWith("C")).length).toBeGreaterThan(0);
    expect(await query(s.dir, `SELECT DISTINCT line_type FROM order_lines`)).toEqual([{ line_type: "sale" }]);
  });

  it("keeps each line's ship-to region and gives the customer the region of most of its orders (a tie to the latest)", async () => {
    const got = await query<{ region: string }>(s.dir, `SELECT region FROM order_lines ORDER BY source_row`);
    expect(got.map((g) => g.region)).toEqual(lines.map((l) => l.Region));
    // Independently: per customer, orders per region; the most, then the latest order, then the name.
    const per = new Map<string, Map<string, { orders: Set<string>; last: string }>>();
    const iso = (t: string) => {
      const [m, d, y] = t.split("/");
      return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
    };
    lines.forEach((l, i) => {
      const c = per.get(l["Customer ID"]) ?? new Map();
      const v = c.get(l.Region) ?? { orders: new Set<string>(), last: "" };
      v.orders.add(l["Order ID"]);
      const key = `${iso(l["Order Date"])}#${String(i + 2).padStart(8, "0")}`;
      if (key > v.last) v.last = key;
      c.set(l.Region, v);
      per.set(l["Customer ID"], c);
    });
    const mode = new Map(
      [...per].map(([c, m]) => [
        c,
        [...m].sort(([ra, a], [rb, b]) => b.orders.size - a.orders.size || (a.last < b.last ? 1 : a.last > b.last ? -1 : 0) || (ra < rb ? -1 : 1))[0][0],
      ]),
    );
    const customers = await query<{ customer_id: string; region: string; channel: string }>(s.dir, `SELECT customer_id, region, channel FROM customers ORDER BY customer_id`);
    expect(customers).toHaveLength(s.truth.customers);
    for (const c of customers) expect(c.region, c.customer_id).toBe(mode.get(c.customer_id));
    const [attr] = await query<{ varying: number; tied: number }>(s.dir, `SELECT varying, tied FROM derived_attributes WHERE attribute = 'region'`);
    expect(attr.varying).toBe(s.truth.customers_with_several_regions);
    expect(attr.tied).toBeGreaterThan(0);
  });

  it("is a business where the top 20% of customers make less than half of revenue", async () => {
    const byCustomer = new Map<string, bigint>();
    for (const l of lines) byCustomer.set(l["Customer ID"], (byCustomer.get(l["Customer ID"]) ?? 0n) + dec(l.Sales));
    const sorted = [...byCustomer.values()].sort((a, b) => (a < b ? 1 : -1));
    const top = sum(sorted.slice(0, Math.ceil(sorted.length * 0.2)));
    const share = Number(top) / Number(sum(sorted));
    expect(share).toBeLessThan(0.5);
    expect(share).toBeCloseTo(s.truth.top20_share, 5);
    const [r] = await query<{ share: number }>(
      s.dir,
      `WITH c AS (SELECT customer_id, sum(amount) AS v FROM order_lines GROUP BY ALL), r AS (SELECT v, row_number() OVER (ORDER BY v DESC) AS n, count(*) OVER () AS k FROM c)
       SELECT sum(v) FILTER (n <= ceil(k * 0.2)) / sum(v) AS share FROM r`,
    );
    expect(r.share).toBeCloseTo(share, 12);
  });
});

describe("the shape generators", () => {
  it.each(["retail", "us"] as const)("%s: the same seed gives the same bytes", (shape) => {
    const [a, b] = [tempDir(), tempDir()];
    dirs.push(a, b);
    const files = generateShape(shape, { dir: a }).files;
    generateShape(shape, { dir: b });
    for (const f of [...files, "kam.config.json", "truth.json"]) expect(fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))), f).toBe(true);
  });
});
