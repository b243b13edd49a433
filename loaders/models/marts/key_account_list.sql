-- The key account list of every rated period (key_account_scorecard tier `key`) as the key accounts
-- page shows it: score and rank, owner (sales rep), revenue and its share of the rated customers'
-- revenue, margin and growth, whether it entered the list this period (key_account_changes), whether
-- it is at risk (at_risk_accounts), and its revenue trend: the 12 calendar quarters ending with the
-- one that holds the period's covered end, oldest first (0 for a quarter without orders; DECIMAL).
with sc as (select * from marts.key_account_scorecard where tier = 'key'),
rp as (select period, covered_end from staging.rating_periods),
rated as (select period, sum(revenue) as rated_revenue from marts.key_account_scorecard group by period),
metrics as (
  select period, customer_id, gross_profit, gross_margin, growth_reason
  from marts.customer_metrics
),
quarters as (
  select o.customer_id, date_trunc('quarter', o.order_date)::DATE as quarter_start, sum(o.revenue) as revenue
  from intermediate.orders o
  where o.customer_id in (select customer_id from sc)
  group by all
),
grid as (
  select sc.period, sc.customer_id, cast(date_trunc('quarter', rp.covered_end) - to_months(3 * cast(k.range as integer)) as date) as quarter_start
  from sc join rp using (period) cross join range(12) k
),
-- a quarter that ends before the data starts is unknown (NULL), not a quarter without orders
trend as (
  select g.period, g.customer_id,
         list(case when g.quarter_start + interval 3 month > cv.coverage_start then coalesce(q.revenue, 0) end order by g.quarter_start) as trend,
         min(g.quarter_start) as trend_start
  from grid g cross join staging.coverage cv left join quarters q using (customer_id, quarter_start)
  group by all
)
select
  sc.period, sc.period_kind, sc.is_partial, sc.customer_id, sc.customer_name,
  c.sales_rep, c.region, c.industry,
  sc.score, sc.score_rank, sc.n_rated,
  sc.revenue, staging.ratio(sc.revenue, r.rated_revenue) as revenue_share, sc.revenue_rank,
  m.gross_profit, m.gross_margin,
  sc.growth, m.growth_reason,
  ch.key_change, ch.previous_state,
  a.customer_id is not null as is_at_risk,
  a.revenue_at_stake,
  tr.trend, tr.trend_start
from sc
join rated r using (period)
left join staging.customers c using (customer_id)
left join metrics m using (period, customer_id)
left join marts.key_account_changes ch using (period, customer_id)
left join marts.at_risk_accounts a using (period, customer_id)
left join trend tr using (period, customer_id)
order by sc.period, sc.score_rank
