-- Customer x rated period (staging.rating_periods): every customer that purchased up to the
-- period's covered end or was active there (intermediate.customer_periods), with its purchase
-- history as of the covered end and the figures of the range the period is compared with. The
-- spine of the key account model: customer_metrics reads it for the active customers, the
-- tier states, lifecycle stages and re-rating for everyone (a customer silent in a period is
-- still a customer: inactive, or lost after lost_after_days without a purchase).
with p as (select lost_after_days from staging.params),
rp as (select period, covered_end from staging.rating_periods),
purchase_days as materialized (
  select distinct customer_id, order_date from intermediate.orders where is_purchase
),
first_purchase as (
  select customer_id, min(order_date) as first_purchase_date from purchase_days group by customer_id
),
spine as materialized (
  select rp.period, f.customer_id
  from first_purchase f join rp on f.first_purchase_date <= rp.covered_end
  union
  select cp.period, cp.customer_id
  from intermediate.customer_periods cp join rp using (period)
),
dated_orders as (
  select rd.period, rd.in_compare, rd.in_recent, rd.in_recent_before, o.customer_id, o.revenue, o.is_purchase
  from intermediate.orders o
  join intermediate.rating_days rd on rd.day = o.order_date
  where rd.in_compare or rd.in_recent or rd.in_recent_before
),
-- the same stretch one period earlier: revenue and purchase orders; purchase orders lately
compared as (
  select period, customer_id,
         sum(revenue) filter (where in_compare) as previous_revenue,
         count(*) filter (where in_compare and is_purchase) as previous_purchases,
         count(*) filter (where in_recent and is_purchase) as purchases_recent,
         count(*) filter (where in_recent_before and is_purchase) as purchases_recent_before
  from dated_orders
  group by all
),
-- the last purchase up to the covered end (a hash join on the customer; DuckDB ran the
-- equivalent ASOF join as a nested loop here)
last_purchase as (
  select s.period, s.customer_id, max(d.order_date) as last_purchase_date
  from spine s
  join rp using (period)
  join purchase_days d on d.customer_id = s.customer_id
  where d.order_date <= rp.covered_end
  group by s.period, s.customer_id
),
-- the usual gap between purchase days over the at_risk.gap_months before the covered end
gaps as (
  select rd.period, d.customer_id,
         (max(d.order_date) - min(d.order_date)) / nullif(count(*) - 1, 0) as typical_gap_days
  from purchase_days d
  join intermediate.rating_days rd on rd.day = d.order_date and rd.in_gap_range
  group by all
)
select
  s.period, s.customer_id,
  f.first_purchase_date,
  lp.last_purchase_date,
  case when f.first_purchase_date <= rp.covered_end then rp.covered_end - f.first_purchase_date end as tenure_days,
  rp.covered_end - lp.last_purchase_date as recency_days,
  coalesce(rp.covered_end - lp.last_purchase_date >= p.lost_after_days, false) as is_lost,
  g.typical_gap_days,
  coalesce(c.previous_revenue, 0) as previous_revenue,
  coalesce(c.previous_purchases, 0) as previous_purchases,
  coalesce(c.purchases_recent, 0) as purchases_recent,
  coalesce(c.purchases_recent_before, 0) as purchases_recent_before
from spine s
join rp using (period)
cross join p
left join first_purchase f using (customer_id)
left join last_purchase lp using (period, customer_id)
left join gaps g using (period, customer_id)
left join compared c using (period, customer_id)
