// Shape (b), a US retailer of office goods selling mostly to consumers, as its order system exports
// the lines (the shape of the public "Superstore" data set, invented here): four years, dates as
// m/d/yyyy, Sales (net of discount) and Profit but no cost, Discount as a rate (0.2), the ship-to
// region of each order (a customer's orders go to several regions), no line numbers (Row ID counts
// the whole file), order ids such as CA-2023-152156 (which start with C and are no credit notes),
// and a business where the top 20% of customers make less than half of revenue.
import { daysFromCivil, isoDate } from "../calendar.ts";
import { Random } from "../random.ts";
import { csvLine, decimal4, roundHalfAway, usDate, writeShape, type ShapeOptions, type ShapeResult } from "./common.ts";

export const US_FILE = "superstore_orders.csv";
export const US_HEADER = [
  "Row ID", "Order ID", "Order Date", "Ship Date", "Ship Mode", "Customer ID", "Customer Name", "Segment", "Country", "City", "State",
  "Postal Code", "Region", "Product ID", "Category", "Sub-Category", "Product Name", "Sales", "Quantity", "Discount", "Profit",
];
export const US_DEFAULTS = { seed: 20220103, customers: 600 };

/** The config an analyst writes: nothing but the file, the exports are read as they come. */
export const usConfig = (file = US_FILE) => ({
  ingest: { sample: false, sources: [{ path: file, table: "order_lines" }] },
  site: { currency: "USD" },
});

const FIRST = ["Claire", "Sean", "Brosina", "Andrew", "Irene", "Harold", "Pete", "Alejandro", "Zuschuss", "Ken", "Sandra", "Emily", "Eric", "Tracy", "Matt", "Gene", "Steve", "Linda", "Anna", "Tom"];
const LAST = ["Gute", "ODonnell", "Hoffman", "Allen", "Maddox", "Pawlan", "Kriz", "Grove", "Carroll", "Lonsdale", "Flathers", "Phillips", "Hoffmann", "Blue", "Abelman", "Hale", "Nguyen", "Lopez", "Schwarz", "Wu"];
const SEGMENTS: [string, number][] = [["Consumer", 0.52], ["Corporate", 0.3], ["Home Office", 0.18]];
const REGIONS: Record<string, [string, string, string][]> = {
  West: [["Los Angeles", "California", "90036"], ["Seattle", "Washington", "98103"], ["San Francisco", "California", "94122"], ["Denver", "Colorado", "80219"]],
  East: [["New York City", "New York", "10035"], ["Philadelphia", "Pennsylvania", "19140"], ["Columbus", "Ohio", "43229"], ["Boston", "Massachusetts", "02108"]],
  Central: [["Houston", "Texas", "77095"], ["Chicago", "Illinois", "60610"], ["Detroit", "Michigan", "48205"], ["Dallas", "Texas", "75217"]],
  South: [["Miami", "Florida", "33142"], ["Atlanta", "Georgia", "30318"], ["Nashville", "Tennessee", "37211"], ["Jacksonville", "Florida", "32216"]],
};
/** [category, sub-category, code, list price range (USD), margin before discount] */
const CATALOG: [string, string, string, number, number, number][] = [
  ["Furniture", "Bookcases", "FUR-BO", 80, 900, 0.18],
  ["Furniture", "Chairs", "FUR-CH", 60, 700, 0.2],
  ["Furniture", "Tables", "FUR-TA", 100, 1200, 0.12],
  ["Furniture", "Furnishings", "FUR-FU", 5, 120, 0.28],
  ["Office Supplies", "Binders", "OFF-BI", 2, 60, 0.35],
  ["Office Supplies", "Paper", "OFF-PA", 5, 40, 0.45],
  ["Office Supplies", "Storage", "OFF-ST", 10, 250, 0.22],
  ["Office Supplies", "Art", "OFF-AR", 2, 30, 0.3],
  ["Technology", "Phones", "TEC-PH", 30, 800, 0.25],
  ["Technology", "Accessories", "TEC-AC", 10, 300, 0.3],
  ["Technology", "Machines", "TEC-MA", 100, 3000, 0.15],
];
const DISCOUNTS = [0, 0, 0, 0, 0, 0, 0, 0, 0.1, 0.15, 0.2, 0.2, 0.2, 0.2, 0.3, 0.4, 0.45, 0.5, 0.7, 0.8];
const MODES = ["Second Class", "Standard Class", "Standard Class", "First Class", "Same Day"];

