import { describe, expect, it } from "vitest";
import { bgnbdLogLikelihood, bgnbdLogLikelihoodGradient, bgnbdStart, diagnoseBgnbd, fitBgnbd } from "../../loaders/clv/bgnbd.ts";
import { diagnoseGammaGamma, fitGammaGamma, gammaGammaLogLikelihood, gammaGammaLogLikelihoodGradient, gammaGammaStart } from "../../loaders/clv/gammagamma.ts";
import { indexDistinctFrequencies, spendData } from "../../loaders/clv/gammagamma-data.ts";
import { groupRfm } from "../../loaders/clv/grouped.ts";
import { maximiseLikelihood } from "../../loaders/clv/optimizer.ts";
import { simulateCustomers } from "../../loaders/clv/simulate.ts";
import { readShippedSummary } from "./cdnow.ts";

const shipped = readShippedSummary();
const grouped = groupRfm(shipped.map((r) => ({ frequency: r.x, recency: r.tx, T: r.T })));
const spend = spendData(shipped.map((r) => ({ frequency: r.x, monetaryValue: r.zbar })));

/** Central differences of the value, relative step 1e-6: an independent check of the gradient. */
function numericGradient(f: (p: number[]) => number, p: number[]): number[] {
  return p.map((v, i) => {
    const h = v * 1e-6;
    const up = p.slice();
    const down = p.slice();
    up[i] += h;
    down[i] -= h;
    return (f(up) - f(down)) / (2 * h);
  });
}

describe("analytic gradients", () => {
  it("BG/NBD: equal to central differences of the log-likelihood at several points", () => {
    for (const p of [[0.243, 4.414, 0.793, 2.426], [1, 1, 1, 1], [2.5, 30, 0.2, 8], [0.05, 0.5, 3, 0.7]]) {
      const f = ([r, alpha, a, b]: number[]) => bgnbdLogLikelihood({ r, alpha, a, b }, grouped);
      const [r, alpha, a, b] = p;
      const { value, gradient } = bgnbdLogLikelihoodGradient({ r, alpha, a, b }, grouped);
      expect(value).toBe(f(p));
      numericGradient(f, p).forEach((g, i) => expect(Math.abs(gradient[i] - g)).toBeLessThan(1e-4 * Math.max(1, Math.abs(g))));
    }
  });

  it("Gamma-Gamma: equal to central differences of the log-likelihood at several points", () => {
    for (const p of [[6.25, 3.74, 15.44], [1, 2, 30], [20, 1.5, 3]]) {
      const f = ([pp, q, gamma]: number[]) => gammaGammaLogLikelihood({ p: pp, q, gamma }, spend);
      const { gradient } = gammaGammaLogLikelihoodGradient({ p: p[0], q: p[1], gamma: p[2] }, spend);
      numericGradient(f, p).forEach((g, i) => expect(Math.abs(gradient[i] - g)).toBeLessThan(1e-4 * Math.max(1, Math.abs(g))));
    }
  });
});

describe("Newton / Levenberg-Marquardt from moment-matched starts", () => {
  it("moment-matched starts are in the right region on CDNOW (mean rate and mean spend)", () => {
    const s = bgnbdStart(grouped);
    // r/alpha = purchases per week while alive; the fit has 0.243 / 4.414 = 0.055.
    expect(s.r / s.alpha).toBeGreaterThan(0.02);
    expect(s.r / s.alpha).toBeLessThan(0.1);
    const g = gammaGammaStart(spend);
    const mean = spend.m.reduce((t, v) => t + v, 0) / spend.m.length;
    expect((g.p * g.gamma) / (g.q - 1)).toBeCloseTo(mean, 6);
  });

  it("reaches the CDNOW optimum in few iterations, from the moment start and from a poor one", () => {
    const fit = fitBgnbd(grouped);
    expect(fit.converged).toBe(true);
    expect(fit.stop).toBe("converged");
    expect(fit.iterations).toBeLessThan(30);
    const far = maximiseLikelihood(([r, alpha, a, b]) => bgnbdLogLikelihoodGradient({ r, alpha, a, b }, grouped), [10, 0.1, 20, 0.05], grouped.customers);
    expect(far.converged).toBe(true);
    expect(far.logLikelihood).toBeCloseTo(fit.logLikelihood, 6);
  });

  it("a cap on the iterations is reported as not converged, with the reason", () => {
    // A likelihood whose maximum is at infinity: l(p) = log p - 1/p... rises for ever.
    const fit = maximiseLikelihood(([p]) => ({ value: Math.log(p), gradient: [1 / p] }), [1], 1);
    expect(fit.converged).toBe(false);
    expect(fit.stop).toMatch(/ran to 1\.00e\+8: the likelihood has no finite maximum|iteration cap|gradient/);
    expect(fit.standardErrors.every(Number.isNaN)).toBe(true);
  });
});

