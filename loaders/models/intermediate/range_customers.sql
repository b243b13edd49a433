-- Per period, range role ('current' | 'compare', intermediate.period_ranges) and customer:
-- what the customer bought in that range (exact DECIMAL sums). purchase_orders counts orders
-- with a purchase; an order of returns only counts in revenue, never as a purchase.
-- The ranges overlap (a year is the next one's compared range, the window overlaps the year):
-- days covered by the same set of ranges form a class, each order is summed once, in its
-- class (a hash join on the date), and a range adds up its classes. Exact sums, so the order
-- of the additions changes nothing; summing every order once per range made twice the rows.
with ranges as (
  select period, role, range_start, range_end, row_number() over (order by period, role) as range_no
  from intermediate.period_ranges
),
range_days as (
  select r.range_no, cast(d.day as date) as day
  from ranges r
  cross join unnest(generate_series(cast(r.range_start as timestamp), cast(r.range_end as timestamp), interval 1 day)) d(day)
),
day_sets as (select day, list(range_no order by range_no) as range_set from range_days group by day),
day_classes as (select day, dense_rank() over (order by range_set) as class_no from day_sets),
class_ranges as (select distinct dc.class_no, rd.range_no from day_classes dc join range_days rd using (day)),
class_sums as (
  select dc.class_no, o.customer_id,
         sum(o.revenue) as revenue,
         sum(o.gross_profit) as gross_profit,
         sum(o.revenue_with_cost) as revenue_with_cost,
         sum(o.volume) as volume,
         count(*) filter (where o.is_purchase) as purchase_orders
  from intermediate.orders o
  join day_classes dc on dc.day = o.order_date
  group by dc.class_no, o.customer_id
)
select
  r.period, r.role, cs.customer_id,
  sum(cs.revenue) as revenue,
  sum(cs.gross_profit) as gross_profit,
  sum(cs.revenue_with_cost) as revenue_with_cost,
  sum(cs.volume) as volume,
  cast(sum(cs.purchase_orders) as bigint) as purchase_orders
from class_sums cs
join class_ranges cr using (class_no)
join ranges r using (range_no)
group by r.period, r.role, cs.customer_id
