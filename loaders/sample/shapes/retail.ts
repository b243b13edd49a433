// Shape (a), an online retailer's invoice lines as its shop system exports them (the shape of the
// public "Online Retail" data set, invented here): one year starting mid-month, prices in GBP,
// quantity x unit price and no amount, no line numbers (and exact duplicate lines), credit notes
// whose invoice numbers start with C, postage / fee / manual lines under their own stock codes,
// customer ids written as numbers by a spreadsheet (17850.0, 1.785E+04), walk-in sales without a
// customer id, the country on each invoice, dates as dd/mm/yyyy HH:MM, no cost, no payments.
import { daysFromCivil, isoDate } from "../calendar.ts";
import { Random } from "../random.ts";
import { csvLine, decimal4, ukDateTime, writeShape, type ShapeOptions, type ShapeResult } from "./common.ts";

export const RETAIL_FILE = "online_retail.csv";
export const RETAIL_HEADER = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"];
/** Stock codes that sell no product (postage, dotcom postage, manual, bank charges, Amazon fee, bad debt). */
export const RETAIL_NON_PRODUCT = ["POST", "DOT", "M", "BANK CHARGES", "AMAZONFEE", "B"];
export const RETAIL_DEFAULTS = { seed: 20101213, customers: 240 };

/** The config an analyst writes for this export. */
export const retailConfig = (file = RETAIL_FILE) => ({
  ingest: {
    sample: false,
    sources: [
      {
        path: file,
        table: "order_lines",
        returns: { order_prefixes: ["C"] },
        non_product: { product_ids: RETAIL_NON_PRODUCT, action: "tag" },
      },
    ],
  },
  site: { currency: "GBP" },
});

const ADJECTIVES = ["WHITE", "RED", "PINK", "BLUE", "VINTAGE", "RETRO", "HEART", "JUMBO", "PAPER", "WOODEN", "GLASS", "ZINC", "REGENCY", "PANTRY", "SPOTTY", "FLORAL"];
const NOUNS = ["T-LIGHT HOLDER", "LANTERN", "CAKE TINS", "BUNTING", "MUG", "BAG", "CANDLE", "DOORMAT", "CLOCK", "NAPKINS", "TEACUP", "STORAGE JAR", "CHALKBOARD", "PURSE"];
/** Unit prices in 1/10,000 GBP (two have three decimals, as some real price lists do). */
const PRICES = [2900, 4200, 5500, 6500, 8500, 12500, 14500, 16500, 19500, 21000, 25500, 29500, 37500, 49500, 59500, 79500, 85000, 127500, 1650, 16550];
const QUANTITIES = [1, 2, 3, 4, 6, 6, 8, 10, 12, 12, 12, 24, 24, 36, 48];
const COUNTRIES = ["France", "Germany", "EIRE", "Spain", "Netherlands", "Belgium", "Switzerland", "Portugal", "Australia"];

interface Line {
  invoice: string;
  code: string;
  description: string;
  quantity: number;
  /** 1/10,000 GBP */
  price: number;
  day: number;
  minute: number;
  customer: string | null;
  country: string;
}

/** A customer id as a spreadsheet wrote it: mostly 17850.0, now and then 1.785E+04. */
function writtenId(id: number, r: Random): string {
  if (!r.chance(0.03)) return `${id}.0`;
  const d = String(id);
  return `${d[0]}.${d.slice(1).replace(/0+$/, "")}E+0${d.length - 1}`.replace(/\.E/, "E");
}

