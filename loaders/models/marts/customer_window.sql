-- Every customer active in the window with the figures the matrices and scorecards use.
with w as (select * from staging.windows),
current_window as (
  select * from intermediate.customer_periods where period = 'window' and is_active
),
prior_window as (
  select o.customer_id, sum(o.revenue) as prior_revenue
  from intermediate.orders o, w
  where o.order_date between w.prior_window_start and w.prior_window_end
  group by o.customer_id
),
-- quarters counted back from the analysis date: 0 = the last three months
quarters as (
  select o.customer_id,
         count(distinct case
           when o.order_date > w.analysis_date - interval 3 month then 0
           when o.order_date > w.analysis_date - interval 6 month then 1
           when o.order_date > w.analysis_date - interval 9 month then 2
           when o.order_date > w.analysis_date - interval 12 month then 3 end) as quarters_active
  from intermediate.orders o, w
  where o.is_purchase and o.order_date >= w.last4q_start
  group by o.customer_id
)
select
  c.customer_id,
  n.customer_name,
  c.revenue,
  c.gross_profit,
  -- margin over the lines whose cost is known; NULL when none is
  case when c.revenue_with_cost > 0 then c.gross_profit / c.revenue_with_cost end as gross_margin,
  c.volume,
  c.orders,
  coalesce(pw.prior_revenue, 0) as prior_revenue,
  case when pw.prior_revenue > 0 then c.revenue / pw.prior_revenue - 1 end as growth,
  coalesce(q.quarters_active, 0) as quarters_active,
  c.discount,
  c.visit_cost,
  c.visit_hours,
  c.claims,
  c.handling_cost,
  c.cost_to_serve,
  case when c.revenue > 0 then c.cost_to_serve / c.revenue end as cost_to_serve_ratio,
  c.contribution,
  coalesce(cr.invoiced, 0) as invoiced,
  coalesce(cr.collected, 0) as collected,
  cr.collection_rate,
  cr.days_to_pay,
  cr.on_time_share
from current_window c
left join staging.customers n using (customer_id)
left join prior_window pw using (customer_id)
left join quarters q using (customer_id)
left join intermediate.customer_credit cr using (customer_id)
