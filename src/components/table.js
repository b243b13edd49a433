// A report table: a title, the rows and a CSV download of every row. Column formats come from
// the units of the output contract (units.js), declared once per mart column, not per table:
// the table prints them in the locale's style, the CSV writes them raw (money to the cent, no
// float noise). A table never cuts off a column: up to `stackRows` rows it is a plain table
// (every row shown, text wrapping; on a phone each row becomes a card of "header: value" lines;
// printed whole: stack-table.js); a longer list is Inputs.table (sortable, scrolling), whose
// text columns wrap. Text from exports is never parsed as HTML.
import * as Inputs from "npm:@observablehq/inputs";
import { csvButton } from "./csv.js";
import { stackTable } from "./stack-table.js";
import { csvValue, formatValue } from "./units.js";

/** Up to this many rows a table is drawn whole (stackTable); longer lists scroll. */
export const stackRows = 60;

/**
 * @param rows objects
 * @param options {
 *   title, filename, t, fmt,
 *   columns: [[key, header], …],
 *   units: {key: unit} (from the mart file: data.units; a key without a unit is text),
 *   measure: the measure a `measure` column is in (money or quantity),
 *   labels: {key: (v, i, rows) => text | Node} for codes shown translated or names shown as
 *     links (the CSV gets the same text),
 *   csv: {key: (v, i, rows) => text} a CSV cell other than the unit's raw value,
 *   digits: {key: n} decimals for shares and numbers,
 *   sort, reverse: the order of the rows (a column key),
 *   caption: a note under the table,
 *   …further options for Inputs.table (rows …) when the list is long
 * }
 */
export function reportTable(rows, { title, columns, filename, t, fmt, units = {}, measure, labels = {}, csv = {}, digits = {}, sort, reverse = false, caption, ...options }) {
  if (sort) {
    const order = (a, b) => (a[sort] == null) - (b[sort] == null) || (a[sort] < b[sort] ? -1 : a[sort] > b[sort] ? 1 : 0);
    rows = [...rows].sort((a, b) => (reverse ? -order(a, b) : order(a, b)));
  }
  if (rows.length <= stackRows) return stackTable(rows, { title, columns, filename, t, fmt, units, measure, labels, csv, digits, caption });
  const text = (v) => (v instanceof Node ? v.textContent : v);
  const format = Object.fromEntries(
    columns.map(([key]) => [key, labels[key] ?? formatValue(units[key], fmt, { measure, digits: digits[key] })]),
  );
  const table = Inputs.table(rows, {
    columns: columns.map(([key]) => key),
    header: Object.fromEntries(columns),
    format,
    select: false,
    layout: "auto",
    ...options,
  });
  const csvCell = (key, r, i) =>
    csv[key] ? csv[key](r[key], i, rows) : labels[key] ? text(labels[key](r[key], i, rows)) : csvValue(units[key], r[key], { measure });
  const csvRows = rows.map((r, i) => Object.fromEntries(columns.map(([key]) => [key, csvCell(key, r, i)])));
  const block = document.createElement("div");
  block.className = "kam-table-block";
  const head = document.createElement("div");
  head.className = "kam-table-head";
  const h = document.createElement("h3");
  h.textContent = title;
  head.append(h, csvButton(csvRows, { filename, columns, label: t("csv.download") }));
  block.append(head, table);
  if (caption) {
    const p = document.createElement("p");
    p.className = "muted kam-note";
    p.textContent = caption;
    block.append(p);
  }
  return block;
}
