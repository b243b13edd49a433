-- The periods customers are measured and rated in: every period of the configured grain and the
-- window (staging.report_periods), each with
-- - covered_end: the last day it holds data (the analysis date for a period still running);
-- - the range it is compared with: the same stretch one period earlier (the same months when
--   the period is partial: 2026 Jan-Sep against 2025 Jan-Sep; the window against the window
--   before), and whether the data covers that range (compare_covered);
-- - previous_period: the period before of the same kind (none for the window);
-- - due_end: invoices dated up to here are due (credit_lag_days before the analysis date).
with p as (select analysis_date, window_months, credit_lag_days from staging.params),
-- where the data starts, and whether it covers a period's comparison: one rule, staging.coverage
-- and staging.periods (coverage_start; comparison_basis is NULL when the earlier range, or the
-- period's own start, lies before the data)
data as (select coverage_start as data_start from staging.coverage),
sized as (
  select rp.* exclude (covered_start, covered_end, compare_start, compare_end),
         case rp.period_kind when 'year' then 12 when 'quarter' then 3 when 'month' then 1 else p.window_months end as months,
         least(rp.period_end, p.analysis_date) as covered_end,
         cast(p.analysis_date - to_days(p.credit_lag_days) as date) as due_end,
         d.data_start
  from staging.report_periods rp, p, data d
),
compared as (
  select *,
         cast(period_start - to_months(months) as date) as compare_start,
         case when covered_end = period_end then cast(period_start - interval 1 day as date)
              else cast(covered_end - to_months(months) as date) end as compare_end
  from sized
)
select
  period, period_kind, period_start, period_end, is_partial, covered_end, months,
  compare_start, compare_end, comparison_basis is not null as compare_covered,
  case when period_kind <> 'window' then lag(period) over (partition by period_kind order by period_start) end as previous_period,
  due_end, data_start
from compared
