-- Logo retention, net and gross revenue retention per cohort and period offset; every offset
-- up to the analysis date appears, empty ones with zeros.
with periods as (select * from staging.grain_periods),
base as (
  select customer_id, cohort_index, revenue as revenue_0
  from intermediate.cohort_members where period_offset = 0
),
sizes as (
  select cohort_index, count(*) as cohort_size, sum(revenue_0) as revenue_0,
         sum(greatest(revenue_0, 0)) as gross_base  -- what GRR can keep: first-period purchases net of returns, floored at 0
  from base group by cohort_index
),
grid as (
  select s.*, pe.period_index, pe.period_index - s.cohort_index as period_offset, pe.period, pe.is_partial
  from sizes s join periods pe on pe.period_index >= s.cohort_index
),
per_offset as (
  select m.cohort_index, m.period_offset,
         count(*) filter (where m.purchased) as active_customers,
         sum(m.revenue) as revenue,
         sum(greatest(least(m.revenue, b.revenue_0), 0)) as revenue_kept  -- expansion and returns beyond zero do not count
  from intermediate.cohort_members m join base b using (customer_id, cohort_index)
  group by all
)
select
  c.period as cohort, c.period_start as cohort_start, g.period, g.period_offset,
  g.cohort_size,
  coalesce(po.active_customers, 0) as active_customers,
  coalesce(po.active_customers, 0) / g.cohort_size as logo_retention,
  coalesce(po.revenue, 0) as revenue,
  case when g.revenue_0 > 0 then coalesce(po.revenue, 0) / g.revenue_0 end as nrr,
  case when g.gross_base > 0 then coalesce(po.revenue_kept, 0) / g.gross_base end as grr,
  g.is_partial
from grid g
join periods c on c.period_index = g.cohort_index
left join per_offset po using (cohort_index, period_offset)
