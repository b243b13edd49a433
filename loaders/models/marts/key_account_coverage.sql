-- Coverage of the customers by the sales team (走访), per rated period and tier: customers,
-- visits by type (leadership 高层拜访, technical 技术交流, business 商务拜访), hours and their shares,
-- against the customer pyramid (金字塔, config analysis.coverage): key accounts ~10% of customers
-- and ~60% of the time, regular ~30% / ~30%, the rest ~60% / ~10%. `not_rated` = customers
-- visited in the period without a purchase there (their hours count in the total). Visit figures
-- are NULL without a visits export.
with p as (select * from staging.params),
known as (select visits_known from staging.coverage),
tiers(tier, sort_order, layer) as (
  select * from (values ('key', 1, 'key'), ('regular', 2, 'regular'), ('potential', 3, 'rest'), ('watch', 4, 'rest'),
                        ('give_up', 5, 'rest'), ('not_rated', 6, 'not_rated')) t(tier, sort_order, layer)
),
per_customer as (
  select m.period, coalesce(s.tier, 'not_rated') as tier, m.customer_id,
         coalesce(m.visits, 0) as visits, coalesce(m.visits_leadership, 0) as visits_leadership,
         coalesce(m.visits_technical, 0) as visits_technical, coalesce(m.visits_business, 0) as visits_business,
         coalesce(m.visit_hours, 0) as visit_hours, coalesce(m.visit_cost, 0) as visit_cost
  from marts.customer_metrics m
  left join marts.key_account_scorecard s using (period, customer_id)
  where s.tier is not null or coalesce(m.visits, 0) > 0
),
per_tier as (
  select period, tier, count(*) as customers, cast(sum(visits) as bigint) as visits, cast(sum(visits_leadership) as bigint) as visits_leadership,
         cast(sum(visits_technical) as bigint) as visits_technical, cast(sum(visits_business) as bigint) as visits_business,
         sum(visit_hours) as visit_hours, sum(visit_cost) as visit_cost,
         count(*) filter (where visits > 0) as customers_visited
  from per_customer group by period, tier
),
grid as (
  select rp.period, t.tier, t.sort_order, t.layer,
         coalesce(pt.customers, 0) as customers, coalesce(pt.customers_visited, 0) as customers_visited,
         coalesce(pt.visits, 0) as visits, coalesce(pt.visits_leadership, 0) as visits_leadership,
         coalesce(pt.visits_technical, 0) as visits_technical, coalesce(pt.visits_business, 0) as visits_business,
         coalesce(pt.visit_hours, 0) as visit_hours, coalesce(pt.visit_cost, 0) as visit_cost
  from staging.rating_periods rp cross join tiers t
  left join per_tier pt on pt.period = rp.period and pt.tier = t.tier
),
shared as (
  select g.*,
         staging.ratio(g.customers, sum(g.customers) filter (where g.tier <> 'not_rated') over (partition by g.period)) as customer_share,
         staging.ratio(g.visit_hours, sum(g.visit_hours) over (partition by g.period)) as hours_share,
         staging.ratio(sum(g.customers) over (partition by g.period, g.layer), sum(g.customers) filter (where g.tier <> 'not_rated') over (partition by g.period)) as layer_customer_share,
         staging.ratio(sum(g.visit_hours) over (partition by g.period, g.layer), sum(g.visit_hours) over (partition by g.period)) as layer_hours_share
  from grid g
)
select
  s.period, s.tier, s.sort_order, s.layer,
  s.customers,
  case when s.tier = 'not_rated' then null else s.customer_share end as customer_share,
  case when k.visits_known then s.customers_visited end as customers_visited,
  case when k.visits_known then s.visits end as visits,
  case when k.visits_known then s.visits_leadership end as visits_leadership,
  case when k.visits_known then s.visits_technical end as visits_technical,
  case when k.visits_known then s.visits_business end as visits_business,
  case when k.visits_known then s.visit_hours end as visit_hours,
  case when k.visits_known then s.visit_cost end as visit_cost,
  case when k.visits_known then staging.ratio(s.visits, s.customers) end as visits_per_customer,
  case when k.visits_known then staging.ratio(s.visit_hours, s.customers) end as hours_per_customer,
  case when k.visits_known then s.hours_share end as hours_share,
  case when s.tier = 'not_rated' then null else s.layer_customer_share end as layer_customer_share,
  case when k.visits_known then s.layer_hours_share end as layer_hours_share,
  case s.layer when 'key' then p.pyramid_key_customers when 'regular' then p.pyramid_regular_customers when 'rest' then p.pyramid_rest_customers end as reference_customer_share,
  case s.layer when 'key' then p.pyramid_key_hours when 'regular' then p.pyramid_regular_hours when 'rest' then p.pyramid_rest_hours end as reference_hours_share
from shared s
cross join p
cross join known k
