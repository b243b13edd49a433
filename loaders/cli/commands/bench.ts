// `kam bench` (= `npm run bench`): speed measured as ratios against a baseline taken in the
// same run on the same machine, never as absolute seconds in a test. Each area adds a module.
import type { Command } from "../kam.ts";

const suites = {
  ingest: () => import("../../bench/ingest.ts"),
  marts: () => import("../../bench/marts.ts"),
  clv: () => import("../../bench/clv.ts"),
} as const;

const command: Command = {
  summary: "benchmarks: ingest and marts vs bare DuckDB read_csv, CLV fit time",
  async run(argv) {
    const only = argv.filter((a) => !a.startsWith("--"));
    const lines = Number(argv.find((a) => a.startsWith("--lines="))?.slice(8) ?? 10_000_000);
    for (const [name, load] of Object.entries(suites)) {
      if (only.length && !only.includes(name)) continue;
      console.log(`\n== bench ${name} ==`);
      await (await load()).bench({ lines });
    }
    return 0;
  },
};
export default command;
