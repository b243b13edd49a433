-- materialized: table
-- Customer attributes that may be published (contacts stay out), plus any customer that
-- appears only in the order lines (no customer export configured or an incomplete one).
with registered as (
  select customer_id, name as customer_name, name_en, region, industry, channel, sales_rep,
         credit_rating, industry_influence
  from main.customers
),
seen_in_orders as (
  select customer_id, min(customer_name) as customer_name
  from main.order_lines
  group by customer_id
)
select * from registered
union all
select o.customer_id, o.customer_name, null, null, null, null, null, null, null
from seen_in_orders o
where o.customer_id not in (select customer_id from registered)
