// Fixture exports of real shapes (not the sample company): `generateShape("retail" | "us", { dir })`
// writes the export, the kam.config.json an analyst would write for it and truth.json (exact
// counts and sums for tests). `kam sample --shape retail|us --out DIR` runs it.
import { generateRetail } from "./retail.ts";
import { generateUs } from "./us.ts";
import type { ShapeOptions, ShapeResult } from "./common.ts";

export type { ShapeOptions, ShapeResult } from "./common.ts";

export const shapes = {
  /** (a) an online retailer: quantity x price, credit notes C..., fee codes, ids 17850.0, GBP, one year from mid-December. */
  retail: generateRetail,
  /** (b) a US consumer business: m/d/yyyy, Sales and Profit, Discount as a rate, ship-to regions, four years. */
  us: generateUs,
} as const;
export type ShapeName = keyof typeof shapes;
export const shapeNames = Object.keys(shapes) as ShapeName[];

export function generateShape(shape: ShapeName, opts: ShapeOptions): ShapeResult {
  return shapes[shape](opts);
}
