// BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while alive a
// customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha); after each purchase
// they drop out with probability p ~ Beta(a, b). Equations refer to the paper and to
// Fader, Hardie & Lee's note "Computing P(alive) using the BG/NBD model".
import { betaln, digamma, gammaln, hyp2f1, logAddExp } from "./special.ts";
import { subsampleGroups, type GroupedRfm } from "./grouped.ts";
import { maximiseLikelihood, PARAM_MAX, PARAM_MIN, type MleResult } from "./optimizer.ts";

export interface BgnbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

const fromArray = ([r, alpha, a, b]: number[]): BgnbdParams => ({ r, alpha, a, b });

/** Log-likelihood of one customer (x, t_x, T): the paper's equation (6), in logs. */
export function bgnbdCustomerLogLikelihood({ r, alpha, a, b }: BgnbdParams, x: number, tx: number, T: number): number {
  const common = gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + betaln(a, b + x) - betaln(a, b);
  const aliveAtT = -(r + x) * Math.log(alpha + T);
  const diedAfterLast = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : -Infinity;
  return common + logAddExp(aliveAtT, diedAfterLast);
}

/** Total log-likelihood of grouped data; terms in x alone are computed once per distinct x. */
export function bgnbdLogLikelihood(params: BgnbdParams, data: GroupedRfm): number {
  return bgnbdLogLikelihoodGradient(params, data).value;
}

/**
 * The log-likelihood and its analytic gradient in (r, alpha, a, b). Per customer, with
 * A = ln G(r+x) - ln G(r) + r ln alpha + ln B(a, b+x) - ln B(a, b), B1 = -(r+x) ln(alpha+T)
 * and B2 = ln a - ln(b+x-1) - (r+x) ln(alpha+t_x) (x > 0 only): l = A + ln(e^B1 + e^B2).
 * With w = e^B2 / (e^B1 + e^B2) (the weight of "dropped out after the last purchase"):
 *   dl/dr     = psi(r+x) - psi(r) + ln alpha - (1-w) ln(alpha+T) - w ln(alpha+t_x)
 *   dl/dalpha = r/alpha - (r+x) [(1-w)/(alpha+T) + w/(alpha+t_x)]
 *   dl/da     = psi(a+b) - psi(a+b+x) + w/a
 *   dl/db     = psi(b+x) - psi(b) + psi(a+b) - psi(a+b+x) - w/(b+x-1)
 */
export function bgnbdLogLikelihoodGradient({ r, alpha, a, b }: BgnbdParams, data: GroupedRfm): { value: number; gradient: number[] } {
  const k = data.distinctX.length;
  const common = new Float64Array(k);
  const dropTerm = new Float64Array(k);
  const dCommonR = new Float64Array(k);
  const dCommonA = new Float64Array(k);
  const dCommonB = new Float64Array(k);
  const invBx1 = new Float64Array(k);
  const lgr = gammaln(r);
  const lba = betaln(a, b);
  const logAlpha = Math.log(alpha);
  const rLogAlpha = r * logAlpha;
  const psiR = digamma(r);
  const psiB = digamma(b);
  const psiAB = digamma(a + b);
  const logA = Math.log(a);
  for (let j = 0; j < k; j++) {
    const x = data.distinctX[j];
    common[j] = gammaln(r + x) - lgr + rLogAlpha + betaln(a, b + x) - lba;
    dropTerm[j] = x > 0 ? logA - Math.log(b + x - 1) : -Infinity;
    invBx1[j] = x > 0 ? 1 / (b + x - 1) : 0;
    const psiABx = digamma(a + b + x);
    dCommonR[j] = digamma(r + x) - psiR + logAlpha;
    dCommonA[j] = psiAB - psiABx;
    dCommonB[j] = digamma(b + x) - psiB + psiAB - psiABx;
  }
  const logAlphaTx = data.distinctTx.map((tx) => Math.log(alpha + tx));
  const logAlphaT = data.distinctT.map((T) => Math.log(alpha + T));
  const { x, weight, xIndex, TIndex, txIndex } = data;
  let total = 0;
  let gR = 0;
  let gAlpha = 0;
  let gA = 0;
  let gB = 0;
  for (let i = 0; i < x.length; i++) {
    const j = xIndex[i];
    const rx = r + x[i];
    const lT = logAlphaT[TIndex[i]];
    const lTx = logAlphaTx[txIndex[i]];
    const aliveAtT = -rx * lT;
    const diedAfterLast = dropTerm[j] - rx * lTx;
    const n = weight[i];
    total += n * (common[j] + logAddExp(aliveAtT, diedAfterLast));
    // w = e^B2 / (e^B1 + e^B2), computed without overflow.
    const w = diedAfterLast === -Infinity ? 0 : 1 / (1 + Math.exp(aliveAtT - diedAfterLast));
    gR += n * (dCommonR[j] - (1 - w) * lT - w * lTx);
    gAlpha += n * (r / alpha - rx * ((1 - w) / (alpha + data.T[i]) + w / (alpha + data.tx[i])));
    gA += n * (dCommonA[j] + w / a);
    gB += n * (dCommonB[j] - w * invBx1[j]);
  }
  return { value: total, gradient: [gR, gAlpha, gA, gB] };
}

