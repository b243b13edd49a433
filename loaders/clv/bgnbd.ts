// BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while alive a
// customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha); after each purchase
// they drop out with probability p ~ Beta(a, b). Equations refer to the paper and to
// Fader, Hardie & Lee's note "Computing P(alive) using the BG/NBD model".
import { betaln, gammaln, hyp2f1, logAddExp } from "./special.ts";
import { subsampleGroups, type GroupedRfm } from "./grouped.ts";
import { maximiseLikelihood, type MleResult } from "./optimizer.ts";

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
export function bgnbdLogLikelihood({ r, alpha, a, b }: BgnbdParams, data: GroupedRfm): number {
  const k = data.distinctX.length;
  const common = new Float64Array(k);
  const dropTerm = new Float64Array(k);
  const lgr = gammaln(r);
  const lba = betaln(a, b);
  const rLogAlpha = r * Math.log(alpha);
  for (let j = 0; j < k; j++) {
    const x = data.distinctX[j];
    common[j] = gammaln(r + x) - lgr + rLogAlpha + betaln(a, b + x) - lba;
    dropTerm[j] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : -Infinity;
  }
  const logAlphaTx = data.distinctTx.map((tx) => Math.log(alpha + tx));
  const logAlphaT = data.distinctT.map((T) => Math.log(alpha + T));
  const { x, weight, xIndex, TIndex, txIndex } = data;
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const j = xIndex[i];
    const rx = r + x[i];
    const aliveAtT = -rx * logAlphaT[TIndex[i]];
    const diedAfterLast = dropTerm[j] - rx * logAlphaTx[txIndex[i]];
    total += weight[i] * (common[j] + logAddExp(aliveAtT, diedAfterLast));
  }
  return total;
}

export interface BgnbdFit extends Omit<MleResult, "params" | "standardErrors"> {
  params: BgnbdParams;
  standardErrors: BgnbdParams;
  customers: number;
}

/** Above this many groups the optimiser warms up on an evenly spaced subsample of them. */
const WARM_START_GROUPS = 2_000;

/** Maximum likelihood fit on grouped (x, t_x, T) data. */
export function fitBgnbd(data: GroupedRfm): BgnbdFit {
  if (data.customers === 0) throw new Error("BG/NBD: no customers to fit");
  let sumX = 0;
  let sumT = 0;
  for (let i = 0; i < data.x.length; i++) {
    sumX += data.weight[i] * data.x[i];
    sumT += data.weight[i] * data.T[i];
  }
  // Start where the mean purchase rate r/alpha matches the observed one.
  const start = [1, Math.max(sumT / Math.max(sumX, 1), 1e-3), 1, 1];
  const sample = data.x.length > WARM_START_GROUPS ? subsampleGroups(data, WARM_START_GROUPS) : undefined;
  const fit = maximiseLikelihood((p) => bgnbdLogLikelihood(fromArray(p), data), start, data.customers, {
    warmStart: sample && { logLikelihood: (p) => bgnbdLogLikelihood(fromArray(p), sample), scale: sample.customers },
  });
  return {
    ...fit,
    params: fromArray(fit.params),
    standardErrors: fromArray(fit.standardErrors),
    customers: data.customers,
  };
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
 * Valid for a != 1.
 */
export function conditionalExpectedPurchases(params: BgnbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  return expectedAfter(params, t, x, T) * pAlive(params, x, tx, T);
}

/** The bracketed part of equation (10) times its leading factor: E[Y(t)] given alive at T. */
function expectedAfter({ r, alpha, a, b }: BgnbdParams, t: number, x: number, T: number): number {
  const z = t / (alpha + T + t);
  const bracket = 1 - Math.pow(1 - z, a - 1) * hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z);
  return ((a + b + x - 1) / (a - 1)) * bracket;
}

/** E[X(t)] for a customer just acquired: the paper's equation (9) (= x = 0, T = 0 above). */
export function expectedPurchases(params: BgnbdParams, t: number): number {
  if (t <= 0) return 0;
  return expectedAfter(params, t, 0, 0);
}
