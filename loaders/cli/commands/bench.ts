// `kam bench` (= `npm run bench`): speed measured as ratios against a baseline taken in the
// same run on the same machine, never as absolute seconds in a test. Each area adds a module.
import { parseArgs } from "node:util";
import type { Command } from "../kam.ts";

const suites = {
  ingest: () => import("../../bench/ingest.ts"),
  marts: () => import("../../bench/marts.ts"),
  clv: () => import("../../bench/clv.ts"),
} as const;

const command: Command = {
  summary: "benchmarks: ingest and marts vs bare DuckDB read_csv, CLV fit time",
  async run(argv) {
    const usage = `usage: kam bench [${Object.keys(suites).join("|")} ...] [--lines N]   (default: all suites, 10,000,000 lines)`;
    let parsed;
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, options: { lines: { type: "string" }, help: { type: "boolean" } } });
    } catch (e) {
      console.error(`kam bench: ${(e as Error).message}\n${usage}`);
      return 2;
    }
    if (parsed.values.help) return console.log(usage), 0;
    const only = parsed.positionals;
    const unknown = only.filter((n) => !(n in suites));
    const lines = Number(parsed.values.lines ?? 10_000_000);
    if (unknown.length || !Number.isInteger(lines) || lines < 1) {
      console.error(`kam bench: ${unknown.length ? `unknown suite ${unknown.join(", ")}` : `--lines must be a whole number ≥ 1, got ${parsed.values.lines}`}\n${usage}`);
      return 2;
    }
    for (const [name, load] of Object.entries(suites)) {
      if (only.length && !only.includes(name)) continue;
      console.log(`\n== bench ${name} ==`);
      await (await load()).bench({ lines });
    }
    return 0;
  },
};
export default command;
