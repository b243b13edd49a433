// `kam sample [--out DIR] [--seed N] [--lines N] [--force]`: writes the bundled sample
// company's exports (and ground_truth.json). Without --force an up-to-date folder (same
// generator version, seed and size) is left as it is.
import { parseArgs } from "node:util";
import type { Command } from "../kam.ts";
import { sampleDir } from "../../paths.ts";

const usage = `usage: kam sample [--out DIR] [--seed N] [--lines N] [--by-month] [--force]
       kam sample --shape retail|us --out DIR [--seed N]

Writes the sample company's exports into DIR (default: the sample folder, env KAM_SAMPLE_DIR):
order_lines.csv (GBK), customers.xlsx, payments.csv, visits.csv, quality_claims.csv and
ground_truth.json. The same seed always gives byte-identical files.
  --seed N    generator seed (default 20210101)
  --lines N   about N order lines (default 300000 = 1,500 customers; customers scale with N)
  --by-month  the order lines as one export per month (order_lines-2021-01.csv …), each with
              its own 合计 row, as monthly ERP exports come (the same lines as without it)
  --force     regenerate even when the folder is up to date
  --shape S   instead, a fixture export of another shape with its kam.config.json and truth.json
              (loaders/sample/shapes/): retail = an online shop's invoice lines (quantity x price,
              credit notes C..., fee codes, ids as 17850.0, GBP, one year from mid-month);
              us = a US consumer business (m/d/yyyy, Sales and Profit, Discount as a rate,
              ship-to regions, four years). Build from it with KAM_CONFIG=DIR/kam.config.json.`;

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
          shape: { type: "string" },
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
    if (values.shape !== undefined) {
      const { generateShape, shapeNames } = await import("../../sample/shapes/index.ts");
      const shape = values.shape as (typeof shapeNames)[number];
      if (!shapeNames.includes(shape) || !values.out) {
        console.error(`kam sample: --shape takes ${shapeNames.join(" or ")} and needs --out DIR\n\n${usage}`);
        return 2;
      }
      const seed = values.seed === undefined ? undefined : Number(values.seed);
      if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)) {
        console.error(`kam sample: --seed must be an integer 0..4294967295, got '${values.seed}'`);
        return 2;
      }
      const r = generateShape(shape, { dir: values.out, seed });
      console.log(`[sample] ${shape}: ${r.files.join(", ")}, kam.config.json and truth.json in ${values.out} (${String(r.truth.lines)} lines)`);
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
