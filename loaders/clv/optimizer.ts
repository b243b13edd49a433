// Maximum likelihood on positive parameters, the project's own: Newton steps on the log
// scale with Levenberg-Marquardt damping, from a start the model chooses (moment matched).
// The model supplies the log-likelihood and its analytic gradient; the Hessian is the
// central difference of that gradient (2 gradients per parameter), so every step is a true
// Newton step near the optimum and a damped, descending one far from it. Standard errors
// come from the inverse observed information in the natural parameterisation (ml-matrix).
import { CholeskyDecomposition, Matrix, inverse } from "ml-matrix";

/** Log-likelihood and its gradient with respect to the (natural-scale) parameters. */
export type LogLikelihood = (params: number[]) => { value: number; gradient: number[] };

export interface MleResult {
  /** Parameters at the maximum, natural scale. */
  params: number[];
  /** Standard errors from the inverse of the observed information (NaN when singular). */
  standardErrors: number[];
  /** Log-likelihood at the maximum. */
  logLikelihood: number;
  /** Largest |gradient| of the total log-likelihood w.r.t. log-parameters at the end. */
  gradientNorm: number;
  converged: boolean;
  /** Why the optimiser stopped: "converged", or what went wrong, in words. */
  stop: string;
  iterations: number;
}

/** Parameters are kept within these bounds; reaching one means the maximum is not finite. */
export const PARAM_MIN = 1e-8;
export const PARAM_MAX = 1e8;
const THETA_MIN = Math.log(PARAM_MIN);
const THETA_MAX = Math.log(PARAM_MAX);
const MAX_ITERATIONS = 200;
/** Newton runs from this many of the best starts. */
const STARTS_RUN = 3;

/** The objective on the log scale, per observation: f(theta) = -ll(exp theta) / n. */
interface Scaled {
  value(theta: number[]): number;
  /** Value and gradient at once (the model computes both in one pass). */
  both(theta: number[]): { value: number; gradient: number[] };
}

function scaled(ll: LogLikelihood, n: number): Scaled {
  const both = (theta: number[]) => {
    const params = theta.map(Math.exp);
    const { value, gradient } = ll(params);
    const ok = Number.isFinite(value) && gradient.every(Number.isFinite);
    return ok
      ? { value: -value / n, gradient: gradient.map((g, i) => (-g * params[i]) / n) }
      : { value: Infinity, gradient: theta.map(() => Number.NaN) };
  };
  return { both, value: (theta) => both(theta).value };
}

/** Central-difference Jacobian of a gradient, symmetrised: a Hessian from 2n gradients. */
export function hessianOfGradient(gradient: (x: number[]) => number[], x: number[], steps: number[]): Matrix {
  const n = x.length;
  const H = Matrix.zeros(n, n);
  for (let j = 0; j < n; j++) {
    const up = x.slice();
    const down = x.slice();
    up[j] += steps[j];
    down[j] -= steps[j];
    const gu = gradient(up);
    const gd = gradient(down);
    for (let i = 0; i < n; i++) H.set(i, j, (gu[i] - gd[i]) / (2 * steps[j]));
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = (H.get(i, j) + H.get(j, i)) / 2;
      H.set(i, j, v);
      H.set(j, i, v);
    }
  }
  return H;
}

/**
 * Maximise `logLikelihood(params)` over positive `params`, starting at `start` (or at the
 * best of several candidate starts).
 * The objective is scaled by 1/`scale` (the number of observations) so that the
 * tolerances mean the same thing for 2,000 and 1,000,000 customers. `warmStart` (a
 * subsample's likelihood) is optimised first on large data: the full data then needs
 * only the last few Newton steps.
 */
