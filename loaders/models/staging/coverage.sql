-- What the data holds, in one row: the dates it covers and which of the optional inputs are
-- there. A model that needs cost or payments reads this to say "unknown" (NULL) instead of 0
-- when the exports do not carry them; periods read coverage_start/_end to mark what is partial.
-- coverage_start = analysis.data_start, else the first order date moved back to the 1st of its
-- month when it falls on day 1-7 (whole months exported, the first days without orders).
with params as (select analysis_date, data_start from staging.params),
lines as (
  select min(l.order_date) as first_order_date,
         max(l.order_date) as last_order_date,
         count(*) as lines,
         count(l.cost) as lines_with_cost
  from staging.order_lines l
)
select
  l.first_order_date,
  l.last_order_date,
  coalesce(p.data_start,
           case when day(l.first_order_date) <= 7 then date_trunc('month', l.first_order_date)::DATE else l.first_order_date end
  ) as coverage_start,
  p.analysis_date as coverage_end,
  l.lines,
  l.lines_with_cost,
  l.lines_with_cost > 0 as cost_known,
  (select count(*) > 0 from staging.payments) as payments_known,
  (select count(*) > 0 from staging.visits) as visits_known,
  (select count(*) > 0 from staging.quality_claims) as claims_known
from lines l, params p
