// A small report table (a dossier's periods, a list of a few dozen rows) that never cuts off a
// column: a plain <table> at laptop width and in print, and on a phone each row becomes a card
// of "header: value" lines (CSS in style.css, .kam-stack). Formats and the CSV come from the
// units of the output contract, as in reportTable (table.js); the CSV holds exactly the rows
// shown. Cells are DOM nodes or text (textContent): text from exports is never parsed as HTML.
import { csvButton } from "./csv.js";
import { csvValue, formatValue } from "./units.js";

/**
 * @param rows objects
 * @param options {title, filename, t, fmt, columns: [[key, header], …], units, measure,
 *   labels: {key: (v, i, rows) => text | Node} (shown; the CSV gets the text unless csv says),
 *   csv: {key: (v, i, rows) => text}, digits: {key: n}, caption,
 *   compact: few narrow columns: stays a table on a phone, in a smaller type,
 *   csvColumns: the CSV's columns when they are more than those shown (default: columns)}
 */
export function stackTable(rows, { title, columns, filename, t, fmt, units = {}, measure, labels = {}, csv = {}, digits = {}, caption, compact = false, csvColumns = columns } = {}) {
  const block = document.createElement("div");
  block.className = "kam-table-block";
  const head = document.createElement("div");
  head.className = "kam-table-head";
  const h = document.createElement("h3");
  h.textContent = title;
  const text = (v) => (v instanceof Node ? v.textContent : v);
  const csvCell = (key, r, i) =>
    csv[key] ? csv[key](r[key], i, rows) : labels[key] ? text(labels[key](r[key], i, rows)) : csvValue(units[key], r[key], { measure });
  const csvRows = rows.map((r, i) => Object.fromEntries(csvColumns.map(([key]) => [key, csvCell(key, r, i)])));
  head.append(h, csvButton(csvRows, { filename, columns: csvColumns, label: t("csv.download") }));

  // a numeric column is right-aligned, labelled or not (a labelled score still reads as a number)
  const alignRight = (key) => isNumeric(units[key]);
  const table = document.createElement("table");
  table.className = compact ? "kam-stack kam-compact" : "kam-stack";
  const thead = table.createTHead().insertRow();
  for (const [key, header] of columns) {
    const th = document.createElement("th");
    th.textContent = header;
    if (alignRight(key)) th.className = "kam-num";
    thead.append(th);
  }
  const body = table.createTBody();
  const format = Object.fromEntries(columns.map(([key]) => [key, labels[key] ?? formatValue(units[key], fmt, { measure, digits: digits[key] })]));
  rows.forEach((r, i) => {
    const tr = body.insertRow();
    for (const [key, header] of columns) {
      const td = tr.insertCell();
      td.dataset.label = header;
      if (alignRight(key)) td.className = "kam-num";
      const v = format[key](r[key], i, rows);
      if (v instanceof Node) td.append(v);
      else td.textContent = v ?? "";
    }
  });
  block.append(head, table);
  if (caption) {
    const p = document.createElement("p");
    p.className = "muted kam-note";
    p.textContent = caption;
    block.append(p);
  }
  return block;
}

const numericUnits = new Set(["money", "quantity", "measure", "count", "share", "change", "ratio", "number", "days", "score", "mixed"]);
const isNumeric = (unit) => numericUnits.has(unit);

/**
 * A few facts as a definition list ("label: value" pairs), for a single row of a mart (a
 * customer's RFM or lifetime value): [[label, text]].
 */
export function factList(pairs, { className = "kam-facts" } = {}) {
  const dl = document.createElement("dl");
  dl.className = className;
  for (const [label, value] of pairs) {
    const dt = document.createElement("dt");
    dt.textContent = label;
    const dd = document.createElement("dd");
    if (value instanceof Node) dd.append(value);
    else dd.textContent = value ?? "–";
    dl.append(dt, dd);
  }
  return dl;
}
