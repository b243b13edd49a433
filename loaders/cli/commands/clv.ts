// `kam clv --summary FILE [--json]`: fit BG/NBD (and Gamma-Gamma when the file has
// monetary_value) on a customer summary CSV in the `lifetimes` convention and print the
// parameters, their standard errors, the log-likelihoods and whether each fit is sound.
import type { Command } from "../kam.ts";
import { diagnoseBgnbd, fitBgnbd, type BgnbdFit, type FitDiagnosis } from "../../clv/bgnbd.ts";
import { diagnoseGammaGamma, fitGammaGamma, type GammaGammaFit } from "../../clv/gammagamma.ts";
import { frequencySpendCorrelation, spendData } from "../../clv/gammagamma-data.ts";
import { groupRfm } from "../../clv/grouped.ts";
import { readSummaryCsv, SummaryFileError } from "../../clv/summary-csv.ts";

const usage = `usage: kam clv --summary FILE [--json]

Fits BG/NBD (purchases, P(alive)) on every customer and, when FILE has monetary_value,
Gamma-Gamma (spend per purchase) on the repeat buyers with a positive monetary_value (the
others are counted as left out), by maximum likelihood, and prints the parameters with
standard errors, the log-likelihoods and whether each fit is sound (not on a ridge, converged).
FILE: CSV with header customer_id,frequency,recency,T[,monetary_value] (the lifetimes
convention; ID,x,t_x,T,zbar is accepted too): frequency = repeat purchases, recency = time
from first to last purchase, T = time from first purchase to the end of the window (any one
time unit), monetary_value = mean value of the repeat purchases.
--json prints one object {bgnbd: {r, alpha, a, b, ll, n, status, reason},
gammagamma: {p, q, gamma, ll, n, left_out, status, reason} | null}.
Exit status: 0 when every fit is sound, 1 when a fit is not (the reason is printed) or the
file is unusable, 2 for a usage error.`;

interface Fits {
  bgnbd: BgnbdFit;
  bgnbdDiagnosis: FitDiagnosis;
  gammaGamma: { fit: GammaGammaFit; status: string; reason: string | null; leftOut: number; correlation: number } | null;
}

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
    let fits: Fits;
    try {
      const records = await readSummaryCsv(file);
      if (records.length === 0) throw new SummaryFileError(`${file}: no customers`);
      const grouped = groupRfm(records);
      const bgnbd = fitBgnbd(grouped);
      fits = { bgnbd, bgnbdDiagnosis: diagnoseBgnbd(bgnbd, grouped), gammaGamma: null };
      if (records.every((r) => r.monetaryValue !== null)) {
        const spend = spendData(records.map((r) => ({ frequency: r.frequency, monetaryValue: r.monetaryValue ?? 0 })));
        const repeatBuyers = records.filter((r) => r.frequency > 0).length;
        if (spend.x.length < 3) throw new SummaryFileError(`${file}: ${spend.x.length} repeat buyers with a positive monetary_value; Gamma-Gamma needs at least 3`);
        const fit = fitGammaGamma(spend);
        fits.gammaGamma = { fit, ...diagnoseGammaGamma(fit), leftOut: repeatBuyers - spend.x.length, correlation: frequencySpendCorrelation(spend) };
      }
    } catch (e) {
      console.error(`kam clv: ${(e as Error).message}`);
      return 1;
    }
    const { bgnbd, bgnbdDiagnosis, gammaGamma } = fits;
    if (argv.includes("--json")) {
      const { r, alpha, a, b } = bgnbd.params;
      const gg = gammaGamma && {
        ...gammaGamma.fit.params,
        ll: gammaGamma.fit.logLikelihood,
        n: gammaGamma.fit.customers,
        left_out: gammaGamma.leftOut,
        status: gammaGamma.status,
        reason: gammaGamma.reason,
      };
      const bg = { r, alpha, a, b, ll: bgnbd.logLikelihood, n: bgnbd.customers, status: bgnbdDiagnosis.status, reason: bgnbdDiagnosis.reason };
      console.log(JSON.stringify({ bgnbd: bg, gammagamma: gg }));
    } else {
      console.log(report(file, fits));
    }
    const sound = bgnbdDiagnosis.status === "ok" && (gammaGamma?.status ?? "ok") === "ok";
    if (!sound) console.error(`kam clv: a fit is not sound: ${[bgnbdDiagnosis.status === "ok" ? null : bgnbdDiagnosis.reason, gammaGamma?.status === "ok" ? null : gammaGamma?.reason].filter(Boolean).join("; ")}`);
    return sound ? 0 : 1;
  },
};
export default command;

function report(file: string, { bgnbd: bg, bgnbdDiagnosis, gammaGamma }: Fits): string {
  const row = (name: string, value: number, se: number) => `  ${name.padEnd(6)} ${value.toFixed(4).padStart(12)} ${se.toFixed(4).padStart(12)}`;
  const verdict = (status: string, reason: string | null) => (status === "ok" ? (reason ? `  note: ${reason}` : `  fit: sound`) : `  NOT SOUND (${status}): ${reason}`);
  const lines = [
    `${file}`,
    ``,
    `BG/NBD (${bg.customers} customers)`,
    `  param         value    std.error`,
    row("r", bg.params.r, bg.standardErrors.r),
    row("alpha", bg.params.alpha, bg.standardErrors.alpha),
    row("a", bg.params.a, bg.standardErrors.a),
    row("b", bg.params.b, bg.standardErrors.b),
    `  log-likelihood ${bg.logLikelihood.toFixed(4)}`,
    verdict(bgnbdDiagnosis.status, bgnbdDiagnosis.reason),
  ];
  if (gammaGamma) {
    const gg = gammaGamma.fit;
    lines.push(
      ``,
      `Gamma-Gamma (${gg.customers} repeat buyers with positive spend; ${gammaGamma.leftOut} with zero spend left out)`,
      `  param         value    std.error`,
      row("p", gg.params.p, gg.standardErrors.p),
      row("q", gg.params.q, gg.standardErrors.q),
      row("gamma", gg.params.gamma, gg.standardErrors.gamma),
      `  log-likelihood ${gg.logLikelihood.toFixed(4)}`,
      `  frequency-spend correlation ${gammaGamma.correlation.toFixed(3)} (the model assumes independence)`,
      verdict(gammaGamma.status, gammaGamma.reason),
    );
  } else {
    lines.push(``, `Gamma-Gamma: not fitted (no monetary_value column)`);
  }
  return lines.join("\n");
}
