-- The executive summary's headline figures and revenue bridge per reported period (grain periods
-- and the window, staging.report_periods) and slice of the customer base (all, a region, an
-- industry, a sales rep: intermediate.customer_slices), so that the figures follow the filters.
-- The rules are intermediate.kpi_period's and intermediate.revenue_bridge's, applied per slice to the same
-- ranges (intermediate.period_ranges: a partial period against the same months of the one
-- before); the `all` slice equals them (data tests). Money is exact (DECIMAL sums); without a
-- comparison the data covers, every previous figure, growth and bridge step is NULL.
with periods as (select * from staging.report_periods),
cv as (select coverage_start, cost_known from staging.coverage),
ranges as (
  select r.* from intermediate.period_ranges r where r.period in (select period from periods)
),
sliced as (
  select rc.*, s.slice, s.region, s.industry, s.sales_rep
  from intermediate.range_customers rc
  join ranges r using (period, role)
  join intermediate.customer_slices s using (customer_id)
),
-- every slice that bought (or returned) in the period or in its compared range gets a row
keys as (
  select distinct period, slice, region, industry, sales_rep from sliced
  union  -- all customers in every period, an empty one too (as kpi_period)
  select period, 'all', null, null, null from periods
),
per_range as (
  select k.period, r.role, k.slice, k.region, k.industry, k.sales_rep,
         coalesce(sum(x.revenue), 0) as revenue,
         -- unknown without any cost on the range's lines; 0 for a slice without sales in data with costs
         case when count(x.gross_profit) > 0 then sum(x.gross_profit)
              when count(x.customer_id) = 0 and any_value(cv.cost_known) then 0 end as gross_profit,
         coalesce(sum(x.revenue_with_cost), 0) as revenue_with_cost,
         coalesce(sum(x.purchase_orders), 0) as orders,
         count(x.customer_id) filter (where x.purchase_orders > 0) as customers
  from keys k
  join ranges r using (period)
  cross join cv
  left join sliced x on x.period = k.period and x.role = r.role and x.slice = k.slice
    and x.region is not distinct from k.region and x.industry is not distinct from k.industry
    and x.sales_rep is not distinct from k.sales_rep
  group by all
),
measured as (
  select *, case when revenue_with_cost > 0 then gross_profit / revenue_with_cost end as gross_margin from per_range
),
cur as (select * from measured where role = 'current'),
cmp as (select * from measured where role = 'compare'),
-- a first purchase in a range that starts where the data starts may be an old customer's: unknown there
new_customers as (
  select r.period, s.slice, s.region, s.industry, s.sales_rep, count(*) as new_customers
  from ranges r
  cross join cv
  join intermediate.customer_activity a on a.first_purchase_date between r.range_start and r.range_end
  join intermediate.customer_slices s using (customer_id)
  where r.role = 'current' and r.range_start > cv.coverage_start
  group by all
),
-- the bridge: each customer's change goes to one step (intermediate.revenue_bridge's rule)
pairs as (
  select coalesce(c.period, k.period) as period, coalesce(c.customer_id, k.customer_id) as customer_id,
         coalesce(c.revenue, 0) as revenue, coalesce(k.revenue, 0) as previous_revenue,
         coalesce(c.purchase_orders, 0) > 0 as buys_now, coalesce(k.purchase_orders, 0) > 0 as bought_before
  from (select * from intermediate.range_customers
        where role = 'current' and period in (select period from periods where comparison_basis is not null)) c
  full join (select * from intermediate.range_customers
             where role = 'compare' and period in (select period from periods)) k using (period, customer_id)
),
classified as (
  select p.period, p.customer_id, p.revenue - p.previous_revenue as change,
         case when buys_now and not bought_before and a.first_purchase_date >= r.range_start then 'new'
              when buys_now and not bought_before then 'returning'
              when bought_before and not buys_now then 'lost'
              when p.revenue > p.previous_revenue then 'expansion'
              when p.revenue < p.previous_revenue then 'contraction' end as step
  from pairs p
  join ranges r on r.period = p.period and r.role = 'current'
  left join intermediate.customer_activity a using (customer_id)
),
bridge as (
  select c.period, s.slice, s.region, s.industry, s.sales_rep,
         count(*) filter (where step = 'new') as n_new,
         coalesce(sum(change) filter (where step = 'new'), 0) as new_revenue,
         count(*) filter (where step = 'returning') as n_returning,
         coalesce(sum(change) filter (where step = 'returning'), 0) as returning_revenue,
         count(*) filter (where step = 'expansion') as n_expansion,
         coalesce(sum(change) filter (where step = 'expansion'), 0) as expansion_revenue,
         count(*) filter (where step = 'contraction') as n_contraction,
         coalesce(sum(change) filter (where step = 'contraction'), 0) as contraction_revenue,
         count(*) filter (where step = 'lost') as n_lost,
         coalesce(sum(change) filter (where step = 'lost'), 0) as lost_revenue
  from classified c
  join intermediate.customer_slices s using (customer_id)
  group by all
),
-- the previous period, when it is complete (its whole revenue is shown beside a partial period)
complete_previous as (
  select p.period, pp.period as previous
  from periods p
  join periods pp on pp.period = p.previous_period and pp.period_kind = p.period_kind and pp.coverage = 'complete'
)
select
  p.period, p.period_kind, p.period_start, p.period_end, p.is_partial, p.coverage, p.covered_start, p.covered_end,
  p.comparison_basis, p.previous_period, p.compare_start, p.compare_end, p.comparison_reason,
  c.slice, c.region, c.industry, c.sales_rep,
  c.revenue,
  k.revenue as previous_revenue,
  c.revenue - k.revenue as revenue_change,
  case when k.revenue > 0 then c.revenue / k.revenue - 1 end as revenue_growth,
  c.gross_profit,
  k.gross_profit as previous_gross_profit,
  case when k.gross_profit > 0 then c.gross_profit / k.gross_profit - 1 end as gross_profit_growth,
  c.gross_margin,
  k.gross_margin as previous_gross_margin,
  c.gross_margin - k.gross_margin as gross_margin_change,
  c.orders,
  k.orders as previous_orders,
  c.customers,
  k.customers as previous_customers,
  case when p.covered_start > (select coverage_start from cv) then coalesce(n.new_customers, 0) end as new_customers,
  case when p.comparison_basis is not null then coalesce(b.n_lost, 0) end as lost_customers,
  case when cp.previous is not null then coalesce(w.revenue, 0) end as previous_period_revenue,
  case when p.comparison_basis is not null then coalesce(b.n_new, 0) end as bridge_new_customers,
  case when p.comparison_basis is not null then coalesce(b.new_revenue, 0) end as bridge_new,
  case when p.comparison_basis is not null then coalesce(b.n_returning, 0) end as bridge_returning_customers,
  case when p.comparison_basis is not null then coalesce(b.returning_revenue, 0) end as bridge_returning,
  case when p.comparison_basis is not null then coalesce(b.n_expansion, 0) end as bridge_expansion_customers,
  case when p.comparison_basis is not null then coalesce(b.expansion_revenue, 0) end as bridge_expansion,
  case when p.comparison_basis is not null then coalesce(b.n_contraction, 0) end as bridge_contraction_customers,
  case when p.comparison_basis is not null then coalesce(b.contraction_revenue, 0) end as bridge_contraction,
  case when p.comparison_basis is not null then coalesce(b.lost_revenue, 0) end as bridge_lost
from periods p
join cur c using (period)
left join cmp k on k.period = c.period and k.slice = c.slice and k.region is not distinct from c.region
  and k.industry is not distinct from c.industry and k.sales_rep is not distinct from c.sales_rep
left join new_customers n on n.period = c.period and n.slice = c.slice and n.region is not distinct from c.region
  and n.industry is not distinct from c.industry and n.sales_rep is not distinct from c.sales_rep
left join bridge b on b.period = c.period and b.slice = c.slice and b.region is not distinct from c.region
  and b.industry is not distinct from c.industry and b.sales_rep is not distinct from c.sales_rep
left join complete_previous cp on cp.period = c.period
left join cur w on w.period = cp.previous and w.slice = c.slice and w.region is not distinct from c.region
  and w.industry is not distinct from c.industry and w.sales_rep is not distinct from c.sales_rep
