// Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Colombo & Jiang 1999):
// each transaction value ~ Gamma(p, nu), nu ~ Gamma(q, gamma) across customers. Fitted on
// repeat buyers only (x > 0) with m_x = mean value of their repeat transactions.
import { digamma, gammaln } from "./special.ts";
import { maximiseLikelihood, PARAM_MAX, type MleResult } from "./optimizer.ts";
import type { FitStatus } from "./bgnbd.ts";
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
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: SpendData): number {
  return gammaGammaLogLikelihoodGradient(params, data).value;
}

/**
 * The log-likelihood and its analytic gradient in (p, q, gamma):
 *   dl/dp     = x [psi(px+q) - psi(px) + ln m + ln x - ln(gamma + x m)]
 *   dl/dq     = psi(px+q) - psi(q) + ln gamma - ln(gamma + x m)
 *   dl/dgamma = q / gamma - (px+q) / (gamma + x m)
 */
export function gammaGammaLogLikelihoodGradient({ p, q, gamma }: GammaGammaParams, data: SpendData): { value: number; gradient: number[] } {
  const logGamma = Math.log(gamma);
  const lgq = gammaln(q);
  const psiQ = digamma(q);
  const k = data.distinctX.length;
  const perX = new Float64Array(k);
  const dPperX = new Float64Array(k);
  const dQperX = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const x = data.distinctX[j];
    const px = p * x;
    const logX = Math.log(x);
    const psiPxq = digamma(px + q);
    perX[j] = gammaln(px + q) - gammaln(px) - lgq + q * logGamma + px * logX;
    dPperX[j] = x * (psiPxq - digamma(px) + logX);
    dQperX[j] = psiPxq - psiQ + logGamma;
  }
  const { x, m, logM, xIndex } = data;
  let total = 0;
  let gP = 0;
  let gQ = 0;
  let gG = 0;
  for (let i = 0; i < x.length; i++) {
    const j = xIndex[i];
    const px = p * x[i];
    const denominator = gamma + x[i] * m[i];
    const logDen = Math.log(denominator);
    total += perX[j] + (px - 1) * logM[i] - (px + q) * logDen;
    gP += dPperX[j] + x[i] * (logM[i] - logDen);
    gQ += dQperX[j] - logDen;
    gG += q / gamma - (px + q) / denominator;
  }
  return { value: total, gradient: [gP, gQ, gG] };
}

export interface GammaGammaFit extends Omit<MleResult, "params" | "standardErrors"> {
  params: GammaGammaParams;
  standardErrors: GammaGammaParams;
  customers: number;
}

/**
 * A moment-matched start. With z ~ Gamma(p, nu) per purchase and nu ~ Gamma(q, gamma):
 * E[m_x] = mu = p gamma / (q - 1) and Var(m_x | x) = A / x + B with
 * A = p gamma^2 / ((q-1)(q-2)) and B = mu^2 / (q - 2). A least-squares line of
 * (m_x - mu)^2 on 1/x gives A and B, then q = 2 + mu^2 / B, p = (q-1) mu^2 / ((q-2) A),
 * gamma = mu (q-1) / p. When the line gives no valid A, B (few buyers, heavy tails), the
 * start is p = 2, q = 3 with the observed mean.
 */
export function gammaGammaStart(data: SpendData): GammaGammaParams {
  const n = data.x.length;
  const mu = data.m.reduce((s, v) => s + v, 0) / n;
  let su = 0;
  let sy = 0;
  let suu = 0;
  let suy = 0;
  for (let i = 0; i < n; i++) {
    const u = 1 / data.x[i];
    const y = (data.m[i] - mu) ** 2;
    su += u;
    sy += y;
    suu += u * u;
    suy += u * y;
  }
  const varU = suu / n - (su / n) ** 2;
  const A = varU > 0 ? (suy / n - (su / n) * (sy / n)) / varU : Number.NaN;
  const B = Number.isFinite(A) ? sy / n - A * (su / n) : sy / n;
  if (A > 0 && B > 0) {
    const q = 2 + (mu * mu) / B;
    const p = ((q - 1) * mu * mu) / ((q - 2) * A);
    if (Number.isFinite(p) && p > 0 && q < 1e6) return { p, q, gamma: (mu * (q - 1)) / p };
  }
  return { p: 2, q: 3, gamma: mu };
}

export function fitGammaGamma(data: SpendData): GammaGammaFit {
  if (data.x.length < 3) throw new Error(`Gamma-Gamma: needs at least 3 repeat buyers, got ${data.x.length}`);
  let sample: SpendData | undefined;
  if (data.x.length > WARM_START_CUSTOMERS) {
    const step = Math.ceil(data.x.length / WARM_START_CUSTOMERS);
    const keep = Array.from({ length: Math.ceil(data.x.length / step) }, (_, k) => k * step);
    sample = indexDistinctFrequencies(keep.map((i) => data.x[i]), keep.map((i) => data.m[i]));
  }
  const { p, q, gamma } = gammaGammaStart(data);
  const fit = maximiseLikelihood((par) => gammaGammaLogLikelihoodGradient(fromArray(par), data), [p, q, gamma], data.x.length, {
    warmStart: sample && { logLikelihood: (par) => gammaGammaLogLikelihoodGradient(fromArray(par), sample), scale: sample.x.length },
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

/** Above this, q (customers' spread, coefficient of variation 1/sqrt(q)) or p (a customer's
 *  own spread per purchase, 1/sqrt(p)) describes no spread at all: under 1%. */
export const RIDGE_SHAPE = 1e4;

/**
 * Is the fit sound? When customers hardly differ in spend per purchase the likelihood keeps
 * rising as q and gamma grow together (nu's spread 1/sqrt(q) -> 0 at a fixed mean), the
 * optimiser stops somewhere along that ridge and the estimates mean nothing; the same when
 * every purchase of a customer has the same value (p -> infinity).
 */
export function diagnoseGammaGamma(fit: GammaGammaFit): { status: FitStatus; reason: string | null } {
  const { p, q, gamma } = fit.params;
  const where = `p = ${p.toPrecision(3)}, q = ${q.toPrecision(3)}, gamma = ${gamma.toPrecision(3)}`;
  if (q >= RIDGE_SHAPE || gamma >= PARAM_MAX * 0.9999) {
    return { status: "ridge", reason: `Gamma-Gamma fit on a ridge (${where}): customers do not differ in spend per purchase beyond chance` };
  }
  if (p >= RIDGE_SHAPE) {
    return { status: "ridge", reason: `Gamma-Gamma fit on a ridge (${where}): a customer's purchases hardly vary in value, the model does not apply` };
  }
  if (!fit.converged) return { status: "not_converged", reason: `Gamma-Gamma fit did not converge (${where}): ${fit.stop}` };
  if (!(q > 1)) return { status: "not_converged", reason: `Gamma-Gamma q = ${q.toPrecision(3)} <= 1 (${where}): the expected spend is not finite` };
  return { status: "ok", reason: null };
}
