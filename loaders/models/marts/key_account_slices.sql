-- The key accounts (THE definition: the scorecard tier `key`, marts.key_account_scorecard) per
-- rated period and slice of the customer base the pages filter by (intermediate.customer_slices):
-- how many, their revenue and gross profit and their share of the slice's, the tier mix, the
-- re-rating (entered / left, marts.key_account_changes) and the accounts at risk with the revenue
-- at stake (marts.at_risk_accounts), so that the summary's key account figures follow the filters.
-- The rules are marts.key_account_summary's applied per slice; the `all` slice equals it (data
-- tests); a combination's counts and money add up to its region's. Money is exact (DECIMAL).
with periods as (select period, period_kind, is_partial from staging.rating_periods),
slices as (select * from intermediate.customer_slices),
rated as (
  select s.period, s.customer_id, s.tier, m.revenue, m.gross_profit
  from marts.key_account_scorecard s
  join marts.customer_metrics m using (period, customer_id)
),
tiers as (
  select r.period, c.slice, c.region, c.industry, c.sales_rep,
         count(*) as n_rated,
         count(*) filter (where r.tier = 'key') as n_key,
         count(*) filter (where r.tier = 'regular') as n_regular,
         count(*) filter (where r.tier = 'potential') as n_potential,
         count(*) filter (where r.tier = 'watch') as n_watch,
         count(*) filter (where r.tier = 'give_up') as n_give_up,
         sum(r.revenue) as revenue,
         sum(r.revenue) filter (where r.tier = 'key') as key_revenue,
         sum(r.gross_profit) as gross_profit,
         sum(r.gross_profit) filter (where r.tier = 'key') as key_gross_profit
  from rated r join slices c using (customer_id)
  group by all
),
changes as (
  select k.period, c.slice, c.region, c.industry, c.sales_rep,
         count(*) filter (where k.key_change = 'entered') as n_entered,
         count(*) filter (where k.key_change = 'left') as n_left
  from marts.key_account_changes k join slices c using (customer_id)
  group by all
),
risks as (
  select a.period, c.slice, c.region, c.industry, c.sales_rep,
         count(*) as n_at_risk,
         count(*) filter (where a.is_key_account) as n_key_at_risk,
         sum(a.revenue_at_stake) as revenue_at_stake,
         sum(a.revenue_at_stake) filter (where a.is_key_account) as key_revenue_at_stake
  from marts.at_risk_accounts a join slices c using (customer_id)
  group by all
),
-- every slice with a rated customer in the period, and all customers in every rated period
keys as (
  select period, slice, region, industry, sales_rep from tiers
  union
  select period, 'all', null, null, null from periods
),
summary as (select period, previous_period from marts.key_account_summary)
select
  p.period, p.period_kind, p.is_partial,
  k.slice, k.region, k.industry, k.sales_rep,
  coalesce(t.n_rated, 0) as n_rated,
  coalesce(t.n_key, 0) as n_key,
  staging.ratio(coalesce(t.n_key, 0), t.n_rated) as key_customer_share,
  coalesce(t.revenue, 0) as revenue,
  coalesce(t.key_revenue, 0) as key_revenue,
  staging.ratio(coalesce(t.key_revenue, 0), t.revenue) as key_revenue_share,
  case when t.gross_profit is not null then coalesce(t.key_gross_profit, 0) end as key_gross_profit,
  staging.ratio(coalesce(t.key_gross_profit, 0), t.gross_profit) as key_profit_share,
  coalesce(t.n_regular, 0) as n_regular,
  coalesce(t.n_potential, 0) as n_potential,
  coalesce(t.n_watch, 0) as n_watch,
  coalesce(t.n_give_up, 0) as n_give_up,
  s.previous_period,
  -- the re-rating exists where the period has a previous one (as key_account_summary)
  case when s.previous_period is not null then coalesce(ch.n_entered, 0) end as n_entered,
  case when s.previous_period is not null then coalesce(ch.n_left, 0) end as n_left,
  coalesce(r.n_at_risk, 0) as n_at_risk,
  coalesce(r.n_key_at_risk, 0) as n_key_at_risk,
  coalesce(r.revenue_at_stake, 0) as revenue_at_stake,
  coalesce(r.key_revenue_at_stake, 0) as key_revenue_at_stake
from keys k
join periods p using (period)
left join summary s using (period)
left join tiers t on t.period = k.period and t.slice = k.slice and t.region is not distinct from k.region
  and t.industry is not distinct from k.industry and t.sales_rep is not distinct from k.sales_rep
left join changes ch on ch.period = k.period and ch.slice = k.slice and ch.region is not distinct from k.region
  and ch.industry is not distinct from k.industry and ch.sales_rep is not distinct from k.sales_rep
left join risks r on r.period = k.period and r.slice = k.slice and r.region is not distinct from k.region
  and r.industry is not distinct from k.industry and r.sales_rep is not distinct from k.sales_rep
