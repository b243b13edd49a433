-- Revenue and margin month by month for the customers with a dossier (marts.dossier_customers):
-- the dossier's trend chart. Every month from the month the data starts to the analysis date's,
-- so a month without orders shows as 0 revenue (known: nothing was bought), while its gross
-- profit and margin stay NULL (no line to know a cost from). Sums are DECIMAL (exact).
with p as (select analysis_date from staging.params),
cov as (select coverage_start from staging.coverage),
months as (
  select cast(unnest(generate_series(date_trunc('month', cov.coverage_start), date_trunc('month', p.analysis_date), interval 1 month)) as date) as month_start
  from p, cov
),
grid as (
  select d.customer_id, m.month_start from marts.dossier_customers d cross join months m
),
monthly as (
  select o.customer_id, date_trunc('month', o.order_date)::DATE as month_start,
         sum(o.revenue) as revenue,
         sum(o.gross_profit) as gross_profit,
         sum(o.revenue_with_cost) as revenue_with_cost,
         sum(o.volume) as volume,
         count(*) filter (where o.is_purchase) as purchases
  from intermediate.orders o
  where o.customer_id in (select customer_id from marts.dossier_customers)
  group by all
)
select
  g.customer_id,
  strftime(g.month_start, '%Y-%m') as month,
  g.month_start,
  g.month_start < cov.coverage_start or last_day(g.month_start) > p.analysis_date as is_partial,
  coalesce(m.revenue, 0) as revenue,
  m.gross_profit,
  staging.ratio(m.gross_profit, m.revenue_with_cost) as gross_margin,
  coalesce(m.volume, 0) as volume,
  coalesce(m.purchases, 0) as purchases
from grid g
left join monthly m using (customer_id, month_start)
cross join p cross join cov
order by g.customer_id, g.month_start
