-- Per customer and fiscal year, with the attributes pages filter on (no private contacts).
with first_purchase as (
  select customer_id, first_purchase_date from intermediate.customer_activity
)
select
  cp.customer_id, pe.period as year,
  c.customer_name, c.name_en, c.region, c.industry, c.channel, c.sales_rep, c.credit_rating,
  cp.revenue, cp.gross_profit, cp.volume, cp.orders,
  coalesce(fp.first_purchase_date between pe.period_start and pe.period_end, false) as is_new
from intermediate.customer_periods cp
join staging.periods pe on pe.period = cp.period and pe.period_kind = 'year'
left join staging.customers c using (customer_id)
left join first_purchase fp using (customer_id)
where cp.is_active
