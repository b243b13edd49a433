-- One row per order (an order's date is its first line's date): the unit that invoices,
-- frequencies and costs of handling count.
select
  order_id,
  customer_id,
  min(order_date) as order_date,
  sum(amount) as revenue,
  sum(gross_profit) as gross_profit,
  sum(volume) as volume,
  sum(discount) as discount,
  count(*) as n_lines,
  bool_or(amount > 0) as is_purchase
from staging.order_lines
group by order_id, customer_id