export function generateUs(opts: ShapeOptions): ShapeResult {
  const seed = opts.seed ?? US_DEFAULTS.seed;
  const r = new Random(seed);
  const start = daysFromCivil(2022, 1, 3);
  const end = daysFromCivil(2025, 12, 30);
  const products = CATALOG.flatMap(([category, sub, code, lo, hi, margin], ci) =>
    Array.from({ length: 30 }, (_, i) => ({
      id: `${code}-${10000000 + ci * 100000 + i * 137}`,
      category,
      sub,
      // Names with commas and quotes (quoted in the CSV).
      name: r.chance(0.2) ? `${r.pick(LAST)} ${sub}, ${r.int(2, 12)}/Pack` : `${r.pick(LAST)} "${r.pick(["Classic", "Pro", "Lite"])}" ${sub}`,
      // List price in cents.
      list: Math.round(100 * Math.min(hi, lo + r.lognormal((hi - lo) / 6, 0.6))),
      margin,
    })),
  );
  const regions = Object.keys(REGIONS);
  const customers = Array.from({ length: opts.customers ?? US_DEFAULTS.customers }, (_, i) => {
    const first = r.pick(FIRST);
    const last = r.pick(LAST);
    return {
      id: `${first[0]}${last[0]}-${10000 + i * 15}`,
      name: `${first} ${last}`,
      segment: r.weighted(SEGMENTS.map((s) => s[0]), SEGMENTS.map((s) => s[1])),
      region: r.pick(regions),
      // A consumer business: purchase frequency and basket vary little between customers.
      orders: 1 + r.poisson(r.lognormal(5, 0.35)),
      basket: r.lognormal(1, 0.3),
    };
  });

  interface Line { order: number; day: number; c: (typeof customers)[number]; region: string; place: [string, string, string]; p: (typeof products)[number]; quantity: number; discount: number; sales: bigint; profit: bigint; ship: number; mode: string }
  const orders: Line[][] = [];
  for (const c of customers) {
    for (let k = 0; k < c.orders; k++) {
      const day = r.int(start, end);
      // The ship-to region: mostly the customer's, now and then another (gifts, branch offices).
      const region = r.chance(0.8) ? c.region : r.pick(regions);
      const place = r.pick(REGIONS[region]);
      const n = 1 + Math.min(7, r.poisson(1.3));
      const ship = day + r.int(0, 6);
      const mode = r.pick(MODES);
      const lines: Line[] = [];
      for (let j = 0; j < n; j++) {
        const p = r.pick(products);
        const quantity = 1 + Math.min(13, r.poisson(2.5 * c.basket));
        const discount = r.pick(DISCOUNTS);
        // Sales = quantity x list x (1 - discount), rounded to 1/10,000 as the system stores it.
        const rate = BigInt(Math.round(discount * 100));
        const sales = roundHalfAway(BigInt(quantity) * BigInt(p.list) * 100n * (100n - rate), 100n);
        // Profit = sales x (margin - 1.2 x the discount beyond 10%), to 1/10,000: deep discounts lose money.
        const m = BigInt(Math.round((p.margin - 1.2 * Math.max(0, discount - 0.1)) * 10_000));
        const profit = roundHalfAway(sales * m, 10_000n);
        lines.push({ order: 0, day, c, region, place, p, quantity, discount, sales, profit, ship, mode });
      }
      orders.push(lines);
    }
  }
  // Orders in the file in no particular order (as the real export), their lines together.
  const shuffled = r.shuffled(orders);
  let rowId = 0;
  const rows: string[] = [];
  const seen = new Set<string>();
  shuffled.forEach((lines, i) => {
    const year = Number(isoDate(lines[0].day).slice(0, 4));
    let id: string;
    do id = `${r.chance(0.8) ? "CA" : "US"}-${year}-${100000 + r.int(0, 899999)}`;
    while (seen.has(id));
    seen.add(id);
    for (const l of lines) {
      l.order = i;
      rows.push(
        csvLine([
          String(++rowId), id, usDate(l.day), usDate(l.ship), l.mode, l.c.id, l.c.name, l.c.segment, "United States", l.place[0], l.place[1], l.place[2],
          l.region, l.p.id, l.p.category, l.p.sub, l.p.name, decimal4(l.sales), String(l.quantity), String(l.discount), decimal4(l.profit),
        ]),
      );
    }
  });
  const text = [csvLine(US_HEADER), ...rows].join("\n") + "\n";

  // The truth, in exact integers of 1/10,000 USD.
  const all = orders.flat();
  const sum = (ls: Line[], f: (l: Line) => bigint) => ls.reduce((a, l) => a + f(l), 0n);
  const revenue = new Map<string, bigint>();
  for (const l of all) revenue.set(l.c.id, (revenue.get(l.c.id) ?? 0n) + l.sales);
  const sorted = [...revenue.values()].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  const total = sum(all, (l) => l.sales);
  const top = sorted.slice(0, Math.ceil(sorted.length * 0.2)).reduce((a, b) => a + b, 0n);
  const regionsOf = new Map<string, Set<string>>();
  for (const l of all) regionsOf.set(l.c.id, (regionsOf.get(l.c.id) ?? new Set()).add(l.region));
  const truth = {
    shape: "us",
    seed,
    file: US_FILE,
    currency: "USD",
    lines: all.length,
    orders: orders.length,
    customers: revenue.size,
    first_date: isoDate(Math.min(...all.map((l) => l.day))),
    last_date: isoDate(Math.max(...all.map((l) => l.day))),
    sales: decimal4(total),
    profit: decimal4(sum(all, (l) => l.profit)),
    cost: decimal4(sum(all, (l) => l.sales - l.profit)),
    lines_with_discount: all.filter((l) => l.discount > 0).length,
    loss_lines: all.filter((l) => l.profit < 0n).length,
    top20_share: Number((top * 1_000_000n) / total) / 1_000_000,
    customers_with_several_regions: [...regionsOf.values()].filter((s) => s.size > 1).length,
  };
  return writeShape(opts.dir, { [US_FILE]: text }, { config: usConfig(), truth });
}
