// CSV for any table on the page: a pure serializer (tested) and a download button.
// Values are written as text; a cell starting with = + - @ is prefixed with ' so a
// spreadsheet does not run a customer name as a formula.

const needsQuote = /[",\r\n]/;
const formulaStart = /^[=+\-@\t\r]/;

function cell(value) {
  if (value == null) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let s = String(value);
  if (formulaStart.test(s)) s = `'${s}`;
  return needsQuote.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Rows (objects) to CSV text. `columns` is a list of keys or [key, header] pairs;
 * by default every key of the first row. Lines end with CRLF (RFC 4180).
 */
export function toCsv(rows, columns) {
  const cols = (columns ?? Object.keys(rows[0] ?? {})).map((c) => (Array.isArray(c) ? c : [c, c]));
  const lines = [cols.map(([, header]) => cell(header)).join(",")];
  for (const row of rows) lines.push(cols.map(([key]) => cell(row[key])).join(","));
  return lines.join("\r\n") + "\r\n";
}

/**
 * A button that downloads `rows` as `filename` (UTF-8 with BOM so Excel opens Chinese text).
 * Built with DOM calls only: labels and data never pass through innerHTML.
 */
export function csvButton(rows, { filename = "table.csv", columns, label = "CSV" } = {}) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "kam-csv";
  button.textContent = `⤓ ${label}`;
  button.addEventListener("click", () => {
    const blob = new Blob(["\ufeff", toCsv(rows, columns)], { type: "text/csv;charset=utf-8" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = filename;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });
  return button;
}