export interface BgnbdFit extends Omit<MleResult, "params" | "standardErrors"> {
  params: BgnbdParams;
  standardErrors: BgnbdParams;
  customers: number;
}

/** Above this many groups the optimiser warms up on an evenly spaced subsample of them. */
const WARM_START_GROUPS = 2_000;

/**
 * A moment-matched start. While alive, a customer's purchases over T are Poisson(lambda T)
 * with lambda ~ Gamma(r, alpha): E[x] = (r/alpha) T and E[(x - m T)^2] = m T + (r/alpha^2) T^2,
 * so m = sum x / sum T and r/alpha^2 = (sum (x - m T)^2 - sum m T) / sum T^2 give r and
 * alpha (dropout makes these rough, which is all a start needs). The dropout start a = 1,
 * b = 3 (a mean dropout probability of 1/4 per purchase, CDNOW's order of magnitude) is one
 * of a grid of (a, b) that fitBgnbd tries (DROPOUT_STARTS).
 */
export function bgnbdStart(data: GroupedRfm): BgnbdParams {
  let sumX = 0;
  let sumT = 0;
  let sumT2 = 0;
  for (let i = 0; i < data.x.length; i++) {
    sumX += data.weight[i] * data.x[i];
    sumT += data.weight[i] * data.T[i];
    sumT2 += data.weight[i] * data.T[i] * data.T[i];
  }
  const m = Math.max(sumX, 0.5) / Math.max(sumT, 1e-9);
  let dev = 0;
  for (let i = 0; i < data.x.length; i++) dev += data.weight[i] * ((data.x[i] - m * data.T[i]) ** 2 - m * data.T[i]);
  const s = dev / Math.max(sumT2, 1e-9); // r / alpha^2
  let alpha = s > 0 ? m / s : 1 / m;
  let r = m * alpha;
  // Keep the start inside a sane box: the optimiser does the rest.
  r = Math.min(Math.max(r, 0.05), 20);
  alpha = Math.min(Math.max(r / m, 1e-3), 1e6);
  return { r, alpha, a: 1, b: 3 };
}

/** Dropout starts tried beside the moment-matched rate: mean dropout 1/30 .. 1/2, spread wide and narrow. */
const DROPOUT_STARTS = [0.1, 0.5, 1, 3].flatMap((a) => [0.5, 2, 8, 32].map((b) => ({ a, b })));

const toArray = ({ r, alpha, a, b }: BgnbdParams) => [r, alpha, a, b];

/** Maximum likelihood fit on grouped (x, t_x, T) data. */
export function fitBgnbd(data: GroupedRfm): BgnbdFit {
  if (data.customers === 0) throw new Error("BG/NBD: no customers to fit");
  const sample = data.x.length > WARM_START_GROUPS ? subsampleGroups(data, WARM_START_GROUPS) : undefined;
  const { r, alpha } = bgnbdStart(data);
  const starts = DROPOUT_STARTS.map(({ a, b }) => toArray({ r, alpha, a, b }));
  const fit = maximiseLikelihood((p) => bgnbdLogLikelihoodGradient(fromArray(p), data), starts, data.customers, {
    warmStart: sample && { logLikelihood: (p) => bgnbdLogLikelihoodGradient(fromArray(p), sample), scale: sample.customers },
  });
  return {
    ...fit,
    params: fromArray(fit.params),
    standardErrors: fromArray(fit.standardErrors),
    customers: data.customers,
  };
}

