-- materialized: table
-- The periods customers are measured and rated in: every period of the configured grain and the
-- window (staging.report_periods), with what staging.periods says about them (covered range,
-- the range they are compared with and whether the data covers it: compare_start/compare_end
-- are NULL and comparison_reason says why when it does not), plus
-- - months: the period's length (the window: analysis.window_months);
-- - due_end: invoices dated up to here are due (credit_lag_days before the analysis date);
-- - data_start: where the data starts (staging.coverage.coverage_start).
with p as (select analysis_date, window_months, credit_lag_days from staging.params),
data as (select coverage_start as data_start from staging.coverage)
select
  rp.period, rp.period_kind, rp.period_start, rp.period_end, rp.is_partial, rp.coverage,
  rp.covered_start, rp.covered_end,
  case rp.period_kind when 'year' then 12 when 'quarter' then 3 when 'month' then 1 else p.window_months end as months,
  rp.compare_start, rp.compare_end, rp.comparison_basis, rp.comparison_reason,
  rp.comparison_basis is not null as compare_covered,
  rp.previous_period,
  cast(p.analysis_date - to_days(p.credit_lag_days) as date) as due_end,
  d.data_start
from staging.report_periods rp, p, data d
