-- The headline figures per period (fiscal years, the grain's periods, the window), each with
-- the same figures over the range it is compared with: the whole previous period, the same
-- months of it when this period is cut short by the analysis date (2026 Jan-Sep vs 2025
-- Jan-Sep), or the window before. Without a range the data covers entirely there is no
-- comparison: previous_* and growth are NULL and comparison_reason says why. The whole
-- previous period's figures are there too (previous_period_*), when it is complete.
with periods as (select * from staging.periods),
cv as (select * from staging.coverage),
ranges as (select * from intermediate.period_ranges),
per_range as (
  select r.period, r.role, r.range_start,
         coalesce(sum(rc.revenue), 0) as revenue,
         -- unknown without any cost on the range's lines; 0 for a range without sales in data with costs
         case when count(rc.gross_profit) > 0 then sum(rc.gross_profit)
              when count(rc.customer_id) = 0 and any_value(cv.cost_known) then 0 end as gross_profit,
         coalesce(sum(rc.revenue_with_cost), 0) as revenue_with_cost,
         coalesce(sum(rc.volume), 0) as volume,
         coalesce(sum(rc.purchase_orders), 0) as orders,
         count(rc.customer_id) filter (where rc.purchase_orders > 0) as customers
  from ranges r
  cross join cv
  left join intermediate.range_customers rc using (period, role)
  group by r.period, r.role, r.range_start
),
-- a first purchase in a range that starts where the data starts may be an old customer's
-- first purchase we can see: new customers are unknown there
new_customers as (
  select r.period, r.role,
         case when r.range_start > any_value(cv.coverage_start) then count(a.customer_id) end as new_customers
  from ranges r
  cross join cv
  left join intermediate.customer_activity a on a.first_purchase_date between r.range_start and r.range_end
  group by r.period, r.role, r.range_start
),
lost as (
  select c.period, count(*) filter (where cur.customer_id is null) as lost_customers
  from intermediate.range_customers c
  left join intermediate.range_customers cur
    on cur.period = c.period and cur.role = 'current' and cur.customer_id = c.customer_id and cur.purchase_orders > 0
  where c.role = 'compare' and c.purchase_orders > 0
  group by c.period
),
measured as (
  select m.*, n.new_customers,
         case when m.revenue_with_cost > 0 then m.gross_profit / m.revenue_with_cost end as gross_margin
  from per_range m join new_customers n using (period, role)
),
cur as (select * from measured where role = 'current'),
cmp as (select * from measured where role = 'compare'),
-- the previous period of the same kind, as a whole, when the data covers it entirely
previous_whole as (
  select p.period, prev.revenue, prev.gross_profit, prev.orders, prev.customers
  from periods p
  join periods pp on pp.period = p.previous_period and pp.period_kind = p.period_kind and pp.coverage = 'complete'
  join cur prev on prev.period = pp.period
)
select
  p.period, p.period_kind, p.period_start, p.period_end, p.is_partial, p.coverage,
  p.covered_start, p.covered_end,
  p.comparison_basis, p.previous_period, p.compare_start, p.compare_end, p.comparison_reason,
  c.revenue, k.revenue as previous_revenue,
  case when k.revenue > 0 then c.revenue / k.revenue - 1 end as revenue_growth,
  c.gross_profit, k.gross_profit as previous_gross_profit,
  case when k.gross_profit > 0 then c.gross_profit / k.gross_profit - 1 end as gross_profit_growth,
  c.gross_margin, k.gross_margin as previous_gross_margin,
  c.gross_margin - k.gross_margin as gross_margin_change,
  c.volume, k.volume as previous_volume,
  case when k.volume > 0 then c.volume / k.volume - 1 end as volume_growth,
  c.orders, k.orders as previous_orders,
  case when k.orders > 0 then c.orders / k.orders - 1 end as orders_growth,
  c.customers, k.customers as previous_customers,
  case when k.customers > 0 then c.customers / k.customers - 1 end as customers_growth,
  c.new_customers, k.new_customers as previous_new_customers,
  case when p.comparison_basis is not null then coalesce(l.lost_customers, 0) end as lost_customers,
  w.revenue as previous_period_revenue,
  w.gross_profit as previous_period_gross_profit,
  w.orders as previous_period_orders,
  w.customers as previous_period_customers
from periods p
join cur c using (period)
left join cmp k using (period)
left join lost l using (period)
left join previous_whole w using (period)