export type FitStatus = "ok" | "ridge" | "not_converged";

export interface FitDiagnosis {
  status: FitStatus;
  /** Why the fit is not sound, or why P(alive) says nothing (null when neither). */
  reason: string | null;
  /** False when P(alive) is (close to) 1 for every customer, so it says nothing. */
  pAliveInformative: boolean;
}

/** Mean dropout probability per purchase below which BG/NBD has become an NBD (no dropout). */
export const RIDGE_MEAN_DROPOUT = 1e-3;
/** a + b below this: the dropout distribution has collapsed onto p = 0 and p = 1. */
export const RIDGE_DROPOUT_SPREAD = 1e-3;
/** P(alive) at or above this for every repeat buyer carries no information. */
export const RIDGE_P_ALIVE = 0.99;

/**
 * Is the fit sound? A BG/NBD fit can sit on a ridge: when the data show no dropout the
 * likelihood keeps rising as a -> 0 and b -> infinity (the model tends to an NBD), the
 * optimiser stops somewhere along it, and P(alive) is 1 for every customer. Signs: a mean
 * dropout probability a / (a + b) below 1e-3, a parameter at its bound, or P(alive) >= 0.99
 * for every repeat buyer. The other edge, a and b -> 0 together (a + b below 1e-3), is a ridge
 * too: the Beta distribution of p has collapsed onto 0 and 1.
 */
export function diagnoseBgnbd(fit: BgnbdFit, data: GroupedRfm): FitDiagnosis {
  const { r, alpha, a, b } = fit.params;
  const meanDropout = a / (a + b);
  let minPAlive = 1;
  let repeatBuyers = 0;
  for (let i = 0; i < data.x.length; i++) {
    if (data.x[i] === 0) continue;
    repeatBuyers += data.weight[i];
    minPAlive = Math.min(minPAlive, pAlive(fit.params, data.x[i], data.tx[i], data.T[i]));
  }
  const flat = repeatBuyers > 0 && minPAlive >= RIDGE_P_ALIVE;
  const fmt = (v: number) => v.toPrecision(3);
  const where = `r = ${fmt(r)}, alpha = ${fmt(alpha)}, a = ${fmt(a)}, b = ${fmt(b)}`;
  if (meanDropout < RIDGE_MEAN_DROPOUT || b >= PARAM_MAX * 0.9999 || a <= PARAM_MIN * 1.0001) {
    return {
      status: "ridge",
      reason: `BG/NBD fit on a ridge (${where}; mean dropout probability per purchase ${fmt(meanDropout)}): ` +
        `the data show no customer leaving, so P(alive) is ${fmt(minPAlive)} or more for everyone and carries no information`,
      pAliveInformative: false,
    };
  }
  if (a + b < RIDGE_DROPOUT_SPREAD) {
    // The other edge of the (a, b) plane: Beta(a, b) collapses onto p = 0 and p = 1 (a share
    // a / (a + b) of customers leaves after its first repeat purchase, the rest never): the
    // likelihood flattens along a / (a + b) = const and the fit stops anywhere on it.
    return {
      status: "ridge",
      reason: `BG/NBD fit on a ridge (${where}): a + b = ${fmt(a + b)}, the dropout probability has collapsed onto 0 and 1, ` +
        `so P(alive) and the expected purchases rest on a degenerate fit`,
      pAliveInformative: false,
    };
  }
  if (!fit.converged) return { status: "not_converged", reason: `BG/NBD fit did not converge (${where}): ${fit.stop}`, pAliveInformative: false };
  if (flat) {
    // Not a ridge (the fit is sound), but P(alive) still says nothing about anyone.
    return { status: "ok", reason: `P(alive) is ${fmt(minPAlive)} or more for every repeat buyer (${where}): it carries no information`, pAliveInformative: false };
  }
  return { status: "ok", reason: null, pAliveInformative: repeatBuyers > 0 };
}

