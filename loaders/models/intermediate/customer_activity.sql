-- Per customer, over all history up to the analysis date: first and last purchase, orders.
select
  customer_id,
  min(order_date) filter (where is_purchase) as first_purchase_date,
  max(order_date) filter (where is_purchase) as last_purchase_date,
  min(order_date) as first_order_date,
  count(*) filter (where is_purchase) as purchases_total,
  count(*) as orders_total,
  sum(revenue) as revenue_total
from intermediate.orders
group by customer_id
