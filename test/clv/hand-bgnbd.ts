// An independent evaluation of the BG/NBD quantities for the tests, written from the model's
// definition rather than from the paper's closed forms: the purchase rate lambda is
// integrated out analytically (a Gamma integral), the dropout probability p numerically
// (Simpson's rule after substituting p = s^(1/a) near 0 and 1 - p = v^(1/b) near 1, which
// removes the singularities of the Beta density at both ends).
// No 2F1, no log-beta, no log-gamma: Gamma(r+x)/Gamma(r) is the product r(r+1)...(r+x-1).
import type { BgnbdParams } from "../../loaders/clv/bgnbd.ts";

const STEPS = 40_000;

/**
 * Integral over p in (0,1) of f(p) p^(a-1) (1-p)^(b-1) dp by Simpson's rule, in s = p^a on
 * (0, 1/2] and in v = (1-p)^b on [1/2, 1), which removes the singularities of both ends
 * (a < 1 or b < 1).
 */
function betaIntegral(f: (p: number) => number, a: number, b: number): number {
  const simpson = (g: (u: number) => number, to: number) => {
    const h = to / STEPS;
    let sum = g(0) + g(to);
    for (let i = 1; i < STEPS; i++) sum += (i % 2 ? 4 : 2) * g(i * h);
    return (sum * h) / 3;
  };
  // p^(a-1) dp = ds / a; (1-p)^(b-1) dp = -dv / b
  const left = simpson((s) => {
    const p = Math.pow(s, 1 / a);
    return (1 / a) * f(p) * Math.pow(1 - p, b - 1);
  }, Math.pow(0.5, a));
  const right = simpson((v) => {
    const q = Math.pow(v, 1 / b); // 1 - p
    return (1 / b) * f(1 - q) * Math.pow(1 - q, a - 1);
  }, Math.pow(0.5, b));
  return left + right;
}

/**
 * The posterior masses of "alive at T" and "died after the last purchase", both divided by
 * alpha^r Gamma(r+x)/Gamma(r) (alpha+T)^-(r+x) so that customers with hundreds of purchases
 * do not underflow. (The lambda integral of lambda^x e^(-lambda s) against the Gamma(r, alpha)
 * density is that constant times (alpha+s)^-(r+x).)
 */
function parts({ r, alpha, a, b }: BgnbdParams, x: number, tx: number, T: number) {
  const alive = betaIntegral((p) => Math.pow(1 - p, x), a, b);
  const ratio = Math.pow((alpha + T) / (alpha + tx), r + x);
  const dead = x > 0 ? betaIntegral((p) => p * Math.pow(1 - p, x - 1) * ratio, a, b) : 0;
  return { alive, dead };
}

export function handPAlive(params: BgnbdParams, x: number, tx: number, T: number): number {
  const { alive, dead } = parts(params, x, tx, T);
  return alive / (alive + dead);
}

/** E[Y(t) | x, t_x, T] = E[ 1{alive} (1 - exp(-lambda p t)) / p | data ]. */
export function handExpectedPurchases(params: BgnbdParams, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const { alive, dead } = parts(params, x, tx, T);
  const future = betaIntegral(
    (p) => {
      // (1/p) [1 - ((alpha+T)/(alpha+T+p t))^(r+x)], which tends to (r+x) t / (alpha+T) as p -> 0
      if (p < 1e-12) return ((r + x) * t) / (alpha + T);
      return (Math.pow(1 - p, x) * (1 - Math.pow((alpha + T) / (alpha + T + p * t), r + x))) / p;
    },
    a,
    b,
  );
  return future / (alive + dead);
}

/** log L(r, alpha, a, b | x, t_x, T) for integer x. */
export function handLogLikelihood(params: BgnbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  let gammaRatio = 1;
  for (let k = 0; k < x; k++) gammaRatio *= r + k;
  const beta = betaIntegral(() => 1, a, b);
  const { alive, dead } = parts(params, x, tx, T);
  return Math.log(gammaRatio * Math.pow(alpha, r) * Math.pow(alpha + T, -(r + x)) * ((alive + dead) / beta));
}
