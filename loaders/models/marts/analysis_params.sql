-- The resolved parameters in one row, so that pages can show what the figures assume.
select
  p.analysis_date, w.window_start, p.analysis_date as window_end, p.window_months, p.grain, c.cohort_grain,
  p.fiscal_year_start_month, p.volume_unit, p.top_share, p.target_share, p.abc_a, p.abc_b,
  p.risk_largest_share, p.risk_top10_share, p.handling_cost_per_order,
  p.credit_lag_days, w.credit_start, w.credit_end, p.rfm_new_days
from staging.params p, staging.windows w, staging.coverage c
