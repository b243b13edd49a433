-- Per customer, over all history up to the analysis date: first and last purchase, orders,
-- and net revenue of the last 12 months and of the 12 months before (lifecycle, at-risk).
select
  o.customer_id,
  min(o.order_date) filter (where o.is_purchase) as first_purchase_date,
  max(o.order_date) filter (where o.is_purchase) as last_purchase_date,
  min(o.order_date) as first_order_date,
  count(*) filter (where o.is_purchase) as purchases_total,
  count(*) as orders_total,
  sum(o.revenue) as revenue_total,
  coalesce(sum(o.revenue) filter (where o.order_date >= w.last4q_start), 0) as revenue_last_12m,
  coalesce(sum(o.revenue) filter (where o.order_date >= w.prev4q_start and o.order_date < w.last4q_start), 0) as revenue_prev_12m
from intermediate.orders o
cross join staging.windows w
group by o.customer_id