/** P(alive | x, t_x, T): the note's equation (2). Always 1 for a customer with x = 0. */
export function pAlive({ r, alpha, a, b }: BgnbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const logRatio = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + T) / (alpha + tx));
  return 1 / (1 + Math.exp(logRatio));
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in the next t time units, the paper's
 * equation (10):
 *   (a+b+x-1)/(a-1) * [1 - ((alpha+T)/(alpha+T+t))^(r+x) * 2F1(r+x, b+x; a+b+x-1; z)] * P(alive)
 * with z = t/(alpha+T+t). Euler's transformation 2F1(A,B;C;z) = (1-z)^(C-A-B) 2F1(C-A,C-B;C;z)
 * turns the bracket into 1 - (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z): small upper
 * parameters, so the series neither overflows nor crawls for customers with hundreds of
 * purchases (the untransformed one grows like (1-z)^-(r+x) before the power cancels it).
 * (For a near 1 or a + b + x <= 1 it is evaluated by expectedAfterByQuadrature.)
 */
export function conditionalExpectedPurchases(params: BgnbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  return expectedAfter(params, t, x, T) * pAlive(params, x, tx, T);
}

/** The bracketed part of equation (10) times its leading factor: E[Y(t)] given alive at T. */
function expectedAfter(params: BgnbdParams, t: number, x: number, T: number): number {
  const { r, alpha, a, b } = params;
  // The closed form needs c = a + b + x - 1 > 0 for its series and divides by a - 1: a fit with
  // a + b <= 1 (dropout probabilities piled up near 0 and 1, seen on a four-year consumer export)
  // breaks it for customers without repeat purchases, and a near 1 loses every digit.
  if (a + b + x - 1 <= 1e-6 || Math.abs(a - 1) < 1e-4) return expectedAfterByQuadrature(params, t, x, T);
  const z = t / (alpha + T + t);
  const bracket = 1 - Math.pow(1 - z, a - 1) * hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z);
  return ((a + b + x - 1) / (a - 1)) * bracket;
}

/** log(1 + e^z) without overflow. */
const log1pExp = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

/**
 * The same expectation from the model's definition, valid for every a, b > 0: alive at T, a
 * customer with x repeat purchases has lambda ~ Gamma(r + x, alpha + T) and p ~ Beta(a, b + x),
 * and expects g(p) = (1 - (1 + p k)^-(r+x)) / p purchases in t (k = t / (alpha + T)), so
 * E = integral of g against Beta(a, b + x). g is analytic on [0, 1]; its chord L(p) through
 * g(0) = (r+x) k and g(1) is integrated exactly, and g - L, which vanishes at both ends, by
 * double-exponential (tanh-sinh) quadrature: the Beta density's end singularities then need
 * no special care, whatever a and b are.
 */
export function expectedAfterByQuadrature({ r, alpha, b, a }: BgnbdParams, t: number, x: number, T: number): number {
  const s = r + x;
  const beta = b + x;
  const k = t / (alpha + T);
  const g = (p: number) => (p < 1e-12 ? s * k * (1 - ((s + 1) * p * k) / 2) : -Math.expm1(-s * Math.log1p(p * k)) / p);
  const g0 = s * k;
  const g1 = g(1);
  const chord = (g0 * beta + g1 * a) / (a + beta); // E[L(p)] = g0 E[1 - p] + g1 E[p]
  const logB = betaln(a, beta);
  const h = 1 / 16;
  let sum = 0;
  for (let i = -96; i <= 96; i++) {
    const tau = i * h;
    const u = (Math.PI / 2) * Math.sinh(tau);
    const logP = -log1pExp(-2 * u); // p = 1 / (1 + e^(-2u)), and 1 - p without cancellation
    const log1mP = -log1pExp(2 * u);
    const p = Math.exp(logP);
    const rest = g(p) - (g0 * Math.exp(log1mP) + g1 * p);
    if (rest === 0) continue;
    // dp = pi cosh(tau) p (1 - p) dtau, times the density p^(a-1) (1-p)^(b+x-1) / B
    sum += rest * Math.exp(Math.log(Math.PI * Math.cosh(tau)) + a * logP + beta * log1mP - logB);
  }
  return chord + sum * h;
}

/** E[X(t)] for a customer just acquired: the paper's equation (9) (= x = 0, T = 0 above). */
export function expectedPurchases(params: BgnbdParams, t: number): number {
  if (t <= 0) return 0;
  return expectedAfter(params, t, 0, 0);
}
