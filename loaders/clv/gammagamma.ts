// Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Colombo & Jiang 1999):
// each transaction value ~ Gamma(p, nu), nu ~ Gamma(q, gamma) across customers. Fitted on
// repeat buyers only (x > 0) with m_x = mean value of their repeat transactions.
import { gammaln } from "./special.ts";
import { maximiseLikelihood, type MleResult } from "./optimizer.ts";
import { indexDistinctFrequencies, type SpendData } from "./gammagamma-data.ts";

/** Above this many repeat buyers the optimiser warms up on an evenly spaced subsample. */
const WARM_START_CUSTOMERS = 2_000;

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

const fromArray = ([p, q, gamma]: number[]): GammaGammaParams => ({ p, q, gamma });

/** Log density of one customer's mean spend m over x transactions. */
export function gammaGammaCustomerLogLikelihood({ p, q, gamma }: GammaGammaParams, x: number, m: number): number {
  return (
    gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * Math.log(gamma) +
    (p * x - 1) * Math.log(m) + p * x * Math.log(x) - (p * x + q) * Math.log(gamma + x * m)
  );
}

/** Total log-likelihood; the log-gamma terms are computed once per distinct x. */
export function gammaGammaLogLikelihood({ p, q, gamma }: GammaGammaParams, data: SpendData): number {
  const perX = data.distinctX.map((x) => gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * Math.log(gamma) + p * x * Math.log(x));
  const { x, m, logM, xIndex } = data;
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const px = p * x[i];
    total += perX[xIndex[i]] + (px - 1) * logM[i] - (px + q) * Math.log(gamma + x[i] * m[i]);
  }
  return total;
}

export interface GammaGammaFit extends Omit<MleResult, "params" | "standardErrors"> {
  params: GammaGammaParams;
  standardErrors: GammaGammaParams;
  customers: number;
}

export function fitGammaGamma(data: SpendData): GammaGammaFit {
  if (data.x.length < 3) throw new Error(`Gamma-Gamma: needs at least 3 repeat buyers, got ${data.x.length}`);
  let sample: SpendData | undefined;
  if (data.x.length > WARM_START_CUSTOMERS) {
    const step = Math.ceil(data.x.length / WARM_START_CUSTOMERS);
    const keep = Array.from({ length: Math.ceil(data.x.length / step) }, (_, k) => k * step);
    sample = indexDistinctFrequencies(keep.map((i) => data.x[i]), keep.map((i) => data.m[i]));
  }
  // Start where the population mean spend p gamma / (q - 1) equals the observed mean, so
  // that the optimiser does not have to travel across orders of magnitude of currency.
  const meanSpend = data.m.reduce((s, v) => s + v, 0) / data.m.length;
  const start = [1, 2, meanSpend];
  const fit = maximiseLikelihood((par) => gammaGammaLogLikelihood(fromArray(par), data), start, data.x.length, {
    warmStart: sample && { logLikelihood: (par) => gammaGammaLogLikelihood(fromArray(par), sample), scale: sample.x.length },
  });
  return { ...fit, params: fromArray(fit.params), standardErrors: fromArray(fit.standardErrors), customers: data.x.length };
}

/**
 * E[M | x, m_x]: expected value of a customer's future transactions, a weighted average of
 * the population mean p*gamma/(q-1) and the customer's own mean m_x. With x = 0 it is the
 * population mean. Requires q > 1 (otherwise the population mean is infinite).
 */
export function conditionalExpectedAverageSpend({ p, q, gamma }: GammaGammaParams, x: number, m: number): number {
  if (!(q > 1)) throw new Error(`Gamma-Gamma: q = ${q} <= 1, the expected spend is not finite`);
  if (x === 0) return (p * gamma) / (q - 1);
  return (p * (gamma + x * m)) / (p * x + q - 1);
}
