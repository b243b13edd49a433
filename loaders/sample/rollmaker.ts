// The roll maker's 2009 review (domain.md, 唐山联强): 93 domestic customers; the 30 with
// annual contracts over 100 t signed 9,416 t of the year's 13,017 t (32% of customers,
// 72% of volume); the other 63 each took at most 100 t, 3,601 t together. This writes that
// year as an order-lines export in the canonical English headers, several orders a
// customer, into test/fixtures/rollmaker/order_lines.csv:
//   npx tsx loaders/sample/rollmaker.ts [OUT_FILE]
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { daysFromCivil, isoDate } from "./calendar.ts";
import { csvRow, formatCents, formatMilli } from "./format.ts";
import { companyName, REGIONS } from "./names.ts";
import { Random } from "./random.ts";

export const ROLLMAKER = { customers: 93, large: 30, largeTonnes: 9416, totalTonnes: 13017, threshold: 100 } as const;
const HEADER = ["order_id", "line_no", "order_date", "customer_id", "customer_name", "product_id", "product_category", "quantity", "unit", "unit_price", "amount"];
const PRODUCTS = [
  { id: "R-HSS-01", price: 16800 }, // high-speed steel work rolls, yuan per tonne
  { id: "R-ICDP-02", price: 13500 }, // indefinite chill double poured rolls
  { id: "R-ALLOY-03", price: 11200 }, // alloy cast iron rolls
  { id: "R-FSTEEL-04", price: 9800 }, // forged steel back-up rolls
];

/** Splits `total` into `n` positive integers in [lo, hi] proportional to random weights, summing exactly. */
export function splitInteger(rng: Random, total: number, n: number, lo: number, hi: number): number[] {
  if (n * lo > total || n * hi < total) throw new RangeError(`cannot split ${total} into ${n} parts in [${lo}, ${hi}]`);
  const weights = Array.from({ length: n }, () => rng.lognormal(1, 0.8));
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.min(hi, Math.max(lo, Math.round(lo + ((total - n * lo) * w) / sum))));
  // settle the rounding and clipping difference one unit at a time, round-robin
  let diff = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % n) {
    const step = diff > 0 ? 1 : -1;
    if (parts[i] + step >= lo && parts[i] + step <= hi) {
      parts[i] += step;
      diff -= step;
    }
  }
  return parts;
}

/** The 2009 order lines: [customer tonnage plan, rows as canonical fields]. */
export function rollmakerRows(seed = 2009): string[][] {
  const rng = new Random(seed);
  const large = splitInteger(rng, ROLLMAKER.largeTonnes, ROLLMAKER.large, ROLLMAKER.threshold + 1, 1200);
  const small = splitInteger(rng, ROLLMAKER.totalTonnes - ROLLMAKER.largeTonnes, ROLLMAKER.customers - ROLLMAKER.large, 8, ROLLMAKER.threshold);
  // customers numbered in an order unrelated to size, as in a real customer list
  const tonnes = rng.shuffled([...large, ...small]);
  const taken = new Set<string>();
  const first = daysFromCivil(2009, 1, 1);
  const orders: { day: number; customer: number; kg: number[]; product: number[] }[] = [];
  tonnes.forEach((t, c) => {
    const n = t > ROLLMAKER.threshold ? rng.int(4, 12) : rng.int(1, 4);
    const kgPerOrder = splitInteger(rng, t * 1000, n, 1, t * 1000);
    for (const kg of kgPerOrder) {
      const lines = kg >= 20_000 && rng.chance(0.4) ? 2 : 1;
      const kgs = lines === 2 ? splitInteger(rng, kg, 2, 1, kg) : [kg];
      orders.push({ day: first + rng.int(0, 364), customer: c, kg: kgs, product: kgs.map(() => rng.int(0, PRODUCTS.length - 1)) });
    }
  });
  orders.sort((a, b) => a.day - b.day || a.customer - b.customer);
  const names = tonnes.map(() => companyName(rng, rng.pick(REGIONS), 0, taken).name);
  const rows: string[][] = [];
  orders.forEach((o, k) => {
    o.kg.forEach((kg, j) => {
      const product = PRODUCTS[o.product[j]];
      rows.push([
        `LQ2009${String(k + 1).padStart(4, "0")}`,
        String(j + 1),
        isoDate(o.day),
        `D${String(o.customer + 1).padStart(4, "0")}`,
        names[o.customer],
        product.id,
        "轧辊",
        formatMilli(kg),
        "t",
        formatCents(product.price * 100),
        formatCents(Math.round((kg * product.price * 100) / 1000)),
      ]);
    });
  });
  return rows;
}

export const rollmakerCsv = (seed = 2009) => [HEADER, ...rollmakerRows(seed)].map(csvRow).join("");

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "../../test/fixtures/rollmaker/order_lines.csv");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, rollmakerCsv());
  console.log(`wrote ${out}`);
}
