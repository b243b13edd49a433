// Maximum likelihood on positive parameters: minimise the negative log-likelihood over
// log-parameters with a few steps of fmin's Polak-Ribiere conjugate gradient (central-
// difference gradient), then damped Newton steps on a numerical Hessian kept current by
// BFGS updates (ml-matrix), and report standard errors from the inverse observed
// information in the natural parameterisation.
import "fmin";
import { CholeskyDecomposition, Matrix, inverse } from "ml-matrix";

// fmin 0.0.4 declares "type": "module" but ships a UMD bundle, so under Node's ESM loader
// it exports nothing and registers itself on globalThis.fmin instead. (Its Nelder-Mead also
// references an undeclared variable in the shrink step, a ReferenceError in strict mode,
// which is why the conjugate gradient is used here.)
interface FminPoint { x: number[]; fx: number; fxprime: number[] }
const fmin = (globalThis as unknown as {
  fmin: {
    conjugateGradient(f: (x: number[], grad: number[]) => number, initial: number[], params?: { maxIterations?: number }): FminPoint;
  };
}).fmin;

export interface MleResult {
  /** Parameters at the maximum, natural scale. */
  params: number[];
  /** Standard errors from the inverse of the observed information (NaN when singular). */
  standardErrors: number[];
  /** Log-likelihood at the maximum. */
  logLikelihood: number;
  /** Largest |gradient| of the log-likelihood w.r.t. log-parameters at the end. */
  gradientNorm: number;
  converged: boolean;
  iterations: number;
}

/** Central-difference gradient of f at x with absolute step h (x is on a log scale). */
function gradient(f: (x: number[]) => number, x: number[], h = 1e-5): number[] {
  return x.map((_, i) => {
    const up = x.slice();
    const down = x.slice();
    up[i] += h;
    down[i] -= h;
    return (f(up) - f(down)) / (2 * h);
  });
}

/** Central-difference Hessian; `steps[i]` is the step for coordinate i. */
export function hessian(f: (x: number[]) => number, x: number[], steps: number[]): Matrix {
  const n = x.length;
  const H = Matrix.zeros(n, n);
  const at = (di: number, i: number, dj: number, j: number) => {
    const y = x.slice();
    y[i] += di;
    y[j] += dj;
    return f(y);
  };
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const hi = steps[i];
      const hj = steps[j];
      const v = (at(hi, i, hj, j) - at(hi, i, -hj, j) - at(-hi, i, hj, j) + at(-hi, i, -hj, j)) / (4 * hi * hj);
      H.set(i, j, v);
      H.set(j, i, v);
    }
  }
  return H;
}

/**
 * Maximise `logLikelihood(params)` over positive `params`, starting at `start`.
 * The objective is scaled by 1/`scale` (the number of observations) so that the
 * optimiser's tolerances mean the same thing for 2,000 and 1,000,000 customers.
 */
export function maximiseLikelihood(
  logLikelihood: (params: number[]) => number,
  start: number[],
  scale: number,
  options: { warmStart?: { logLikelihood: (params: number[]) => number; scale: number } } = {},
): MleResult {
  const objectiveOf = (ll: (params: number[]) => number, n: number) => (theta: number[]) => {
    const v = -ll(theta.map(Math.exp)) / n;
    return Number.isFinite(v) ? v : 1e300;
  };
  const objective = objectiveOf(logLikelihood, scale);
  let from = start.map(Math.log);
  if (options.warmStart) {
    // On large data, find the optimum of a subsample first: the full data then only needs
    // the last few Newton steps.
    const rough = objectiveOf(options.warmStart.logLikelihood, options.warmStart.scale);
    from = newton(rough, approach(rough, from)).theta;
  } else {
    from = approach(objective, from);
  }
  const { theta, value, iterations } = newton(objective, from);
  const gradientNorm = Math.max(...gradient(objective, theta).map(Math.abs)) * scale;
  const params = theta.map(Math.exp);
  return {
    params,
    standardErrors: standardErrors(logLikelihood, params),
    logLikelihood: -value * scale,
    gradientNorm,
    // A gradient of 1e-3 in total log-likelihood units is far below anything that matters.
    converged:
      Number.isFinite(value) && value < 1e299 && params.every((p) => p > 1e-8 && p < 1e8) &&
      gradientNorm < 1e-3 * Math.max(1, Math.sqrt(scale)),
    iterations,
  };
}

