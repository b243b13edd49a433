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
 * 2F1(a, b; c; z) = sum_n (a)_n (b)_n / ((c)_n n!) z^n for 0 <= z < 1 and c > 0.
 * The ratio of successive terms is bounded by rho_n = z max(1, (|a|+n)/(c+n)) max(1, (|b|+n)/(n+1)),
 * which never increases with n; once rho_n < 1 the tail is below |term| rho_n / (1 - rho_n), and
 * the sum stops when that no longer changes it in double precision. (Terms may first grow, for
 * a large a or b, before they fall.)
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1)) throw new RangeError(`hyp2f1: z must be in [0, 1), got ${z}`);
  if (!(c > 0)) throw new RangeError(`hyp2f1: c must be > 0, got ${c}`);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_TERMS; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    const m = n + 1;
    const rho = z * Math.max(1, (Math.abs(a) + m) / (c + m)) * Math.max(1, (Math.abs(b) + m) / (m + 1));
    if (rho < 1 && (Math.abs(term) * rho) / (1 - rho) <= 1e-16 * Math.abs(sum)) return sum;
  }
  throw new Error(`hyp2f1(${a}, ${b}; ${c}; ${z}) did not converge in ${MAX_TERMS} terms`);
}
