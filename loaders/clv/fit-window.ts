// Fit both models on one window's RFM summary. BG/NBD uses every customer; Gamma-Gamma the
// repeat buyers, after measuring how strongly their frequency and spend are correlated
// (the model assumes they are independent).
import { fitBgnbd, type BgnbdFit } from "./bgnbd.ts";
import { fitGammaGamma, type GammaGammaFit } from "./gammagamma.ts";
import { frequencySpendCorrelation, spendData } from "./gammagamma-data.ts";
import { groupRfm } from "./grouped.ts";
import type { CustomerSummary } from "./summary.ts";

export interface WindowFit {
  bgnbd: BgnbdFit;
  gammaGamma: GammaGammaFit;
  frequencySpendCorrelation: number;
  independenceOk: boolean;
}

/** Smallest base the two models are fitted on: below it the estimates mean little. */
export const MIN_CUSTOMERS = 20;
export const MIN_REPEAT_BUYERS = 10;

/** Why a window cannot be fitted, or null when it can. */
export function unfittable(summary: CustomerSummary[]): string | null {
  const repeat = summary.filter((s) => s.frequency > 0).length;
  if (summary.length < MIN_CUSTOMERS) return `${summary.length} customers (at least ${MIN_CUSTOMERS} needed)`;
  if (repeat < MIN_REPEAT_BUYERS) return `${repeat} repeat buyers (at least ${MIN_REPEAT_BUYERS} needed)`;
  return null;
}

export function fitWindow(summary: CustomerSummary[], maxCorrelation: number): WindowFit {
  const spend = spendData(summary);
  const correlation = frequencySpendCorrelation(spend);
  return {
    bgnbd: fitBgnbd(groupRfm(summary)),
    gammaGamma: fitGammaGamma(spend),
    frequencySpendCorrelation: correlation,
    independenceOk: Math.abs(correlation) <= maxCorrelation,
  };
}
