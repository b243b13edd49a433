// A report table: a title, the rows (Inputs.table: sortable, scrollable, text never parsed as
// HTML) and a CSV download of every row with the raw values. One call per table on a page.
import * as Inputs from "npm:@observablehq/inputs";
import { csvButton } from "./csv.js";
import { t } from "./i18n.js";

/**
 * @param rows objects
 * @param options {title, columns: [[key, header], …], filename, format: {key: v => text}, …}
 *   further options go to Inputs.table (rows, sort, reverse, layout …)
 */
export function reportTable(rows, { title, columns, filename, ...options }) {
  const table = Inputs.table(rows, {
    columns: columns.map(([key]) => key),
    header: Object.fromEntries(columns),
    select: false,
    layout: "auto",
    ...options,
  });
  const block = document.createElement("div");
  block.className = "kam-table-block";
  const head = document.createElement("div");
  head.className = "kam-table-head";
  const h = document.createElement("h3");
  h.textContent = title;
  head.append(h, csvButton(rows, { filename, columns, label: t("csv.download") }));
  block.append(head, table);
  return block;
}
