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
-- the last purchase up to each covered end, without pairing every customer and period with all
-- of its purchase days: a purchase day counts in its bucket, the first covered end on or after
-- it; the last purchase as of an end is the latest day of the buckets up to that end
ends as (select distinct covered_end from rp),
day_bucket as (
  select cast(g.day as date) as day, min(e.covered_end) as bucket_end
  from (select unnest(generate_series(cast((select min(order_date) from purchase_days) as timestamp),
                                      cast((select max(covered_end) from ends) as timestamp), interval 1 day)) as day) g
  join ends e on e.covered_end >= cast(g.day as date)
  group by g.day
),
bucket_last as (
  select d.customer_id, b.bucket_end, max(d.order_date) as last_in_bucket
  from purchase_days d join day_bucket b on b.day = d.order_date
  group by d.customer_id, b.bucket_end
),
last_purchase as (
  select rp.period, bl.customer_id, max(bl.last_in_bucket) as last_purchase_date
  from rp join bucket_last bl on bl.bucket_end <= rp.covered_end
  group by rp.period, bl.customer_id
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