export function maximiseLikelihood(
  logLikelihood: LogLikelihood,
  start: number[] | number[][],
  scale: number,
  options: { warmStart?: { logLikelihood: LogLikelihood; scale: number } } = {},
): MleResult {
  const starts = (Array.isArray(start[0]) ? (start as number[][]) : [start as number[]]).map((s) => s.map((p) => clamp(Math.log(p))));
  const objective = scaled(logLikelihood, scale);
  // Several starts: Newton from the best few (by likelihood) on the warm-up data (or the
  // data), keeping the highest optimum; the full data then polishes that one. A likelihood
  // can flatten out towards a boundary (BG/NBD: a, b -> infinity at a fixed mean dropout)
  // where the gradient vanishes without a maximum: one start may wander there.
  const warm = options.warmStart ? scaled(options.warmStart.logLikelihood, options.warmStart.scale) : objective;
  const ranked = starts.map((theta) => ({ theta, value: warm.value(theta) })).filter((s) => Number.isFinite(s.value)).sort((p, q) => p.value - q.value);
  let from = (ranked[0] ?? { theta: starts[0] }).theta;
  let warmIterations = 0;
  if (starts.length > 1 || options.warmStart) {
    let best = { theta: from, value: Infinity };
    for (const s of ranked.slice(0, STARTS_RUN)) {
      const run = newton(warm, s.theta, Infinity); // the full data polishes the best
      warmIterations += run.iterations;
      if (run.value < best.value) best = run;
    }
    if (Number.isFinite(best.value)) from = best.theta;
  }
  // A gradient of 1e-4 per observation in total log-likelihood units (and at least 1e-3) is
  // far below anything that changes an estimate in its reported digits.
  const tolerance = 1e-4 * Math.max(10, Math.sqrt(scale));
  const run = newton(objective, from, tolerance / scale);
  const params = run.theta.map(Math.exp);
  const gradientNorm = Math.max(...objective.both(run.theta).gradient.map(Math.abs)) * scale;
  const atBound = params.findIndex((p) => p <= PARAM_MIN * 1.0001 || p >= PARAM_MAX * 0.9999);
  let stop = "converged";
  if (!Number.isFinite(run.value)) stop = "the log-likelihood is not finite at the start or along the path";
  else if (atBound >= 0) stop = `parameter ${atBound + 1} ran to ${params[atBound].toPrecision(3)}: the likelihood has no finite maximum`;
  else if (!(gradientNorm < tolerance)) stop = `stopped after ${run.iterations} iterations (${run.stop}) with |gradient| = ${gradientNorm.toPrecision(3)} (tolerance ${tolerance.toPrecision(3)})`;
  return {
    params,
    standardErrors: stop === "converged" ? standardErrors(logLikelihood, params) : params.map(() => Number.NaN),
    logLikelihood: -run.value * scale,
    gradientNorm,
    converged: stop === "converged",
    stop,
    iterations: warmIterations + run.iterations,
  };
}

const clamp = (t: number) => Math.min(THETA_MAX, Math.max(THETA_MIN, t));

/**
 * Levenberg-Marquardt damped Newton on the log scale: solve (H + lambda I) d = -g, take the
 * step if it lowers the objective (and relax lambda), else raise lambda and try again. With
 * lambda -> 0 near the optimum this is Newton's method (quadratic convergence); with large
 * lambda a short gradient step, so it cannot climb where the likelihood is not concave.
 * When the objective stops telling steps apart while the gradient is still above
 * `gradientTolerance` (per observation), the last steps are judged by the gradient instead
 * (polish): with many customers the likelihood still to be gained there is below what a
 * double can resolve in the total.
 */
function newton(objective: Scaled, start: number[], gradientTolerance: number): { theta: number[]; value: number; iterations: number; stop: string } {
  let theta = start.slice();
  let { value, gradient: g } = objective.both(theta);
  if (!Number.isFinite(value)) return { theta, value, iterations: 0, stop: "not finite at the start" };
  const grad = (t: number[]) => objective.both(t).gradient;
  let lambda = 0;
  let iterations = 0;
  const finish = (stop: string) => {
    if (!(maxAbs(g) >= gradientTolerance)) return { theta, value, iterations, stop };
    const polished = polish(objective, theta, value, g, gradientTolerance);
    return { ...polished, iterations: iterations + polished.iterations, stop: polished.stop ?? stop };
  };
  for (; iterations < MAX_ITERATIONS; iterations++) {
    if (maxAbs(g) < 1e-12) return { theta, value, iterations, stop: "gradient zero" };
    const H = hessianOfGradient(grad, theta, theta.map(() => 1e-5));
    let accepted = false;
    for (let tries = 0; tries < 40 && !accepted; tries++) {
      const step = dampedStep(H, g, lambda);
      if (step) {
        const candidate = theta.map((t, i) => clamp(t + step[i]));
        const next = objective.both(candidate);
        if (next.value <= value) {
          const decrease = value - next.value;
          const moved = Math.max(...candidate.map((t, i) => Math.abs(t - theta[i])));
          theta = candidate;
          value = next.value;
          g = next.gradient;
          lambda = lambda / 10 < 1e-10 ? 0 : lambda / 10;
          accepted = true;
          // Below 1e-14 of the mean log-likelihood a decrease is rounding noise; a step of
          // 1e-10 on the log scale changes no reported digit.
          if (decrease <= 1e-14 * Math.max(1, Math.abs(value)) || moved < 1e-10) {
            iterations++;
            return finish("no further progress");
          }
          break;
        }
      }
      lambda = lambda === 0 ? 1e-4 * Math.max(1e-8, ...H.diag().map(Math.abs)) : lambda * 8;
    }
    if (!accepted) return finish("no step lowers the objective");
  }
  return { theta, value, iterations, stop: `iteration cap ${MAX_ITERATIONS} reached` };
}

