-- Per customer and grain period: net revenue and whether it purchased; the cohort is the
-- period of the first purchase, the offset counts grain periods since then.
with periods as (select * from staging.grain_periods),
activity as (
  select pe.period_index, o.customer_id,
         sum(o.revenue) as revenue,
         bool_or(o.is_purchase) as purchased
  from intermediate.orders o
  join periods pe on o.order_date between pe.period_start and pe.period_end
  group by all
),
cohorts as (
  select customer_id, min(period_index) as cohort_index from activity where purchased group by customer_id
)
select c.customer_id, c.cohort_index, a.period_index, a.period_index - c.cohort_index as period_offset,
       a.revenue, a.purchased
from cohorts c
join activity a on a.customer_id = c.customer_id and a.period_index >= c.cohort_index
