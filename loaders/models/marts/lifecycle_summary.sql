-- Customers and their revenue per lifecycle stage and rated period (every stage listed).
with stages as (
  select * from (values ('exploration', 1), ('formation', 2), ('stability', 3), ('decline', 4), ('lost', 5)) t(stage, sort_order)
),
periods as (select period, period_kind, is_partial from staging.rating_periods),
per_stage as (
  select period, stage, count(*) as n_customers, count(*) filter (where is_new) as n_new, sum(revenue) as revenue
  from marts.lifecycle_stages group by period, stage
),
totals as (
  select period, count(*) as n, sum(revenue) as revenue from marts.lifecycle_stages group by period
)
select pe.period, pe.period_kind, pe.is_partial, s.stage, s.sort_order,
       coalesce(ps.n_customers, 0) as n_customers,
       staging.ratio(coalesce(ps.n_customers, 0), t.n) as customer_share,
       coalesce(ps.n_new, 0) as n_new,
       coalesce(ps.revenue, 0) as revenue,
       staging.ratio(coalesce(ps.revenue, 0), t.revenue) as revenue_share
from periods pe
cross join stages s
left join totals t using (period)
left join per_stage ps on ps.period = pe.period and ps.stage = s.stage
