-- The executive summary's figures per fiscal year.
with years as (
  select period as year, period_start, period_end, is_partial,
         lag(period) over (order by period_start) as previous_year
  from staging.periods where period_kind = 'year'
),
buyers as (
  select cp.period as year, cp.customer_id, cp.revenue, cp.gross_profit, cp.revenue_with_cost, cp.volume, cp.orders, cp.purchases
  from intermediate.customer_periods cp join years y on y.year = cp.period
  where cp.is_active
),
sums as (
  select year, sum(revenue) as revenue, sum(gross_profit) as gross_profit, sum(revenue_with_cost) as revenue_with_cost, sum(volume) as volume,
         sum(orders) as orders, count(*) filter (where purchases > 0) as customers
  from buyers group by year
),
new_customers as (
  select y.year, count(*) as new_customers
  from intermediate.customer_activity a join years y on a.first_purchase_date between y.period_start and y.period_end
  group by y.year
),
lost as (
  select y.year, count(*) as lost_customers
  from years y
  join buyers b on b.year = y.previous_year and b.purchases > 0
  where not exists (select 1 from buyers b2 where b2.year = y.year and b2.customer_id = b.customer_id and b2.purchases > 0)
  group by y.year
)
select
  y.year, y.period_start as year_start, y.period_end as year_end, y.is_partial,
  coalesce(s.revenue, 0) as revenue,
  -- unknown without cost (NULL), 0 only for a year without sales in data that has costs
  case when s.year is not null then s.gross_profit when cv.cost_known then 0 end as gross_profit,
  case when s.revenue_with_cost > 0 then s.gross_profit / s.revenue_with_cost end as gross_margin,
  coalesce(s.volume, 0) as volume,
  coalesce(s.orders, 0) as orders,
  coalesce(s.customers, 0) as customers,
  coalesce(n.new_customers, 0) as new_customers,
  coalesce(l.lost_customers, 0) as lost_customers,
  s.revenue / nullif(lag(s.revenue) over (order by y.period_start), 0) - 1 as revenue_growth
from years y
cross join staging.coverage cv
left join sums s using (year)
left join new_customers n using (year)
left join lost l using (year)