describe("fits on a ridge are flagged, not published as sound", () => {
  const base = (dropout: { a: number; b: number }, seed: number) =>
    simulateCustomers({
      customers: 4_000,
      bgnbd: { r: 0.8, alpha: 6, ...dropout },
      gammaGamma: { p: 5, q: 4, gamma: 20 },
      acquisitionDays: 84,
      windowDays: 364,
      daysPerUnit: 7,
      seed,
    });

  for (const seed of [1, 2, 3]) {
    it(`a simulated base where nobody leaves (seed ${seed}): BG/NBD on a ridge, P(alive) not informative`, () => {
      const data = groupRfm(base({ a: 1e-9, b: 1e9 }, seed)); // dropout probability ~ 0
      const fit = fitBgnbd(data);
      const diagnosis = diagnoseBgnbd(fit, data);
      expect(diagnosis.status).toBe("ridge");
      expect(diagnosis.pAliveInformative).toBe(false);
      expect(diagnosis.reason).toMatch(/ridge.*P\(alive\)/);
    });
  }

  it("a fit whose dropout distribution collapsed onto 0 and 1 (a, b -> 0 together) is a ridge", () => {
    // Seen on a four-year consumer export's calibration window: a = 1.2e-8, b = 1.4e-6.
    const data = groupRfm(base({ a: 0.8, b: 2.5 }, 5));
    const fit = fitBgnbd(data);
    const collapsed = { ...fit, params: { ...fit.params, a: 1.2e-8, b: 1.4e-6 } };
    expect(diagnoseBgnbd(collapsed, data)).toMatchObject({ status: "ridge", pAliveInformative: false, reason: expect.stringMatching(/collapsed onto 0 and 1/) });
  });

  it("a simulated base with dropout is sound", () => {
    const data = groupRfm(base({ a: 0.8, b: 2.5 }, 4));
    const diagnosis = diagnoseBgnbd(fitBgnbd(data), data);
    expect(diagnosis).toEqual({ status: "ok", reason: null, pAliveInformative: true });
  });

  it("Gamma-Gamma on customers who all spend alike is on a ridge; CDNOW's is sound", () => {
    // Mean spends around 100 whose spread shrinks as 1/sqrt(x): all of it is a customer's own
    // purchase-to-purchase noise, none is a difference between customers (q -> infinity).
    const x = Array.from({ length: 400 }, (_, i) => 1 + (i % 6));
    const m = x.map((n, i) => 100 + ((i % 2 ? 30 : -30) * ((i >> 1) % 3 === 0 ? 1.2 : 0.9)) / Math.sqrt(n));
    const flat = fitGammaGamma(indexDistinctFrequencies(x, m));
    expect(diagnoseGammaGamma(flat)).toMatchObject({ status: "ridge", reason: expect.stringMatching(/do not differ in spend/) });
    // The same values all equal within a customer: a ridge in p.
    const same = fitGammaGamma(indexDistinctFrequencies(x, x.map((_, i) => 100 + ((i * 37) % 11) - 5)));
    expect(diagnoseGammaGamma(same).status).toBe("ridge");
    expect(diagnoseGammaGamma(fitGammaGamma(spend))).toEqual({ status: "ok", reason: null });
  });
});

describe("several dropout starts find the optimum a single one can miss", () => {
  // A base like the bundled sample's (frequent B2B buyers, rare dropout, five years):
  // from a = 1, b = 3 alone the optimiser settled there at a, b -> infinity (a flat limit).
  const truth = { r: 2.3, alpha: 7.3, a: 0.11, b: 12.6 };
  const data = groupRfm(
    simulateCustomers({ customers: 1_500, bgnbd: truth, gammaGamma: { p: 5, q: 4, gamma: 20 }, acquisitionDays: 1_500, windowDays: 2_100, daysPerUnit: 7, seed: 21 }),
  );

  it("reaches the maximum: the truth is inside the 99.9% likelihood-ratio region, and no single start does better", () => {
    const fit = fitBgnbd(data);
    expect(diagnoseBgnbd(fit, data).status).toBe("ok");
    // 2 (LL(fit) - LL(truth)) ~ chi-square with 4 degrees of freedom; its 99.9% point is 18.47.
    const lr = 2 * (fit.logLikelihood - bgnbdLogLikelihood(truth, data));
    expect(lr).toBeGreaterThanOrEqual(0);
    expect(lr).toBeLessThan(18.47);
    const s = bgnbdStart(data);
    const single = maximiseLikelihood(([r, alpha, a, b]) => bgnbdLogLikelihoodGradient({ r, alpha, a, b }, data), [s.r, s.alpha, 1, 3], data.customers);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(single.logLikelihood - 1e-6);
  });
});
