-- Customers and their last-4-quarter revenue per lifecycle stage.
with stages as (
  select * from (values ('exploration', 1), ('formation', 2), ('stability', 3), ('decline', 4), ('lost', 5)) t(stage, sort_order)
),
totals as (select count(*) as n, sum(revenue_last_4q) as revenue from marts.lifecycle_customers),
per_stage as (
  select stage, count(*) as n_customers, sum(revenue_last_4q) as revenue_last_4q
  from marts.lifecycle_customers group by stage
)
select s.stage, s.sort_order,
       coalesce(ps.n_customers, 0) as n_customers,
       coalesce(ps.n_customers, 0) / nullif(t.n, 0) as customer_share,
       coalesce(ps.revenue_last_4q, 0) as revenue_last_4q,
       coalesce(ps.revenue_last_4q, 0) / nullif(t.revenue, 0) as revenue_share
from stages s cross join totals t left join per_stage ps using (stage)
