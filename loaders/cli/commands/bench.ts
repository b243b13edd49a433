// `kam bench` (= `npm run bench`): speed measured as ratios against a baseline taken in the
// same run on the same machine, never as absolute seconds in a test. Each area adds a module.
import fs from "node:fs";
import { parseArgs } from "node:util";
import type { Command } from "../kam.ts";

const suites = {
  ingest: () => import("../../bench/ingest.ts"),
  marts: () => import("../../bench/marts.ts"),
  clv: () => import("../../bench/clv.ts"),
  e2e: () => import("../../bench/e2e.ts"),
} as const;

const usage = `usage: kam bench [${Object.keys(suites).join("|")} ...] [--lines N]   (default: all suites, 10,000,000 lines)
       kam bench e2e [--lines N] [--json FILE] [--compare OLD.json] [--skip-incremental] [--skip-site]
       kam bench compare OLD.json NEW.json
  e2e         raw exports -> built site with a real kam build: stages, peak RSS, page data, floor
  --json      where e2e writes its figures (default data/bench/e2e-<lines>-<time>.json)
  --compare   print this run beside an earlier e2e result file
  --skip-incremental   leave out the monthly incremental rebuild (three more builds)
  --skip-site          kam build --skip-site: ingest + models + CLV + data tests only (the 100M target)`;

const command: Command = {
  summary: "benchmarks: ingest, marts and the whole build (e2e) vs bare DuckDB read_csv, CLV fit time",
  async run(argv) {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          lines: { type: "string" },
          json: { type: "string" },
          compare: { type: "string" },
          "skip-incremental": { type: "boolean" },
          "skip-site": { type: "boolean" },
          help: { type: "boolean" },
        },
      });
    } catch (e) {
      console.error(`kam bench: ${(e as Error).message}\n${usage}`);
      return 2;
    }
    if (parsed.values.help) return console.log(usage), 0;
    const only = parsed.positionals;
    if (only[0] === "compare") {
      const files = only.slice(1);
      const missing = files.filter((f) => !fs.existsSync(f));
      if (files.length !== 2 || missing.length) {
        console.error(`kam bench compare: ${missing.length ? `no such file ${missing.join(", ")}` : "give two e2e result files"}\n${usage}`);
        return 2;
      }
      const { compareResults } = await import("../../bench/e2e-report.ts");
      const [a, b] = files.map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
      console.log(compareResults(a, b));
      return 0;
    }
    const unknown = only.filter((n) => !(n in suites));
    const lines = Number((parsed.values.lines ?? "10000000").replace(/_/g, ""));
    if (unknown.length || !Number.isInteger(lines) || lines < 1) {
      console.error(`kam bench: ${unknown.length ? `unknown suite ${unknown.join(", ")}` : `--lines must be a whole number ≥ 1, got ${parsed.values.lines}`}\n${usage}`);
      return 2;
    }
    if (parsed.values.compare && !fs.existsSync(parsed.values.compare)) {
      console.error(`kam bench: --compare: no such file ${parsed.values.compare}`);
      return 2;
    }
    const opts = { lines, json: parsed.values.json, compare: parsed.values.compare, skipIncremental: parsed.values["skip-incremental"] ?? false, skipSite: parsed.values["skip-site"] ?? false };
    for (const [name, load] of Object.entries(suites)) {
      if (only.length && !only.includes(name)) continue;
      console.log(`\n== bench ${name} ==`);
      await (await load()).bench(opts);
    }
    return 0;
  },
};
export default command;
