-- materialized: table
-- Which periods' tiers count when a period is reviewed for accounts at risk: the period itself
-- and every period of the grain within the period before it (period_start - its length up to
-- its covered end), so that an account that stopped recently is still watched.
with rp as (select period, period_kind, period_start, covered_end, months from staging.rating_periods)
select r.period, r.period as reviewed_period from rp r
union
select r.period, g.period
from rp r join rp g on g.period_kind <> 'window'
  and g.period_start <= r.covered_end and g.covered_end >= cast(r.period_start - to_months(r.months) as date)
