import { describe, expect, it } from "vitest";
import { bgnbdLogLikelihoodGradient, fitBgnbd } from "../../loaders/clv/bgnbd.ts";
import { maximiseLikelihood } from "../../loaders/clv/optimizer.ts";
import { fitGammaGamma } from "../../loaders/clv/gammagamma.ts";
import { spendData } from "../../loaders/clv/gammagamma-data.ts";
import { groupRfm, subsampleGroups } from "../../loaders/clv/grouped.ts";
import { seededRandom, simulateCustomers } from "../../loaders/clv/simulate.ts";

const truth = { bgnbd: { r: 0.5, alpha: 6, a: 0.7, b: 3 }, gammaGamma: { p: 5, q: 4, gamma: 20 } };

describe("fits recover the parameters of simulated customers", () => {
  const customers = simulateCustomers({ customers: 30_000, ...truth, acquisitionDays: 84, windowDays: 364, daysPerUnit: 7, seed: 7 });

  it("BG/NBD: every parameter within 3 standard errors of the truth", () => {
    const fit = fitBgnbd(groupRfm(customers));
    for (const k of ["r", "alpha", "a", "b"] as const) {
      expect(Math.abs(fit.params[k] - truth.bgnbd[k])).toBeLessThan(3 * fit.standardErrors[k]);
    }
  });

  it("Gamma-Gamma: every parameter within 3 standard errors of the truth", () => {
    const fit = fitGammaGamma(spendData(customers));
    for (const k of ["p", "q", "gamma"] as const) {
      expect(Math.abs(fit.params[k] - truth.gammaGamma[k])).toBeLessThan(3 * fit.standardErrors[k]);
    }
  });

  it("the warm start on a subsample of groups does not change the optimum", () => {
    const grouped = groupRfm(customers);
    expect(grouped.x.length).toBeGreaterThan(2_000); // so fitBgnbd warms up on a subsample
    expect(subsampleGroups(grouped, 500).x.length).toBeLessThanOrEqual(500);
    const warm = fitBgnbd(grouped);
    const cold = maximiseLikelihood(
      ([r, alpha, a, b]) => bgnbdLogLikelihoodGradient({ r, alpha, a, b }, grouped),
      [1, 1, 1, 1],
      grouped.customers,
    );
    expect(warm.converged && cold.converged).toBe(true);
    expect(warm.logLikelihood).toBeCloseTo(cold.logLikelihood, 4);
    ["r", "alpha", "a", "b"].forEach((k, i) => expect(warm.params[k as "r"]).toBeCloseTo(cold.params[i], 4));
  });

  it("is deterministic for a seed", () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    expect(simulateCustomers({ customers: 5, ...truth, acquisitionDays: 10, windowDays: 50, daysPerUnit: 7, seed: 3 })).toEqual(
      simulateCustomers({ customers: 5, ...truth, acquisitionDays: 10, windowDays: 50, daysPerUnit: 7, seed: 3 }),
    );
  });
});
