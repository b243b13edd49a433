-- Per customer and period (fiscal years, grain periods, the window): what was sold, what it
-- cost to serve. A customer appears in a period when it ordered, was visited or claimed there;
-- `is_active` = it has order lines in the period. Money is DECIMAL (exact sums). Unknown is
-- NULL, never 0: gross_profit (and so contribution) is NULL when none of the customer's lines
-- in the period has a cost (0 for a customer that only cost money, if the data has costs at
-- all); handling_cost is NULL when no handling cost per order is configured, and cost_to_serve
-- then counts the known parts only; with no part known at all (staging.coverage.cost_to_serve_known)
-- cost_to_serve and contribution are NULL. Discounts count as a cost to serve only when the amounts
-- are NOT already net of them (analysis.amounts_net_of_discounts = false): a net amount carries
-- its discount already, counting it again put the large customers in "drain" (issue #10).
with params as (
  select cast(handling_cost_per_order as decimal(18,4)) as handling_cost_per_order, amounts_net_of_discounts from staging.params
),
coverage as (select cost_known, cost_to_serve_known from staging.coverage),
sales as (
  select pe.period, o.customer_id,
         sum(o.revenue) as revenue,
         sum(o.gross_profit) as gross_profit,
         sum(o.revenue_with_cost) as revenue_with_cost,
         sum(o.volume) as volume,
         sum(o.discount) as discount,
         count(*) as orders,
         count(*) filter (where o.is_purchase) as purchases
  from intermediate.orders o
  join staging.periods pe on o.order_date between pe.period_start and pe.period_end
  group by all
),
visit_costs as (
  select pe.period, v.customer_id, sum(v.cost) as visit_cost, sum(v.hours) as visit_hours
  from staging.visits v
  join staging.periods pe on v.visit_date between pe.period_start and pe.period_end
  group by all
),
claim_costs as (
  select pe.period, q.customer_id, sum(q.amount) as claims
  from staging.quality_claims q
  join staging.periods pe on q.claim_date between pe.period_start and pe.period_end
  group by all
),
keys as (
  select period, customer_id from sales union
  select period, customer_id from visit_costs union
  select period, customer_id from claim_costs
),
combined as (
  select
    k.period, k.customer_id,
    s.customer_id is not null as is_active,
    coalesce(s.revenue, 0) as revenue,
    case when s.customer_id is not null then s.gross_profit when cv.cost_known then 0 end as gross_profit,
    coalesce(s.revenue_with_cost, 0) as revenue_with_cost,
    coalesce(s.volume, 0) as volume,
    coalesce(s.orders, 0) as orders,
    coalesce(s.purchases, 0) as purchases,
    coalesce(s.discount, 0) as discount,
    case when p.amounts_net_of_discounts then 0 else coalesce(s.discount, 0) end as discount_cost,
    coalesce(v.visit_cost, 0) as visit_cost,
    coalesce(v.visit_hours, 0) as visit_hours,
    coalesce(c.claims, 0) as claims,
    coalesce(s.orders, 0) * p.handling_cost_per_order as handling_cost
  from keys k
  cross join params p
  cross join coverage cv
  left join sales s using (period, customer_id)
  left join visit_costs v using (period, customer_id)
  left join claim_costs c using (period, customer_id)
)
select
  c.*,
  case when cv.cost_to_serve_known then c.discount_cost + c.visit_cost + c.claims + coalesce(c.handling_cost, 0) end as cost_to_serve,
  case when cv.cost_to_serve_known then c.gross_profit - (c.discount_cost + c.visit_cost + c.claims + coalesce(c.handling_cost, 0)) end as contribution
from combined c
cross join coverage cv
