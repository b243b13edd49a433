// Why an account is at risk, in the page's language, from marts.at_risk_accounts' four signal
// flags and the figures behind them (the mart's `reasons` column is English only); the same
// sentences as /risks (locale keys risk.signal.*). Pure: the mart row, {t, fmt} and the
// config's at-risk frequency window (analysis_params.at_risk_frequency_months) in.

/** "no purchase for 210 days (usually every 45); 2 orders in the last 6 months vs 7 before" — the signals that fire, in order. */
export function riskSignals(row, { t, fmt, frequencyMonths }) {
  return [
    row.recency_slips ? t("risk.signal.recency", { days: fmt.integer(row.recency_days), gap: fmt.integer(row.typical_gap_days) }) : null,
    row.frequency_slips ? t("risk.signal.frequency", { recent: fmt.integer(row.purchases_recent), months: fmt.integer(frequencyMonths), before: fmt.integer(row.purchases_recent_before) }) : null,
    row.value_slips ? t("risk.signal.value", { change: fmt.change(row.growth, 0) }) : null,
    row.collection_slips ? t("risk.signal.collection", { rate: fmt.percent(row.collection_rate, 0), previous: fmt.percent(row.previous_collection_rate, 0) }) : null,
  ].filter(Boolean).join(t("risk.signal.sep"));
}
