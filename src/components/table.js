// A report table: a title, the rows (Inputs.table: sortable, scrollable, text never parsed as
// HTML) and a CSV download of every row. Column formats come from the units of the output
// contract (units.js), declared once per mart column, not per table: the table prints them
// in the locale's style, the CSV writes them raw (money to the cent, no float noise).
import * as Inputs from "npm:@observablehq/inputs";
import { csvButton } from "./csv.js";
import { csvValue, formatValue } from "./units.js";

/**
 * @param rows objects
 * @param options {
 *   title, filename, t, fmt,
 *   columns: [[key, header], …],
 *   units: {key: unit} (from the mart file: data.units; a key without a unit is text),
 *   measure: the measure a `measure` column is in (money or quantity),
 *   labels: {key: (v, i, rows) => text} for codes shown translated (the CSV gets the same text),
 *   csv: {key: (v, i, rows) => text} a CSV cell other than the unit's raw value,
 *   digits: {key: n} decimals for shares and numbers,
 *   …further options for Inputs.table (rows, sort, reverse …)
 * }
 */
export function reportTable(rows, { title, columns, filename, t, fmt, units = {}, measure, labels = {}, csv = {}, digits = {}, ...options }) {
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
    csv[key] ? csv[key](r[key], i, rows) : labels[key] ? labels[key](r[key], i, rows) : csvValue(units[key], r[key], { measure });
  const csvRows = rows.map((r, i) => Object.fromEntries(columns.map(([key]) => [key, csvCell(key, r, i)])));
  const block = document.createElement("div");
  block.className = "kam-table-block";
  const head = document.createElement("div");
  head.className = "kam-table-head";
  const h = document.createElement("h3");
  h.textContent = title;
  head.append(h, csvButton(csvRows, { filename, columns, label: t("csv.download") }));
  block.append(head, table);
  return block;
}
