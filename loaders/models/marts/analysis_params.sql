-- The resolved parameters in one row, so that pages can show what the figures assume.
select
  p.analysis_date, w.window_start, p.analysis_date as window_end, p.window_months, p.grain, c.cohort_grain,
  p.fiscal_year_start_month, p.volume_unit, p.top_share, p.target_share, p.abc_a, p.abc_b,
  p.risk_largest_share, p.risk_top10_share, p.handling_cost_per_order,
  p.credit_lag_days, w.credit_start, w.credit_end, p.rfm_new_days,
  -- the rules of the risks page (key accounts, at risk, rising stars, discount warnings)
  p.key_share, p.risk_min_recency_days, p.risk_recency_ratio, p.at_risk_frequency_months, p.risk_frequency_ratio,
  p.risk_value_drop, p.risk_collection_drop, p.min_collection_rate, p.rising_small_share, p.rising_min_growth,
  p.rising_min_regularity, p.policy_max_discount_margin_share
from staging.params p, staging.windows w, staging.coverage c
