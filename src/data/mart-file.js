// One page data file from one mart query (used by marts.tar.js): columnar JSON with each
// column's unit from the output contract, numbers rounded by unit. A column the mart's
// declaration does not have fails the build, naming the file to fix.
import { contractOf } from "../../loaders/models/contract.js";

const significant = (digits) => (v) => (v == null ? v : Number(v.toPrecision(digits)));
const decimals = (digits) => (v) => {
  if (v == null) return v;
  const f = 10 ** digits;
  const r = (Math.sign(v) * Math.round(Math.abs(v) * f)) / f;
  return r === 0 ? 0 : r; // no -0
};
/** How a value of each unit reaches the pages: money to the cent, ratios without float noise. */
export const rounding = {
  money: decimals(2),
  measure: decimals(2), // money or a quantity: cents, and a quantity to 1/100 is plenty for a page
  quantity: decimals(3),
  share: significant(6),
  change: significant(6),
  ratio: significant(6),
  number: significant(6),
  days: decimals(1),
  mixed: significant(6),
};

/** The rounding of one declared column (lists: each element; curves need 4 digits at most). */
export function roundColumn({ unit, type }) {
  const one = rounding[unit];
  if (!one) return (v) => v;
  if (type === "list") {
    const each = unit === "share" ? significant(4) : one;
    return (v) => (v == null ? v : v.map(each));
  }
  return one;
}

/**
 * `run(sql, "columns")` -> {mart, units, columns} for data/marts/<file>.json.
 * The mart is the file name up to its first dot (concentration_slices.revenue -> concentration_slices).
 */
export async function martFileJson(run, { file, sql }, contract = contractOf) {
  const mart = file.split(".")[0];
  const declared = new Map(contract(mart).columns.map((c) => [c.name, c]));
  let columns;
  try {
    columns = await run(sql, "columns");
  } catch (e) {
    throw new Error(`data/marts/${file}.json: ${e.message}\n${sql}`);
  }
  const units = {};
  for (const [name, values] of Object.entries(columns)) {
    const c = declared.get(name);
    if (!c) throw new Error(`data/marts/${file}.json: column ${name} is not declared in loaders/models/marts/${mart}.yml`);
    units[name] = c.unit;
    columns[name] = values.map(roundColumn(c));
  }
  return { mart, units, columns };
}
