-- Per period, range role ('current' | 'compare', intermediate.period_ranges) and customer:
-- what the customer bought in that range (exact DECIMAL sums). purchase_orders counts orders
-- with a purchase; an order of returns only counts in revenue, never as a purchase.
select
  r.period, r.role, o.customer_id,
  sum(o.revenue) as revenue,
  sum(o.gross_profit) as gross_profit,
  sum(o.revenue_with_cost) as revenue_with_cost,
  sum(o.volume) as volume,
  count(*) filter (where o.is_purchase) as purchase_orders
from intermediate.period_ranges r
join intermediate.orders o on o.order_date between r.range_start and r.range_end
group by all
