-- What each customer with a dossier buys: its revenue per product category in every rated period
-- (the grain's periods and the window, staging.rating_periods), the dossier's product mix. The
-- basis is the product category when the exports carry one for any line, else the product (then
-- every product is its own "category"). Lines without a category form one row with category NULL
-- (shown as "no category"). The largest 7 by revenue are kept and the rest summed as one row
-- 'other' (is_other), so a dossier stays small. Shares are of the customer's period revenue
-- (one division of exact sums; NULL when that revenue is <= 0).
-- The dossier customers' lines are picked before they are joined to the calendar (1,000 of 50,000
-- customers at 10M lines); whether any line has a category is answered by the first one found.
with basis as (
  select case when exists (select 1 from staging.order_lines where product_category is not null) then 'category' else 'product' end as mix_basis
),
lines as (
  select rd.period, l.customer_id,
         case when b.mix_basis = 'category' then l.product_category else l.product_id end as category,
         l.amount, l.gross_profit, l.cost, l.volume
  from (select * from staging.order_lines where customer_id in (select customer_id from marts.dossier_customers)) l
  join intermediate.rating_days rd on rd.day = l.order_date and rd.in_period
  cross join basis b
),
by_category as (
  select period, customer_id, category,
         sum(amount) as revenue,
         sum(gross_profit) as gross_profit,
         coalesce(sum(amount) filter (where cost is not null), 0) as revenue_with_cost,
         sum(volume) as volume,
         count(*) as lines
  from lines group by all
),
ranked as (
  select *, row_number() over (partition by period, customer_id order by revenue desc, category nulls last) as rank
  from by_category
),
kept as (
  select period, customer_id, rank, category, false as is_other, revenue, gross_profit, revenue_with_cost, volume, lines
  from ranked where rank <= 7
  union all
  select period, customer_id, 8, null, true, sum(revenue), sum(gross_profit), sum(revenue_with_cost), sum(volume), sum(lines)
  from ranked where rank > 7 group by all
),
totals as (
  select period, customer_id, sum(revenue) as customer_revenue from by_category group by all
)
select
  k.period, rp.period_kind, rp.is_partial, k.customer_id, k.rank, b.mix_basis, k.category, k.is_other,
  k.revenue,
  staging.ratio(k.revenue, t.customer_revenue) as revenue_share,
  k.gross_profit,
  staging.ratio(k.gross_profit, k.revenue_with_cost) as gross_margin,
  k.volume,
  k.lines
from kept k
join totals t using (period, customer_id)
join staging.rating_periods rp using (period)
cross join basis b
order by k.customer_id, rp.period_kind, k.period, k.rank
