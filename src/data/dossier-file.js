// Per-customer page data for the dossiers (used by accounts.tar.js): one query per section over
// EVERY dossier customer at once (a handful of queries in one DuckDB session, not one process or
// query per page), split by customer into columnar blocks {mart, units, columns} — the same shape
// as data/marts/<file>.json, so a dossier page reads each section with martRows() and its tables
// and CSVs format by the units of the output contract. Numbers are rounded by unit (mart-file.js).
import { contractOf } from "../../loaders/models/contract.js";
import { roundColumn } from "./mart-file.js";

/**
 * `run(sql, "columns")` for one section -> Map(customer_id -> {mart, units, columns}).
 * The query must return `customer_id`; it is the key and is left out of the blocks (except in
 * `keep_id` sections). Rows keep the query's order within a customer.
 */
export async function sectionsByCustomer(run, { section, mart, sql, keepId = false }, contract = contractOf) {
  const declared = new Map(contract(mart).columns.map((c) => [c.name, c]));
  let columns;
  try {
    columns = await run(sql, "columns");
  } catch (e) {
    throw new Error(`dossier section ${section} (marts.${mart}): ${e.message}\n${sql}`);
  }
  const ids = columns.customer_id;
  // no row (e.g. no rising star in a one-year history): no customer has this section
  if (!ids && Object.keys(columns).length === 0) return new Map();
  if (!ids) throw new Error(`dossier section ${section} (marts.${mart}): the query must return customer_id`);
  const names = Object.keys(columns).filter((k) => keepId || k !== "customer_id");
  const units = {};
  const round = {};
  for (const name of names) {
    const c = declared.get(name);
    if (!c) throw new Error(`dossier section ${section}: column ${name} is not declared in loaders/models/marts/${mart}.yml`);
    units[name] = c.unit;
    round[name] = roundColumn(c);
  }
  const out = new Map();
  for (let i = 0; i < ids.length; i++) {
    let block = out.get(ids[i]);
    if (!block) out.set(ids[i], (block = { mart, units, columns: Object.fromEntries(names.map((n) => [n, []])) }));
    for (const n of names) block.columns[n].push(round[n](columns[n][i]));
  }
  return out;
}

/** An empty block of a section (the customer has no row there): the page says "not available". */
export const emptyBlock = (mart, units) => ({ mart, units, columns: Object.fromEntries(Object.keys(units).map((k) => [k, []])) });

/**
 * Every dossier: [slug, {customer_id, sections: {name: block}}] in the order of `customers`
 * (rows of marts.dossier_customers with customer_id and slug).
 */
export async function dossiers(run, customers, sections, contract = contractOf) {
  const bySection = [];
  for (const s of sections) bySection.push([s, await sectionsByCustomer(run, s, contract)]);
  return customers.map(({ customer_id, slug }) => {
    const out = {};
    for (const [s, blocks] of bySection) {
      const any = blocks.values().next().value;
      out[s.section] = blocks.get(customer_id) ?? (any ? emptyBlock(s.mart, any.units) : { mart: s.mart, units: {}, columns: {} });
    }
    return [slug, { customer_id, sections: out }];
  });
}
