-- materialized: table
-- Customer attributes that may be published (contacts stay out), plus any customer that
-- appears only in the order lines (no customer export configured or an incomplete one).
with registered as (
  select customer_id, name as customer_name, name_en, region, industry, channel, sales_rep,
         credit_rating, industry_influence
  from main.customers
),
-- the unregistered customers' lines only, then their names (grouping every line by customer
-- first cost 2.3 s at 10M lines, the anti join 0.7 s); customer_id is NOT NULL in both tables
seen_in_orders as (
  select l.customer_id, min(l.customer_name) as customer_name
  from main.order_lines l
  anti join registered r using (customer_id)
  group by l.customer_id
)
select * from registered
union all
select o.customer_id, o.customer_name, null, null, null, null, null, null, null
from seen_in_orders o
