-- Per customer and cohort-grain period (staging.cohort_periods): net revenue and whether it purchased; the cohort is the
-- period of the first purchase, the offset counts periods since then.
with activity as (
  select pe.period_index, cp.customer_id, cp.revenue, cp.purchases > 0 as purchased
  from intermediate.customer_periods cp
  join staging.cohort_periods pe using (period)
  where cp.is_active
),
cohorts as (
  select customer_id, min(period_index) as cohort_index from activity where purchased group by customer_id
)
select c.customer_id, c.cohort_index, a.period_index, a.period_index - c.cohort_index as period_offset,
       a.revenue, a.purchased
from cohorts c
join activity a on a.customer_id = c.customer_id and a.period_index >= c.cohort_index