const maxAbs = (v: number[]) => Math.max(...v.map(Math.abs));

/** Rounding noise of the objective: relative changes below this are not told apart. */
const VALUE_NOISE = 1e-12;
const POLISH_ITERATIONS = 20;

/**
 * The end game once the objective no longer resolves the steps (newton above): Newton steps
 * accepted when they shrink the gradient and do not raise the objective beyond its rounding
 * noise, halved until they do. Near a maximum the quadratic model is exact to far below that
 * noise, so this converges as Newton does; where no step shrinks the gradient there is no
 * maximum nearby to polish towards, and `stop` says so (null: converged).
 */
function polish(
  objective: Scaled,
  start: number[],
  startValue: number,
  startGradient: number[],
  gradientTolerance: number,
): { theta: number[]; value: number; iterations: number; stop: string | null } {
  let theta = start;
  let value = startValue;
  let g = startGradient;
  const grad = (t: number[]) => objective.both(t).gradient;
  for (let iterations = 0; iterations < POLISH_ITERATIONS; iterations++) {
    if (maxAbs(g) < gradientTolerance) return { theta, value, iterations, stop: null };
    const H = hessianOfGradient(grad, theta, theta.map(() => 1e-5));
    const step = dampedStep(H, g, 0);
    if (!step) return { theta, value, iterations, stop: "the Hessian is not negative definite where the objective flattens" };
    let accepted = false;
    for (let scale = 1; scale > 1e-3 && !accepted; scale /= 2) {
      const candidate = theta.map((t, i) => clamp(t + scale * step[i]));
      const next = objective.both(candidate);
      if (next.value <= value + VALUE_NOISE * Math.max(1, Math.abs(value)) && maxAbs(next.gradient) < maxAbs(g)) {
        theta = candidate;
        value = next.value;
        g = next.gradient;
        accepted = true;
      }
    }
    if (!accepted) return { theta, value, iterations, stop: "no Newton step lowers the gradient where the objective flattens" };
  }
  return maxAbs(g) < gradientTolerance
    ? { theta, value, iterations: POLISH_ITERATIONS, stop: null }
    : { theta, value, iterations: POLISH_ITERATIONS, stop: `gradient still above tolerance after ${POLISH_ITERATIONS} polishing steps` };
}

/** Solve (H + lambda I) d = -g; null when the damped matrix is not positive definite. */
function dampedStep(H: Matrix, g: number[], lambda: number): number[] | null {
  const damped = lambda ? H.clone().add(Matrix.eye(g.length).mul(lambda)) : H;
  const chol = new CholeskyDecomposition(damped);
  if (!chol.isPositiveDefinite()) return null;
  const step = chol.solve(Matrix.columnVector(g.map((v) => -v))).to1DArray();
  return step.every(Number.isFinite) ? step : null;
}

/** Standard errors: sqrt of the diagonal of the inverse observed information matrix. */
export function standardErrors(logLikelihood: LogLikelihood, params: number[]): number[] {
  const negativeGradient = (p: number[]) => logLikelihood(p).gradient.map((g) => -g);
  const info = hessianOfGradient(negativeGradient, params, params.map((p) => p * 1e-5));
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
