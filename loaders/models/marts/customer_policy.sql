-- Differentiated sales policy (差异化销售政策), per rated period and customer, as the articles give
-- it (config analysis.policy): a price discount may be earned by large volume with good
-- collection; looser payment terms by a high price with stable contracts; more visits and sales
-- expense by no quality disputes. And a warning where the discounts take more of the margin than
-- it can bear (favours must stay measured). The favours are for the accounts with a plan - key
-- and regular tiers; the warning is for every rated customer. Unknown inputs never earn a favour.
with p as (select * from staging.params),
rated as (
  select m.*, s.tier, s.score_rank,
         row_number() over (partition by m.period order by m.volume desc, m.customer_id) as volume_rank,
         count(*) over (partition by m.period) as n_rated
  from marts.customer_metrics m
  join marts.key_account_scorecard s using (period, customer_id)
),
judged as (
  select r.*,
         r.volume > 0 and r.volume_rank <= ceil(r.n_rated * p.policy_large_volume_share - 1e-9) as large_volume,
         coalesce(r.collection_rate >= p.policy_min_collection_rate, false) as good_collection,
         coalesce(r.price_index >= p.policy_min_price_index, false) as high_price,
         r.regularity >= p.policy_min_regularity and coalesce(r.previous_purchases > 0, true) as stable_contracts,
         coalesce(r.claims = 0, false) as no_quality_disputes,
         -- the share of the margin before discounts that the discounts give away
         case when r.gross_profit is not null and r.discount > 0 then staging.ratio(r.discount, r.gross_profit + r.discount) end as discount_margin_share,
         case when r.gross_profit is not null and r.discount > 0 and r.gross_profit + r.discount <= 0 then true end as discount_without_margin
  from rated r, p
)
select
  j.period, j.customer_id, j.customer_name, j.tier, j.score_rank,
  j.tier in ('key', 'regular') and j.large_volume and j.good_collection as discount_eligible,
  j.tier in ('key', 'regular') and j.high_price and j.stable_contracts as looser_terms_eligible,
  j.tier in ('key', 'regular') and j.no_quality_disputes as more_service_eligible,
  coalesce(j.discount_without_margin, false) or coalesce(j.discount_margin_share > p.policy_max_discount_margin_share, false) as discount_warning,
  j.large_volume, j.good_collection, j.high_price, j.stable_contracts, j.no_quality_disputes,
  j.volume, j.volume_rank, j.collection_rate, j.price_index, j.regularity, j.claims,
  j.discount, j.gross_profit, j.discount_margin_share,
  concat_ws('; ',
    case when j.tier in ('key', 'regular') and j.large_volume and j.good_collection then 'discount: volume rank ' || j.volume_rank || ', collection ' || cast(round(100 * j.collection_rate) as bigint) || '%' end,
    case when j.tier in ('key', 'regular') and j.high_price and j.stable_contracts then 'looser terms: price index ' || cast(round(j.price_index, 2) as varchar) || ', buying in ' || cast(round(100 * j.regularity) as bigint) || '% of the sub-periods' end,
    case when j.tier in ('key', 'regular') and j.no_quality_disputes then 'more visits and expense: no quality claims' end,
    case when coalesce(j.discount_without_margin, false) then 'warning: discounts of ' || cast(round(j.discount) as bigint) || ' with no margin left'
         when j.discount_margin_share > p.policy_max_discount_margin_share then 'warning: discounts take ' || cast(round(100 * j.discount_margin_share) as bigint) || '% of the margin before them' end
  ) as reasons
from judged j
cross join p
