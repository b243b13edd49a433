// What the sample company sells: an industrial supplier of rolls, bearings and other
// wear parts to heavy industry. Prices in cents per unit; cost as a share of list price.
import type { Random } from "./random.ts";

export interface Product {
  /** position in the flat catalog (all categories in order), for compact storage */
  index: number;
  id: string;
  category: string;
  unit: "t" | "件" | "箱";
  /** list price, cents per unit */
  price: number;
  /** standard cost / list price */
  costRatio: number;
}

/** [category, unit, price range in yuan per unit, number of products] */
const CATEGORIES: [string, Product["unit"], number, number, number][] = [
  ["轧辊", "t", 9000, 26000, 10],
  ["铸钢件", "t", 7000, 15000, 8],
  ["轴承", "件", 300, 12000, 12],
  ["液压件", "件", 500, 8000, 8],
  ["密封件", "箱", 200, 1500, 6],
  ["焊材", "箱", 150, 900, 6],
  ["刀具", "件", 80, 2500, 8],
  ["耐磨衬板", "t", 11000, 19000, 6],
];

/** Which categories each industry (by index in INDUSTRIES) mostly buys. */
export const INDUSTRY_CATEGORIES: number[][] = [
  [0, 1, 2, 7], // 钢铁
  [0, 2, 4, 5], // 有色金属
  [2, 3, 6, 4], // 汽车零部件
  [2, 3, 6, 5], // 机械制造
  [7, 1, 2, 3], // 矿山
  [2, 3, 4, 5], // 电力
  [0, 2, 4, 6], // 造纸
  [7, 1, 2, 5], // 建材
];

export function buildCatalog(rng: Random): Product[][] {
  let n = 0;
  return CATEGORIES.map(([category, unit, lo, hi, count]) => {
    const products: Product[] = [];
    for (let i = 0; i < count; i++) {
      n++;
      products.push({
        index: n - 1,
        id: `P${String(n).padStart(5, "0")}`,
        category,
        unit,
        price: Math.round(rng.uniform(lo, hi)) * 100,
        costRatio: Math.round(rng.uniform(0.64, 0.8) * 1000) / 1000,
      });
    }
    return products;
  });
}
