// Formats by unit (the units of the output contract, loaders/models/contract.js): one table
// format, one CSV format and one axis format per unit, so a column looks the same on every
// page and in every download. Pure: the formatter set `fmt` (format.js) is passed in.

/** The unit a `measure` column has on a row of that measure. */
export const measureUnit = (measure) => (measure === "volume" ? "quantity" : "money");

/** Text for a table cell or a card. `measure` resolves the `measure` unit. */
export function formatValue(unit, fmt, { measure, digits } = {}) {
  switch (unit === "measure" ? measureUnit(measure) : unit) {
    case "money": return (v) => fmt.money(v);
    case "quantity": return (v) => fmt.compact(v);
    case "count": return (v) => fmt.integer(v);
    case "share": return (v) => fmt.percent(v, digits ?? 1);
    case "change": return (v) => fmt.change(v, digits ?? 1);
    case "ratio": return (v) => fmt.number(v, digits ?? 2);
    case "number": return (v) => fmt.number(v, digits ?? 3);
    case "days": return (v) => fmt.integer(v);
    case "score": return (v) => fmt.number(v, digits ?? 0);
    case "date": return (v) => fmt.date(v);
    case "flag": return (v) => (v == null ? fmt.missing : v ? "✓" : "–");
    default: return (v) => (v == null || v === "" ? fmt.missing : String(v));
  }
}

const trim = (s) => (s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s);

/** The CSV text of a value: raw, machine-readable, one format per column, no float noise. */
export function csvValue(unit, v, { measure } = {}) {
  if (v == null || (typeof v === "number" && !Number.isFinite(v))) return null;
  if (typeof v !== "number") return v;
  switch (unit === "measure" ? measureUnit(measure) : unit) {
    case "money": return v.toFixed(2);
    case "quantity": return trim(v.toFixed(3));
    case "count":
    case "days": return String(Math.round(v));
    default: return String(Number(v.toPrecision(6)));
  }
}

/** A tick format for a chart axis of that unit. */
export function axisTicks(unit, fmt, { measure } = {}) {
  switch (unit === "measure" ? measureUnit(measure) : unit) {
    case "money": return (v) => fmt.money(v);
    case "quantity": return (v) => fmt.compact(v);
    case "share": return (v) => fmt.percent(v, 0);
    case "change": return (v) => fmt.change(v, 0);
    default: return (v) => fmt.number(v, 2);
  }
}
