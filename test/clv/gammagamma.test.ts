import { describe, expect, it } from "vitest";
import {
  conditionalExpectedAverageSpend,
  fitGammaGamma,
  gammaGammaCustomerLogLikelihood,
  gammaGammaLogLikelihood,
} from "../../loaders/clv/gammagamma.ts";
import { frequencySpendCorrelation, spendData } from "../../loaders/clv/gammagamma-data.ts";
import { summariseTransactions } from "../../loaders/clv/summary.ts";
import { CALIBRATION_END, readSampleTransactions, readShippedSummary } from "./cdnow.ts";

describe("Gamma-Gamma on the 946 CDNOW repeat buyers (Fader, Hardie & Lee 2005)", () => {
  // Mean repeat spend computed from the raw transactions, not rounded.
  const own = summariseTransactions(readSampleTransactions(), { calibrationEnd: CALIBRATION_END, countZeroValueDays: true });
  const data = spendData(own);
  const fit = fitGammaGamma(data);

  it("reproduces p = 6.25, q = 3.74, gamma = 15.44", () => {
    expect(data.x.length).toBe(946);
    expect(fit.converged).toBe(true);
    expect(fit.params.p.toFixed(2)).toBe("6.25");
    expect(fit.params.q.toFixed(2)).toBe("3.74");
    expect(fit.params.gamma.toFixed(2)).toBe("15.44");
  });

  it("on the shipped summary (zbar rounded to cents) gives the same p, q and gamma within 0.01", () => {
    const shipped = spendData(readShippedSummary().map((r) => ({ frequency: r.x, monetaryValue: r.zbar })));
    const rounded = fitGammaGamma(shipped);
    expect(rounded.params.p.toFixed(2)).toBe("6.25");
    expect(rounded.params.q.toFixed(2)).toBe("3.74");
    expect(Math.abs(rounded.params.gamma - 15.44)).toBeLessThan(0.01);
  });

  it("checks the independence assumption: frequency and spend are weakly correlated (r = 0.11)", () => {
    expect(frequencySpendCorrelation(data)).toBeCloseTo(0.114, 3);
  });

  it("total log-likelihood is the sum over customers", () => {
    const p = { p: 6.25, q: 3.74, gamma: 15.44 };
    let sum = 0;
    for (let i = 0; i < data.x.length; i++) sum += gammaGammaCustomerLogLikelihood(p, data.x[i], data.m[i]);
    expect(gammaGammaLogLikelihood(p, data)).toBeCloseTo(sum, 8);
  });

  it("expected spend is the credibility-weighted mean of the population mean and the customer's own", () => {
    const p = { p: 6.25, q: 3.74, gamma: 15.44 };
    const population = (6.25 * 15.44) / 2.74; // E[M] = p gamma / (q - 1)
    expect(conditionalExpectedAverageSpend(p, 0, 0)).toBeCloseTo(population, 10);
    // x = 2, m = 30: weight on own mean = p x / (p x + q - 1) = 12.5 / 15.24
    const w = 12.5 / 15.24;
    expect(conditionalExpectedAverageSpend(p, 2, 30)).toBeCloseTo(w * 30 + (1 - w) * population, 10);
    expect(() => conditionalExpectedAverageSpend({ p: 1, q: 0.9, gamma: 1 }, 1, 10)).toThrow(/not finite/);
  });
});
