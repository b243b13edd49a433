-- One row per order (an order's date is its first line's date): the unit that invoices,
-- frequencies and costs of handling count. Sums are DECIMAL (exact). gross_profit is NULL
-- when no line of the order has a known cost; revenue_with_cost is the revenue of the lines
-- whose cost is known (the base of a margin).
select
  order_id,
  customer_id,
  min(order_date) as order_date,
  sum(amount) as revenue,
  sum(gross_profit) as gross_profit,
  coalesce(sum(amount) filter (where cost is not null), 0) as revenue_with_cost,
  sum(volume) as volume,
  sum(discount) as discount,
  count(*) as n_lines,
  -- a purchase = an order with a sale line of a positive amount (returns never are)
  bool_or(line_type = 'sale' and amount > 0) as is_purchase
from staging.order_lines
group by order_id, customer_id