export function generateRetail(opts: ShapeOptions): ShapeResult {
  const seed = opts.seed ?? RETAIL_DEFAULTS.seed;
  const r = new Random(seed);
  const start = daysFromCivil(2010, 12, 13);
  const days = 365;
  const products = Array.from({ length: 180 }, (_, i) => {
    const code = String(20000 + ((i * 3571) % 70000)) + (r.chance(0.25) ? r.pick(["A", "B", "C", "L"]) : "");
    const noun = r.pick(NOUNS);
    // Some descriptions carry a comma (quoted in the CSV).
    const description = r.chance(0.15) ? `SET OF 3 ${noun}, ${r.pick(ADJECTIVES)} DESIGN` : `${r.pick(ADJECTIVES)} ${r.pick(ADJECTIVES)} ${noun}`;
    return { code, description, price: r.pick(PRICES) };
  });
  const customers = Array.from({ length: opts.customers ?? RETAIL_DEFAULTS.customers }, (_, i) => {
    const home = r.chance(0.85) ? "United Kingdom" : r.pick(COUNTRIES);
    return {
      id: 12346 + i * 23,
      country: home,
      // A few customers' invoices go to two countries (a ship-to attribute that varies).
      second: r.chance(0.04) ? r.pick(COUNTRIES.filter((c) => c !== home)) : null,
      invoices: 1 + r.poisson(r.lognormal(4, 0.8)),
      favourites: r.shuffled(products).slice(0, 12 + r.int(0, 30)),
    };
  });

  type Invoice = { kind: "sale" | "credit" | "fee" | "debt"; day: number; minute: number; lines: Omit<Line, "invoice" | "day" | "minute">[] };
  const invoices: Invoice[] = [];
  const when = () => ({ day: start + r.int(0, days - 1), minute: 8 * 60 + r.int(0, 11 * 60 + 59) });
  for (const c of customers) {
    for (let k = 0; k < c.invoices; k++) {
      const country = c.second && r.chance(0.4) ? c.second : c.country;
      const at = when();
      const lines: Invoice["lines"] = [];
      const n = 1 + Math.min(39, r.poisson(8));
      for (let j = 0; j < n; j++) {
        const p = r.pick(c.favourites);
        const line = { code: p.code, description: p.description, quantity: r.pick(QUANTITIES), price: p.price, customer: String(c.id), country };
        lines.push(line);
        if (r.chance(0.02)) lines.push({ ...line }); // the same line twice, as shop systems export it
      }
      if (country !== "United Kingdom" && r.chance(0.7)) lines.push({ code: "POST", description: "POSTAGE", quantity: 1 + r.int(0, 2), price: r.pick([150000, 180000]), customer: String(c.id), country });
      if (r.chance(0.01)) lines.push({ code: "M", description: "Manual", quantity: 1, price: r.pick([8500, 125000, 2500000]), customer: String(c.id), country });
      invoices.push({ kind: "sale", ...at, lines });
      // A cancellation of part of it, a few days later at most.
      if (r.chance(0.05)) {
        const back = lines.filter((l) => l.code !== "POST").slice(0, 1 + r.int(0, 2));
        invoices.push({
          kind: "credit",
          day: Math.min(start + days - 1, at.day + r.int(0, 3)),
          minute: at.minute,
          lines: back.map((l) => ({ ...l, quantity: -Math.min(l.quantity, 1 + r.int(0, l.quantity - 1)) })),
        });
      }
    }
  }
  // Walk-in (anonymous) sales: no customer id, longer baskets, dotcom postage.
  const walkIns = Math.round(customers.length * 0.5);
  for (let k = 0; k < walkIns; k++) {
    const lines: Invoice["lines"] = [];
    const n = 1 + Math.min(59, r.poisson(14));
    for (let j = 0; j < n; j++) {
      const p = r.pick(products);
      lines.push({ code: p.code, description: p.description, quantity: r.pick(QUANTITIES.slice(0, 8)), price: p.price, customer: null, country: "United Kingdom" });
    }
    if (r.chance(0.5)) lines.push({ code: "DOT", description: "DOTCOM POSTAGE", quantity: 1, price: 100 * r.int(5000, 60000), customer: null, country: "United Kingdom" });
    invoices.push({ kind: "sale", ...when(), lines });
  }
  for (let k = 0; k < 3; k++)
    invoices.push({ kind: "fee", ...when(), lines: [{ code: "BANK CHARGES", description: "Bank Charges", quantity: 1, price: 150000, customer: String(r.pick(customers).id), country: "United Kingdom" }] });
  invoices.push({ kind: "credit", ...when(), lines: [{ code: "AMAZONFEE", description: "AMAZON FEE", quantity: -1, price: 100 * r.int(500000, 1300000), customer: null, country: "United Kingdom" }] });
  invoices.push({ kind: "debt", ...when(), lines: [{ code: "B", description: "Adjust bad debt", quantity: 1, price: -110620600, customer: null, country: "United Kingdom" }] });

  // Invoice numbers in time order; credit notes and adjustments carry their letter.
  invoices.sort((a, b) => a.day - b.day || a.minute - b.minute);
  const all: Line[] = [];
  invoices.forEach((inv, i) => {
    const no = String(536365 + i);
    const invoice = inv.kind === "credit" ? `C${no}` : inv.kind === "debt" ? `A${no}` : no;
    for (const l of inv.lines) all.push({ ...l, invoice, day: inv.day, minute: inv.minute });
  });

  const idRandom = new Random(seed ^ 0x5eed);
  const rows = all.map((l) => {
    const id = l.customer === null ? "" : writtenId(Number(l.customer), idRandom);
    return csvLine([l.invoice, l.code, l.description, String(l.quantity), ukDateTime(l.day, l.minute), decimal4(BigInt(l.price)), id, l.country]);
  });
  const text = [csvLine(RETAIL_HEADER), ...rows].join("\n") + "\n";

  // The truth, in exact integers (1/10,000 GBP x quantity).
  const amount = (l: Line) => BigInt(l.price) * BigInt(l.quantity);
  const type = (l: Line) =>
    RETAIL_NON_PRODUCT.includes(l.code.toUpperCase()) ? "non_product" : l.invoice.startsWith("C") || l.quantity < 0 || l.price < 0 ? "return" : "sale";
  const sum = (ls: Line[], f: (l: Line) => bigint = amount) => ls.reduce((a, l) => a + f(l), 0n);
  const abs = (l: Line) => (amount(l) < 0n ? -amount(l) : amount(l));
  const known = all.filter((l) => l.customer !== null);
  const byType = (ls: Line[]) => Object.fromEntries(["sale", "return", "non_product"].map((t) => [t, decimal4(sum(ls.filter((l) => type(l) === t)))]));
  const countries = new Map<string, Set<string>>();
  for (const l of known) countries.set(l.customer!, (countries.get(l.customer!) ?? new Set()).add(l.country));
  const truth = {
    shape: "retail",
    seed,
    file: RETAIL_FILE,
    currency: "GBP",
    lines: all.length,
    invoices: invoices.length,
    customers: new Set(known.map((l) => l.customer)).size,
    first_date: isoDate(Math.min(...all.map((l) => l.day))),
    last_date: isoDate(Math.max(...all.map((l) => l.day))),
    lines_without_customer: all.length - known.length,
    amount_without_customer_abs: decimal4(sum(all.filter((l) => l.customer === null), abs)),
    amount_abs: decimal4(sum(all, abs)),
    amount_with_customer: decimal4(sum(known)),
    amount_with_customer_by_type: byType(known),
    lines_with_customer_by_type: Object.fromEntries(["sale", "return", "non_product"].map((t) => [t, known.filter((l) => type(l) === t).length])),
    credit_note_lines: all.filter((l) => l.invoice.startsWith("C")).length,
    duplicate_lines: all.filter((l, i) => i > 0 && JSON.stringify(l) === JSON.stringify(all[i - 1])).length,
    customers_with_two_countries: [...countries.values()].filter((s) => s.size > 1).length,
  };
  return writeShape(opts.dir, { [RETAIL_FILE]: text }, { config: retailConfig(), truth });
}
