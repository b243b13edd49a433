-- materialized: table
-- What the data holds, in one row: the dates it covers and which of the optional inputs are
-- there. A model that needs cost or payments reads this to say "unknown" (NULL) instead of 0
-- when the exports do not carry them; periods read coverage_start/_end to mark what is partial.
-- coverage_start = analysis.data_start, else the first order date moved back to the 1st of its
-- month when it falls on day 1-7 (whole months exported, the first days without orders).
-- months_covered = whole months from coverage_start to the analysis date.
-- cost_to_serve_known: some part of the cost to serve is in the data or the config.
-- cohort_grain = analysis.cohort_grain, else the grain when the data covers at least two of its
-- periods (months_covered >= 2 x its months), else month (a one-year history has cohorts by month).
with params as (select analysis_date, data_start, grain, cohort_grain, handling_cost_per_order, amounts_net_of_discounts from staging.params),
lines as (
  select min(l.order_date) as first_order_date,
         max(l.order_date) as last_order_date,
         count(*) as lines,
         count(l.cost) as lines_with_cost
  from staging.order_lines l
),
started as (
  select l.*, p.*,
         coalesce(p.data_start,
                  case when day(l.first_order_date) <= 7 then date_trunc('month', l.first_order_date)::DATE else l.first_order_date end
         ) as coverage_start
  from lines l, params p
),
measured as (
  select *, date_sub('month', coverage_start, cast(analysis_date + interval 1 day as date)) as months_covered
  from started
)
select
  first_order_date,
  last_order_date,
  coverage_start,
  analysis_date as coverage_end,
  months_covered,
  coalesce(cohort_grain,
           case when months_covered >= 2 * case grain when 'year' then 12 when 'quarter' then 3 else 1 end
                then grain else 'month' end) as cohort_grain,
  lines,
  lines_with_cost,
  lines_with_cost > 0 as cost_known,
  (select count(*) > 0 from staging.payments) as payments_known,
  (select count(*) > 0 from staging.visits) as visits_known,
  (select count(*) > 0 from staging.quality_claims) as claims_known,
  -- the cost to serve is known when one of its parts is: a configured handling cost per order,
  -- a visits or quality claims export, or discounts that are not already in the amounts; with
  -- none of them it is unknown (NULL), not 0 (which made every customer cheap to serve)
  handling_cost_per_order is not null
    or (select count(*) > 0 from staging.visits)
    or (select count(*) > 0 from staging.quality_claims)
    or not amounts_net_of_discounts as cost_to_serve_known
from measured
