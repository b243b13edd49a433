-- THE key account definition (issue #10): per period, every rated customer (a purchase in the
-- period) with its scorecard score and its tier key / regular / potential / watch / give_up.
-- score = the weighted mean of its indicators' 0-100 scores over the indicators it has
-- (marts.key_account_indicators). Tiers from the score rank, first rule that applies (config
-- analysis.tiers): key (top key_share, bought repeatedly: at least key_min_purchases orders in
-- key_min_subperiods sub-periods), potential (growing by potential_min_growth or more), regular
-- (top key_share + regular_share), potential (first period: new), give_up (bottom
-- give_up_share, not growing), watch. One rule list yields the tier, its rule code and reason.
with p as (
  select key_share, regular_share, give_up_share, key_min_purchases, key_min_subperiods, potential_min_growth from staging.params
),
scores as (
  select period, customer_id,
         sum(weighted_score) / nullif(any_value(present_weight), 0) as score,
         string_agg(indicator, ',' order by sort_order) filter (where is_absent and weight > 0) as absent_indicators,
         count(*) filter (where not is_absent and weight > 0) as n_indicators,
         max(score) filter (where indicator = 'contract_volume') as contract_volume_score,
         max(score) filter (where indicator = 'unit_price') as unit_price_score,
         max(score) filter (where indicator = 'revenue') as revenue_score,
         max(score) filter (where indicator = 'collection_rate') as collection_rate_score,
         max(score) filter (where indicator = 'profit') as profit_score,
         max(score) filter (where indicator = 'quality_losses') as quality_losses_score,
         max(score) filter (where indicator = 'industry_influence') as industry_influence_score,
         max(score) filter (where indicator = 'credit') as credit_score,
         max(score) filter (where indicator = 'growth') as growth_score,
         max(score) filter (where indicator = 'sustained_purchasing') as sustained_purchasing_score
  from marts.key_account_indicators
  group by period, customer_id
),
ranked as (
  select s.*, m.customer_name, m.period_kind, m.is_partial, m.revenue, m.gross_profit, m.purchases,
         m.subperiods, m.subperiods_with_purchase, m.growth, m.is_first_period,
         row_number() over (partition by s.period order by s.score desc nulls last, s.customer_id) as score_rank,
         row_number() over (partition by s.period order by m.revenue desc, s.customer_id) as revenue_rank,
         count(*) over (partition by s.period) as n_rated
  from scores s
  join marts.customer_metrics m using (period, customer_id)
),
banded as (
  select r.*,
         cast(ceil(r.n_rated * p.key_share - 1e-9) as integer) as key_n,
         cast(ceil(r.n_rated * (p.key_share + p.regular_share) - 1e-9) as integer) as regular_n,
         cast(floor(r.n_rated * p.give_up_share + 1e-9) as integer) as give_up_n,
         r.purchases >= p.key_min_purchases and r.subperiods_with_purchase >= p.key_min_subperiods as repeat_buyer,
         coalesce(r.growth >= p.potential_min_growth, false) as growing
  from ranked r, p
),
ruled as (
  select *,
         score_rank <= key_n as top_by_score,
         case
           when score_rank <= key_n and repeat_buyer then 'key_top_score'
           when growing then 'potential_growing'
           when score_rank <= regular_n then 'regular_score'
           when is_first_period then 'potential_new'
           when score_rank > n_rated - give_up_n and coalesce(growth, 0) <= 0 then 'give_up_bottom_score'
           else 'watch'
         end as tier_rule
  from banded
)
select
  period, period_kind, is_partial, customer_id, customer_name,
  score, score_rank, n_rated, revenue, revenue_rank,
  case tier_rule
    when 'key_top_score' then 'key'
    when 'potential_growing' then 'potential'
    when 'potential_new' then 'potential'
    when 'regular_score' then 'regular'
    when 'give_up_bottom_score' then 'give_up'
    else 'watch'
  end as tier,
  tier_rule,
  -- the reason, in English, from the same rule
  concat_ws('; ',
    case when top_by_score and not repeat_buyer then
      'top ' || key_n || ' by score but ' || purchases || ' purchase(s) in ' || subperiods_with_purchase
      || ' sub-period(s): one large order is not a key account' end,
    case tier_rule
      when 'key_top_score' then 'score rank ' || score_rank || ' of ' || n_rated || ' (key accounts: the top ' || key_n || ')'
      when 'potential_growing' then 'growing ' || round(100 * growth) || '% against the compared range'
      when 'regular_score' then 'score rank ' || score_rank || ' of ' || n_rated || ' (regular: the top ' || regular_n || ')'
      when 'potential_new' then 'first period as a customer'
      when 'give_up_bottom_score' then 'score rank ' || score_rank || ' of ' || n_rated || ' (the bottom ' || give_up_n || '), not growing'
      else 'score rank ' || score_rank || ' of ' || n_rated || ', below the regular band'
    end) as tier_reason,
  top_by_score and not repeat_buyer as one_order_guard,
  purchases, subperiods_with_purchase, growth, is_first_period,
  n_indicators, absent_indicators,
  contract_volume_score, unit_price_score, revenue_score, collection_rate_score, profit_score,
  quality_losses_score, industry_influence_score, credit_score, growth_score, sustained_purchasing_score
from ruled
