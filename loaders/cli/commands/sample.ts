// `kam sample [--out DIR] [--seed N] [--lines N] [--force]`: writes the bundled sample
// company's exports (and ground_truth.json). Without --force an up-to-date folder (same
// generator version, seed and size) is left as it is.
import { parseArgs } from "node:util";
import type { Command } from "../kam.ts";
import { sampleDir } from "../../paths.ts";

const usage = `usage: kam sample [--out DIR] [--seed N] [--lines N] [--by-month] [--force]

Writes the sample company's exports into DIR (default: the sample folder, env KAM_SAMPLE_DIR):
order_lines.csv (GBK), customers.xlsx, payments.csv, visits.csv, quality_claims.csv and
ground_truth.json. The same seed always gives byte-identical files.
  --seed N    generator seed (default 20210101)
  --lines N   about N order lines (default 300000 = 1,500 customers; customers scale with N)
  --by-month  the order lines as one export per month (order_lines-2021-01.csv …), each with
              its own 合计 row, as monthly ERP exports come (the same lines as without it)
  --force     regenerate even when the folder is up to date`;

const command: Command = {
  summary: "generate the sample company's exports (deterministic; --lines for benchmark sizes)",
  async run(argv) {
    let values;
    try {
      ({ values } = parseArgs({
        args: argv,
        options: {
          out: { type: "string" },
          seed: { type: "string" },
          lines: { type: "string" },
          force: { type: "boolean", default: false },
          "by-month": { type: "boolean", default: false },
          help: { type: "boolean", default: false },
        },
      }));
    } catch (e) {
      console.error(`kam sample: ${(e as Error).message}\n\n${usage}`);
      return 2;
    }
    if (values.help) {
      console.log(usage);
      return 0;
    }
    const { DEFAULT_SEED, ensureSample } = await import("../../sample/index.ts");
    const { DEFAULT_LINES } = await import("../../sample/plan.ts");
    const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
    const lines = values.lines === undefined ? DEFAULT_LINES : Number(values.lines.replace(/_/g, ""));
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      console.error(`kam sample: --seed must be an integer 0..4294967295, got '${values.seed}'`);
      return 2;
    }
    if (!Number.isInteger(lines) || lines < 10_000) {
      console.error(`kam sample: --lines must be an integer >= 10000, got '${values.lines}'`);
      return 2;
    }
    const dir = values.out ?? sampleDir();
    const byMonth = values["by-month"];
    const made = await ensureSample(undefined, { dir, seed, lines, force: values.force, byMonth });
    if (!made) console.log(`[sample] ${dir} is up to date (seed ${seed}, ${lines} lines${byMonth ? ", by month" : ""}); --force regenerates`);
    return 0;
  },
};
export default command;
