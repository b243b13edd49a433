// Special functions the CLV models need: log-gamma, log-beta and digamma (for the analytic
// gradients) from @stdlib (well tested), and the Gaussian hypergeometric function 2F1, which no maintained npm package provides
// for real arguments, summed by its power series (only ever called with 0 <= z < 1).
import gammaln from "@stdlib/math-base-special-gammaln";
import betaln from "@stdlib/math-base-special-betaln";
import digamma from "@stdlib/math-base-special-digamma";

export { gammaln, betaln, digamma };

/** log(exp(u) + exp(v)) without overflow or underflow. */
export function logAddExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

const MAX_TERMS = 1_000_000;

/**
 * 2F1(a, b; c; z) = sum_n (a)_n (b)_n / ((c)_n n!) z^n for 0 <= z < 1 (c not 0, -1, -2, ...).
 * The ratio of successive terms tends to z, so the series converges geometrically;
 * it stops when a term no longer changes the sum in double precision.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1)) throw new RangeError(`hyp2f1: z must be in [0, 1), got ${z}`);
  if (c <= 0 && Number.isInteger(c)) throw new RangeError(`hyp2f1: c must not be 0 or a negative integer, got ${c}`);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_TERMS; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    // Past the peak of the terms (n > a + b - c, roughly) the tail is below term / (1 - z).
    if (Math.abs(term) <= 1e-16 * Math.abs(sum) && n > a + b) return sum;
  }
  throw new Error(`hyp2f1(${a}, ${b}; ${c}; ${z}) did not converge in ${MAX_TERMS} terms`);
}
