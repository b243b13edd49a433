// Fit both models on one window's RFM summary. BG/NBD uses every customer; Gamma-Gamma the
// repeat buyers, after measuring how strongly their frequency and spend are correlated
// (the model assumes they are independent).
import { diagnoseBgnbd, fitBgnbd, type BgnbdFit, type FitDiagnosis, type FitStatus } from "./bgnbd.ts";
import { diagnoseGammaGamma, fitGammaGamma, type GammaGammaFit } from "./gammagamma.ts";
import { frequencySpendCorrelation, spendData } from "./gammagamma-data.ts";
import { groupRfm } from "./grouped.ts";
import type { CustomerSummary } from "./summary.ts";

export interface WindowFit {
  bgnbd: BgnbdFit;
  bgnbdDiagnosis: FitDiagnosis;
  gammaGamma: GammaGammaFit;
  gammaGammaDiagnosis: { status: FitStatus; reason: string | null };
  /** Repeat buyers left out of Gamma-Gamma because their mean repeat spend is <= 0. */
  spendLeftOut: number;
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
  const grouped = groupRfm(summary);
  const bgnbd = fitBgnbd(grouped);
  const gammaGamma = fitGammaGamma(spend);
  return {
    bgnbd,
    bgnbdDiagnosis: diagnoseBgnbd(bgnbd, grouped),
    gammaGamma,
    gammaGammaDiagnosis: diagnoseGammaGamma(gammaGamma),
    spendLeftOut: summary.filter((s) => s.frequency > 0).length - spend.x.length,
    frequencySpendCorrelation: correlation,
    independenceOk: Math.abs(correlation) <= maxCorrelation,
  };
}
