// Markdown reference of the canonical tables, generated from the schemas.
// Regenerate with `npx tsx loaders/schema/docs.ts > loaders/schema/tables.md` (a test checks it is current).
import { columnsOf, inputColumnsOf, tableNames, tables } from "./index.ts";

const cell = (s: string) => s.replaceAll("|", "\\|");

export function schemaMarkdown(): string {
  const out = [
    "# Warehouse tables",
    "",
    "Generated from `loaders/schema/` by `loaders/schema/docs.ts`; do not edit by hand.",
    "Header aliases are matched ignoring case, spaces, `_`, `-` and full-width forms; a per-source `mapping` in the config adds others.",
    "",
    "Money, quantities and hours are `DECIMAL(18,4)`: exact to 1/10,000, at most 14 digits before the point; `SUM` of them is",
    "`DECIMAL(38,4)`, exact and the same whatever the order of the rows. A fifth decimal in an export is rounded half away",
    "from zero; a larger number, NaN or infinity is a reject. Divide sums to get ratios (`DOUBLE`); multiply two such columns",
    "after a cast to `DECIMAL(38,8)` (DuckDB keeps `DECIMAL(18,4) * DECIMAL(18,4)` at width 18, which overflows at 10^10).",
    "In TypeScript, `getRowObjectsJS()` gives them as numbers, `getRowObjects()` as `DuckDBDecimalValue`, `getRowObjectsJson()` as exact strings.",
    "",
  ];
  for (const t of tableNames) {
    out.push(`## ${t}`, "", tables[t].description, "", "| column | type | required | private | header aliases | description |", "|---|---|---|---|---|---|");
    for (const c of columnsOf(t)) {
      const name = c.key ? `**${c.name}** (key)` : c.name;
      out.push(
        `| ${name} | ${c.duckdb} | ${c.required ? "yes" : ""} | ${c.private ? "yes" : ""} | ${cell(c.aliases.join(", "))} | ${cell(c.description)} |`,
      );
    }
    const inputs = inputColumnsOf(t);
    if (inputs.length) {
      out.push("", "Read from an export but not stored (they derive the columns above):", "", "| input | header aliases | description |", "|---|---|---|");
      for (const c of inputs) out.push(`| ${c.name} | ${cell(c.aliases.join(", "))} | ${cell(c.description)} |`);
    }
    out.push("");
  }
  return out.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(schemaMarkdown());
