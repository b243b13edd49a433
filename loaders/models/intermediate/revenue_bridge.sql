-- The revenue bridge of each period against the range it is compared with (the ranges of
-- intermediate.kpi_period): start (revenue of the earlier range) + new + returning + expansion +
-- contraction + lost = end (revenue of this period), exactly. Each customer's change (current
-- - earlier net revenue, returns included) goes to one component, by purchases: new = first
-- purchase in the data now; returning = bought now and long ago, not in the earlier range
-- (won back); lost = bought in the earlier range, not now; expansion / contraction = bought in
-- both, more / less (a customer with returns only, in both ranges, counts by the sign of its
-- change). Without a comparison (comparison_reason) the amounts are NULL.
with periods as (select * from staging.periods),
components as (
  select * from (values ('start', 1), ('new', 2), ('returning', 3), ('expansion', 4), ('contraction', 5), ('lost', 6), ('end', 7))
    t(component, sort_order)
),
pairs as (
  select coalesce(c.period, k.period) as period, coalesce(c.customer_id, k.customer_id) as customer_id,
         coalesce(c.revenue, 0) as revenue, coalesce(k.revenue, 0) as previous_revenue,
         coalesce(c.purchase_orders, 0) > 0 as buys_now, coalesce(k.purchase_orders, 0) > 0 as bought_before
  from (select * from intermediate.range_customers
        where role = 'current' and period in (select period from periods where comparison_basis is not null)) c
  full join (select * from intermediate.range_customers where role = 'compare') k using (period, customer_id)
),
classified as (
  select pairs.*, pairs.revenue - pairs.previous_revenue as change,
         case when buys_now and not bought_before and a.first_purchase_date >= r.range_start then 'new'
              when buys_now and not bought_before then 'returning'
              when bought_before and not buys_now then 'lost'
              when pairs.revenue > pairs.previous_revenue then 'expansion'
              when pairs.revenue < pairs.previous_revenue then 'contraction' end as component
  from pairs
  join intermediate.period_ranges r on r.period = pairs.period and r.role = 'current'
  left join intermediate.customer_activity a using (customer_id)
),
moves as (
  select period, component, count(*) as n_customers, sum(change) as revenue
  from classified where component is not null group by all
  union all
  select period, 'start', count(*) filter (where bought_before), sum(previous_revenue) from classified group by period
  union all
  select period, 'end', count(*) filter (where buys_now), sum(revenue) from classified group by period
)
select
  p.period, p.period_kind, p.previous_period, p.comparison_basis,
  p.period_start as current_start, p.covered_end as current_end, p.compare_start, p.compare_end,
  c.component, c.sort_order,
  case when p.comparison_basis is not null then coalesce(m.n_customers, 0) end as n_customers,
  case when p.comparison_basis is not null then coalesce(m.revenue, 0) end as revenue,
  p.comparison_reason
from periods p
cross join components c
left join moves m on m.period = p.period and m.component = c.component
