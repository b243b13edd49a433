// Fit both models on one window's RFM summary. BG/NBD uses every customer; Gamma-Gamma the
// repeat buyers, after measuring how strongly their frequency and spend are correlated
// (the model assumes they are independent).
import { diagnoseBgnbd, fitBgnbd, type BgnbdFit, type FitDiagnosis, type FitStatus } from "./bgnbd.ts";
import { diagnoseGammaGamma, fitGammaGamma, type GammaGammaFit } from "./gammagamma.ts";
import { frequencySpendCorrelation, spendDataColumns } from "./gammagamma-data.ts";
import { groupRfmColumns, type GroupedRfm } from "./grouped.ts";
import type { SummaryColumns } from "./summary.ts";

export interface WindowFit {
  bgnbd: BgnbdFit;
  bgnbdDiagnosis: FitDiagnosis;
  gammaGamma: GammaGammaFit;
  gammaGammaDiagnosis: { status: FitStatus; reason: string | null };
  /** Repeat buyers left out of Gamma-Gamma because their mean repeat spend is <= 0. */
  spendLeftOut: number;
  frequencySpendCorrelation: number;
  independenceOk: boolean;
  /** The (x, t_x, T) groups BG/NBD was fitted on, and each customer's group. */
  groups: GroupedRfm & { groupOf: Int32Array };
}

/** Smallest base the two models are fitted on: below it the estimates mean little. */
export const MIN_CUSTOMERS = 20;
export const MIN_REPEAT_BUYERS = 10;

/** Why a window cannot be fitted, or null when it can. */
const repeatBuyers = (summary: SummaryColumns) => summary.frequency.reduce((n, x) => (x > 0 ? n + 1 : n), 0);

export function unfittable(summary: SummaryColumns): string | null {
  const repeat = repeatBuyers(summary);
  if (summary.length < MIN_CUSTOMERS) return `${summary.length} customers (at least ${MIN_CUSTOMERS} needed)`;
  if (repeat < MIN_REPEAT_BUYERS) return `${repeat} repeat buyers (at least ${MIN_REPEAT_BUYERS} needed)`;
  return null;
}

export function fitWindow(summary: SummaryColumns, maxCorrelation: number): WindowFit {
  const spend = spendDataColumns(summary.frequency, summary.monetaryValue);
  const correlation = frequencySpendCorrelation(spend);
  const grouped = groupRfmColumns(summary.frequency, summary.recency, summary.T);
  const bgnbd = fitBgnbd(grouped);
  const gammaGamma = fitGammaGamma(spend);
  return {
    bgnbd,
    bgnbdDiagnosis: diagnoseBgnbd(bgnbd, grouped),
    gammaGamma,
    gammaGammaDiagnosis: diagnoseGammaGamma(gammaGamma),
    spendLeftOut: repeatBuyers(summary) - spend.x.length,
    frequencySpendCorrelation: correlation,
    independenceOk: Math.abs(correlation) <= maxCorrelation,
    groups: grouped,
  };
}
