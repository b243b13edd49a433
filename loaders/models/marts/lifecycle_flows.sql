-- Flows between lifecycle stages from one period of the grain to the next: how many customers
-- went from each stage (or `new`: their first purchase falls in the later period) to each stage,
-- and the share of the stage they came from.
with pairs as (
  select period as to_period, previous_period as from_period from staging.rating_periods
  where period_kind <> 'window' and previous_period is not null
),
moves as (
  select pr.from_period, pr.to_period, coalesce(b.stage, 'new') as from_stage, a.stage as to_stage
  from pairs pr
  join marts.lifecycle_stages a on a.period = pr.to_period
  left join marts.lifecycle_stages b on b.period = pr.from_period and b.customer_id = a.customer_id
),
counted as (
  select from_period, to_period, from_stage, to_stage, count(*) as n_customers from moves group by all
)
select *, n_customers / sum(n_customers) over (partition by from_period, to_period, from_stage) as share
from counted
