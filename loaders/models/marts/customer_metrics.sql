-- Customer x period: every figure the key account model rates a customer on, for every period
-- of the grain and the window (staging.rating_periods), one code path for all of them. A
-- customer appears in a period when it ordered, was visited or claimed there (is_rated = it
-- made a purchase there). Unknown stays NULL, never 0: no cost -> no gross profit or margin, no
-- payments export -> no collection rate, no claims export -> no quality losses, an earlier
-- range the data does not cover -> no growth (growth_reason says why).
with p as (select volume_unit from staging.params),
rp as (select * from staging.rating_periods),
rd as (select * from intermediate.rating_days),
known as (select payments_known, claims_known, visits_known from staging.coverage),
base as (
  select rp.period, rp.period_kind, rp.period_start, rp.period_end, rp.is_partial, rp.covered_end,
         rp.compare_start, rp.compare_end, rp.compare_covered, rp.comparison_reason, rp.due_end, cp.*  exclude (period)
  from intermediate.customer_periods cp
  join rp using (period)
),
-- facts join the calendar of the rated periods on the date (intermediate.rating_days); joined
-- again by each of its two readers, not materialized (8.4M rows at 10M lines: copying them cost
-- more than the join)
dated_orders as not materialized (
  select rd.period, rd.in_period, rd.sub_no, rd.in_compare, rd.is_due, rd.compare_due, o.*
  from intermediate.orders o
  join rd on rd.day = o.order_date and (rd.in_period or rd.in_compare)
),
-- purchase regularity: sub-periods with a purchase, of those the data covers
sub_counts as (
  select period, count(*) as subperiods from intermediate.rating_subperiods group by period
),
sub_bought as (
  select period, customer_id, count(distinct sub_no) as subperiods_with_purchase
  from dated_orders where in_period and is_purchase
  group by all
),
-- prices: a product's mean net price in the period (sale lines), and what the customer paid
-- against it (price_index 1.1 = 10% above the average for the same products); the average
-- unit price is over the lines in the volume unit. The sale lines are read twice (once for the
-- products' prices, once for the customers'), not grouped per customer and product first: at
-- 10M lines that grouping held 3.3M groups and cost more than the second read. The sums are
-- exact (DECIMAL), so they do not depend on the grouping.
sale_lines as not materialized (
  select rd.period, l.customer_id, l.product_id, l.unit, l.quantity, l.amount
  from staging.order_lines l
  join rd on rd.day = l.order_date and rd.in_period
  where l.quantity > 0 and l.amount > 0
),
-- the mean price rounded to 6 decimals, so that the sums below are exact (DECIMAL); DECIMAL(38,6),
-- so that quantity x mean price is DECIMAL(38,10): with (18,6) it was DECIMAL(18,10), which
-- overflowed from a line of 10^8 (¥1亿) and stopped the build
product_prices as (
  select period, product_id, cast(sum(amount) / sum(quantity) as decimal(38,6)) as mean_price
  from sale_lines group by all
),
prices as (
  select l.period, l.customer_id,
         staging.ratio(sum(l.amount), sum(l.quantity * pp.mean_price)) as price_index,
         staging.ratio(sum(l.amount) filter (where l.unit = p.volume_unit), sum(l.quantity) filter (where l.unit = p.volume_unit)) as avg_unit_price
  from sale_lines l
  join product_prices pp using (period, product_id)
  cross join p
  group by all
),
visit_types as (
  select rd.period, v.customer_id,
         count(*) as visits,
         count(*) filter (where v.visit_type = 'leadership') as visits_leadership,
         count(*) filter (where v.visit_type = 'technical') as visits_technical,
         count(*) filter (where v.visit_type = 'business') as visits_business
  from staging.visits v
  join rd on rd.day = v.visit_date and rd.in_period
  group by all
),
-- collection (回款) on the period's invoices that are due by the analysis date (dated up to
-- due_end): invoices are orders; a payment counts for the invoice it names, or by its date
-- moved back by credit_lag_days when it names none we know. The compared range's rate is taken
-- as it stood one period earlier (invoices due and payments made by then), like with like.
invoices as (
  select period, customer_id,
         sum(revenue) filter (where in_period and is_due) as invoiced,
         sum(revenue) filter (where compare_due) as previous_invoiced
  from dated_orders where (in_period and is_due) or compare_due
  group by all
),
attributed as (
  select pm.customer_id, pm.amount, pm.payment_date, pm.due_date, o.order_date as invoice_date,
         coalesce(o.order_date, cast(pm.payment_date - to_days(pa.credit_lag_days) as date)) as attributed_date
  from staging.payments pm
  cross join (select credit_lag_days from staging.params) pa
  left join intermediate.orders o on o.order_id = pm.invoice_ref and o.customer_id = pm.customer_id
),
collected as (
  select rd.period, a.customer_id,
         sum(a.amount) filter (where rd.in_period) as collected,
         sum(a.amount) filter (where rd.compare_due and a.payment_date <= rd.compare_asof) as previous_collected,
         sum(a.amount * (a.payment_date - a.invoice_date)) filter (where rd.in_period and a.invoice_date is not null)
           / nullif(sum(a.amount) filter (where rd.in_period and a.invoice_date is not null), 0) as days_to_pay,
         staging.ratio(coalesce(sum(a.amount) filter (where rd.in_period and a.payment_date <= a.due_date), 0),
                       sum(a.amount) filter (where rd.in_period and a.due_date is not null)) as on_time_share
  from attributed a
  join rd on rd.day = a.attributed_date and ((rd.in_period and rd.is_due) or rd.compare_due)
  group by all
),
-- the figures above as one row per customer and period: each comes from one of them (max() picks
-- it), and one aggregate of numbers spills to disk where five joins each building a hash table of
-- the customer periods did not (100M lines: out of 750 MB on 2 threads, 512 s on one)
facts as (
  select period, customer_id,
         max(subperiods_with_purchase) as subperiods_with_purchase,
         max(price_index) as price_index, max(avg_unit_price) as avg_unit_price,
         max(visits) as visits, max(visits_leadership) as visits_leadership,
         max(visits_technical) as visits_technical, max(visits_business) as visits_business,
         max(invoiced) as invoiced, max(previous_invoiced) as previous_invoiced,
         max(collected) as collected, max(previous_collected) as previous_collected,
         max(days_to_pay) as days_to_pay, max(on_time_share) as on_time_share
  from (
    from sub_bought
    union all by name from prices
    union all by name from visit_types
    union all by name from invoices
    union all by name from collected
  )
  group by period, customer_id
)
select
  b.period, b.period_kind, b.period_start, b.period_end, b.is_partial, b.covered_end,
  b.customer_id, c.customer_name, c.region, c.industry, c.channel, c.sales_rep,
  c.credit_rating, c.industry_influence,
  b.is_active, b.purchases > 0 as is_rated,
  b.revenue, b.gross_profit, staging.ratio(b.gross_profit, b.revenue_with_cost) as gross_margin,
  b.volume, b.orders, b.purchases,
  f.avg_unit_price, f.price_index,
  b.discount,
  -- collection
  case when k.payments_known then coalesce(f.invoiced, 0) end as invoiced,
  case when k.payments_known then coalesce(f.collected, 0) end as collected,
  case when k.payments_known then staging.ratio(coalesce(f.collected, 0), f.invoiced) end as collection_rate,
  case when k.payments_known then f.days_to_pay end as days_to_pay,
  case when k.payments_known then f.on_time_share end as on_time_share,
  case when k.payments_known and b.compare_covered then staging.ratio(coalesce(f.previous_collected, 0), f.previous_invoiced) end as previous_collection_rate,
  -- quality losses (质量损失)
  case when k.claims_known then b.claims end as claims,
  case when k.claims_known then staging.ratio(b.claims, b.revenue) end as claims_share,
  -- visits (走访)
  case when k.visits_known then coalesce(f.visits, 0) end as visits,
  case when k.visits_known then coalesce(f.visits_leadership, 0) end as visits_leadership,
  case when k.visits_known then coalesce(f.visits_technical, 0) end as visits_technical,
  case when k.visits_known then coalesce(f.visits_business, 0) end as visits_business,
  case when k.visits_known then b.visit_hours end as visit_hours,
  case when k.visits_known then b.visit_cost end as visit_cost,
  b.handling_cost, b.cost_to_serve, staging.ratio(b.cost_to_serve, b.revenue) as cost_to_serve_ratio, b.contribution,
  -- growth against the same stretch one period earlier
  b.compare_start, b.compare_end,
  case when b.compare_covered then h.previous_revenue end as previous_revenue,
  case when b.compare_covered then h.previous_purchases end as previous_purchases,
  h.purchases_recent,
  h.purchases_recent_before,
  case when b.compare_covered then staging.growth(b.revenue, h.previous_revenue) end as growth,
  case when not b.compare_covered then b.comparison_reason
       when h.previous_revenue <= 0 then 'no_previous_revenue' end as growth_reason,
  -- purchase regularity
  sc.subperiods,
  coalesce(f.subperiods_with_purchase, 0) as subperiods_with_purchase,
  staging.ratio(coalesce(f.subperiods_with_purchase, 0), sc.subperiods) as regularity,
  -- tenure and recency, as of the covered end
  h.first_purchase_date,
  h.last_purchase_date,
  -- new: the first purchase falls in the period and the data covers the range before it (in the
  -- first period of the data nobody is known to be new)
  coalesce(h.first_purchase_date between b.period_start and b.period_end and b.compare_covered, false) as is_first_period,
  h.tenure_days,
  h.recency_days,
  h.typical_gap_days
from base b
cross join known k
left join staging.customers c using (customer_id)
join intermediate.customer_history h using (period, customer_id)
left join sub_counts sc using (period)
left join facts f using (period, customer_id)
