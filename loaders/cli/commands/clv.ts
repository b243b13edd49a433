// `kam clv --summary FILE [--json]`: fit BG/NBD (and Gamma-Gamma when the file has
// monetary_value) on a customer summary CSV in the `lifetimes` convention and print the
// parameters, their standard errors and the log-likelihoods.
import type { Command } from "../kam.ts";
import { fitBgnbd, type BgnbdFit } from "../../clv/bgnbd.ts";
import { fitGammaGamma, type GammaGammaFit } from "../../clv/gammagamma.ts";
import { frequencySpendCorrelation, spendData } from "../../clv/gammagamma-data.ts";
import { groupRfm } from "../../clv/grouped.ts";
import { readSummaryCsv, SummaryFileError } from "../../clv/summary-csv.ts";

const usage = `usage: kam clv --summary FILE [--json]

Fits BG/NBD (purchases, P(alive)) and, when FILE has monetary_value, Gamma-Gamma (spend per
purchase) by maximum likelihood, and prints the parameters with standard errors and the
log-likelihoods. FILE: CSV with header customer_id,frequency,recency,T[,monetary_value]
(the lifetimes convention; ID,x,t_x,T,zbar is accepted too): frequency = repeat purchases,
recency = time from first to last purchase, T = time from first purchase to the end of the
window (any one time unit), monetary_value = mean value of the repeat purchases.
--json prints one object {bgnbd: {r, alpha, a, b, ll}, gammagamma: {p, q, gamma, ll} | null}.`;

const command: Command = {
  summary: "fit BG/NBD + Gamma-Gamma on a customer summary CSV (--summary FILE [--json])",
  async run(argv) {
    if (argv.includes("--help") || argv.includes("-h")) {
      console.log(usage);
      return 0;
    }
    const at = argv.indexOf("--summary");
    const file = at >= 0 ? argv[at + 1] : undefined;
    const unknown = argv.filter((a, i) => a.startsWith("-") && !["--summary", "--json"].includes(a) && i !== at + 1);
    if (!file || file.startsWith("--") || unknown.length) {
      console.error(unknown.length ? `kam clv: unknown option ${unknown.join(" ")}\n\n${usage}` : usage);
      return 2;
    }
    let bgnbd: BgnbdFit;
    let gammaGamma: GammaGammaFit | null = null;
    let correlation = Number.NaN;
    try {
      const records = await readSummaryCsv(file);
      if (records.length === 0) throw new SummaryFileError(`${file}: no customers`);
      bgnbd = fitBgnbd(groupRfm(records));
      if (records.every((r) => r.monetaryValue !== null)) {
        const spend = spendData(records.map((r) => ({ frequency: r.frequency, monetaryValue: r.monetaryValue ?? 0 })));
        correlation = frequencySpendCorrelation(spend);
        gammaGamma = fitGammaGamma(spend);
      }
    } catch (e) {
      console.error(`kam clv: ${(e as Error).message}`);
      return 1;
    }
    if (argv.includes("--json")) {
      const { r, alpha, a, b } = bgnbd.params;
      const gg = gammaGamma && { ...gammaGamma.params, ll: gammaGamma.logLikelihood };
      console.log(JSON.stringify({ bgnbd: { r, alpha, a, b, ll: bgnbd.logLikelihood }, gammagamma: gg }));
    } else {
      console.log(report(file, bgnbd, gammaGamma, correlation));
    }
    return bgnbd.converged && (gammaGamma?.converged ?? true) ? 0 : 1;
  },
};
export default command;

function report(file: string, bg: BgnbdFit, gg: GammaGammaFit | null, correlation: number): string {
  const row = (name: string, value: number, se: number) => `  ${name.padEnd(6)} ${value.toFixed(4).padStart(12)} ${se.toFixed(4).padStart(12)}`;
  const lines = [
    `${file}`,
    ``,
    `BG/NBD (${bg.customers} customers)${bg.converged ? "" : "  NOT CONVERGED"}`,
    `  param         value    std.error`,
    row("r", bg.params.r, bg.standardErrors.r),
    row("alpha", bg.params.alpha, bg.standardErrors.alpha),
    row("a", bg.params.a, bg.standardErrors.a),
    row("b", bg.params.b, bg.standardErrors.b),
    `  log-likelihood ${bg.logLikelihood.toFixed(4)}`,
  ];
  if (gg) {
    lines.push(
      ``,
      `Gamma-Gamma (${gg.customers} repeat buyers)${gg.converged ? "" : "  NOT CONVERGED"}`,
      `  param         value    std.error`,
      row("p", gg.params.p, gg.standardErrors.p),
      row("q", gg.params.q, gg.standardErrors.q),
      row("gamma", gg.params.gamma, gg.standardErrors.gamma),
      `  log-likelihood ${gg.logLikelihood.toFixed(4)}`,
      `  frequency-spend correlation ${correlation.toFixed(3)} (the model assumes independence)`,
    );
  } else {
    lines.push(``, `Gamma-Gamma: not fitted (no monetary_value column)`);
  }
  return lines.join("\n");
}