/**
 * A few conjugate-gradient iterations from the start: enough to reach the region where
 * Newton steps work; each CG iteration costs about 20 evaluations (line search with
 * numerical gradients), so running it to convergence would cost far more than Newton.
 */
function approach(objective: (theta: number[]) => number, theta: number[]): number[] {
  const cg = fmin.conjugateGradient(
    (x, grad) => {
      const g = gradient(objective, x);
      for (let i = 0; i < g.length; i++) grad[i] = g[i];
      return objective(x);
    },
    theta,
    { maxIterations: 5 },
  );
  return cg.x.slice();
}

/**
 * Newton on the log scale with a numerical Hessian computed once (40 evaluations for 4
 * parameters) and then kept current by BFGS updates from the gradients (8 evaluations per
 * step); recomputed only when a step fails to descend.
 */
function newton(objective: (theta: number[]) => number, start: number[]): { theta: number[]; value: number; iterations: number } {
  let theta = start.slice();
  let value = objective(theta);
  let H = hessian(objective, theta, theta.map(() => 1e-4));
  let fresh = true;
  let g = gradient(objective, theta);
  let iterations = 0;
  for (; iterations < 100; iterations++) {
    const step = newtonStep(H, g);
    if (!step) break;
    if (Math.max(...step.map(Math.abs)) < 1e-7) break;
    let t = 1;
    let next: number[] | undefined;
    const before = value;
    for (let k = 0; k < 30; k++, t /= 2) {
      const candidate = theta.map((v, i) => v - t * step[i]);
      const nv = objective(candidate);
      if (nv <= value) {
        next = candidate;
        value = nv;
        break;
      }
    }
    if (!next) {
      if (fresh) break;
      H = hessian(objective, theta, theta.map(() => 1e-4));
      fresh = true;
      continue;
    }
    // A decrease below 1e-12 of the mean log-likelihood is at the numerical noise floor of
    // the differences; further steps would only chase noise.
    if (before - value < 1e-12 * Math.max(1, Math.abs(value))) {
      theta = next;
      break;
    }
    const nextG = gradient(objective, next);
    H = bfgsUpdate(H, next.map((v, i) => v - theta[i]), nextG.map((v, i) => v - g[i]));
    theta = next;
    g = nextG;
    fresh = false;
  }
  return { theta, value, iterations };
}

/**
 * Solve H step = g with H made positive definite if needed (Levenberg-Marquardt: add a
 * growing multiple of the identity), so that -step is always a descent direction even
 * where the likelihood is not concave (far from the optimum).
 */
function newtonStep(H: Matrix, g: number[]): number[] | null {
  const scale = Math.max(...H.diag().map(Math.abs), 1e-12);
  for (let k = 0, lambda = 0; k < 60; k++, lambda = lambda ? lambda * 4 : 1e-6 * scale) {
    const damped = lambda ? H.clone().add(Matrix.eye(g.length).mul(lambda)) : H;
    const chol = new CholeskyDecomposition(damped);
    if (chol.isPositiveDefinite()) {
      const step = chol.solve(Matrix.columnVector(g)).to1DArray();
      return step.every(Number.isFinite) ? step : null;
    }
  }
  return null;
}

/** BFGS update of a Hessian approximation from a step s and the change y in gradient. */
function bfgsUpdate(H: Matrix, s: number[], y: number[]): Matrix {
  const S = Matrix.columnVector(s);
  const Y = Matrix.columnVector(y);
  const ys = Y.transpose().mmul(S).get(0, 0);
  const HS = H.mmul(S);
  const sHs = S.transpose().mmul(HS).get(0, 0);
  if (!(ys > 1e-16) || !(sHs > 1e-16)) return H; // curvature condition fails: keep H
  return H.clone()
    .sub(HS.mmul(HS.transpose()).div(sHs))
    .add(Y.mmul(Y.transpose()).div(ys));
}

/** Standard errors: sqrt of the diagonal of the inverse observed information matrix. */
export function standardErrors(logLikelihood: (params: number[]) => number, params: number[]): number[] {
  const negative = (p: number[]) => -logLikelihood(p);
  const info = hessian(negative, params, params.map((p) => Math.max(1e-6, p * 1e-4)));
  try {
    const cov = inverse(info);
    return params.map((_, i) => {
      const v = cov.get(i, i);
      return v > 0 ? Math.sqrt(v) : Number.NaN;
    });
  } catch {
    return params.map(() => Number.NaN);
  }
}
