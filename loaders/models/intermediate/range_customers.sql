-- Per period, range role ('current' | 'compare', intermediate.period_ranges) and customer:
-- what the customer bought in that range (exact DECIMAL sums). purchase_orders counts orders
-- with a purchase; an order of returns only counts in revenue, never as a purchase.
-- Orders join the ranges' days on the date (a hash join; the range join on between was a
-- nested comparison of every order with every range).
with range_days as (
  select r.period, r.role, cast(d.day as date) as day
  from intermediate.period_ranges r
  cross join unnest(generate_series(cast(r.range_start as timestamp), cast(r.range_end as timestamp), interval 1 day)) d(day)
)
select
  r.period, r.role, o.customer_id,
  sum(o.revenue) as revenue,
  sum(o.gross_profit) as gross_profit,
  sum(o.revenue_with_cost) as revenue_with_cost,
  sum(o.volume) as volume,
  count(*) filter (where o.is_purchase) as purchase_orders
from range_days r
join intermediate.orders o on o.order_date = r.day
group by all
