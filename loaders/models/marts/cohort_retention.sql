-- Logo retention, net and gross revenue retention per cohort and period offset; every offset
-- up to the analysis date appears, empty ones with zeros. Revenue retention is measured
-- against the cohort's first complete period (offset 1): the acquisition period (offset 0) is
-- only part of a period for its members, who start buying during it, so a base there makes
-- every later period look like growth (cells of 385-748%). The first cohort is everyone
-- already buying when the data starts (cohort_kind 'before_data'), not customers acquired then.
with periods as (select * from staging.cohort_periods),
members as (select * from intermediate.cohort_members),
sizes as (
  select cohort_index, count(*) as cohort_size from members where period_offset = 0 group by cohort_index
),
-- each member's net revenue in the base period (offset 1); a member silent then has 0
base as (
  select customer_id, cohort_index, revenue as base_revenue from members where period_offset = 1
),
base_totals as (
  select s.cohort_index,
         sum(b.base_revenue) as base_revenue,
         sum(greatest(b.base_revenue, 0)) as gross_base,   -- what GRR can keep: base revenue net of returns, floored at 0
         bp.is_partial as base_partial
  from sizes s
  left join base b using (cohort_index)
  left join periods bp on bp.period_index = s.cohort_index + 1
  group by s.cohort_index, bp.is_partial
),
grid as (
  select s.*, pe.period_index, pe.period_index - s.cohort_index as period_offset, pe.period, pe.is_partial
  from sizes s join periods pe on pe.period_index >= s.cohort_index
),
per_offset as (
  select m.cohort_index, m.period_offset,
         count(*) filter (where m.purchased) as active_customers,
         sum(m.revenue) as revenue,
         -- expansion and returns beyond zero do not count
         sum(greatest(least(m.revenue, coalesce(b.base_revenue, 0)), 0)) as revenue_kept
  from members m left join base b using (customer_id, cohort_index)
  group by all
),
cells as (
  select
    c.period as cohort, c.period_start as cohort_start,
    case when g.cohort_index = 0 then 'before_data' else 'acquired' end as cohort_kind,
    g.period, g.period_offset, g.cohort_size,
    coalesce(po.active_customers, 0) as active_customers,
    coalesce(po.active_customers, 0) / g.cohort_size as logo_retention,
    coalesce(po.revenue, 0) as revenue,
    case when g.period_offset >= 1 and not bt.base_partial then coalesce(bt.base_revenue, 0) end as base_revenue,
    case when g.period_offset >= 1 and not bt.base_partial then coalesce(po.revenue_kept, 0) end as revenue_kept,
    case when g.period_offset >= 1 and not bt.base_partial and bt.gross_base > 0 then bt.gross_base end as gross_base,
    g.is_partial
  from grid g
  join periods c on c.period_index = g.cohort_index
  join base_totals bt using (cohort_index)
  left join per_offset po using (cohort_index, period_offset)
)
select
  cohort, cohort_start, cohort_kind, period, period_offset, cohort_size, active_customers, logo_retention,
  revenue, base_revenue,
  case when base_revenue > 0 then revenue / base_revenue end as nrr,
  revenue_kept, gross_base,
  revenue_kept / gross_base as grr,
  -- from one period to the next (from the base on): revenue / the previous offset's
  case when period_offset >= 2 then revenue / nullif(lag(revenue) over (partition by cohort order by period_offset), 0) end as nrr_vs_previous,
  is_partial
from cells
