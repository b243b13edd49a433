-- Single-indicator risk (单一指标风险): per rated period, the customers a revenue-only ranking and
-- the scorecard judge differently - `revenue_only`: in the top key_share by revenue (what a
-- revenue ranking would call key accounts) but not a key account; `scorecard_only`: a key account
-- outside that top. With the indicators that make the difference: for revenue_only the three
-- that cost it the most points (weight x (100 - score)), for scorecard_only the three other than
-- revenue that add the most.
with p as (select key_share from staging.params),
judged as (
  select s.*, s.revenue_rank <= ceil(s.n_rated * p.key_share - 1e-9) as revenue_key
  from marts.key_account_scorecard s, p
),
differ as (
  select *, case when revenue_key then 'revenue_only' else 'scorecard_only' end as view
  from judged where revenue_key <> (tier = 'key')
),
weighed as (
  select d.period, d.customer_id, i.indicator, i.sort_order,
         case when d.view = 'revenue_only' then i.effective_weight * (100 - cast(i.score as double)) else i.contribution end as points
  from differ d
  join marts.key_account_indicators i using (period, customer_id)
  where not i.is_absent and i.weight > 0 and (d.view = 'revenue_only' or i.indicator <> 'revenue')
),
ranked as (
  select *, row_number() over (partition by period, customer_id order by points desc, sort_order) as k from weighed
),
drivers as (
  select period, customer_id,
         string_agg(indicator || ' ' || cast(round(points, 1) as varchar), ', ' order by k) filter (where k <= 3) as drivers,
         max(indicator) filter (where k = 1) as driver_1, max(indicator) filter (where k = 2) as driver_2, max(indicator) filter (where k = 3) as driver_3
  from ranked group by period, customer_id
)
select
  d.period, d.customer_id, d.customer_name, d.view,
  d.revenue, d.revenue_rank, d.score, d.score_rank, d.n_rated, d.tier, d.tier_reason,
  d.revenue_score, d.collection_rate_score, d.profit_score, d.sustained_purchasing_score, d.credit_score,
  dr.driver_1, dr.driver_2, dr.driver_3, dr.drivers
from differ d
left join drivers dr using (period, customer_id)
