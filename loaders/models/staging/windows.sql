-- materialized: table
-- The date ranges every model shares (all bounds inclusive), derived once from the params.
with params as (select * from staging.params)
select
  analysis_date,
  window_months,
  cast(analysis_date - to_months(window_months) + interval 1 day as date) as window_start,
  cast(analysis_date - to_months(2 * window_months) + interval 1 day as date) as prior_window_start,
  cast(analysis_date - to_months(window_months) as date) as prior_window_end,
  -- the window's invoices that are due (what its collection rate judges)
  cast(analysis_date - to_months(window_months) + interval 1 day as date) as credit_start,
  cast(analysis_date - to_days(credit_lag_days) as date) as credit_end,
  credit_lag_days,
  cast(analysis_date - interval 12 month + interval 1 day as date) as last4q_start,
  cast(analysis_date - interval 24 month + interval 1 day as date) as prev4q_start
from params
