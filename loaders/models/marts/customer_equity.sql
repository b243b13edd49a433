-- Customer equity (客户资产) = the sum of the customers' CLVs (marts.clv_customers, made by the
-- CLV model, loaders/clv), in total and by region and industry (staging.customers), by RFM
-- segment (marts.rfm_customers), by ABC class of window revenue (intermediate.abc_customers) and by
-- scorecard tier of the trailing window (marts.key_account_scorecard: THE key accounts; a
-- customer without a purchase in the window is not rated there, `(not_rated)`).
-- Customers missing from a grouping's source are counted under "(unknown)" / "(none)", so every
-- grouping adds up to the total. Sums are taken as DECIMAL so that they are the same on every
-- run and thread count; fit_status and value_basis say what the CLVs rest on (a CLV from a fit
-- on a ridge, or on revenue because the exports carry no cost, is not a sound profit figure).
with joined as (
  select v.customer_id,
         cast(v.clv as decimal(18, 4)) as clv,
         cast(v.expected_purchases as decimal(18, 6)) as expected_purchases,
         cast(v.p_alive as decimal(18, 9)) as p_alive,
         v.fit_status, v.value_basis,
         c.region, c.industry, rfm.segment, abc.abc_class, sc.tier
  from marts.clv_customers v
  left join staging.customers c using (customer_id)
  left join marts.rfm_customers rfm using (customer_id)
  left join (select customer_id, abc_class from intermediate.abc_customers
             where measure = 'revenue' and period = 'window') abc using (customer_id)
  left join (select customer_id, tier from marts.key_account_scorecard where period = 'window') sc using (customer_id)
),
grouped as (
  select 0 as grouping_order, 'total' as grouping, 'all' as group_value, * from joined
  union all
  select 1, 'region', coalesce(region, '(unknown)'), * from joined
  union all
  select 2, 'industry', coalesce(industry, '(unknown)'), * from joined
  union all
  select 3, 'rfm_segment', coalesce(segment, '(none)'), * from joined
  union all
  select 4, 'abc_class', coalesce(abc_class, '(none)'), * from joined
  union all
  select 5, 'tier', coalesce(tier, '(not_rated)'), * from joined
),
total as (
  select sum(clv) as equity, count(*) as customers from joined
)
select
  g.grouping,
  g.group_value,
  cast(count(*) as integer) as customers,
  cast(count(*) / any_value(t.customers) as double) as customer_share,
  sum(g.clv) as equity,
  cast(sum(g.clv) / nullif(any_value(t.equity), 0) as double) as equity_share,
  cast(sum(g.clv) / count(g.clv) as double) as mean_clv,
  sum(g.expected_purchases) as expected_purchases,
  cast(sum(g.p_alive) / nullif(count(g.p_alive), 0) as double) as mean_p_alive,
  min(g.grouping_order) as grouping_order,
  any_value(g.fit_status) as fit_status,
  any_value(g.value_basis) as value_basis
from grouped g
cross join total t
group by g.grouping, g.group_value
order by grouping_order, equity desc nulls last, g.group_value
