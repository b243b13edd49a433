-- Per period: the key account list in figures (the scorecard tier `key`), the tier mix, which
-- indicators had no data at all, and the department finding of the articles: more than
-- department_min_key_accounts (20) key accounts -> set up a key account department (大客户部),
-- else name a person in charge.
with p as (select department_min_key_accounts from staging.params),
periods as (select period, period_kind, period_start, period_end, is_partial from staging.rating_periods),
tiers as (
  select s.period,
         count(*) as n_rated,
         count(*) filter (where s.tier = 'key') as n_key,
         count(*) filter (where s.tier = 'regular') as n_regular,
         count(*) filter (where s.tier = 'potential') as n_potential,
         count(*) filter (where s.tier = 'watch') as n_watch,
         count(*) filter (where s.tier = 'give_up') as n_give_up,
         count(*) filter (where s.one_order_guard) as n_one_order_guard,
         sum(m.revenue) as revenue,
         sum(m.revenue) filter (where s.tier = 'key') as key_revenue,
         sum(m.gross_profit) as gross_profit,
         sum(m.gross_profit) filter (where s.tier = 'key') as key_gross_profit
  from marts.key_account_scorecard s
  join marts.customer_metrics m using (period, customer_id)
  group by s.period
),
-- the re-rating against the period before (grain periods)
changes as (
  select period, any_value(previous_period) as previous_period,
         count(*) filter (where key_change = 'entered') as n_entered,
         count(*) filter (where key_change = 'left') as n_left,
         count(*) filter (where key_change = 'stayed') as n_stayed
  from marts.key_account_changes group by period
),
-- accounts at risk: all watched, and the key accounts among them, with the revenue at stake
risks as (
  select period,
         count(*) as n_at_risk,
         count(*) filter (where is_key_account) as n_key_at_risk,
         sum(revenue_at_stake) as revenue_at_stake,
         sum(revenue_at_stake) filter (where is_key_account) as key_revenue_at_stake
  from marts.at_risk_accounts group by period
),
-- the base of the shares at stake: every account watched (key or regular in the period or a
-- reviewed one, staging.review_periods, as at_risk_accounts watches them) and not lost, at what it
-- has been worth (the larger of its revenue in the period and in the compared range), so that
-- what is at stake is a part of its base
watched as (
  select rv.period, s.customer_id, bool_or(s.tier = 'key') as was_key
  from staging.review_periods rv join marts.key_account_scorecard s on s.period = rv.reviewed_period
  where s.tier in ('key', 'regular')
  group by rv.period, s.customer_id
),
watched_base as (
  select w.period,
         sum(greatest(st.revenue, coalesce(st.previous_revenue, 0))) as watched_worth,
         sum(greatest(st.revenue, coalesce(st.previous_revenue, 0))) filter (where w.was_key) as key_worth
  from watched w join marts.customer_states st using (period, customer_id)
  where st.state <> 'lost'
  group by w.period
),
-- an indicator is absent for the period when no rated customer has a value for it
absent as (
  select period, string_agg(indicator, ',' order by sort_order) as absent_indicators
  from (select period, indicator, any_value(sort_order) as sort_order from marts.key_account_indicators
        where weight > 0 group by all having count(value) = 0)
  group by period
)
select
  pe.period, pe.period_kind, pe.period_start, pe.period_end, pe.is_partial,
  coalesce(t.n_rated, 0) as n_rated,
  coalesce(t.n_key, 0) as n_key,
  staging.ratio(coalesce(t.n_key, 0), t.n_rated) as key_customer_share,
  coalesce(t.key_revenue, 0) as key_revenue,
  staging.ratio(coalesce(t.key_revenue, 0), t.revenue) as key_revenue_share,
  case when t.gross_profit is not null then coalesce(t.key_gross_profit, 0) end as key_gross_profit,
  staging.ratio(coalesce(t.key_gross_profit, 0), t.gross_profit) as key_profit_share,
  coalesce(t.n_regular, 0) as n_regular,
  coalesce(t.n_potential, 0) as n_potential,
  coalesce(t.n_watch, 0) as n_watch,
  coalesce(t.n_give_up, 0) as n_give_up,
  coalesce(t.n_one_order_guard, 0) as n_one_order_guard,
  ch.previous_period,
  ch.n_entered, ch.n_left, ch.n_stayed,
  coalesce(r.n_at_risk, 0) as n_at_risk,
  coalesce(r.n_key_at_risk, 0) as n_key_at_risk,
  coalesce(r.revenue_at_stake, 0) as revenue_at_stake,
  coalesce(r.key_revenue_at_stake, 0) as key_revenue_at_stake,
  staging.ratio(coalesce(r.revenue_at_stake, 0), kb.watched_worth) as revenue_at_stake_share,
  staging.ratio(coalesce(r.key_revenue_at_stake, 0), kb.key_worth) as key_revenue_at_stake_share,
  a.absent_indicators,
  case when coalesce(t.n_key, 0) > p.department_min_key_accounts then 'key_account_department' else 'named_manager' end as department_finding,
  p.department_min_key_accounts
from periods pe
cross join p
left join tiers t using (period)
left join absent a using (period)
left join changes ch using (period)
left join risks r using (period)
left join watched_base kb using (period)
