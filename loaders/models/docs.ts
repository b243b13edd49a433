// The "Marts" part of loaders/models/README.md, generated from the declarations
// (loaders/models/marts/*.yml). Regenerate with `npx tsx loaders/models/docs.ts --write`
// (test/site/contract.test.ts checks the committed README is current).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { intermediateDir, loadContracts, units, type Declaration, type Test } from "./contract.js";

export const readmeFile = path.join(path.dirname(fileURLToPath(import.meta.url)), "README.md");
export const begin = "<!-- marts: generated from marts/*.yml by docs.ts; edit the .yml files, not this section -->";
export const end = "<!-- end of marts -->";

const cell = (s: string) => s.replace(/\s*\n\s*/g, " ").replaceAll("|", "\\|");

function testText(t: Test): string {
  if ("not_null" in t) return `not null: ${t.not_null.join(", ")}${t.where ? ` where ${t.where}` : ""}`;
  if ("unique" in t) return `unique: ${t.unique.join(", ")}`;
  if ("between_0_1" in t) return `in [0, 1]: ${t.between_0_1.join(", ")}`;
  if ("sums_to_one" in t) return `${t.sums_to_one} sums to 1${t.per.length ? ` per ${t.per.join(", ")}` : ""}`;
  if ("monotone" in t) return `${t.monotone} non-decreasing along ${t.order}${t.ends_at_one ? ", ending at 1" : ""}`;
  return t.name;
}

export function martSection(d: Declaration, schema: "marts" | "intermediate" = "marts"): string {
  const out = [`### ${d.name} — ${d.grain.length ? d.grain.map((g) => `**${g}**`).join(", ") : "one row"}`, "", d.description.trim(), ""];
  out.push("| column | type | unit | description |", "|---|---|---|---|");
  for (const c of d.columns) {
    const extra = [c.values ? `One of ${c.values.map((v) => `\`${v}\``).join(", ")}.` : "", c.nullable ? `NULL when ${c.nullable}.` : ""];
    const name = d.grain.includes(c.name) ? `**${c.name}**` : c.name;
    out.push(`| ${name} | ${c.type} | ${c.unit} | ${cell([c.description, ...extra].filter(Boolean).join(" "))} |`);
  }
  const tests = [...(d.grain.length ? [`unique: ${d.grain.join(", ")}`] : []), ...d.tests.map(testText)];
  out.push("", `Tests: ${tests.length ? tests.map(cell).join("; ") : "none"}.`);
  if (schema === "intermediate") out.push("Read by: other models and tests (an intermediate model: no page reads it).", "");
  else out.push(`Read by: ${d.pages.length ? d.pages.map((p) => `\`${p}\``).join(", ") : "no page yet"}.`, "");
  return out.join("\n");
}

export function martsMarkdown(contracts = loadContracts(), intermediates = loadContracts(intermediateDir)): string {
  const unitList = Object.entries(units).map(([u, text]) => `\`${u}\` ${text}`).join("; ");
  return [
    begin,
    "",
    "Each mart's declaration, `marts/<mart>.yml`, is its output contract (format: `contract.js`): grain",
    "(key columns in **bold**), columns with type and unit, data tests (run after every build) and the",
    `pages that read it. Units: ${unitList}.`,
    "",
    ...[...contracts.values()].map((d) => martSection(d)),
    "## Declared intermediate models (schema `intermediate`)",
    "",
    "Intermediate models that marts and tests build on declare their columns and data tests the same way,",
    "in `intermediate/<model>.yml` (their tests run with the marts'; no page reads them).",
    "",
    ...[...intermediates.values()].map((d) => martSection(d, "intermediate")),
    end,
  ].join("\n");
}

/** The README with its marts part replaced by the generated one. */
export function readmeWithMarts(readme: string, contracts = loadContracts(), intermediates = loadContracts(intermediateDir)): string {
  const a = readme.indexOf(begin);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error(`${readmeFile}: the markers of the generated marts section are missing`);
  return readme.slice(0, a) + martsMarkdown(contracts, intermediates) + readme.slice(b + end.length);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const next = readmeWithMarts(fs.readFileSync(readmeFile, "utf8"));
  if (process.argv.includes("--write")) fs.writeFileSync(readmeFile, next);
  else process.stdout.write(next);
}
